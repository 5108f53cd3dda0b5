//! The Hugo project for the reload comparison: the bench site's markdown unchanged, a
//! configuration with `topics` and `tags` taxonomies, and a small template set doing about
//! the work of Pigment's clinic theme on these pages: a base layout with menu, breadcrumbs
//! and a topic footer; article pages with topics, table of contents, body, the FAQs on the
//! same topics and tags; section, topic and tag lists with cards; a home page; one feed and
//! the sitemap. Lists shared by many pages are `partialCached`, as a Hugo site would do.

use std::io;
use std::path::Path;

const CONFIG: &str = r#"baseURL = "https://bench.example/"
languageCode = "en"
title = "Bench"
buildFuture = true
enableRobotsTXT = true

[taxonomies]
topic = "topics"
tag = "tags"

[outputs]
home = ["HTML", "RSS"]
section = ["HTML"]
taxonomy = ["HTML"]
term = ["HTML"]
page = ["HTML"]

[services.rss]
limit = 20

[markup.tableOfContents]
startLevel = 1
endLevel = 3

[[menu.main]]
name = "Articles"
url = "/articles/"
weight = 1
[[menu.main]]
name = "FAQ"
url = "/faq/"
weight = 2
"#;

const BASEOF: &str = r##"<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} | {{ end }}{{ site.Title }}</title>
{{- $d := .Description | default .Summary }}
<meta name="description" content="{{ $d | plainify }}">
<link rel="canonical" href="{{ .Permalink }}">
<link rel="stylesheet" href="/style.css">
<link rel="alternate" type="application/rss+xml" title="{{ site.Title }}" href="{{ "index.xml" | absURL }}">
<meta property="og:title" content="{{ .Title }}">
<meta property="og:description" content="{{ $d | plainify }}">
<meta property="og:url" content="{{ .Permalink }}">
</head>
<body class="kind-{{ .Kind }}">
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header">
  <a class="brand" href="/">{{ site.Title }}</a>
  <nav class="main-nav" aria-label="Main"><ul>
    {{- $page := . }}
    {{- range site.Menus.main }}
    <li><a href="{{ .URL }}"{{ if $page.IsMenuCurrent "main" . }} aria-current="page"{{ end }}>{{ .Name }}</a></li>
    {{- end }}
  </ul></nav>
</header>
{{- if not .IsHome }}
<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>
  {{- range .Ancestors.Reverse }}
  <li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
  {{- end }}
  <li><a href="{{ .RelPermalink }}" aria-current="page">{{ .Title }}</a></li>
</ol></nav>
{{- end }}
<main id="main" class="site-main">
{{ block "main" . }}{{ end }}
</main>
{{ partialCached "footer.html" . }}
</body>
</html>
"##;

const FOOTER: &str = r##"<footer class="site-footer">
  <nav class="footer-topics" aria-label="Topics"><ul>
    {{- range site.Taxonomies.topics.Alphabetical }}
    <li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a></li>
    {{- end }}
  </ul></nav>
</footer>
"##;

const CARD: &str = r##"<article class="card">
  <h2 class="card__title"><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
  <p class="card__summary">{{ .Description | default .Summary | plainify | truncate 200 }}</p>
  <p class="card__meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>
  {{ range $i, $t := .GetTerms "topics" }}{{ if $i }}, {{ end }}{{ $t.Title }}{{ end }}</p>
</article>
"##;

/// The article (and FAQ) page; the bench's template edit inserts a line after `</h1>`.
pub(crate) const SINGLE: &str = r##"{{ define "main" }}
<article class="article">
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
    <p class="page-meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time> · {{ .ReadingTime }} min read</p>
  </header>
  <nav class="toc" aria-label="On this page">{{ .TableOfContents }}</nav>
  <div class="prose">
    {{ .Content }}
  </div>
  {{- $want := cond (eq .Section "faq") "articles" "faq" }}
  <section class="related" aria-label="Related">
    {{- range .GetTerms "topics" }}
    {{ partialCached "topic-links.html" (dict "term" . "section" $want) .Title $want }}
    {{- end }}
  </section>
  <ul class="chips" aria-label="Tags">
    {{- range .GetTerms "tags" }}
    <li><a class="chip" href="{{ .RelPermalink }}">{{ .Title }}</a></li>
    {{- end }}
  </ul>
</article>
{{ end }}
"##;

const TOPIC_LINKS: &str = r##"<ul class="link-list">
  {{- range where .term.Pages "Section" .section }}
  <li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
  {{- end }}
</ul>
"##;

const LIST: &str = r##"{{ define "main" }}
<div class="listing">
  <header class="page-header"><h1>{{ .Title }}</h1></header>
  <div class="cards">
    {{- range .Pages }}
    {{ partial "card.html" . }}
    {{- end }}
  </div>
</div>
{{ end }}
"##;

const HOME: &str = r##"{{ define "main" }}
<h1>{{ site.Title }}</h1>
<ul class="topic-grid">
  {{- range site.Taxonomies.topics.Alphabetical }}
  <li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }} pages)</li>
  {{- end }}
</ul>
<div class="cards">
  {{- range first 6 (where site.RegularPages "Section" "articles") }}
  {{ partial "card.html" . }}
  {{- end }}
</div>
{{ end }}
"##;

const TERMS: &str = r##"{{ define "main" }}
<div class="listing">
  <header class="page-header"><h1>{{ .Title }}</h1></header>
  <ul class="term-list">
    {{- range .Data.Terms.Alphabetical }}
    <li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }} pages)</li>
    {{- end }}
  </ul>
</div>
{{ end }}
"##;

/// Writes a Hugo project at `root` with the markdown under `site/content`.
pub(crate) fn write_project(site: &Path, root: &Path) -> io::Result<()> {
    let files: &[(&str, &str)] = &[
        ("hugo.toml", CONFIG),
        ("layouts/_default/baseof.html", BASEOF),
        ("layouts/partials/footer.html", FOOTER),
        ("layouts/partials/card.html", CARD),
        ("layouts/partials/topic-links.html", TOPIC_LINKS),
        ("layouts/_default/single.html", SINGLE),
        ("layouts/_default/list.html", LIST),
        ("layouts/_default/taxonomy.html", TERMS),
        ("layouts/_default/term.html", LIST),
        ("layouts/index.html", HOME),
        ("static/style.css", "body { font-family: sans-serif; }\n"),
    ];
    for (rel, text) in files {
        let path = root.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, text)?;
    }
    for section in ["articles", "faq"] {
        let to = root.join("content").join(section);
        std::fs::create_dir_all(&to)?;
        for entry in std::fs::read_dir(site.join("content").join(section))? {
            let entry = entry?;
            std::fs::copy(entry.path(), to.join(entry.file_name()))?;
        }
    }
    Ok(())
}
