//! A deterministic generator of N-page sites in Pigment's content model: articles in
//! section folders with 400–1,200-word bodies (headings, tables, lists, footnotes, links
//! to other pages and their headings), FAQs with `related`, topics, tags, reviews,
//! sources, and a few articles with stages, side effects and costs. The same seed always
//! gives the same bytes, so Pigment and Hugo build exactly the same text.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

use crate::text::{sentence, title_case, words, Rng, WORDS};

const REVIEWERS: &[(&str, &str)] = &[
    ("Dr Ayesha Rahman", "Consultant dermatologist"),
    ("Dr Bilal Qureshi", "Hair restoration physician"),
    ("Sana Malik", "Senior SMP practitioner"),
    ("Dr Omar Siddiqui", "General practitioner"),
];

/// Activities to avoid, each always with the same `until`, so the generated site has no
/// contradicting advice (which would print thousands of warnings).
const AVOID: &[(&str, &str)] = &[
    ("washing the scalp", "7d"),
    ("swimming", "28d"),
    ("direct sun on the scalp", "28d"),
    ("strenuous exercise", "7d"),
    ("alcohol", "1d"),
    ("saunas and steam rooms", "28d"),
    ("picking scabs", "14d"),
    ("shaving the treated area", "10d"),
];

/// How an N-page site is laid out.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shape {
    pub pages: usize,
    pub faqs: usize,
    pub articles: usize,
    pub sections: usize,
    pub topics: usize,
    pub tags: usize,
}

impl Shape {
    /// `pages` content files in all: the home and FAQ `_index.md`, an `_index.md` per
    /// article folder, 5% FAQs and the rest articles. Topics and tags grow with the site
    /// (a topic or tag keeps about the same number of pages), as they do on real sites.
    pub(crate) fn new(pages: usize) -> Shape {
        let pages = pages.max(100);
        let sections = (pages / 500).max(2);
        let faqs = pages / 20;
        let articles = pages - faqs - sections - 3;
        Shape {
            pages,
            faqs,
            articles,
            sections,
            topics: (pages / 100).max(8),
            tags: (pages / 25).max(20),
        }
    }
}

fn topic_id(t: usize) -> String {
    format!("topic-{t:03}")
}

fn tag_name(t: usize) -> String {
    let n = WORDS.len();
    format!("{} {}", WORDS[t % n], WORDS[(t / n + t * 7) % n])
}

fn section_dir(s: usize) -> String {
    format!("articles/sec-{s:02}")
}

/// Content path of article `a`.
fn article_path(shape: &Shape, a: usize) -> String {
    format!("{}/a{a:05}.md", section_dir(a % shape.sections))
}

fn faq_path(f: usize) -> String {
    format!("faq/q{f:04}.md")
}

fn date(i: usize, year_from: usize) -> String {
    format!(
        "{}-{:02}-{:02}",
        year_from + i % 8,
        1 + (i / 8) % 12,
        1 + (i / 96) % 28
    )
}

fn skewed(rng: &mut Rng, n: usize) -> usize {
    // Squaring a uniform number makes low indices common, like real tag use.
    let u = (rng.next() % 10_000) as f64 / 10_000.0;
    ((u * u) * n as f64) as usize % n
}

fn yaml_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn common_front_matter(out: &mut String, rng: &mut Rng, shape: &Shape, i: usize) {
    let _ = writeln!(out, "date: {}", date(i, 2018));
    if rng.chance(40) {
        let _ = writeln!(out, "updated: {}", date(i + 3, 2026));
    }
    let n_topics = rng.range(1, 2);
    let topics: Vec<String> = (0..n_topics)
        .map(|_| topic_id(rng.range(0, shape.topics - 1)))
        .collect();
    let mut topics_dedup = topics.clone();
    topics_dedup.dedup();
    let _ = writeln!(out, "topics: [{}]", topics_dedup.join(", "));
    let mut tags: Vec<String> = (0..rng.range(2, 5))
        .map(|_| tag_name(skewed(rng, shape.tags)))
        .collect();
    tags.sort();
    tags.dedup();
    let _ = writeln!(out, "tags: [{}]", tags.join(", "));
    let (by, role) = *rng.pick(REVIEWERS);
    let _ = writeln!(
        out,
        "reviewed: {{ by: {by}, role: {role}, on: {}, next: 2099-01-01 }}",
        date(i, 2026)
    );
    out.push_str("sources:\n");
    for k in 0..rng.range(1, 4) {
        let t = title_case(&words(rng, 3, 7));
        let _ = writeln!(
            out,
            "  - {{ title: {}, url: \"https://example.org/ref/{i}/{k}\" }}",
            yaml_str(&t)
        );
    }
}

fn health_front_matter(out: &mut String, rng: &mut Rng, a: usize) {
    if a % 50 == 7 {
        out.push_str("stages:\n");
        let spans = [("0d", "3d"), ("3d", "14d"), ("2w", "6w")];
        for (k, (from, to)) in spans.iter().enumerate().take(rng.range(1, 3)) {
            let _ = writeln!(out, "  - id: stage-{k}");
            let _ = writeln!(
                out,
                "    title: {}",
                yaml_str(&title_case(&words(rng, 2, 5)))
            );
            let _ = writeln!(out, "    from: {from}\n    to: {to}\n    section: overview");
            let _ = writeln!(out, "    summary: {}", yaml_str(&sentence(rng)));
            let _ = writeln!(
                out,
                "    expect: [{}, {}]",
                rng.pick(WORDS),
                rng.pick(WORDS)
            );
            let _ = writeln!(out, "    do: [{}]", yaml_str(&sentence(rng)));
            out.push_str("    avoid:\n");
            for _ in 0..rng.range(1, 3) {
                let (what, until) = rng.pick(AVOID);
                let _ = writeln!(out, "      - {{ what: {what}, until: {until} }}");
            }
            let _ = writeln!(out, "    call_clinic_if: [{}]", yaml_str(&sentence(rng)));
        }
    }
    if a % 40 == 3 {
        out.push_str("side_effects:\n");
        let freq = ["common", "uncommon", "rare"];
        let action = ["self-care", "contact-clinic", "urgent"];
        for _ in 0..rng.range(1, 3) {
            let _ = writeln!(
                out,
                "  - {{ name: {}, onset: {}d, lasts: {}d, frequency: {}, action: {} }}",
                yaml_str(&title_case(&words(rng, 1, 3))),
                rng.range(0, 3),
                rng.range(1, 14),
                rng.pick(&freq),
                rng.pick(&action)
            );
        }
    }
    if a % 50 == 11 {
        out.push_str("costs:\n");
        let min = rng.range(2, 8) * 100;
        let _ = writeln!(
            out,
            "  - {{ item: {}, min: {min}, max: {}, currency: USD, per: session, count: \"2-4\" }}",
            yaml_str(&title_case(&words(rng, 2, 4))),
            min + rng.range(1, 6) * 100
        );
    }
}

/// An article or FAQ body of about `target` words.
fn body(rng: &mut Rng, shape: &Shape, target: usize, self_dir: &str) -> String {
    let mut out = String::new();
    let mut count = 0;
    let mut footnotes = 0;
    let link = |rng: &mut Rng| -> String {
        let text = words(rng, 2, 4).join(" ");
        if rng.chance(25) {
            let f = rng.range(0, shape.faqs - 1);
            format!("[{text}](/{})", faq_path(f))
        } else {
            let a = rng.range(0, shape.articles - 1);
            let path = article_path(shape, a);
            let frag = if rng.chance(30) { "#overview" } else { "" };
            match path.strip_prefix(&format!("{self_dir}/")) {
                Some(rest) => format!("[{text}]({rest}{frag})"),
                None => format!("[{text}](/{path}{frag})"),
            }
        }
    };
    let paragraph = |rng: &mut Rng, count: &mut usize, footnotes: &mut usize| -> String {
        let mut p = String::new();
        for k in 0..rng.range(2, 5) {
            let s = sentence(rng);
            *count += s.split_whitespace().count();
            p.push_str(&s);
            if k == 1 && rng.chance(50) {
                p.push_str(" See ");
                p.push_str(&link(rng));
                p.push('.');
            }
            if rng.chance(8) {
                *footnotes += 1;
                let _ = write!(p, "[^{footnotes}]");
            }
            p.push(' ');
        }
        p.pop();
        p.push_str("\n\n");
        p
    };
    out.push_str(&paragraph(rng, &mut count, &mut footnotes));
    out.push_str("## Overview\n\n");
    let mut block = 0;
    while count < target {
        block += 1;
        match block % 6 {
            0 => {
                let _ = writeln!(out, "## {}\n", title_case(&words(rng, 2, 4)));
            }
            3 => {
                let _ = writeln!(out, "### {}\n", title_case(&words(rng, 2, 4)));
            }
            _ => {}
        }
        match rng.range(0, 9) {
            0 => {
                for _ in 0..rng.range(3, 6) {
                    let w = words(rng, 4, 10);
                    count += w.len();
                    let _ = writeln!(out, "- {}", title_case(&w));
                }
                out.push('\n');
            }
            1 => {
                for n in 1..=rng.range(3, 5) {
                    let w = words(rng, 4, 10);
                    count += w.len();
                    let _ = writeln!(out, "{n}. {}", title_case(&w));
                }
                out.push('\n');
            }
            2 => {
                out.push_str("| Time | What to expect | What to do |\n| --- | --- | --- |\n");
                for r in 0..rng.range(2, 5) {
                    let a = words(rng, 2, 5).join(" ");
                    let b = words(rng, 2, 5).join(" ");
                    count += 2 + a.split(' ').count() + b.split(' ').count();
                    let _ = writeln!(out, "| Day {} | {a} | {b} |", r * 3);
                }
                out.push('\n');
            }
            _ => out.push_str(&paragraph(rng, &mut count, &mut footnotes)),
        }
    }
    for n in 1..=footnotes {
        let _ = writeln!(out, "[^{n}]: {}", sentence(rng));
    }
    out
}

fn article(shape: &Shape, a: usize) -> String {
    let mut rng = Rng::new(0xa17_1c1e ^ (a as u64).wrapping_mul(0x1000_0001));
    let mut fm = String::from("---\n");
    let _ = writeln!(
        fm,
        "title: {}",
        yaml_str(&title_case(&words(&mut rng, 3, 7)))
    );
    let _ = writeln!(fm, "description: {}", yaml_str(&sentence(&mut rng)));
    if rng.chance(20) {
        let _ = writeln!(fm, "weight: {}", rng.range(1, 100));
    }
    common_front_matter(&mut fm, &mut rng, shape, a);
    health_front_matter(&mut fm, &mut rng, a);
    fm.push_str("---\n");
    let target = rng.range(400, 1200);
    let dir = section_dir(a % shape.sections);
    fm.push_str(&body(&mut rng, shape, target, &dir));
    fm
}

fn faq(shape: &Shape, f: usize) -> (String, String) {
    let mut rng = Rng::new(0xfa9 ^ (f as u64).wrapping_mul(0x2000_0003));
    let mut fm = String::from("---\n");
    let question = format!("{}?", title_case(&words(&mut rng, 4, 9)));
    let _ = writeln!(fm, "question: {}", yaml_str(&question));
    common_front_matter(&mut fm, &mut rng, shape, f);
    fm.push_str("related:\n");
    let _ = writeln!(
        fm,
        "  - ../{}",
        article_path(shape, rng.range(0, shape.articles - 1))
    );
    let other = (f + 1 + rng.range(0, shape.faqs - 2)) % shape.faqs;
    let _ = writeln!(fm, "  - {}", faq_path(other).trim_start_matches("faq/"));
    fm.push_str("---\n");
    let target = rng.range(80, 250);
    fm.push_str(&body(&mut rng, shape, target, "faq"));
    (fm, question)
}

fn site_toml(shape: &Shape) -> String {
    let mut s = String::from(
        r#"title = "Generated Clinic Guide"
base_url = "https://clinic.example"
language = "en"
theme = "clinic"
description = "A generated patient guide used to benchmark Pigment."

[clinic]
name = "Benchmark Skin & Hair Clinic"
phone = "+92 51 555 0142"
email = "care@clinic.example"
booking_url = "/book/"
opening_hours = "Mon–Sat 10:00–18:00"
address = { street = "Plot 14, Street 7", locality = "Islamabad", region = "ICT", postal_code = "44000", country = "PK" }

[[menu]]
title = "Articles"
url = "/articles/"

[[menu]]
title = "FAQ"
url = "/faq/"

[[menu]]
title = "Recovery timeline"
url = "/timeline/"

[costs]
as_of = 2026-10-01

[build]
output = "public"
"#,
    );
    for t in 0..shape.topics {
        let mut rng = Rng::new(0x70b1c ^ t as u64);
        let _ = write!(
            s,
            "\n[[topics]]\nid = \"{}\"\ntitle = \"{} {t}\"\ndescription = {}\n",
            topic_id(t),
            title_case(&words(&mut rng, 1, 3)),
            yaml_str(&sentence(&mut rng))
        );
    }
    s
}

fn write(root: &Path, rel: &str, text: &str) -> io::Result<()> {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text)
}

/// Writes the Pigment site into `pigment_root` and the same content, with the Hugo
/// configuration and templates, into `hugo_root`.
pub(crate) fn generate(pages: usize, pigment_root: &Path, hugo_root: &Path) -> io::Result<Shape> {
    let shape = Shape::new(pages);
    for root in [pigment_root, hugo_root] {
        if root.exists() {
            std::fs::remove_dir_all(root)?;
        }
    }
    write(pigment_root, "site.toml", &site_toml(&shape))?;
    crate::hugo::write_project(hugo_root, &shape)?;
    let both = |rel: &str, text: &str| -> io::Result<()> {
        write(&pigment_root.join("content"), rel, text)?;
        write(&hugo_root.join("content"), rel, text)
    };
    let intro = "Welcome to the generated guide. Start with [the first article](/articles/sec-00/a00000.md) or the [questions](/faq/q0000.md).\n";
    both(
        "_index.md",
        &format!("---\ntitle: Generated Clinic Guide\n---\n{intro}"),
    )?;
    both(
        "book.md",
        "---\ntitle: Book a consultation\ndescription: \"How to book.\"\n---\nCall or write to us.\n",
    )?;
    both(
        "articles/_index.md",
        "---\ntitle: Articles\ndescription: \"Every guide, folder by folder.\"\n---\nAll our guides.\n",
    )?;
    both(
        "faq/_index.md",
        "---\ntitle: Frequently asked questions\ndescription: \"Short answers.\"\n---\nThe questions patients ask most.\n",
    )?;
    for s in 0..shape.sections {
        both(
            &format!("{}/_index.md", section_dir(s)),
            &format!("---\ntitle: \"Guides, part {}\"\n---\n", s + 1),
        )?;
    }
    for a in 0..shape.articles {
        both(&article_path(&shape, a), &article(&shape, a))?;
    }
    for f in 0..shape.faqs {
        let (text, question) = faq(&shape, f);
        write(&pigment_root.join("content"), &faq_path(f), &text)?;
        // Hugo needs a `title`; everything else is the same file.
        let hugo_text = text.replacen(
            "---\n",
            &format!("---\ntitle: {}\n", yaml_str(&question)),
            1,
        );
        write(&hugo_root.join("content"), &faq_path(f), &hugo_text)?;
    }
    Ok(shape)
}

/// Topic ids and titles, for the Hugo configuration.
pub(crate) fn topics(shape: &Shape) -> Vec<(String, String)> {
    (0..shape.topics)
        .map(|t| {
            let mut rng = Rng::new(0x70b1c ^ t as u64);
            (
                topic_id(t),
                format!("{} {t}", title_case(&words(&mut rng, 1, 3))),
            )
        })
        .collect()
}
