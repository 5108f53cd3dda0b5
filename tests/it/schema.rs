//! Structured data: every JSON-LD node of the demo checked against the property table in
//! `tests/schema/properties.toml`, and the nodes built from `site.toml` and front matter
//! (procedure, conditions, citations, reviewers, opening hours) in small sites.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::support::{tree, TestSite, SITE_TOML, TODAY};

#[derive(Deserialize)]
struct Table {
    types: BTreeMap<String, TypeEntry>,
    allow_missing: AllowMissing,
}

#[derive(Deserialize)]
struct TypeEntry {
    #[serde(default)]
    extends: Vec<String>,
    #[serde(default)]
    properties: Vec<String>,
    #[serde(default)]
    required: Vec<String>,
    #[serde(default)]
    recommended: Vec<String>,
}

#[derive(Deserialize)]
struct AllowMissing {
    recommended: Vec<String>,
}

fn table() -> Table {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schema/properties.toml");
    let text = std::fs::read_to_string(&path).expect("property table");
    toml::from_str(&text).expect("valid property table")
}

impl Table {
    /// Every property `ty` may carry, its supertypes' included.
    fn allowed(&self, ty: &str) -> BTreeSet<String> {
        let mut all = BTreeSet::new();
        let mut todo = vec![ty.to_string()];
        while let Some(t) = todo.pop() {
            if let Some(e) = self.types.get(&t) {
                all.extend(e.properties.iter().cloned());
                todo.extend(e.extends.iter().cloned());
            }
        }
        all
    }
}

/// Every JSON-LD document of an HTML file.
fn documents(html: &str) -> Vec<Value> {
    let open = "<script type=\"application/ld+json\">";
    html.split(open)
        .skip(1)
        .map(|rest| {
            let json = &rest[..rest.find("</script>").expect("script closed")];
            serde_json::from_str(&json.replace("<\\/", "</")).expect("valid JSON-LD")
        })
        .collect()
}

/// Every node (an object with `@type` or `@id`) at any depth, nodes with the same `@id`
/// merged as JSON-LD merges them.
fn nodes(doc: &Value) -> Vec<Map<String, Value>> {
    fn walk(v: &Value, out: &mut Vec<Map<String, Value>>) {
        match v {
            Value::Object(m) => {
                if m.contains_key("@type") || m.contains_key("@id") {
                    out.push(m.clone());
                }
                m.values().for_each(|x| walk(x, out));
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    walk(doc, &mut all);
    let mut by_id: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
    let mut anonymous = Vec::new();
    for n in all {
        match n.get("@id").and_then(Value::as_str) {
            Some(id) => by_id.entry(id.to_string()).or_default().extend(n),
            None => anonymous.push(n),
        }
    }
    anonymous.extend(by_id.into_values());
    anonymous
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(m) => m.is_empty(),
        _ => false,
    }
}

/// Keys whose string values are URLs, which must be absolute.
const URL_KEYS: &[&str] = &[
    "@id",
    "url",
    "item",
    "target",
    "contentUrl",
    "sameAs",
    "logo",
];

/// The problems of one document, and the recommended properties it leaves out.
fn check_document(t: &Table, doc: &Value, problems: &mut Vec<String>, missing: &mut Vec<String>) {
    fn values(v: &Value, out: &mut Vec<(String, Value)>, key: &str) {
        out.push((key.to_string(), v.clone()));
        match v {
            Value::Object(m) => m.iter().for_each(|(k, x)| values(x, out, k)),
            Value::Array(a) => a.iter().for_each(|x| values(x, out, key)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    values(doc, &mut all, "");
    for (key, v) in &all {
        if is_empty(v) {
            problems.push(format!("`{key}` is empty"));
        }
        if let (true, Some(s)) = (URL_KEYS.contains(&key.as_str()), v.as_str()) {
            if !(s.starts_with("https://") || s.starts_with("http://")) {
                problems.push(format!("`{key}` is not an absolute URL: {s}"));
            }
        }
    }
    for n in nodes(doc) {
        let Some(ty) = n.get("@type") else {
            continue; // a reference to a node defined elsewhere
        };
        let types: Vec<&str> = match ty {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        for ty in types {
            let Some(entry) = t.types.get(ty) else {
                problems.push(format!("type `{ty}` is not in the property table"));
                continue;
            };
            let allowed = t.allowed(ty);
            for k in n.keys().filter(|k| !k.starts_with('@')) {
                if !allowed.contains(k) {
                    problems.push(format!("`{ty}` has no property `{k}`"));
                }
            }
            for r in &entry.required {
                if n.get(r).is_none_or(is_empty) {
                    problems.push(format!("`{ty}` lacks required `{r}`"));
                }
            }
            for r in &entry.recommended {
                if n.get(r).is_none_or(is_empty) {
                    missing.push(format!("{ty}.{r}"));
                }
            }
        }
    }
}

#[test]
fn demo_structured_data_follows_the_property_table() {
    let t = table();
    let out = tempfile::tempdir().expect("temp dir");
    let outcome = pigment::build(&pigment::BuildOptions {
        root: Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
        output: Some(out.path().to_path_buf()),
        base_url: None,
        drafts: false,
        today: Some(TODAY),
        relative_urls: None,
        future: false,
        expired: false,
    })
    .expect("no I/O error");
    assert!(!outcome.has_errors(), "the demo failed to build");
    let mut problems = Vec::new();
    let mut missing: BTreeMap<String, usize> = BTreeMap::new();
    let mut seen = BTreeSet::new();
    let mut documents_checked = 0;
    for (path, bytes) in tree(out.path()) {
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        for doc in documents(&String::from_utf8_lossy(&bytes)) {
            documents_checked += 1;
            let mut p = Vec::new();
            let mut m = Vec::new();
            check_document(&t, &doc, &mut p, &mut m);
            problems.extend(p.into_iter().map(|p| format!("{}: {p}", path.display())));
            for m in m {
                *missing.entry(m).or_default() += 1;
            }
            for n in nodes(&doc) {
                if let Some(ty) = n.get("@type").and_then(Value::as_str) {
                    seen.insert(ty.to_string());
                }
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert!(documents_checked > 100, "{documents_checked} documents");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    println!("recommended properties left out (type.property: documents):");
    for (k, n) in &missing {
        println!("  {k}: {n}");
    }
    let unexpected: Vec<&String> = missing
        .keys()
        .filter(|k| !t.allow_missing.recommended.contains(k))
        .collect();
    assert!(
        unexpected.is_empty(),
        "recommended properties missing and not allowed in properties.toml: {unexpected:?}"
    );
    for ty in [
        "MedicalWebPage",
        "Article",
        "MedicalTherapy",
        "MedicalCondition",
        "MedicalClinic",
        "OpeningHoursSpecification",
        "Person",
        "CreativeWork",
        "FAQPage",
        "BreadcrumbList",
        "MedicalSignOrSymptom",
        "MedicalCode",
    ] {
        assert!(seen.contains(ty), "the demo emits no {ty}");
    }
}

#[test]
fn the_table_check_finds_unknown_types_and_properties_and_empty_values() {
    let t = table();
    let doc = serde_json::json!({ "@context": "https://schema.org", "@graph": [
        { "@type": "MedicalProcedure", "name": "X", "adverseOutcome": [] },
        { "@type": "Gizmo", "name": "Y" },
        { "@type": "Person", "name": "", "url": "/relative/" },
    ]});
    let (mut problems, mut missing) = (Vec::new(), Vec::new());
    check_document(&t, &doc, &mut problems, &mut missing);
    let text = problems.join("\n");
    for expected in [
        "`MedicalProcedure` has no property `adverseOutcome`",
        "type `Gizmo` is not in the property table",
        "`Person` lacks required `name`",
        "`url` is not an absolute URL: /relative/",
        "`adverseOutcome` is empty",
    ] {
        assert!(text.contains(expected), "{expected}\n{text}");
    }
    assert!(missing.contains(&"MedicalProcedure.procedureType".to_string()));
}

const PROCEDURE: &str = r#"
[procedure]
name = "Scalp micropigmentation"
procedure_type = "percutaneous"
body_location = "Scalp"
preparation = "Shave the night before."
followup = "Keep it dry."
how_performed = "Two to four sessions."

[[conditions]]
id = "pattern-hair-loss"
name = "Androgenetic alopecia"
alternate_names = ["Pattern hair loss"]
code = { system = "ICD-10", value = "L64" }
"#;

const HOURS: &str = r#"
[[clinic.hours]]
days = ["Mo", "Tu"]
opens = "09:00"
closes = "17:30"
"#;

/// `SITE_TOML` with `more` added to `[clinic]` (before the topics) and `after` at the end.
fn site_toml(clinic_more: &str, after: &str) -> String {
    let (head, tail) = SITE_TOML.split_at(SITE_TOML.find("[[topics]]").expect("topics"));
    format!("{head}{clinic_more}\n{tail}{after}")
}

const ARTICLE: &str = "---
title: Recovery
description: After treatment.
topics: [recovery]
conditions: [pattern-hair-loss]
reviewed: { by: Dr R, role: Dermatologist, on: 2026-06-01, credential: FCPS (Dermatology), affiliation: Fixture Clinic }
sources:
  - { title: Healing guide, url: \"https://source.example/healing\", publisher: Skin Society }
  - { title: A book }
side_effects:
  - { name: Redness, frequency: common, action: self-care, note: Fades in days. }
  - { name: Spreading redness with fever, frequency: rare, action: urgent }
  - { name: Swollen glands, frequency: uncommon, action: contact-clinic }
---
Body.
";

fn graph(html: &str) -> Vec<Value> {
    documents(html)[0]["@graph"]
        .as_array()
        .expect("graph")
        .clone()
}

fn of_type<'a>(graph: &'a [Value], ty: &str) -> Vec<&'a Value> {
    graph.iter().filter(|n| n["@type"] == ty).collect()
}

#[test]
fn the_procedure_its_side_effects_and_conditions_are_stated() {
    let s = TestSite::with(&[("content/articles/recovery.md", ARTICLE)]);
    s.write("site.toml", &site_toml(HOURS, PROCEDURE));
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);

    let home = graph(&s.out("index.html"));
    let procedure = of_type(&home, "MedicalTherapy")[0];
    assert_eq!(procedure["@id"], "https://fixture.example/#procedure");
    assert_eq!(
        procedure["procedureType"],
        "https://schema.org/PercutaneousProcedure"
    );
    assert_eq!(procedure["bodyLocation"], "Scalp");
    assert_eq!(procedure["preparation"], "Shave the night before.");
    assert_eq!(procedure["followup"], "Keep it dry.");
    assert_eq!(procedure["howPerformed"], "Two to four sessions.");
    let names = |key: &str| -> Vec<String> {
        procedure[key]
            .as_array()
            .expect(key)
            .iter()
            .map(|n| format!("{}:{}", n["@type"].as_str().unwrap_or(""), n["name"]))
            .collect()
    };
    assert_eq!(
        names("adverseOutcome"),
        [
            "MedicalSignOrSymptom:\"Redness\"",
            "MedicalSignOrSymptom:\"Swollen glands\""
        ]
    );
    assert_eq!(
        names("seriousAdverseOutcome"),
        ["MedicalSignOrSymptom:\"Spreading redness with fever\""]
    );

    let article = graph(&s.out("articles/recovery/index.html"));
    let about = &of_type(&article, "Article")[0]["about"];
    assert_eq!(
        about,
        &serde_json::json!([
            { "@id": "https://fixture.example/#procedure" },
            { "@id": "https://fixture.example/#condition-pattern-hair-loss" }
        ])
    );
    let condition = of_type(&article, "MedicalCondition")[0];
    assert_eq!(condition["name"], "Androgenetic alopecia");
    assert_eq!(condition["alternateName"][0], "Pattern hair loss");
    assert_eq!(condition["code"]["codeValue"], "L64");
    assert_eq!(condition["code"]["codingSystem"], "ICD-10");
    let on_page = of_type(&article, "MedicalTherapy")[0];
    assert_eq!(
        on_page["seriousAdverseOutcome"][0]["name"],
        "Spreading redness with fever"
    );
}

#[test]
fn citations_reviewer_and_opening_hours_are_stated() {
    let s = TestSite::with(&[("content/articles/recovery.md", ARTICLE)]);
    s.write("site.toml", &site_toml(HOURS, PROCEDURE));
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let g = graph(&s.out("articles/recovery/index.html"));
    let page = of_type(&g, "MedicalWebPage")[0];
    let article = of_type(&g, "Article")[0];
    let cited = serde_json::json!([
        { "@type": "CreativeWork", "name": "Healing guide", "url": "https://source.example/healing",
          "publisher": { "@type": "Organization", "name": "Skin Society" } },
        { "@type": "CreativeWork", "name": "A book" }
    ]);
    assert_eq!(page["citation"], cited);
    assert_eq!(article["citation"], cited);
    assert_eq!(
        page["reviewedBy"],
        serde_json::json!({
            "@type": "Person", "name": "Dr R", "jobTitle": "Dermatologist",
            "hasCredential": { "@type": "EducationalOccupationalCredential", "name": "FCPS (Dermatology)" },
            "affiliation": { "@type": "Organization", "name": "Fixture Clinic" }
        })
    );
    let clinic = of_type(&g, "MedicalClinic")[0];
    assert_eq!(
        clinic["openingHoursSpecification"],
        serde_json::json!([{
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": ["https://schema.org/Monday", "https://schema.org/Tuesday"],
            "opens": "09:00", "closes": "17:30"
        }])
    );
    // The fixture's address has no region: the key is left out, not "".
    assert!(clinic["address"].get("addressRegion").is_none(), "{clinic}");
    let text = serde_json::to_string(&g).expect("json");
    assert!(!text.contains(":\"\""), "{text}");
}

#[test]
fn no_procedure_node_without_a_configured_procedure() {
    let s = TestSite::with(&[
        (
            "content/_index.md",
            "---\ntitle: Home\nextra: { procedure: SMP, procedure_type: Noninvasive }\n---\nHi.\n",
        ),
        ("content/articles/a.md", "---\ntitle: A\n---\nText.\n"),
    ]);
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let home = s.out("index.html");
    assert!(!home.contains("Procedure"), "{home}");
    assert!(!home.contains("MedicalTherapy"), "{home}");
}

#[test]
fn the_404_page_names_its_real_url_and_topic_crumbs_are_titled() {
    let s = TestSite::with(&[(
        "content/articles/recovery.md",
        "---\ntitle: Recovery\ntopics: [recovery]\n---\nBody.\n",
    )]);
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let g = graph(&s.out("404.html"));
    let page = of_type(&g, "MedicalWebPage")[0];
    assert_eq!(page["url"], "https://fixture.example/404.html");
    assert!(!s.out("404.html").contains("/404/#"), "no /404/ URL");
    let g = graph(&s.out("topics/recovery/index.html"));
    let crumbs = &of_type(&g, "BreadcrumbList")[0]["itemListElement"];
    assert_eq!(crumbs[1]["name"], "Topics");
    assert_eq!(crumbs[1]["item"], "https://fixture.example/topics/");
}

#[test]
fn every_html_file_of_a_small_site_follows_the_table() {
    let s = TestSite::with(&[("content/articles/recovery.md", ARTICLE)]);
    s.write("site.toml", &site_toml(HOURS, PROCEDURE));
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let t = table();
    let mut problems = Vec::new();
    for (path, bytes) in tree(&s.root().join("public")) {
        if path.extension().is_some_and(|e| e == "html") {
            for doc in documents(&String::from_utf8_lossy(&bytes)) {
                let mut p = Vec::new();
                check_document(&t, &doc, &mut p, &mut Vec::new());
                problems.extend(p.into_iter().map(|p| format!("{}: {p}", path.display())));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
