//! The Hugo side of the comparison: a configuration and a minimal template set that does
//! the same work as Pigment's clinic theme on the same content — a base layout with menu,
//! breadcrumbs, structured data, contact block and topic footer; article and FAQ pages with
//! table of contents, topics, tags, review, sources and the FAQs (or articles) on the same
//! topics (rendered once per topic with `partialCached`, as a Hugo site would; the footer
//! is cached the same way); section lists; the all-questions FAQ page; topic and tag pages; one feed, a
//! sitemap and robots.txt.
//!
//! Hugo reads YAML 1.1, where the key `on` (of `reviewed: { on: … }`) means `true`; the
//! templates look the review date up under that key.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

use crate::generate::Shape;

const BASEOF: &str = r##"<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} | {{ end }}{{ site.Title }}</title>
{{- $d := .Description | default .Summary | default site.Params.description }}
<meta name="description" content="{{ $d | plainify }}">
<link rel="canonical" href="{{ .Permalink }}">
<meta name="color-scheme" content="light dark">
<link rel="stylesheet" href="/style.css">
<link rel="alternate" type="application/atom+xml" title="{{ site.Title }}" href="{{ "index.xml" | absURL }}">
<meta property="og:site_name" content="{{ site.Title }}">
<meta property="og:title" content="{{ .Title }}">
<meta property="og:description" content="{{ $d | plainify }}">
<meta property="og:url" content="{{ .Permalink }}">
<meta property="og:type" content="{{ if .IsPage }}article{{ else }}website{{ end }}">
{{- $ld := dict "@context" "https://schema.org" "@type" "MedicalWebPage" "@id" (printf "%s#webpage" .Permalink) "url" .Permalink "name" .Title "description" ($d | plainify) "inLanguage" "en" "medicalAudience" (dict "@type" "MedicalAudience" "audienceType" "Patient") }}
{{- with .Params.reviewed }}{{ $ld = merge $ld (dict "lastReviewed" (index . "true") "reviewedBy" (dict "@type" "Person" "name" .by "jobTitle" .role)) }}{{ end }}
{{- $crumbs := slice }}
{{- range $i, $a := .Ancestors.Reverse }}{{ $crumbs = $crumbs | append (dict "@type" "ListItem" "position" (add $i 1) "name" $a.Title "item" $a.Permalink) }}{{ end }}
{{- $clinic := dict "@type" "MedicalClinic" "name" site.Params.clinic.name "telephone" site.Params.clinic.phone "email" site.Params.clinic.email "url" site.BaseURL "address" (dict "@type" "PostalAddress" "streetAddress" site.Params.clinic.street "addressLocality" site.Params.clinic.locality "postalCode" site.Params.clinic.postal_code "addressCountry" site.Params.clinic.country) }}
<script type="application/ld+json">{{ dict "@context" "https://schema.org" "@graph" (slice $ld (dict "@type" "BreadcrumbList" "itemListElement" $crumbs) $clinic) | jsonify | safeJS }}</script>
</head>
<body class="kind-{{ .Kind }}">
<a class="skip-link" href="#main">Skip to main content</a>
{{ partial "header.html" . }}
{{- if not .IsHome }}
<nav class="breadcrumbs" aria-label="Breadcrumb">
  <ol>
    {{- range .Ancestors.Reverse }}
    <li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
    {{- end }}
    <li><a href="{{ .RelPermalink }}" aria-current="page">{{ .Title }}</a></li>
  </ol>
</nav>
{{- end }}
<main id="main" class="site-main">
{{ block "main" . }}{{ end }}
</main>
{{ partialCached "footer.html" . }}
</body>
</html>
"##;

const HEADER: &str = r##"<header class="site-header">
  <div class="site-header__inner">
    <a class="brand" href="/"><span class="brand__name">{{ site.Title }}</span></a>
    <a class="button button--small header-book" href="{{ site.Params.clinic.booking_url }}">Book a consultation</a>
  </div>
  <div class="site-header__nav">
    <nav class="main-nav" aria-label="Main">
      <ul>
        {{- $page := . }}
        {{- range site.Menus.main }}
        <li><a href="{{ .URL }}"{{ if $page.IsMenuCurrent "main" . }} aria-current="page"{{ else if $page.HasMenuCurrent "main" . }} aria-current="true"{{ end }}>{{ .Name }}</a></li>
        {{- end }}
      </ul>
    </nav>
  </div>
</header>
"##;

const FOOTER: &str = r##"<footer class="site-footer">
  <div class="site-footer__inner">
    {{- with site.Params.clinic }}
    <div class="contact">
      <h2 class="footer-heading" id="contact_heading">Contact the clinic</h2>
      <address>
        <p class="contact__name">{{ .name }}</p>
        <p class="contact__address">{{ .street }}<br>{{ .locality }}, {{ .region }} {{ .postal_code }}</p>
        <ul class="contact__list">
          <li><span class="contact__label">Phone</span> <a href="tel:{{ .phone | replaceRE "[^0-9+]" "" }}">{{ .phone }}</a></li>
          <li><span class="contact__label">Email</span> <a href="mailto:{{ .email }}">{{ .email }}</a></li>
          <li><span class="contact__label">Opening hours</span> {{ .opening_hours }}</li>
        </ul>
      </address>
      <p><a class="button" href="{{ .booking_url }}">Book an appointment</a></p>
    </div>
    {{- end }}
    <nav class="footer-topics" aria-label="Topics">
      <h2 class="footer-heading">Topics</h2>
      <ul>
        {{- range site.Taxonomies.topics.Alphabetical }}
        <li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a></li>
        {{- end }}
      </ul>
    </nav>
    <div class="footer-about">
      <h2 class="footer-heading">About this guide</h2>
      <p>{{ site.Params.description }}</p>
      <p class="disclaimer">This information is general and does not replace advice from your own clinician. If you are worried about a symptom, contact the clinic or your doctor; in an emergency call your local emergency number.</p>
      <p><a href="{{ "index.xml" | absURL }}">Subscribe to updates (Atom feed)</a></p>
    </div>
  </div>
</footer>
"##;

const CARD: &str = r##"<article class="card">
  {{- if eq .Section "faq" }}
  <p class="card__kind">Question</p>
  {{- else }}
  <p class="card__kind">Guide</p>
  {{- end }}
  <h2 class="card__title"><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
  <p class="card__summary">{{ .Description | default .Summary | plainify | truncate 200 }}</p>
  <p class="card__meta">
    <span><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></span>
    <span>{{ range $i, $t := .GetTerms "topics" }}{{ if $i }}, {{ end }}{{ $t.Title }}{{ end }}</span>
  </p>
</article>
"##;

const SINGLE: &str = r##"{{ define "main" }}
<article class="article article--with-toc">
  <header class="page-header">
    <ul class="chips" aria-label="Topics">
      {{- range .GetTerms "topics" }}
      <li><a class="chip" href="{{ .RelPermalink }}">{{ .Title }}</a></li>
      {{- end }}
    </ul>
    <h1>{{ .Title }}</h1>
    {{- with .Description }}
    <p class="lede">{{ . }}</p>
    {{- end }}
    <p class="page-meta">
      <span>Published <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></span>
      {{- if ne .Lastmod .Date }}
      <span>Updated <time datetime="{{ .Lastmod.Format "2006-01-02" }}">{{ .Lastmod.Format "2 January 2006" }}</time></span>
      {{- end }}
      <span>{{ .ReadingTime }} min read</span>
    </p>
  </header>
  <nav class="toc" aria-labelledby="toc_heading">
    <h2 id="toc_heading" class="small-heading">On this page</h2>
    {{ .TableOfContents }}
  </nav>
  <div class="article__body">
    <div class="prose">
      {{ .Content }}
    </div>
    {{- $want := cond (eq .Section "faq") "articles" "faq" }}
    <section class="related" aria-labelledby="related_heading">
      <h2 id="related_heading">Related</h2>
      {{- range .GetTerms "topics" }}
      {{ partialCached "topic-links.html" (dict "term" . "section" $want) .Title $want }}
      {{- end }}
    </section>
    {{- with .Params.reviewed }}
    <section class="review" aria-labelledby="review_heading">
      <h2 id="review_heading" class="visually-hidden">Clinical review</h2>
      <dl>
        <div><dt>Page last reviewed</dt><dd><time datetime="{{ index . "true" }}">{{ index . "true" | time.Format "2 January 2006" }}</time>, by {{ .by }} ({{ .role }})</dd></div>
        <div><dt>Next review due</dt><dd><time datetime="{{ .next }}">{{ .next | time.Format "2 January 2006" }}</time></dd></div>
      </dl>
    </section>
    {{- end }}
    {{- with .Params.sources }}
    <section class="sources" aria-labelledby="sources_heading">
      <h2 id="sources_heading">Sources</h2>
      <ol>
        {{- range . }}
        <li><a href="{{ .url }}">{{ .title }}</a></li>
        {{- end }}
      </ol>
    </section>
    {{- end }}
    <section class="tags" aria-labelledby="tags_heading">
      <h2 id="tags_heading" class="small-heading">Tags</h2>
      <ul class="chips">
        {{- range .GetTerms "tags" }}
        <li><a class="chip chip--tag" href="{{ .RelPermalink }}">{{ .Title }}</a></li>
        {{- end }}
      </ul>
    </section>
  </div>
</article>
{{ end }}
"##;

/// The pages of one section on one topic, rendered once per topic and section and reused
/// on every page that shows them (Hugo's own way to share such lists).
const TOPIC_LINKS: &str = r##"<ul class="link-list">
  {{- range where .term.Pages "Section" .section }}
  <li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
  {{- end }}
</ul>
"##;

const LIST: &str = r##"{{ define "main" }}
<div class="listing">
  <header class="page-header">
    <h1>{{ .Title }}</h1>
    <div class="prose intro">{{ .Content }}</div>
  </header>
  <div class="cards">
    {{- range .Pages.ByWeight }}
    {{ partial "card.html" . }}
    {{- end }}
  </div>
</div>
{{ end }}
"##;

const FAQ_LIST: &str = r##"{{ define "main" }}
<div class="faq-index">
  <header class="page-header">
    <h1>{{ .Title }}</h1>
    <div class="prose intro">{{ .Content }}</div>
  </header>
  {{- range .Pages.ByWeight }}
  {{- $anchor := .File.ContentBaseName }}
  <article class="faq-item" id="{{ $anchor }}" aria-labelledby="q-{{ $anchor }}">
    <h3 id="q-{{ $anchor }}">{{ .Title }} <a class="permalink" href="#{{ $anchor }}">#</a></h3>
    <div class="prose">{{ .Content }}</div>
    <p class="faq-item__links">
      <span>Read more:
      {{- range .GetTerms "topics" }}{{ partialCached "topic-links.html" (dict "term" . "section" "articles") .Title "articles" }}{{ end }}</span>
      <span><a href="{{ .RelPermalink }}">This question on its own page</a>.</span>
    </p>
  </article>
  {{- end }}
</div>
{{ end }}
"##;

const HOME: &str = r##"{{ define "main" }}
<section class="hero" aria-labelledby="hero_heading">
  <h1 id="hero_heading">{{ .Title }}</h1>
  <div class="prose hero__intro">{{ .Content }}</div>
</section>
<section class="home-section" aria-labelledby="topics_heading">
  <h2 id="topics_heading">Browse by topic</h2>
  <ul class="topic-grid">
    {{- range site.Taxonomies.topics.Alphabetical }}
    <li class="topic-card"><h3 class="topic-card__title"><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a></h3>
    <p class="topic-card__count">{{ .Count }} pages</p></li>
    {{- end }}
  </ul>
</section>
<section class="home-section" aria-labelledby="latest_heading">
  <h2 id="latest_heading">Latest guides and answers</h2>
  <div class="cards">
    {{- range first 6 (where site.RegularPages "Section" "articles").ByWeight }}
    {{ partial "card.html" . }}
    {{- end }}
  </div>
</section>
{{ end }}
"##;

const TERMS: &str = r##"{{ define "main" }}
<div class="listing">
  <header class="page-header"><h1>{{ .Title }}</h1></header>
  <ul class="term-list">
    {{- range .Data.Terms.Alphabetical }}
    <li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> <span class="count">{{ .Count }} pages</span></li>
    {{- end }}
  </ul>
</div>
{{ end }}
"##;

const NOT_FOUND: &str = r##"{{ define "main" }}
<div class="not-found">
  <header class="page-header"><h1>Page not found</h1></header>
  <ul class="topic-grid">
    {{- range site.Taxonomies.topics.Alphabetical }}
    <li class="topic-card"><h3><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a></h3></li>
    {{- end }}
  </ul>
</div>
{{ end }}
"##;

fn config(shape: &Shape) -> String {
    let mut s = String::from(
        r#"baseURL = "https://clinic.example/"
languageCode = "en"
title = "Generated Clinic Guide"
enableRobotsTXT = true
disableKinds = []

[taxonomies]
tag = "tags"
topic = "topics"

[outputs]
home = ["HTML", "RSS"]
section = ["HTML"]
taxonomy = ["HTML"]
term = ["HTML"]
page = ["HTML"]

[services.rss]
limit = 20

[markup.goldmark.extensions]
typographer = true
[markup.tableOfContents]
startLevel = 2
endLevel = 3

[[menu.main]]
name = "Articles"
url = "/articles/"
weight = 1
[[menu.main]]
name = "FAQ"
url = "/faq/"
weight = 2
[[menu.main]]
name = "Recovery timeline"
url = "/timeline/"
weight = 3

[params]
description = "A generated patient guide used to benchmark Pigment."
[params.clinic]
name = "Benchmark Skin & Hair Clinic"
phone = "+92 51 555 0142"
email = "care@clinic.example"
booking_url = "/book/"
opening_hours = "Mon–Sat 10:00–18:00"
street = "Plot 14, Street 7"
locality = "Islamabad"
region = "ICT"
postal_code = "44000"
country = "PK"
"#,
    );
    let _ = writeln!(s, "# {} topics", shape.topics);
    s
}

/// Writes `hugo.toml`, the layouts and the topic term pages (for their titles).
pub(crate) fn write_project(root: &Path, shape: &Shape) -> io::Result<()> {
    let files: &[(&str, &str)] = &[
        ("layouts/_default/baseof.html", BASEOF),
        ("layouts/partials/header.html", HEADER),
        ("layouts/partials/footer.html", FOOTER),
        ("layouts/partials/card.html", CARD),
        ("layouts/partials/topic-links.html", TOPIC_LINKS),
        ("layouts/_default/single.html", SINGLE),
        ("layouts/_default/list.html", LIST),
        ("layouts/faq/list.html", FAQ_LIST),
        ("layouts/index.html", HOME),
        ("layouts/_default/taxonomy.html", TERMS),
        ("layouts/_default/term.html", LIST),
        ("layouts/404.html", NOT_FOUND),
        ("static/style.css", "body { font-family: sans-serif; }\n"),
    ];
    for (rel, text) in files {
        let path = root.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, text)?;
    }
    std::fs::write(root.join("hugo.toml"), config(shape))?;
    for (id, title) in crate::generate::topics(shape) {
        let dir = root.join("content/topics").join(&id);
        std::fs::create_dir_all(&dir)?;
        std::fs::write(
            dir.join("_index.md"),
            format!("---\ntitle: \"{title}\"\n---\n"),
        )?;
    }
    Ok(())
}
