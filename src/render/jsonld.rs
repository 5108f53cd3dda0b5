//! Structured data (schema.org JSON-LD), always built as JSON values, never by
//! concatenating strings.

use serde_json::{json, Map, Value};

use crate::config::Config;
use crate::i18n::Words;
use crate::resolve::model::{Page, PageKind, Site};

mod medical;

/// What kind of page the structured data describes.
pub(crate) enum Subject<'a> {
    /// A content page (article, FAQ, section, home).
    Page(&'a Page),
    /// A generated page (topic, tag, 404 …) with its site path and title.
    Generated {
        /// Site path its breadcrumbs name (the 404 page's is `/404/`).
        path: &'a str,
        /// Site path of the file it is written to (`/404.html`), its URL.
        file_path: &'a str,
        /// Title.
        title: &'a str,
        /// Description.
        description: &'a str,
    },
}

/// `translationOfWork` (the original) on a translation, `workTranslation` (every
/// translation) on an original.
fn add_translations(node: &mut Map<String, Value>, p: &Page) {
    let url = |t: &crate::resolve::model::PageTranslation| json!({ "@id": format!("{}#webpage", t.permalink) });
    match p.translations.iter().find(|t| t.original) {
        Some(original) => {
            node.insert("translationOfWork".into(), url(original));
        }
        None if !p.translations.is_empty() => {
            let all: Vec<Value> = p.translations.iter().map(url).collect();
            node.insert("workTranslation".into(), Value::Array(all));
        }
        None => {}
    }
}

/// The `<script type="application/ld+json">` element for a page.
pub(crate) fn script(
    site: &Site,
    words: &Words,
    subject: &Subject<'_>,
    extra: Vec<Value>,
) -> String {
    let c = &site.config;
    let mut graph = Vec::new();
    let (path, file_path, title, description) = match subject {
        Subject::Page(p) => (
            p.path.as_str(),
            p.path.as_str(),
            p.title.as_str(),
            p.description.as_str(),
        ),
        Subject::Generated {
            path,
            file_path,
            title,
            description,
        } => (*path, *file_path, *title, *description),
    };
    let url = c.permalink(file_path);

    let mut web_page = Map::new();
    web_page.insert("@type".into(), json!("MedicalWebPage"));
    web_page.insert("@id".into(), json!(format!("{url}#webpage")));
    web_page.insert("url".into(), json!(url));
    web_page.insert("name".into(), json!(title));
    if !description.is_empty() {
        web_page.insert("description".into(), json!(description));
    }
    web_page.insert("inLanguage".into(), json!(c.language));
    web_page.insert(
        "medicalAudience".into(),
        json!({ "@type": "MedicalAudience", "audienceType": "Patient" }),
    );
    web_page.insert(
        "isPartOf".into(),
        json!({ "@type": "WebSite", "name": c.title, "url": c.permalink("/") }),
    );
    if path != "/" {
        web_page.insert(
            "breadcrumb".into(),
            json!({ "@id": format!("{url}#breadcrumb") }),
        );
    }
    if let Subject::Page(p) = subject {
        if let Some(r) = &p.reviewed {
            web_page.insert("lastReviewed".into(), json!(r.on.to_string()));
            web_page.insert("reviewedBy".into(), medical::reviewer(r));
        }
        web_page.insert("citation".into(), json!(medical::citations(&p.sources)));
        web_page.insert("about".into(), json!(medical::about(c, p)));
        add_translations(&mut web_page, p);
        if let Some(image) = image(c, p) {
            web_page.insert("primaryImageOfPage".into(), image);
        }
        if let Some(d) = p.date {
            web_page.insert("datePublished".into(), json!(d.to_string()));
        }
        if let Some(d) = p.last_modified() {
            web_page.insert("dateModified".into(), json!(d.to_string()));
        }
    }
    graph.push(Value::Object(web_page));

    if let Subject::Page(p) = subject {
        if p.kind == PageKind::Article {
            graph.push(article(c, p, &url));
        }
        graph.extend(medical::about_nodes(site, p));
    }
    if path != "/" {
        graph.push(breadcrumb_list(site, words, path, title, &url));
    }
    if let Some(clinic) = clinic(c) {
        graph.push(clinic);
    }
    graph.extend(extra);

    let mut doc = json!({ "@context": "https://schema.org", "@graph": graph });
    medical::prune(&mut doc);
    // `</` would end the script element early; JSON allows `<\/` for it.
    let text = serde_json::to_string(&doc)
        .unwrap_or_default()
        .replace("</", "<\\/");
    format!("<script type=\"application/ld+json\">{text}</script>")
}

fn article(c: &Config, p: &Page, url: &str) -> Value {
    let mut a = Map::new();
    a.insert("@type".into(), json!("Article"));
    a.insert("@id".into(), json!(format!("{url}#article")));
    a.insert("headline".into(), json!(p.title));
    if !p.description.is_empty() {
        a.insert("description".into(), json!(p.description));
    }
    a.insert(
        "mainEntityOfPage".into(),
        json!({ "@id": format!("{url}#webpage") }),
    );
    if let Some(d) = p.date {
        a.insert("datePublished".into(), json!(d.to_string()));
    }
    if let Some(d) = p.last_modified() {
        a.insert("dateModified".into(), json!(d.to_string()));
    }
    let org = match &c.clinic {
        Some(k) => {
            json!({ "@type": "MedicalClinic", "@id": format!("{}#clinic", c.permalink("/")), "name": k.name })
        }
        None => json!({ "@type": "Organization", "name": c.title, "url": c.permalink("/") }),
    };
    if let Some(image) = image(c, p) {
        a.insert("image".into(), image);
    }
    a.insert("author".into(), org.clone());
    a.insert("publisher".into(), org);
    a.insert("inLanguage".into(), json!(c.language));
    a.insert("citation".into(), json!(medical::citations(&p.sources)));
    a.insert("about".into(), json!(medical::about(c, p)));
    Value::Object(a)
}

/// The page's `image:` as an `ImageObject`.
fn image(c: &Config, p: &Page) -> Option<Value> {
    let view = crate::render::context::image_view(c, p, p.image.as_ref()?);
    let url = view.permalink;
    Some(json!({ "@type": "ImageObject", "url": url, "contentUrl": url, "description": view.alt }))
}

fn breadcrumb_list(site: &Site, words: &Words, path: &str, title: &str, url: &str) -> Value {
    let c = &site.config;
    let mut items: Vec<Value> = crate::render::context::breadcrumbs(site, words, path)
        .into_iter()
        .map(|l| (l.title, format!("{}{}", origin(&c.base_url), l.url)))
        .chain(std::iter::once((title.to_string(), url.to_string())))
        .enumerate()
        .map(|(i, (name, item))| json!({ "@type": "ListItem", "position": i + 1, "name": name, "item": item }))
        .collect();
    items.shrink_to_fit();
    json!({ "@type": "BreadcrumbList", "@id": format!("{url}#breadcrumb"), "itemListElement": items })
}

fn origin(base_url: &str) -> &str {
    base_url
        .find("://")
        .and_then(|i| base_url[i + 3..].find('/').map(|j| &base_url[..i + 3 + j]))
        .unwrap_or(base_url)
}

/// The clinic as a MedicalClinic node.
pub(crate) fn clinic(c: &Config) -> Option<Value> {
    let k = c.clinic.as_ref()?;
    let mut m = Map::new();
    m.insert("@type".into(), json!("MedicalClinic"));
    m.insert("@id".into(), json!(format!("{}#clinic", c.permalink("/"))));
    m.insert("name".into(), json!(k.name));
    m.insert("url".into(), json!(c.permalink("/")));
    if let Some(p) = &k.phone {
        m.insert("telephone".into(), json!(p));
    }
    if let Some(e) = &k.email {
        m.insert("email".into(), json!(e));
    }
    if let Some(a) = &k.address {
        m.insert(
            "address".into(),
            json!({
                "@type": "PostalAddress",
                "streetAddress": a.street,
                "addressLocality": a.locality,
                "addressRegion": a.region,
                "postalCode": a.postal_code,
                "addressCountry": a.country,
            }),
        );
    }
    let hours = medical::opening_hours(&k.hours);
    m.insert("openingHoursSpecification".into(), json!(hours));
    if let Some(b) = &k.booking_url {
        // A site path is made absolute: structured data is read away from the page.
        let b = match b.starts_with('/') && !b.starts_with("//") {
            true => c.permalink(b),
            false => b.clone(),
        };
        m.insert(
            "potentialAction".into(),
            json!({ "@type": "ReserveAction", "target": b }),
        );
    }
    Some(Value::Object(m))
}

/// FAQPage with each question once (only on `/faq/`).
pub(crate) fn faq_page(groups: &[crate::render::health_pages::FaqGroup]) -> Value {
    let questions: Vec<Value> = groups
        .iter()
        .flat_map(|g| g.faqs.iter())
        .map(|f| {
            json!({
                "@type": "Question",
                "name": f.question,
                "acceptedAnswer": { "@type": "Answer", "text": f.answer.trim() },
            })
        })
        .collect();
    json!({ "@type": "FAQPage", "mainEntity": questions })
}
