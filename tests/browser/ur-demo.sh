#!/usr/bin/env bash
# Gives a built demo right-to-left pages under /ur/ for the browser checks, until the demo
# has an Urdu language of its own.
#
#   tests/browser/ur-demo.sh PIGMENT PUBLIC_DIR [BASE_URL]
#
# When site.toml has [languages.ur], or PUBLIC_DIR/ur/ holds pages that the site's own build
# wrote (no manifest of their own there), the site has /ur/ already: does nothing. Otherwise
# builds a copy of the demo (site.toml, content/, themes/) with `language = "ur"`, which
# sets <html lang="ur" dir="rtl">, into PUBLIC_DIR/ur/ (replacing it) for BASE_URL + "ur/":
# the same pages, right to left, at the addresses the Urdu site will have. BASE_URL defaults
# to the canonical address of PUBLIC_DIR/index.html.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
if [[ $# -lt 2 || ! -x "$1" || ! -f "$2/index.html" ]]; then
  echo "usage: $0 PIGMENT PUBLIC_DIR [BASE_URL]  (PUBLIC_DIR: a built site)" >&2
  exit 2
fi
pigment="$1" public="$2"
grep -q '^\[languages\.ur\]' "$repo/site.toml" && exit 0
# Pages under ur/ without a build manifest of their own are the site's own Urdu pages.
[[ -f "$public/ur/index.html" && ! -e "$public/ur/.pigment-manifest" ]] && exit 0
canonical="$(sed -n 's/.*<link rel="canonical" href="\([^"]*\)".*/\1/p' "$public/index.html" | head -n 1)"
base="${3:-${canonical:-http://localhost/}}"
base="${base%/}/"

copy="$(mktemp -d)"
trap 'rm -rf "$copy"' EXIT
cp -R "$repo/site.toml" "$repo/content" "$repo/themes" "$copy/"
sed -i 's/^language = .*/language = "ur"/' "$copy/site.toml"
grep -q '^language = "ur"$' "$copy/site.toml" || { echo "ur-demo: site.toml has no top-level language" >&2; exit 1; }
printf '==> building the demo with language = "ur" into %s/ur/\n' "$public" >&2
rm -rf "$public/ur"
"$pigment" build --root "$copy" --output "$public/ur" --base-url "${base}ur/" -q
