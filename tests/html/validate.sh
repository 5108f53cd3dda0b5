#!/usr/bin/env bash
# Validates a built site: HTML validity (Nu HTML Checker) and accessibility (axe-core in
# headless Chromium, light and dark colour schemes) for every .html file.
#
#   tests/html/validate.sh PUBLIC_DIR
#
# Installs what it needs when missing (npm packages from package-lock.json, Java, Chromium),
# so it runs on a fresh machine. Exits 1 if any check fails; the last line sums it up:
#   html: N pages, N errors, N axe violations
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ $# -ne 1 || ! -d "$1" ]]; then
  echo "usage: $0 PUBLIC_DIR" >&2
  exit 2
fi
public="$(cd "$1" && pwd)"

log() { printf '==> %s\n' "$*" >&2; }

# --- tools -----------------------------------------------------------------
apt_updated=0
apt_install() {
  if ! command -v apt-get >/dev/null; then
    echo "missing $*, and apt-get is not available to install it" >&2
    exit 3
  fi
  local sudo=()
  [[ $(id -u) -ne 0 ]] && sudo=(sudo)
  if [[ $apt_updated -eq 0 ]]; then
    "${sudo[@]}" apt-get update -qq
    apt_updated=1
  fi
  log "installing $*"
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm
command -v java >/dev/null || apt_install openjdk-17-jre-headless
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
[[ -x "$CHROMIUM" ]] || apt_install chromium

# npm packages: reinstall when node_modules is missing or older than the lock file.
stamp="$here/node_modules/.package-lock.json"
if [[ ! -f "$stamp" || "$here/package-lock.json" -nt "$stamp" ]]; then
  log "installing npm packages"
  (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi

pages=$(find "$public" -type f -name '*.html' | wc -l)
if [[ $pages -eq 0 ]]; then
  echo "no .html files in $public" >&2
  exit 1
fi

# --- Nu HTML Checker ---------------------------------------------------------
log "Nu HTML Checker: $pages pages"
vnu_out="$(mktemp)"
trap 'rm -f "$vnu_out"' EXIT
vnu_status=0
java -Xss1024k -jar "$here/node_modules/vnu-jar/build/dist/vnu.jar" \
  --errors-only --skip-non-html --format gnu "$public" 2>"$vnu_out" || vnu_status=$?
# One message per line: "path":line.col-line.col: error: message
html_errors=$(grep -c ': error' "$vnu_out" || true)
if [[ $vnu_status -ne 0 || $html_errors -ne 0 ]]; then
  sed -e "s|\"file:$public/|\"|" -e "s|\"$public/|\"|" "$vnu_out"
  # A non-zero exit without parseable messages (a crash, a bad path) still counts.
  [[ $html_errors -eq 0 ]] && html_errors=1
fi

# --- axe-core ----------------------------------------------------------------
log "axe-core: $pages pages; light and dark schemes, and a phone-width pass"
axe_out="$(mktemp)"
trap 'rm -f "$vnu_out" "$axe_out"' EXIT
axe_status=0
node "$here/axe-check.mjs" "$public" | tee "$axe_out" || axe_status=$?
summary="$(grep '^axe: ' "$axe_out" | tail -n 1 || true)"
axe_violations=$(sed -n 's/^axe: [0-9]* pages, \([0-9]*\) violations, \([0-9]*\) load errors$/\1/p' <<<"$summary")
load_errors=$(sed -n 's/^axe: [0-9]* pages, \([0-9]*\) violations, \([0-9]*\) load errors$/\2/p' <<<"$summary")
if [[ -z "$axe_violations" ]]; then
  echo "axe-check did not finish" >&2
  axe_violations=1 load_errors=0
fi

extra=""
[[ ${load_errors:-0} -ne 0 ]] && extra=", $load_errors load errors"
echo "html: $pages pages, $html_errors errors, $axe_violations axe violations$extra"
if [[ $html_errors -ne 0 || $axe_violations -ne 0 || ${load_errors:-0} -ne 0 || $axe_status -ne 0 ]]; then
  exit 1
fi
