// A static file server for a built site, on 127.0.0.1 only, for Lighthouse runs.
//
//   node serve.mjs PUBLIC_DIR PORT BASE_PATH
//
// Serves PUBLIC_DIR under BASE_PATH (`/` or `/clinic/`): folders answer with index.html,
// anything missing with 404.html and status 404. Never serves a path outside PUBLIC_DIR.
// Prints "listening on PORT" once ready (PORT 0 picks a free one); stops on SIGTERM or after 30 minutes at most.

import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";

const [dir, portArg, baseArg] = process.argv.slice(2);
if (!dir || !portArg) {
  console.error("usage: node serve.mjs PUBLIC_DIR PORT [BASE_PATH]");
  process.exit(2);
}
const root = path.resolve(dir);
const base = baseArg || "/";
const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8", ".json": "application/json", ".svg": "image/svg+xml",
  ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp",
  ".gif": "image/gif", ".xml": "application/xml", ".txt": "text/plain; charset=utf-8",
};

async function resolveFile(urlPath) {
  if (!urlPath.startsWith(base)) return null;
  let rel = decodeURIComponent(urlPath.slice(base.length));
  const full = path.resolve(root, rel);
  if (full !== root && !full.startsWith(root + path.sep)) return null;
  const st = await stat(full).catch(() => null);
  if (st?.isDirectory()) return path.join(full, "index.html");
  return st?.isFile() ? full : null;
}

const server = createServer(async (req, res) => {
  try {
    const urlPath = new URL(req.url, "http://localhost").pathname;
    const file = await resolveFile(urlPath);
    const body = file ? await readFile(file).catch(() => null) : null;
    if (body) {
      const type = TYPES[path.extname(file)] ?? "application/octet-stream";
      // Hashed names (style.<hash>.css) never change; everything else is revalidated.
      const cache = /\.[0-9a-f]{10}\.css$/.test(file) ? "public, max-age=31536000, immutable" : "no-cache";
      res.writeHead(200, { "content-type": type, "cache-control": cache });
      res.end(body);
      return;
    }
    const notFound = await readFile(path.join(root, "404.html")).catch(() => "Not found");
    res.writeHead(404, { "content-type": "text/html; charset=utf-8" });
    res.end(notFound);
  } catch {
    res.writeHead(400);
    res.end();
  }
});
server.listen(Number(portArg), "127.0.0.1", () => console.log(`listening on ${server.address().port}`));
const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
setTimeout(stop, 30 * 60 * 1000).unref();
