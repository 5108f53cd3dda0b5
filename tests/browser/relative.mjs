// A site built with `pigment build --relative`, opened from disk (file://) in a real
// browser, as a person who double-clicks public/index.html would: the home page is styled,
// a link clicked in the main navigation opens its page (named `…/index.html`, since file://
// does not open a folder's index) and that page is styled too, and a search typed into the
// header box lists results (in English, and in Urdu from ur/index.html), one of which opens.
// No request may fail and no script may log an error along the way.
//
//   node relative.mjs PUBLIC_DIR
//
// PUBLIC_DIR is a `--relative` build of the demo site. Exit status 0 when every check
// holds, 1 otherwise.

import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const WAIT = 30_000;
const [publicDir] = process.argv.slice(2);
if (!publicDir || !existsSync(path.join(publicDir, "index.html"))) {
  console.error("usage: node relative.mjs PUBLIC_DIR (a `pigment build --relative` output)");
  process.exit(2);
}
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const root = pathToFileURL(path.resolve(publicDir) + "/").href;
// The searches: where from, what to type. "اسکیلپ" is "scalp", in every Urdu page title.
const SEARCHES = [
  { from: "index.html", query: "recovery" },
  { from: "ur/index.html", query: "اسکیلپ" },
];

let failed = 0;
const check = (ok, label) => {
  console.log(`${ok ? "ok" : "✗"} ${label}`);
  if (!ok) failed += 1;
};

/// What of the theme's stylesheet shows in the page: its colour variable, the header rule.
function styling() {
  const header = document.querySelector(".site-header");
  return {
    brand: getComputedStyle(document.documentElement).getPropertyValue("--brand").trim(),
    headerBorder: header ? getComputedStyle(header).borderBottomStyle : null,
  };
}

/// Checks that the page now open is styled by the theme.
async function checkStyled(page, label) {
  const s = await page.evaluate(styling);
  check(s.brand !== "" && s.headerBorder === "solid", `${label} is styled (${JSON.stringify(s)})`);
}

/// The page's path under PUBLIC_DIR, or its whole URL when it is elsewhere.
const where = (page) => decodeURI(page.url()).replace(decodeURI(root), "");

/// Types `query` into the header search box of `from`, submits it and checks that results
/// come; then opens the first and checks that it is a page of the site.
async function search(page, { from, query }) {
  await page.goto(root + from, { waitUntil: "load", timeout: WAIT });
  await page.fill("#site_search", query);
  await Promise.all([page.waitForEvent("load", { timeout: WAIT }), page.press("#site_search", "Enter")]);
  const label = `search for "${query}" from ${from}`;
  const results = page.locator("#search_results li a");
  try {
    await results.first().waitFor({ state: "visible", timeout: WAIT });
  } catch {
    const status = await page.locator("#search_status").textContent().catch(() => null);
    return check(false, `${label}: no results at ${where(page)} (status: ${status})`);
  }
  check(true, `${label}: ${await results.count()} results at ${where(page)}`);
  await Promise.all([page.waitForEvent("load", { timeout: WAIT }), results.first().click()]);
  check(/index\.html(#.*)?$/.test(where(page)), `${label}: the first result opens ${where(page)}`);
  await checkStyled(page, where(page));
}

const profile = mkdtempSync(path.join(tmpdir(), "pigment-relative-"));
const problems = [];
try {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    colorScheme: "light",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("requestfailed", (r) => problems.push(`failed to load ${r.url()}: ${r.failure()?.errorText}`));
  page.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`script error: ${e.message}`));

  await page.goto(root + "index.html", { waitUntil: "load", timeout: WAIT });
  await checkStyled(page, "index.html");
  const link = page.locator(".main-nav a").first();
  const name = (await link.textContent())?.trim();
  await Promise.all([page.waitForEvent("load", { timeout: WAIT }), link.click()]);
  const opened = where(page);
  const heading = opened.endsWith("/index.html") && (await page.locator("main h1").count()) > 0;
  check(heading && opened !== "index.html", `the "${name}" link opens ${opened}, with its heading`);
  await checkStyled(page, opened);

  for (const s of SEARCHES) await search(page, s);
  await context.close();
} finally {
  rmSync(profile, { recursive: true, force: true });
}
for (const p of problems) check(false, p);
console.log(`relative: ${failed} failures`);
process.exit(failed ? 1 : 0);
