use django_drill::core::bank;
use django_drill::core::search::{self, tokenize};
use std::collections::BTreeMap;

#[test]
fn explore() {
    let idx = search::bank_index();
    println!("{idx:?} heap={}", idx.heap_bytes());
    for t in tokenize("Use select_related() with @login_required in settings.py; N+1 and N + 1, ModelSerializer's get_or_create, sync_to_async, __init__, django.db.models.Model HTTPResponse don't") {
        println!("{:?}", t);
    }
    let notes = BTreeMap::new();
    let extra = std::fs::read_to_string("/tmp/explore_queries.txt").unwrap();
    for q in extra.lines() {
        let hits = search::search(q, &notes, 5);
        println!("== {q}");
        for h in hits {
            println!(
                "  {:.2} {} {:?} | {}",
                h.score,
                h.id,
                h.field,
                h.snippet
                    .iter()
                    .map(|s| if s.highlighted {
                        format!("[{}]", s.text)
                    } else {
                        s.text.clone()
                    })
                    .collect::<String>()
            );
        }
    }
    let mut top1 = 0;
    let mut top3 = 0;
    let mut total = 0;
    for (i, q) in bank::questions().iter().enumerate() {
        for text in std::iter::once(q.text).chain(q.variants.iter().map(|v| v.text)) {
            total += 1;
            let hits = search::search(text, &notes, 3);
            let pos = hits.iter().position(|h| h.id == q.id);
            match pos {
                Some(0) => {
                    top1 += 1;
                    top3 += 1
                }
                Some(_) => {
                    top3 += 1;
                    println!("rank {:?} {} <- {}  got {}", pos, q.id, text, hits[0].id)
                }
                None => println!(
                    "MISS {} <- {}  got {:?}",
                    q.id,
                    text,
                    hits.iter().map(|h| h.id).collect::<Vec<_>>()
                ),
            }
        }
        let _ = i;
    }
    println!("wordings: {total} top1 {top1} top3 {top3}");
}
