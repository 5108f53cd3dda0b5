// Search on /search/, in the browser: loads search-index.json (built by `pigment build`),
// or search-index.js when the form names one (a site opened from disk, where fetch cannot
// read files), and lists the pages, sections and questions that contain every word typed.
// The page works without this script: it shows the topic index instead of the search box.
(function () {
  "use strict";
  var form = document.querySelector("form[data-index]");
  var indexScript = form && form.getAttribute("data-index-script");
  if (!form || !(indexScript || window.fetch)) return;
  var input = form.querySelector("input[name=q]");
  var status = document.getElementById("search_status");
  var list = document.getElementById("search_results");
  var note = document.querySelector(".search-nojs");
  // The page's words (search.html puts them in #search_words, in the page's language);
  // English when a theme leaves them out.
  var WORDS = {
    search_kind_faq: "Question", search_kind_section: "Section", search_kind_page: "Guide",
    search_kind_topic: "Topic",
    search_no_results: "No results for “{query}”. Try fewer or different words, or browse the topics below.",
    search_count: { one: "{n} result for “{query}”.", other: "{n} results for “{query}”." },
    search_count_shown: { one: "Showing {shown} of {n} result for “{query}”.", other: "Showing {shown} of {n} results for “{query}”." },
    search_unavailable: "Search is not available right now. Please browse the topics below."
  };
  var own = document.getElementById("search_words");
  if (own) {
    try { Object.assign(WORDS, JSON.parse(own.textContent)); } catch (e) { /* keep English */ }
  }
  var lang = document.documentElement.lang || "en";
  var plurals = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;
  // The message `key` with `{name}`s filled in from `args`; `n` picks a plural form.
  function say(key, args) {
    var m = WORDS[key];
    if (m && typeof m === "object") {
      var form = plurals ? plurals.select(args.n) : (args.n === 1 ? "one" : "other");
      m = m[form] || m.other;
    }
    return String(m).replace(/\{(\w+)\}/g, function (all, name) {
      var v = args[name];
      if (typeof v === "number") return v.toLocaleString(lang);
      return v === undefined ? all : v;
    }).replace(/\{\{/g, "{").replace(/\}\}/g, "}");
  }
  var KIND = {
    faq: say("search_kind_faq", {}), section: say("search_kind_section", {}),
    page: say("search_kind_page", {}), topic: say("search_kind_topic", {})
  };
  var MAX_RESULTS = 20;
  var loading = null;

  form.hidden = false;
  if (note) note.hidden = true;

  // The index as a script that sets window.pigmentSearchIndex.
  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = function () {
        if (window.pigmentSearchIndex) resolve(window.pigmentSearchIndex);
        else reject(new Error(src + " set no index"));
      };
      script.onerror = function () { reject(new Error("cannot load " + src)); };
      document.head.appendChild(script);
    });
  }

  function load() {
    if (!loading) {
      loading = (indexScript ? loadScript(indexScript) : fetch(form.getAttribute("data-index"))
        .then(function (r) {
          if (!r.ok) throw new Error("HTTP " + r.status);
          return r.json();
        }))
        .then(function (raw) {
          return { docs: raw.docs, terms: raw.terms, keys: Object.keys(raw.terms), stop: new Set(raw.stop) };
        });
    }
    return loading;
  }

  // Split like the index does: lowercase runs of letters and digits, two or more long.
  function words(text, stop) {
    return text.toLowerCase().split(/[^\p{Alphabetic}\p{N}]+/u).filter(function (w) {
      return Array.from(w).length >= 2 && !stop.has(w);
    });
  }

  // Postings are `doc * 2 + inTitle`, delta-encoded.
  function postings(deltas) {
    var out = [], v = 0;
    for (var i = 0; i < deltas.length; i++) {
      v += deltas[i];
      out.push(v);
    }
    return out;
  }

  // Scores of the docs matching one query word: an exact word counts more than a longer
  // word it starts ("swim" finds "swimming"), a title more than body text.
  function scoresFor(index, word) {
    var scores = new Map();
    var exact = Object.prototype.hasOwnProperty.call(index.terms, word);
    var matches = exact ? [word] : [];
    if (Array.from(word).length >= 3) {
      for (var i = 0; i < index.keys.length; i++) {
        var k = index.keys[i];
        if (k !== word && k.lastIndexOf(word, 0) === 0) matches.push(k);
      }
    }
    matches.forEach(function (term) {
      var weight = term === word ? 2 : 1;
      postings(index.terms[term]).forEach(function (v) {
        var doc = v >> 1, s = weight * (v & 1 ? 3 : 1);
        if (!scores.has(doc) || scores.get(doc) < s) scores.set(doc, s);
      });
    });
    return scores;
  }

  function search(index, query) {
    var ws = words(query, index.stop);
    if (!ws.length) return [];
    var per = ws.map(function (w) { return scoresFor(index, w); });
    var total = new Map();
    per.forEach(function (scores) {
      scores.forEach(function (s, doc) { total.set(doc, (total.get(doc) || 0) + s); });
    });
    // Prefer results with every word; fall back to any word.
    var all = Array.from(total.keys()).filter(function (doc) {
      return per.every(function (scores) { return scores.has(doc); });
    });
    var docs = all.length ? all : Array.from(total.keys());
    docs.sort(function (a, b) { return total.get(b) - total.get(a) || a - b; });
    return docs.map(function (d) { return index.docs[d]; });
  }

  function show(results, query) {
    list.textContent = "";
    var shown = results.slice(0, MAX_RESULTS);
    shown.forEach(function (doc) {
      // doc: [kind, title, url, excerpt, page]
      var li = document.createElement("li");
      li.className = "search-result";
      var kind = document.createElement("p");
      kind.className = "search-result__kind";
      kind.textContent = (KIND[doc[0]] || "") + (doc[4] ? " in " + doc[4] : "");
      var a = document.createElement("a");
      a.href = doc[2];
      a.textContent = doc[1];
      var title = document.createElement("p");
      title.className = "search-result__title";
      title.appendChild(a);
      li.appendChild(title);
      li.appendChild(kind);
      if (doc[3]) {
        var p = document.createElement("p");
        p.className = "search-result__excerpt";
        p.textContent = doc[3];
        li.appendChild(p);
      }
      list.appendChild(li);
    });
    list.hidden = shown.length === 0;
    var n = results.length;
    status.textContent = n === 0
      ? say("search_no_results", { query: query })
      : n > shown.length
        ? say("search_count_shown", { n: n, shown: shown.length, query: query })
        : say("search_count", { n: n, query: query });
  }

  var timer = null;
  function run(updateUrl) {
    var query = input.value.trim();
    if (updateUrl && window.history.replaceState) {
      var url = query ? "?q=" + encodeURIComponent(query) : window.location.pathname;
      window.history.replaceState(null, "", url);
    }
    if (!query) {
      list.textContent = "";
      list.hidden = true;
      status.textContent = "";
      return;
    }
    load().then(function (index) {
      if (input.value.trim() === query) show(search(index, query), query);
    }, function () {
      status.textContent = say("search_unavailable", {});
    });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    run(true);
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(true); }, 200);
  });

  var q = new URLSearchParams(window.location.search).get("q");
  if (q) {
    input.value = q;
    run(false);
  }
})();
