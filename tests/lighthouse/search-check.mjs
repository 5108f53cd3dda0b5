// Checks search in a real browser: /search/?q=QUERY shows results, and the first links to
// EXPECTED (a path under the site); with JavaScript off the page offers the topic index.
//
//   node search-check.mjs SITE_URL QUERY EXPECTED [WORD]
//
// With WORD, the status line must contain it (the page's own words, e.g. in Urdu).
// Exit status 0 when both hold, 1 otherwise.

import puppeteer from "puppeteer-core";

const [site, query, expected, word] = process.argv.slice(2);
if (!site || !query || !expected) {
  console.error("usage: node search-check.mjs SITE_URL QUERY EXPECTED");
  process.exit(2);
}
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu"],
});
let failed = false;
try {
  const url = new URL(`search/?q=${encodeURIComponent(query)}`, site).href;
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url, { waitUntil: "load", timeout: 30000 });
  await page.waitForSelector("#search_results li a", { timeout: 10000 });
  const first = await page.$eval("#search_results li a", (a) => a.getAttribute("href"));
  const status = await page.$eval("#search_status", (p) => p.textContent);
  console.log(`search "${query}": ${status} first: ${first}`);
  if (first !== expected) {
    console.error(`expected first result ${expected}`);
    failed = true;
  }
  if (word && !status.includes(word)) {
    console.error(`expected the status to say "${word}"`);
    failed = true;
  }
  if (errors.length) {
    console.error(`page errors: ${errors.join("; ")}`);
    failed = true;
  }
  const nojs = await browser.newPage();
  await nojs.setJavaScriptEnabled(false);
  await nojs.goto(url, { waitUntil: "load", timeout: 30000 });
  const formHidden = await nojs.$eval("form[data-index]", (f) => f.hidden);
  const topics = await nojs.$$eval(".topic-grid a", (as) => as.length);
  console.log(`without JavaScript: form hidden ${formHidden}, ${topics} topic links`);
  if (!formHidden || topics === 0) failed = true;
} catch (e) {
  console.error(`search check failed: ${e}`);
  failed = true;
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
