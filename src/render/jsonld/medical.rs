//! The medical nodes of the structured data: the site's procedure with its side effects,
//! the conditions pages are about, sources as citations, the reviewer's credentials and
//! the clinic's opening hours.
//!
//! The procedure is a `MedicalTherapy`, a `MedicalProcedure` subtype: schema.org defines
//! `adverseOutcome` from `TherapeuticProcedure` down and `seriousAdverseOutcome` on
//! `MedicalTherapy` only, so a plain `MedicalProcedure` may carry neither.

use serde_json::{json, Map, Value};

use crate::config::{Condition, Config, OpeningHours};
use crate::health::{Action, SideEffect};
use crate::parse::frontmatter::{Review, Source};
use crate::resolve::model::{Page, PageKind, Site};

/// The schema.org type of the site's procedure node.
const PROCEDURE_TYPE: &str = "MedicalTherapy";

/// The `@id` of the site's procedure.
fn procedure_id(c: &Config) -> String {
    format!("{}#procedure", c.permalink("/"))
}

/// The `@id` of a condition.
fn condition_id(c: &Config, id: &str) -> String {
    format!("{}#condition-{id}", c.permalink("/"))
}

/// What a page is `about`: the site's procedure (when configured) on articles, FAQs and
/// the home page, and the page's conditions.
pub(super) fn about(c: &Config, p: &Page) -> Vec<Value> {
    let procedure = c.procedure.as_ref().filter(|_| on_procedure(p));
    let procedure = procedure.map(|_| json!({ "@id": procedure_id(c) }));
    let conditions = known_conditions(c, p).map(|k| json!({ "@id": condition_id(c, &k.id) }));
    procedure.into_iter().chain(conditions).collect()
}

/// Articles, FAQs and the home page are about the site's procedure.
fn on_procedure(p: &Page) -> bool {
    matches!(p.kind, PageKind::Article | PageKind::Faq | PageKind::Home)
}

fn known_conditions<'a>(c: &'a Config, p: &'a Page) -> impl Iterator<Item = &'a Condition> {
    p.conditions.iter().filter_map(|id| c.condition(id))
}

/// The nodes a page's `about` points at: the procedure (in full on the home page, with
/// every page's side effects; elsewhere its name and this page's side effects) and the
/// page's conditions.
pub(super) fn about_nodes(site: &Site, p: &Page) -> Vec<Value> {
    let c = &site.config;
    let mut nodes = Vec::new();
    if let (Some(procedure), true) = (&c.procedure, on_procedure(p)) {
        let mut m = Map::new();
        m.insert("@type".into(), json!(PROCEDURE_TYPE));
        m.insert("@id".into(), json!(procedure_id(c)));
        m.insert("name".into(), json!(procedure.name));
        m.insert("url".into(), json!(c.permalink("/")));
        let description = procedure.description.as_deref().unwrap_or(&c.description);
        m.insert("description".into(), json!(description));
        if let Some(t) = procedure.procedure_type {
            m.insert("procedureType".into(), json!(t.url()));
        }
        let side_effects: Vec<&SideEffect> = if p.kind == PageKind::Home {
            add_procedure_details(c, &mut m);
            every_side_effect(site)
        } else {
            p.side_effects.iter().collect()
        };
        add_outcomes(&mut m, &side_effects);
        nodes.push(Value::Object(m));
    }
    nodes.extend(known_conditions(c, p).map(|k| condition(c, k)));
    nodes
}

/// `bodyLocation`, `preparation`, `followup` and `howPerformed` from `[procedure]`.
fn add_procedure_details(c: &Config, m: &mut Map<String, Value>) {
    let Some(p) = &c.procedure else {
        return;
    };
    for (key, value) in [
        ("bodyLocation", &p.body_location),
        ("preparation", &p.preparation),
        ("followup", &p.followup),
        ("howPerformed", &p.how_performed),
    ] {
        if let Some(v) = value {
            m.insert(key.into(), json!(v));
        }
    }
}

/// Every side effect of the site's pages, each name once, in page order.
fn every_side_effect(site: &Site) -> Vec<&SideEffect> {
    let mut all: Vec<&SideEffect> = Vec::new();
    for s in site.pages.iter().flat_map(|p| p.side_effects.iter()) {
        if !all.iter().any(|x| x.name.eq_ignore_ascii_case(&s.name)) {
            all.push(s);
        }
    }
    all
}

/// Side effects as `adverseOutcome` (self-care, call the clinic) and
/// `seriousAdverseOutcome` (urgent), each a `MedicalSignOrSymptom`.
fn add_outcomes(m: &mut Map<String, Value>, side_effects: &[&SideEffect]) {
    let node = |s: &&SideEffect| json!({ "@type": "MedicalSignOrSymptom", "name": s.name, "description": s.note });
    let (serious, other): (Vec<&SideEffect>, Vec<&SideEffect>) = side_effects
        .iter()
        .partition(|s| s.action == Action::Urgent);
    let other: Vec<Value> = other.iter().map(node).collect();
    let serious: Vec<Value> = serious.iter().map(node).collect();
    m.insert("adverseOutcome".into(), Value::Array(other));
    m.insert("seriousAdverseOutcome".into(), Value::Array(serious));
}

/// A `MedicalCondition` node from `[[conditions]]`.
fn condition(c: &Config, k: &Condition) -> Value {
    let code = k.code.as_ref().map(|code| {
        json!({ "@type": "MedicalCode", "codeValue": code.value, "codingSystem": code.system })
    });
    json!({
        "@type": "MedicalCondition",
        "@id": condition_id(c, &k.id),
        "name": k.name,
        "alternateName": k.alternate_names,
        "code": code,
    })
}

/// The page's sources as `CreativeWork` citations.
pub(super) fn citations(sources: &[Source]) -> Vec<Value> {
    sources
        .iter()
        .map(|s| {
            let publisher = s
                .publisher
                .as_ref()
                .map(|p| json!({ "@type": "Organization", "name": p }));
            json!({ "@type": "CreativeWork", "name": s.title, "url": s.url, "publisher": publisher })
        })
        .collect()
}

/// The reviewer as a `Person`, with their role, credential and affiliation.
pub(super) fn reviewer(r: &Review) -> Value {
    let credential = r
        .credential
        .as_ref()
        .map(|name| json!({ "@type": "EducationalOccupationalCredential", "name": name }));
    let affiliation = r
        .affiliation
        .as_ref()
        .map(|name| json!({ "@type": "Organization", "name": name }));
    json!({
        "@type": "Person",
        "name": r.by,
        "jobTitle": r.role,
        "hasCredential": credential,
        "affiliation": affiliation,
    })
}

/// `[[clinic.hours]]` as `OpeningHoursSpecification`s.
pub(super) fn opening_hours(hours: &[OpeningHours]) -> Vec<Value> {
    hours
        .iter()
        .map(|h| {
            let days: Vec<&str> = h.days.iter().map(|d| d.url()).collect();
            json!({
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": days,
                "opens": h.opens,
                "closes": h.closes,
            })
        })
        .collect()
}

/// Drops every empty string, `null`, empty list and empty object, at any depth, so no
/// node says "" for a value it does not have.
pub(super) fn prune(value: &mut Value) {
    match value {
        Value::Object(m) => {
            m.values_mut().for_each(prune);
            m.retain(|_, v| !is_empty(v));
        }
        Value::Array(a) => {
            a.iter_mut().for_each(prune);
            a.retain(|v| !is_empty(v));
        }
        _ => {}
    }
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
