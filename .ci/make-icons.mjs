// Rasterises public/icons/*.svg into the PNG icons with the system Chromium. Run after editing an SVG:
// node .ci/make-icons.mjs (needs tests/e2e/node_modules: run .ci/setup first).
import { chromium } from "/work/main/tests/e2e/node_modules/playwright-core/index.mjs";
import { readFileSync } from "node:fs";
const dir = "/work/main/public/icons/";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
for (const [src, out, size, pad] of [
  ["icon.svg", "icon-192.png", 192], ["icon.svg", "icon-512.png", 512],
  ["maskable.svg", "maskable-512.png", 512], ["maskable.svg", "apple-touch-icon.png", 180], ["icon.svg", "favicon-32.png", 32],
]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  const svg = readFileSync(dir + src, "utf8");
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace("<svg ", `<svg width="${size}" height="${size}" `)}</body></html>`);
  await page.screenshot({ path: dir + out, omitBackground: true });
}
await browser.close();
