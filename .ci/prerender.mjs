// Static HTML for every question page, written at build time by the post-build hook: `q/<id>.html` is the app's
// index.html with the question page already in its shell, so a deep link to a question shows the question, its key
// points and its model answer as soon as the HTML and CSS arrive (and without JavaScript), while the wasm loads.
//
// Static hosts serve `q/<id>.html` for `/q/<id>` (GitHub Pages, Netlify, Cloudflare Pages; nginx with
// `try_files $uri $uri.html /index.html`); a host that does not falls back to index.html as before. The service
// worker keeps serving its cached index.html to returning visitors, so these pages are for first visits only.
//
// The markup mirrors src/ui/pages/question_page.rs as a visitor with no progress sees it (keep the two in step:
// tests/e2e/specs/app.spec.js, "question pages prerendered at build time", compares the text of 12 parts with what
// the app renders). The app does not hydrate it: src/main.rs mounts the app hidden, keeps this page up until the
// question's answers file is in, and then swaps in one task.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const escapeHtml = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const LEVELS = { junior: "Junior", mid: "Mid", senior: "Senior" };

function article(q, prev, next) {
  const link = (other, label, rel) =>
    other
      ? `<a href="q/${other.id}" class="dd-pager__link dd-pager__link--${rel}" rel="${rel}"><span class="dd-pager__label">${label}</span><span class="dd-pager__text">${other.html}</span></a>`
      : "";
  const variants = q.variants.length
    ? `<section class="dd-variants" aria-labelledby="variants-heading"><h2 id="variants-heading" class="dd-label">Also asked as</h2><ul>${q.variants
        .map((v) => `<li><span>${v.html}</span><span class="dd-source">${escapeHtml(v.source)}</span></li>`)
        .join("")}</ul></section>`
    : "";
  const body = q.answerFile
    ? `<section class="dd-keypoints" aria-labelledby="keypoints-heading"><h2 id="keypoints-heading" class="dd-label">Key points</h2><ul>${q.keyPoints
        .map((k) => `<li>${k}</li>`)
        .join("")}</ul></section><section class="dd-answer" aria-labelledby="answer-heading"><h2 id="answer-heading" class="dd-label">Model answer</h2><div class="dd-prose">${q.answer}</div></section>`
    : `<section class="dd-pending"><h2 class="dd-label">Model answer coming</h2><p>This question is in the bank, but its model answer is not written yet. You can still study it: say your answer out loud, then grade yourself.</p></section>`;
  const related = q.related.length
    ? `<section aria-labelledby="related-heading"><h2 id="related-heading" class="dd-label">Related questions</h2><ul class="dd-related">${q.related
        .map((r) => `<li><a href="q/${r.id}"><span>${r.html}</span></a></li>`)
        .join("")}</ul></section>`
    : "";
  const sources = [q.source, ...q.variants.map((v) => v.source)].map((s) => `<li>${escapeHtml(s)}</li>`).join("");
  return `<article class="dd-question">
<nav class="dd-crumbs" aria-label="Breadcrumb"><a href="browse">Browse</a><span aria-hidden="true"> / </span><a href="browse?topic=${q.topic}">${escapeHtml(q.topicTitle)}</a></nav>
<h1 class="dd-question__title">${q.html}</h1>
<div class="dd-question__meta"><span class="dd-badge dd-badge--${q.level}">${LEVELS[q.level]}</span><span class="dd-status dd-status--new">New</span>${q.tags
    .map((t) => `<span class="dd-tag">${escapeHtml(t)}</span>`)
    .join("")}</div>
${variants}
${body}
<section class="dd-controls" aria-label="Your progress on this question"><button class="dd-button" aria-pressed="false" disabled>Mark as known</button><a href="study?topics=${q.topic}" class="dd-button">Study this topic</a><p class="dd-history">Not reviewed yet</p></section>
<section class="dd-notes" aria-labelledby="notes-heading"><div class="dd-notes__top"><h2 id="notes-heading" class="dd-label">Your notes</h2><button class="dd-button dd-bookmark" aria-pressed="false" disabled>☆ Bookmark</button></div><textarea class="dd-textarea dd-notes__text" rows="4" aria-labelledby="notes-heading" placeholder="Anything to remember: a project where you used this, a follow-up you were asked…" disabled></textarea><p class="dd-help" role="status"></p></section>
<footer class="dd-question__footer"><section aria-labelledby="sources-heading"><h2 id="sources-heading" class="dd-label">Sources</h2><ul class="dd-sources">${sources}</ul></section>${related}</footer>
<nav class="dd-pager" aria-label="Previous and next question">${link(prev, "Previous", "prev")}${link(next, "Next", "next")}</nav>
</article>`;
}

/**
 * Writes `q/<id>.html` for every question into `staging`, from the finished index.html (`html`), build.rs's
 * prerender.json (`questions`: sources already described as the app shows them, answers as HTML). Returns the
 * number of pages.
 */
export function prerenderQuestions({ staging, html, questions }) {
  const main = /<main class="dd-main dd-shell__main"[^>]*>[\s\S]*?<\/main>/;
  if (!main.test(html)) throw new Error("prerender: index.html has no shell <main> to fill");
  if (!/<base href="\.\/"\s*\/?>/.test(html)) throw new Error('prerender: index.html has no <base href="./">');
  mkdirSync(join(staging, "q"), { recursive: true });
  questions.forEach((q, i) => {
    const title = `${q.text} — Django Drill`;
    const description = `${q.text} Key points and a model answer for Django, DRF and Python backend interviews.`;
    const preload = q.answerFile ? `\n    <link rel="preload" href="${q.answerFile}" as="fetch" crossorigin />` : "";
    const page = html
      // One folder down: relative links and the preload scanner resolve from the app's root at once (the inline
      // script then sets the same root as an absolute path).
      .replace(/<base href="\.\/"\s*\/?>/, `<base href="../" />${preload}`)
      .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(title)}</title>`)
      .replace(/<meta name="description" content="[^"]*"/, `<meta name="description" content="${escapeHtml(description)}"`)
      .replace(
        main,
        () =>
          `<main class="dd-main dd-shell__main" data-dd-answers="${q.answerFile ?? ""}">\n${article(q, questions[i - 1], questions[i + 1])}\n</main>`,
      );
    writeFileSync(join(staging, "q", `${q.id}.html`), page);
  });
  return questions.length;
}
