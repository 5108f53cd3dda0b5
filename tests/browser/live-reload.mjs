// Live reload in a real browser: serve a small site with `pigment serve`, open a page in
// headless Chromium, edit the markdown on disk, and wait for the new text to appear without
// reloading the page from here. Then break the front matter and expect the error overlay,
// fix it and expect the overlay gone.
//
//   node live-reload.mjs PATH_TO_PIGMENT
//
// Exit status 0 on success, 1 on failure. Waits are generous; nothing is timed.

import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { chromium } from "playwright-core";

const WAIT = 60_000;
const pigment = process.argv[2];
if (!pigment) {
  console.error("usage: node live-reload.mjs PATH_TO_PIGMENT");
  process.exit(2);
}
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

const site = mkdtempSync(path.join(tmpdir(), "pigment-live-"));
const profile = mkdtempSync(path.join(tmpdir(), "pigment-live-profile-"));
const article = (body) =>
  `---\ntitle: Recovery\ndescription: After treatment.\n---\n${body}\n`;
const write = (rel, text) => {
  mkdirSync(path.dirname(path.join(site, rel)), { recursive: true });
  writeFileSync(path.join(site, rel), text);
};
write("site.toml", 'title = "Live"\nbase_url = "https://live.example"\n');
write("content/articles/recovery.md", article("Rest well."));

const server = spawn(pigment, ["serve", "--port", "0", "--root", site, "--color", "never"], {
  stdio: ["ignore", "ignore", "pipe"],
});
let context;
let failed = false;
try {
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("serve printed no address")), WAIT);
    server.on("exit", (code) => reject(new Error(`serve exited with ${code}`)));
    createInterface({ input: server.stderr }).on("line", (line) => {
      process.stderr.write(`  serve: ${line}\n`);
      const m = line.match(/Serving at (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });

  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(new URL("articles/recovery/", url).href);
  await page.waitForFunction(() => document.body.innerText.includes("Rest well."), null, { timeout: WAIT });
  // Wait until the event stream is open, so the edit cannot race the page's subscription.
  await page.waitForTimeout(500);

  write("content/articles/recovery.md", article("Sleep on your back."));
  await page.waitForFunction(() => document.body.innerText.includes("Sleep on your back."), null, {
    timeout: WAIT,
  });
  console.log("ok: the edited text appeared without a manual reload");

  write("content/articles/recovery.md", "---\ntitle: Recovery\nreveiwed: yesterday\n---\nBroken.\n");
  await page.waitForSelector("#pigment-error-overlay", { timeout: WAIT });
  const overlay = await page.textContent("#pigment-error-overlay");
  if (!overlay.includes("content/articles/recovery.md:3:1")) {
    throw new Error(`overlay does not locate the error: ${overlay}`);
  }
  console.log("ok: a build error shows as an overlay with its location");

  write("content/articles/recovery.md", article("Fixed again."));
  await page.waitForFunction(
    () => document.body.innerText.includes("Fixed again.") && !document.getElementById("pigment-error-overlay"),
    null,
    { timeout: WAIT },
  );
  console.log("ok: fixing the file clears the overlay");
} catch (e) {
  failed = true;
  console.error(`live reload: FAILED: ${e.message}`);
} finally {
  await context?.close().catch(() => {});
  server.kill();
  rmSync(site, { recursive: true, force: true });
  rmSync(profile, { recursive: true, force: true });
}
console.log(`live reload: ${failed ? "failed" : "passed"}`);
process.exit(failed ? 1 : 0);
