#!/usr/bin/env bash
# The live-reload browser test: `tests/browser/run.sh [PATH_TO_PIGMENT]`.
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

stamp="$here/node_modules/.package-lock.json"
if [[ ! -f "$stamp" || "$here/package-lock.json" -nt "$stamp" ]]; then
  (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
node "$here/live-reload.mjs" "$(cd "$(dirname "$pigment")" && pwd)/$(basename "$pigment")"
