#!/usr/bin/env bash
# The browser tests: `tests/browser/run.sh [PATH_TO_PIGMENT [PUBLIC_DIR]]`.
# Live reload always; with PUBLIC_DIR (a built demo), the right-to-left layout check too, on
# its /timeline/ and /ur/timeline/ (built from a `language = "ur"` copy of the demo when the
# site has no /ur/ yet), with screenshots in rtl-shots/ beside PUBLIC_DIR, and the demo built
# with `--relative` into relative-public/ beside PUBLIC_DIR, opened from file://.
# Installs Node, Chromium and playwright-core when missing, so it runs on a fresh machine.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pigment="${1:-$here/../../target/release/pigment}"
[[ -x "$pigment" ]] || { echo "no pigment binary at $pigment; build it first" >&2; exit 2; }

apt_install() {
  command -v apt-get >/dev/null || { echo "missing $*, and apt-get is not available" >&2; exit 3; }
  local sudo=()
  [[ $(id -u) -ne 0 ]] && sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
[[ -x "$CHROMIUM" ]] || apt_install chromium
# The right-to-left screenshots want an Urdu font; the checks themselves do not.
if [[ $# -ge 2 ]] && ! fc-list :lang=ur family 2>/dev/null | grep -q .; then
  (apt_install fonts-noto-core) || echo "no Urdu font installed: screenshots show fallback glyphs" >&2
fi

stamp="$here/node_modules/.package-lock.json"
if [[ ! -f "$stamp" || "$here/package-lock.json" -nt "$stamp" ]]; then
  (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
pigment="$(cd "$(dirname "$pigment")" && pwd)/$(basename "$pigment")"
node "$here/live-reload.mjs" "$pigment"
if [[ $# -ge 2 ]]; then
  public="$(cd "$2" && pwd)"
  node "$here/rtl-layout.mjs" "$public" "$(dirname "$public")/rtl-shots"
  relative="$(dirname "$public")/relative-public"
  (cd "$here/../.." && "$pigment" build --quiet --relative --output "$relative")
  node "$here/relative.mjs" "$relative"
fi
