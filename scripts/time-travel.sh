#!/usr/bin/env bash
# The date-sensitive tests, a second time, with the machine's clock moved: more than a year ahead, a minute and a
# half before a leap day (2028-02-29), so the run crosses midnight into it. One clock for every process: the CLI
# processes a test starts continue the fake time (FAKETIME_DONT_RESET), so two commands run in turn see time pass,
# as they do on a real machine (without it each new process starts again at the same second). Debian's faketime (libfaketime) moves the
# clock of every process the tests start (the CLI, its child processes), not only vitest's. Monotonic time stays
# real, so timers and timeouts behave. A test whose outcome depends on today's date fails here.
#   bash scripts/time-travel.sh                                   the default moment
#   TIME_TRAVEL_TO='2031-12-31 23:45:00' bash scripts/time-travel.sh
#   bash scripts/time-travel.sh --list                            the files it would run
# Date-sensitive, by construction: core code never reads the wall clock (test/architecture/one-clock.test.ts), so
# today's date can reach a test only through an entry point or through the test itself. The files are found, not
# listed: every test that runs the CLI (as a process or in-process: the CLI reads the clock at its entry), takes
# the real clock, or reads the clock itself; plus the one-clock test. Not a file that pins its clock for all its tests
# (test/helpers/pinned-clock.ts) and starts no process: it sees the same day whatever the machine's clock says. Chromium runs with the real clock
# (test/helpers/browser.ts): it does not start under libfaketime.
set -euo pipefail
cd "$(dirname "$0")/.."
to="${TIME_TRAVEL_TO:-2028-02-28 23:58:30}"
files=()
pinned=()
while IFS= read -r f; do
  # A file that pins its clock (test/helpers/pinned-clock.ts) and starts no process sees the same day on any day.
  if grep -q 'pinClockForFile(' "$f" && ! grep -qE 'helpers/cli\.ts|bin/profile-sync|\bBIN\b|execFile|spawn' "$f"; then pinned+=("$f"); continue; fi
  files+=("$f")
done < <(grep -rlE 'helpers/cli\.ts|in-process-cli|bin/profile-sync|\bBIN\b|realClock|new Date\(\)|Date\.now\(\)' test --include='*.test.ts' | sort)
[[ " ${files[*]} " == *" test/architecture/one-clock.test.ts "* ]] || files+=(test/architecture/one-clock.test.ts)
if [ "${1:-}" = "--list" ]; then printf '%s\n' "${files[@]}"; exit 0; fi
if ! command -v faketime >/dev/null; then
  echo "time-travel: faketime is missing (Debian package faketime; scripts/ensure-test-tools.sh installs it)" >&2
  exit 1
fi
echo "time-travel: ${#files[@]} date-sensitive test files again with the clock at $to UTC (faketime)" >&2
if [ ${#pinned[@]} -gt 0 ]; then echo "time-travel: not again, their clock pinned for every test: ${pinned[*]}" >&2; fi
FAKETIME_DONT_RESET=1 FAKETIME_DONT_FAKE_MONOTONIC=1 TZ=UTC exec faketime -f "@$to" npx vitest run "${files[@]}" "$@"
