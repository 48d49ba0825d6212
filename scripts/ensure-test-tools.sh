#!/usr/bin/env bash
# The tests use programs from Debian, because they are the strictest real consumers of what we publish:
#   chromium  (+ fonts-liberation)  drives the browser tests through playwright-core (which downloads no browser)
#   bibtex    (texlive-binaries + texlive-base for plain.bst)  checks every .bib we publish as BibTeX itself reads it
#   faketime  runs the date-sensitive tests a second time with the clock moved (scripts/time-travel.sh)
#   hugo      builds a site from the Hugo Blox bundles we publish (test/publish/hugo-site.test.ts)
#   python3-yaml  PyYAML, whose safe_load reads the Hugo Blox front matter too (test/hostile/site-exports.test.ts)
# Each is skipped when already present (CHROMIUM_PATH may point at another browser, PYTHON3_PATH at another python3
# with PyYAML). When one is missing and we are root on Debian (CI, a fresh machine) it is installed, saying what and
# why; otherwise this says how and fails.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
PYTHON3="${PYTHON3_PATH:-/usr/bin/python3}"
packages=()
reasons=()
if [ ! -x "$CHROMIUM" ]; then
  packages+=(chromium fonts-liberation)
  reasons+=("chromium: $CHROMIUM not found (the browser tests; set CHROMIUM_PATH to use another browser)")
fi
if ! command -v bibtex >/dev/null || ! kpsewhich plain.bst >/dev/null 2>&1; then
  packages+=(texlive-binaries texlive-base)
  reasons+=("bibtex: not found (every published .bib is checked by BibTeX itself)")
fi
if ! command -v faketime >/dev/null; then
  packages+=(faketime)
  reasons+=("faketime: not found (the tests run again with the clock a year ahead, the day before a leap day)")
fi
if ! command -v hugo >/dev/null; then
  packages+=(hugo)
  reasons+=("hugo: not found (a Hugo site is built from the published Hugo Blox bundles)")
fi
if ! "$PYTHON3" -c 'import yaml' >/dev/null 2>&1; then
  packages+=(python3-yaml)
  reasons+=("python3-yaml: PyYAML not importable by $PYTHON3 (the Hugo Blox front matter is read by PyYAML's safe_load too; set PYTHON3_PATH to use another python3)")
fi
[ ${#packages[@]} -eq 0 ] && exit 0
for r in "${reasons[@]}"; do echo "ensure-test-tools: $r" >&2; done
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "ensure-test-tools: installing Debian packages ${packages[*]} (--no-install-recommends); apt's own output follows" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "${packages[@]}"
  echo "ensure-test-tools: installed ${packages[*]}" >&2
  exit 0
fi
echo "ensure-test-tools: install them with: sudo apt-get install --no-install-recommends ${packages[*]}" >&2
exit 1
