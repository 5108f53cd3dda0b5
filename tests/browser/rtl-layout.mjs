// Right-to-left layout in a real browser: the timeline page of a built site, once left to
// right and once right to left, at desktop and phone widths. In each, measured with
// getBoundingClientRect: the "what can I do when" chart's first day column lies on the
// reading side of its last one, the main navigation and the breadcrumb trail start on the
// reading side, the timeline's text is indented from its rail on the reading side and the
// "call the clinic" box is rounded on the far side from its stripe. Also, in both directions,
// the clinic's phone number reads left to right ("+" on the left), and a right-to-left (Urdu)
// page uses the Urdu font stack, tall lines, no letter-spacing or capitals, and a mirrored
// breadcrumb separator. Saves a full-page screenshot of each case in SHOTS_DIR.
//
//   node rtl-layout.mjs PUBLIC_DIR SHOTS_DIR
//
// PUBLIC_DIR is served from 127.0.0.1 at /. Each entry of PAGES says the direction its
// <html dir> must have. Exit status 0 when every check holds, 1 otherwise.

import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const PAGES = [
  { path: "timeline/", dir: "ltr" },
  { path: "ur/timeline/", dir: "rtl" },
];
const WIDTHS = [1280, 390];

const [publicDir, shotsDir] = process.argv.slice(2);
if (!publicDir || !shotsDir) {
  console.error("usage: node rtl-layout.mjs PUBLIC_DIR SHOTS_DIR");
  process.exit(2);
}
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const here = path.dirname(fileURLToPath(import.meta.url));

/// Serves `dir` with the Lighthouse test's static server; resolves to its origin.
function serve(dir) {
  const child = spawn(process.execPath, [path.join(here, "../lighthouse/serve.mjs"), dir, "0", "/"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on("line", (line) => {
      const port = line.match(/^listening on (\d+)$/)?.[1];
      if (port) resolve({ child, origin: `http://127.0.0.1:${port}` });
    });
    child.on("exit", (code) => reject(new Error(`the static server stopped (${code})`)));
  });
}

/// The boxes the checks compare, measured in the page.
function measure() {
  const box = (el) => {
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { left: r.left, right: r.right, width: r.width };
  };
  const heads = [...document.querySelectorAll(".avoid-chart thead th")];
  const nav = [...document.querySelectorAll(".main-nav li")];
  const crumbs = [...document.querySelectorAll(".breadcrumbs li")];
  const stage = document.querySelector(".timeline__stage");
  const call = document.querySelector(".timeline__call");
  const when = document.querySelector(".timeline__when");
  const body = getComputedStyle(document.body);
  // The phone number's first and last characters, where they are drawn.
  const phone = document.querySelector('.contact a[href^="tel:"]')?.firstChild;
  const char = (i) => {
    const range = document.createRange();
    range.setStart(phone, i);
    range.setEnd(phone, i + 1);
    return box(range);
  };
  return {
    dir: document.documentElement.getAttribute("dir"),
    // The first two columns are the activity and "avoid until"; the days follow.
    firstDay: box(heads[2]),
    lastDay: box(heads[heads.length - 1]),
    nav1: box(nav[0]),
    nav2: box(nav[1]),
    crumb1: box(crumbs[0]),
    crumb2: box(crumbs[1]),
    stage: box(stage),
    stageHeading: box(stage?.querySelector("h2")),
    callRadius: call && {
      left: getComputedStyle(call).borderTopLeftRadius,
      right: getComputedStyle(call).borderTopRightRadius,
    },
    phoneFirst: phone ? char(0) : null,
    phoneLast: phone ? char(phone.length - 1) : null,
    font: body.fontFamily,
    lineHeight: parseFloat(body.lineHeight) / parseFloat(body.fontSize),
    when: when && { spacing: getComputedStyle(when).letterSpacing, transform: getComputedStyle(when).textTransform },
    separator: crumbs[1] ? getComputedStyle(crumbs[1], "::before").content : null,
  };
}

/// The failed checks of one measured page, as sentences.
function failures(m, want) {
  const out = [];
  if (m.dir !== want) out.push(`<html dir> is ${m.dir}, expected ${want}`);
  // `a` comes before `b` in reading order when it lies on the reading side of it.
  const before = (a, b, what) => {
    if (!a || !b) return out.push(`${what}: not on the page`);
    const ok = want === "rtl" ? a.left > b.left : a.left < b.left;
    if (!ok) out.push(`${what}: the first is at x=${a.left.toFixed(0)}, the other at x=${b.left.toFixed(0)}`);
  };
  before(m.firstDay, m.lastDay, "chart: first day column vs last day column");
  before(m.nav1, m.nav2, "main navigation: first item vs second");
  before(m.crumb1, m.crumb2, "breadcrumbs: first crumb vs second");
  if (!m.stage || !m.stageHeading) {
    out.push("timeline: no stage heading");
  } else {
    const startGap = want === "rtl" ? m.stage.right - m.stageHeading.right : m.stageHeading.left - m.stage.left;
    if (!(startGap > 16)) out.push(`timeline: text is ${startGap.toFixed(0)}px from the rail side, expected more than 16`);
  }
  if (!m.callRadius) out.push("timeline: no call-the-clinic box");
  else if ((want === "rtl" ? m.callRadius.right : m.callRadius.left) !== "0px")
    out.push(`timeline: the call-the-clinic box is rounded on its stripe's side (${JSON.stringify(m.callRadius)})`);
  if (!m.phoneFirst || !m.phoneLast) out.push("contact: no phone link");
  else if (!(m.phoneFirst.left < m.phoneLast.left)) out.push("contact: the phone number is drawn right to left");
  if (want === "rtl") out.push(...urduTypeFailures(m));
  return out;
}

/// The failed checks of a right-to-left (Urdu) page's type.
function urduTypeFailures(m) {
  const out = [];
  if (!m.font.startsWith('"Noto Naskh Arabic"')) out.push(`body font is ${m.font}, not the Urdu stack`);
  if (!(m.lineHeight >= 1.9)) out.push(`body line height is ${m.lineHeight.toFixed(2)}, too tight for Urdu script`);
  if (!m.when || m.when.spacing !== "normal" || m.when.transform !== "none")
    out.push(`timeline stage label has letter-spacing or text-transform: ${JSON.stringify(m.when)}`);
  if (m.separator !== '"\\\\"') out.push(`breadcrumb separator is ${m.separator}, not mirrored`);
  return out;
}

mkdirSync(shotsDir, { recursive: true });
const { child: server, origin } = await serve(path.resolve(publicDir));
const profile = mkdtempSync(path.join(tmpdir(), "pigment-rtl-"));
let failed = 0;
try {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    for (const { path: rel, dir } of PAGES) {
      const response = await page.goto(`${origin}/${rel}`, { waitUntil: "load", timeout: 30000 });
      const problems = response?.ok() ? failures(await page.evaluate(measure), dir) : [`HTTP ${response?.status()}`];
      const shot = path.join(shotsDir, `${dir}-${rel.replace(/\/$/, "").replaceAll("/", "_")}-${width}.png`);
      await page.screenshot({ path: shot, fullPage: true });
      const label = `/${rel} (${dir}, ${width}px)`;
      if (problems.length === 0) console.log(`ok ${label}`);
      for (const p of problems) console.log(`✗ ${label}: ${p}`);
      failed += problems.length;
    }
  }
  await context.close();
} finally {
  server.kill("SIGTERM");
  rmSync(profile, { recursive: true, force: true });
}
console.log(`rtl-layout: ${PAGES.length * WIDTHS.length} pages, ${failed} failures; screenshots in ${shotsDir}`);
process.exit(failed ? 1 : 0);
