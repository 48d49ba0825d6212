#!/usr/bin/env bash
# The browser test drives Debian's chromium (playwright-core downloads no browser).
# Installs it when missing and we are root (CI, a fresh machine); otherwise says how.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "ensure-chromium: installing Debian's chromium for the browser test" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "ensure-chromium: $CHROMIUM is missing; install it (sudo apt-get install chromium) or set CHROMIUM_PATH" >&2
exit 1
