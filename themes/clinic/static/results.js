// The results page, improved when JavaScript runs: the topic links become buttons that
// filter the groups in place (the choice announced in a status line), and each pair's
// slider moves the cut between its after and before pictures. Without it the page keeps
// its links and side-by-side pairs, and the sliders stay hidden.
(function () {
  "use strict";
  var nav = document.querySelector(".results-filter");
  var groups = Array.prototype.slice.call(document.querySelectorAll(".results-group"));
  if (!nav || !groups.length) return;

  var WORDS = {
    results_compare_value: "{n}% after",
    results_showing: { one: "Showing {n} result: {topic}.", other: "Showing {n} results: {topic}." },
    results_all: "All topics"
  };
  var own = document.getElementById("results_words");
  if (own) {
    try { Object.assign(WORDS, JSON.parse(own.textContent)); } catch (e) { /* keep English */ }
  }
  var lang = document.documentElement.lang || "en";
  var plurals = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;
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
    });
  }

  // Filters: one button per topic link, pressed for the topic shown.
  var status = document.getElementById("results_status");
  var links = Array.prototype.slice.call(nav.querySelectorAll("a[data-filter]"));
  var buttons = links.map(function (a) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "chip";
    b.innerHTML = a.innerHTML;
    b.setAttribute("data-filter", a.getAttribute("data-filter"));
    b.setAttribute("aria-pressed", "false");
    b.addEventListener("click", function () { show(b.getAttribute("data-filter"), b, true); });
    a.parentNode.replaceChild(b, a);
    return b;
  });
  function show(topic, pressed, announce) {
    var count = 0;
    groups.forEach(function (g) {
      var on = !topic || g.getAttribute("data-topic") === topic;
      g.hidden = !on;
      if (on) count += g.querySelectorAll(".pair").length;
    });
    buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(b === pressed)); });
    if (announce && status) {
      var name = pressed.firstChild ? pressed.firstChild.textContent.trim() : WORDS.results_all;
      status.textContent = say("results_showing", { n: count, topic: name });
    }
  }
  var fromHash = location.hash.replace(/^#results-/, "");
  var first = buttons.filter(function (b) { return b.getAttribute("data-filter") === fromHash; })[0];
  if (first) show(fromHash, first, false);
  else if (buttons.length) show("", buttons[0], false);

  // Comparison: the page lays the after picture over the before one (the `js` class set
  // in its head); the slider moves the cut.
  document.querySelectorAll(".pair").forEach(function (fig) {
    var images = fig.querySelector(".pair__images");
    var range = fig.querySelector(".pair__compare input");
    if (!images || !range) return;
    function update() {
      images.style.setProperty("--split", range.value + "%");
      range.setAttribute("aria-valuetext", say("results_compare_value", { n: Number(range.value) }));
    }
    range.addEventListener("input", update);
    update();
  });
})();
