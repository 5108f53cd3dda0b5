// Runs axe-core on every .html file of a built site, in headless Chromium.
//
//   node axe-check.mjs PUBLIC_DIR
//
// The site is served from 127.0.0.1 on a free port, under the path of its base URL
// (read from the canonical link of PUBLIC_DIR/index.html, or BASE_PATH), so root-relative
// links such as /clinic/style.css resolve as they will in production.
// Each page is checked in the light and dark colour schemes at desktop width and in the
// light scheme at phone width. A subresource that fails to load (a stylesheet, the favicon)
// is reported too, because axe's contrast results mean nothing without the stylesheet.
// Exit status: 0 when clean, 1 on any violation or failure. The last line of output is
// machine-readable: "axe: N pages, N violations, N load errors".

import { createServer } from "node:http";
import { readFile, readdir, stat } from "node:fs/promises";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE_SOURCE = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");

const root = path.resolve(process.argv[2] ?? "");
if (!process.argv[2] || !(await stat(root).catch(() => null))?.isDirectory()) {
  console.error("usage: node axe-check.mjs PUBLIC_DIR");
  process.exit(2);
}
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

const MODES = [
  { name: "light", colorScheme: "light", viewport: { width: 1280, height: 900 } },
  { name: "dark", colorScheme: "dark", viewport: { width: 1280, height: 900 } },
  { name: "light-narrow", colorScheme: "light", viewport: { width: 375, height: 800 } },
];

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8", ".json": "application/json", ".svg": "image/svg+xml",
  ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp",
  ".avif": "image/avif", ".gif": "image/gif", ".ico": "image/x-icon", ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8", ".woff2": "font/woff2", ".pdf": "application/pdf",
};

async function htmlFiles(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await htmlFiles(full)));
    else if (entry.isFile() && entry.name.endsWith(".html")) out.push(full);
  }
  return out.sort();
}

async function detectBasePath() {
  let base = process.env.BASE_PATH;
  if (!base) {
    const index = await readFile(path.join(root, "index.html"), "utf8").catch(() => "");
    const tag = index.match(/<link\b[^>]*\brel=["']?canonical["']?[^>]*>/i)?.[0] ?? "";
    const href = tag.match(/\bhref=["']?([^"'\s>]+)/i)?.[1];
    try { base = href ? new URL(href).pathname : "/"; } catch { base = "/"; }
  }
  if (!base.startsWith("/")) base = "/" + base;
  return base.endsWith("/") ? base : base + "/";
}

const basePath = await detectBasePath();

// A static file server like a typical host: directories serve index.html, misses get 404.html.
const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url, "http://localhost");
    let rel = decodeURIComponent(url.pathname);
    if (!(rel + "/").startsWith(basePath)) throw new Error("outside base path");
    rel = rel.slice(basePath.length - 1);
    let file = path.join(root, path.normalize(rel));
    if (file !== root && !file.startsWith(root + path.sep)) throw new Error("outside root");
    let info = await stat(file).catch(() => null);
    if (info?.isDirectory()) {
      if (!url.pathname.endsWith("/")) {
        res.writeHead(301, { location: url.pathname + "/" }).end();
        return;
      }
      file = path.join(file, "index.html");
      info = await stat(file).catch(() => null);
    }
    if (!info?.isFile()) throw new Error("not found");
    const body = await readFile(file);
    res.writeHead(200, { "content-type": TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream" });
    res.end(body);
  } catch {
    const notFound = await readFile(path.join(root, "404.html")).catch(() => Buffer.from("not found"));
    res.writeHead(404, { "content-type": "text/html; charset=utf-8" }).end(notFound);
  }
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const files = await htmlFiles(root);
// A fresh profile directory every run, removed at the end.
const profile = mkdtempSync(path.join(tmpdir(), "pigment-axe-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
  ],
});
const page = context.pages()[0] ?? (await context.newPage());

let violationCount = 0;
let loadErrors = 0;
const clip = (s, n = 300) => (s.length > n ? s.slice(0, n - 1) + "…" : s);

try {
  for (const mode of MODES) {
    await page.setViewportSize(mode.viewport);
    await page.emulateMedia({ colorScheme: mode.colorScheme, reducedMotion: "reduce" });
    for (const file of files) {
      const rel = path.relative(root, file).split(path.sep).join("/");
      // Percent-encoded as the browser requests it (an Urdu tag page is /ur/tags/%D8%A7…/).
      const pageUrl = new URL(basePath + rel.replace(/(^|\/)index\.html$/, "$1"), origin).href;
      const failed = [];
      // Only our own server is reachable; alias pages must not redirect away mid-check.
      await page.route("**/*", (route) => {
        const request = route.request();
        if (!request.url().startsWith(origin)) return route.abort();
        if (request.isNavigationRequest() && request.frame() === page.mainFrame() && request.url() !== pageUrl) return route.abort();
        return route.continue();
      });
      const onResponse = (response) => {
        if (response.status() >= 400 && response.url() !== pageUrl) failed.push(`${response.status()} ${response.url().replace(origin, "")}`);
      };
      const onFailed = (request) => {
        const error = request.failure()?.errorText ?? "";
        if (request.url() !== pageUrl && !(request.isNavigationRequest() && error.includes("ERR_ABORTED") && request.url().startsWith(origin))) {
          failed.push(`${error} ${request.url().replace(origin, "")}`);
        }
      };
      page.on("response", onResponse);
      page.on("requestfailed", onFailed);
      try {
        await page.goto(pageUrl, { waitUntil: "load", timeout: 30000 });
        await page.addScriptTag({ content: AXE_SOURCE });
        const results = await page.evaluate(() =>
          // eslint-disable-next-line no-undef
          axe.run(document, { resultTypes: ["violations"] }),
        );
        for (const violation of results.violations) {
          violationCount += 1;
          console.log(`\n✗ ${rel} [${mode.name}] ${violation.id} (${violation.impact}): ${violation.help}`);
          console.log(`  ${violation.helpUrl}`);
          for (const node of violation.nodes.slice(0, 8)) {
            console.log(`  - ${node.target.join(" ")}`);
            console.log(`    ${clip(node.html.replace(/\s+/g, " "), 200)}`);
            const summary = node.failureSummary?.replace(/\s*\n\s*/g, " ").trim();
            if (summary) console.log(`    ${clip(summary)}`);
          }
          if (violation.nodes.length > 8) console.log(`  … and ${violation.nodes.length - 8} more elements`);
        }
      } catch (error) {
        failed.push(`could not check page: ${String(error.message ?? error).split("\n")[0]}`);
      }
      page.off("response", onResponse);
      page.off("requestfailed", onFailed);
      await page.unroute("**/*");
      for (const message of failed) {
        loadErrors += 1;
        console.log(`\n✗ ${rel} [${mode.name}] load error: ${message}`);
      }
    }
  }
} finally {
  await context.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}

console.log(`axe: ${files.length} pages, ${violationCount} violations, ${loadErrors} load errors`);
process.exit(violationCount || loadErrors ? 1 : 0);
