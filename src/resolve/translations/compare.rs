//! A translation's health data against its original's, fact by fact: stages matched by
//! `id`, side effects and costs by position (their names are translated, their order is
//! not). Only the facts are compared, never the words.

use std::fmt::Display;

use serde::Serialize;

use crate::diagnostics::code;
use crate::diagnostics::{Diagnostic, Location};
use crate::health::{CostItem, SideEffect, Stage};
use crate::resolve::model::Page;

/// Warnings for every fact in `translation`'s stages, side effects and costs that is not
/// the same in `original`'s, each located at the translation's line. A list the
/// translation leaves out is not compared: it takes the original's.
pub(crate) fn compare(original: &Page, translation: &Page) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let p = &mut problems;
    let (o, t) = (original, translation);
    let name = original
        .display_path
        .file_name()
        .map(|n| n.to_string_lossy());
    let name = name.as_deref().unwrap_or("the original");
    let stages = (name, &o.stages[..], &t.stages[..]);
    compare_list(STAGES, stages, |s| &s.location, compare_stages, p);
    let effects = (name, &o.side_effects[..], &t.side_effects[..]);
    compare_list(
        SIDE_EFFECTS,
        effects,
        |s| &s.location,
        compare_side_effects,
        p,
    );
    let costs = (name, &o.costs[..], &t.costs[..]);
    compare_list(COSTS, costs, |c| &c.location, compare_costs, p);
    problems
}

/// Compares one list with `compare_items` when both sides have it: a translation without
/// it takes the original's, and one the original (file `name`) lacks is a warning.
fn compare_list<T>(
    list: List,
    (name, original, translation): (&str, &[T], &[T]),
    location: fn(&T) -> &Location,
    compare_items: fn(&[T], &[T], &mut Vec<Diagnostic>),
    problems: &mut Vec<Diagnostic>,
) {
    let Some(first) = translation.first() else {
        return;
    };
    if !original.is_empty() {
        compare_items(original, translation, problems);
        return;
    }
    let at = location(first);
    problems.push(
        Diagnostic::warning(
            list.code,
            format!("{} gives `{}`; {name} has none", place(at), list.field),
        )
        .at(at.clone())
        .help(format!(
            "a translation says what its original says: remove `{}` here, or add it to the original first",
            list.field
        )),
    );
}

/// Which list a fact belongs to: its diagnostic code and its front-matter field.
#[derive(Clone, Copy)]
struct List {
    code: &'static str,
    field: &'static str,
}

const STAGES: List = List {
    code: code::TRANSLATION_STAGES,
    field: "stages",
};
const SIDE_EFFECTS: List = List {
    code: code::TRANSLATION_SIDE_EFFECTS,
    field: "side_effects",
};
const COSTS: List = List {
    code: code::TRANSLATION_COSTS,
    field: "costs",
};

/// One fact, as the translation and the original write it.
struct Fact<'a, T> {
    /// What the fact is about, in the original's words: `swimming`, stage `first-days`.
    subject: &'a str,
    /// Its front-matter key: `until`, `frequency`.
    key: &'static str,
    /// The translation's value and where it is.
    ours: (Option<T>, &'a Location),
    /// The original's value and where it is.
    theirs: (Option<T>, &'a Location),
}

/// Pushes a warning when the two sides of `fact` differ:
/// `recovery.ur.md:31 says swimming until 14d; recovery.md:29 says 28d`.
fn check<T: PartialEq + Display>(list: List, fact: Fact<'_, T>, problems: &mut Vec<Diagnostic>) {
    let Fact {
        subject,
        key,
        ours: (ours, at),
        theirs: (theirs, original_at),
    } = fact;
    if ours == theirs {
        return;
    }
    let says = |v: &Option<T>, full: bool| match (v, full) {
        (Some(v), true) => format!("says {subject} {key} {v}"),
        (Some(v), false) => format!("says {v}"),
        (None, true) => format!("gives {subject} no `{key}`"),
        (None, false) => "gives none".to_string(),
    };
    let message = format!(
        "{} {}; {} {}",
        place(at),
        says(&ours, true),
        place(original_at),
        says(&theirs, false)
    );
    let original = file_name(original_at);
    let fix = match &theirs {
        Some(v) => format!("copy `{key}: {v}` from {original}"),
        None => format!("leave `{key}` out, as {original} does"),
    };
    problems.push(
        Diagnostic::warning(list.code, message)
            .at(at.clone())
            .label("not what the original says")
            .also(
                format!("the original {}", says(&theirs, false)),
                original_at.clone(),
            )
            .help(format!("{fix}, or {}", inherit_hint(list))),
    );
}

/// Pushes a warning when the two sides list a different number of items. `at` and
/// `original_at` are the first item one side has and the other lacks (else the last).
fn check_count(
    list: List,
    (one, many): (&str, &str),
    (ours, at): (usize, &Location),
    (theirs, original_at): (usize, &Location),
    problems: &mut Vec<Diagnostic>,
) {
    if ours == theirs {
        return;
    }
    problems.push(
        Diagnostic::warning(
            list.code,
            format!(
                "{} lists {ours} {}; {} lists {theirs}",
                place(at),
                if ours == 1 { one } else { many },
                place(original_at)
            ),
        )
        .at(at.clone())
        .also("the original's list", original_at.clone())
        .help(format!(
            "translate every item of the original, in the same order, or {}",
            inherit_hint(list)
        )),
    );
}

fn inherit_hint(list: List) -> String {
    format!(
        "leave `{}` out of this translation to take the original's",
        list.field
    )
}

/// `recovery.ur.md:31`: the file's name and the line, as the messages show them.
fn place(loc: &Location) -> String {
    if loc.line == 0 {
        file_name(loc)
    } else {
        format!("{}:{}", file_name(loc), loc.line)
    }
}

fn file_name(loc: &Location) -> String {
    loc.file.file_name().map_or_else(
        || loc.file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// [`check_count`] for whole lists, at the first item one side lacks.
fn check_list_count<T>(
    list: List,
    nouns: (&str, &str),
    (translation, original): (&[T], &[T]),
    location: impl Fn(&T) -> &Location,
    problems: &mut Vec<Diagnostic>,
) {
    if let (Some(t), Some(o)) = (
        at_or_last(translation, original.len()),
        at_or_last(original, translation.len()),
    ) {
        let ours = (translation.len(), location(t));
        check_count(list, nouns, ours, (original.len(), location(o)), problems);
    }
}

/// Item `i` of `items`, else the last one; `None` only for an empty list.
fn at_or_last<T>(items: &[T], i: usize) -> Option<&T> {
    items.get(i).or_else(|| items.last())
}

/// Stages by id: every id on both sides, then each pair's `from`, `to` and `avoid` items.
fn compare_stages(original: &[Stage], translation: &[Stage], problems: &mut Vec<Diagnostic>) {
    for (i, o) in original.iter().enumerate() {
        match translation.iter().find(|t| t.id == o.id) {
            Some(t) => compare_stage(o, t, problems),
            None => {
                if let Some(near) = at_or_last(translation, i) {
                    problems.push(missing_stage(o, near));
                }
            }
        }
    }
    for t in translation {
        if !original.iter().any(|o| o.id == t.id) {
            problems.push(extra_stage(t, original));
        }
    }
}

fn missing_stage(o: &Stage, near: &Stage) -> Diagnostic {
    Diagnostic::warning(
        STAGES.code,
        format!(
            "{} has no stage `{}`; {} has it",
            file_name(&near.location),
            o.id,
            place(&o.location)
        ),
    )
    .at(near.location.clone())
    .also(
        format!("stage `{}` in the original", o.id),
        o.location.clone(),
    )
    .help(format!(
        "translate the stage with `id: {}` into this file, or {}",
        o.id,
        inherit_hint(STAGES)
    ))
}

fn extra_stage(t: &Stage, original: &[Stage]) -> Diagnostic {
    let ids: Vec<&str> = original.iter().map(|o| o.id.as_str()).collect();
    let original_file = original
        .first()
        .map_or_else(|| "the original".to_string(), |o| file_name(&o.location));
    let known = format!("{original_file} has {}", ids.join(", "));
    Diagnostic::warning(
        STAGES.code,
        format!(
            "{} has stage `{}`, which {original_file} does not have",
            place(&t.location),
            t.id
        ),
    )
    .at(t.location.clone())
    .label("not a stage of the original")
    .help(format!(
        "stage ids are not translated: use the original's ({known}), or {}",
        inherit_hint(STAGES)
    ))
}

/// One stage against the original's stage with the same id.
fn compare_stage(o: &Stage, t: &Stage, problems: &mut Vec<Diagnostic>) {
    let subject = format!("stage `{}`", o.id);
    let bounds = [
        (
            "from",
            (t.from, &t.bounds_location.0),
            (o.from, &o.bounds_location.0),
        ),
        (
            "to",
            (t.to, &t.bounds_location.1),
            (o.to, &o.bounds_location.1),
        ),
    ];
    for (key, (ours, at), (theirs, original_at)) in bounds {
        let bound = fact(&subject, key, (at, original_at), Some(ours), Some(theirs));
        check(STAGES, bound, problems);
    }
    for (ta, oa) in t.avoid.iter().zip(&o.avoid) {
        let at = (&ta.location, &oa.location);
        let until = fact(&oa.what, "until", at, Some(ta.until), Some(oa.until));
        check(STAGES, until, problems);
        problems.extend(note_difference(ta, oa));
    }
    let shared = t.avoid.len().min(o.avoid.len());
    let first_unshared = |avoid: &[crate::health::Avoid], stage: &Stage| {
        at_or_last(avoid, shared)
            .map_or(&stage.location, |a| &a.location)
            .clone()
    };
    check_count(
        STAGES,
        (
            &format!("thing to avoid in stage `{}`", o.id),
            &format!("things to avoid in stage `{}`", o.id),
        ),
        (t.avoid.len(), &first_unshared(&t.avoid, t)),
        (o.avoid.len(), &first_unshared(&o.avoid, o)),
        problems,
    );
}

/// A caveat (`note`) one side of an `avoid` item has and the other lacks: a translation
/// that drops the caveat tells its readers less than the original.
fn note_difference(t: &crate::health::Avoid, o: &crate::health::Avoid) -> Option<Diagnostic> {
    let (message, label, help) = match (&t.note, &o.note) {
        (None, Some(_)) => (
            format!(
                "{} gives `{}` no `note`; {} gives it a caveat",
                place(&t.location),
                o.what,
                place(&o.location)
            ),
            "the caveat is missing here",
            format!(
                "translate the original's `note` into this item, or {}",
                inherit_hint(STAGES)
            ),
        ),
        (Some(_), None) => (
            format!(
                "{} gives `{}` a `note`; {} gives it none",
                place(&t.location),
                o.what,
                place(&o.location)
            ),
            "the original has no caveat here",
            format!(
                "add the caveat to the original too, or leave `note` out here, or {}",
                inherit_hint(STAGES)
            ),
        ),
        _ => return None,
    };
    Some(
        Diagnostic::warning(STAGES.code, message)
            .at(t.location.clone())
            .label(label)
            .also("the original's item", o.location.clone())
            .help(help),
    )
}

/// Side effects by position: `onset`, `lasts`, `frequency`, `action`, then how many.
fn compare_side_effects(
    original: &[SideEffect],
    translation: &[SideEffect],
    problems: &mut Vec<Diagnostic>,
) {
    for (t, o) in translation.iter().zip(original) {
        let at = (&t.location, &o.location);
        let offsets = [("onset", t.onset, o.onset), ("lasts", t.lasts, o.lasts)];
        for (key, ours, theirs) in offsets {
            check(SIDE_EFFECTS, fact(&o.name, key, at, ours, theirs), problems);
        }
        let (ours, theirs) = (Written(t.frequency), Written(o.frequency));
        let frequency = fact(&o.name, "frequency", at, Some(ours), Some(theirs));
        check(SIDE_EFFECTS, frequency, problems);
        let (ours, theirs) = (Written(t.action), Written(o.action));
        check(
            SIDE_EFFECTS,
            fact(&o.name, "action", at, Some(ours), Some(theirs)),
            problems,
        );
    }
    check_list_count(
        SIDE_EFFECTS,
        ("side effect", "side effects"),
        (translation, original),
        |x| &x.location,
        problems,
    );
}

/// Costs by position: `min`, `max`, `currency`, `count`, then how many.
fn compare_costs(original: &[CostItem], translation: &[CostItem], problems: &mut Vec<Diagnostic>) {
    for (t, o) in translation.iter().zip(original) {
        let at = (&t.location, &o.location);
        for (key, ours, theirs) in [("min", t.min, o.min), ("max", t.max, o.max)] {
            check(
                COSTS,
                fact(&o.item, key, at, Some(ours), Some(theirs)),
                problems,
            );
        }
        let (ours, theirs) = (Some(&t.currency), Some(&o.currency));
        check(COSTS, fact(&o.item, "currency", at, ours, theirs), problems);
        let (ours, theirs) = (Some(Count(t.count)), Some(Count(o.count)));
        check(COSTS, fact(&o.item, "count", at, ours, theirs), problems);
    }
    check_list_count(
        COSTS,
        ("cost", "costs"),
        (translation, original),
        |x| &x.location,
        problems,
    );
}

/// A fact about `subject` at the translation's and the original's item.
fn fact<'a, T>(
    subject: &'a str,
    key: &'static str,
    (at, original_at): (&'a Location, &'a Location),
    ours: Option<T>,
    theirs: Option<T>,
) -> Fact<'a, T> {
    Fact {
        subject,
        key,
        ours: (ours, at),
        theirs: (theirs, original_at),
    }
}

/// A value shown as front matter writes it: `contact-clinic`.
#[derive(PartialEq)]
struct Written<T>(T);

impl<T: Serialize> Display for Written<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let value = serde_json::to_value(&self.0).ok();
        f.write_str(value.as_ref().and_then(|v| v.as_str()).unwrap_or("?"))
    }
}

/// A session count as front matter writes it: `"3"`, `"2-4"`.
#[derive(PartialEq)]
struct Count((u32, u32));

impl Display for Count {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            (fewest, most) if fewest == most => write!(f, "\"{fewest}\""),
            (fewest, most) => write!(f, "\"{fewest}-{most}\""),
        }
    }
}
