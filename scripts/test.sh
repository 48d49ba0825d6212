#!/usr/bin/env bash
# The suite, each test once: every test file today, except the date-sensitive ones (scripts/time-travel.sh
# finds them: those that run the CLI, take the real clock or read the clock), which run on another day instead —
# more than a year ahead, crossing midnight into a leap day. A wall-clock date leaking anywhere they reach fails
# there; running them today as well would double the suite's longest half and prove less.
#   bash scripts/test.sh            what `npm test` runs after tsc
#   npx vitest run                  every file today (a developer's quick check)
set -euo pipefail
cd "$(dirname "$0")/.."
sensitive="$(bash scripts/time-travel.sh --list)"
rest=()
while IFS= read -r f; do rest+=("$f"); done < <(find test -name '*.test.ts' | sort | grep -vxF -e "$sensitive")
echo "test: ${#rest[@]} test files today, then $(printf '%s\n' "$sensitive" | wc -l) date-sensitive files on another day" >&2
npx vitest run "${rest[@]}"
bash scripts/time-travel.sh
