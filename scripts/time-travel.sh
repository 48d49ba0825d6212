#!/usr/bin/env bash
# The date-sensitive tests, a second time, with the machine's clock moved: more than a year ahead, half an hour
# before a leap day (2028-02-29), so the run crosses midnight into it. Debian's faketime (libfaketime) moves the
# clock of every process the tests start (the CLI, its child processes), not only vitest's. Monotonic time stays
# real, so timers and timeouts behave. A test whose outcome depends on today's date fails here.
#   bash scripts/time-travel.sh                 the default moment
#   TIME_TRAVEL_TO='2031-12-31 23:45:00' bash scripts/time-travel.sh
# Date-sensitive: everything that writes a date, a run id or a year check, or that runs the CLI (which reads the
# clock at its entry). Left out: test/infra (CDK synth; no date in a template) and test/scripts. Chromium itself
# runs with the real clock (test/helpers/browser.ts): it does not start under libfaketime.
set -euo pipefail
cd "$(dirname "$0")/.."
to="${TIME_TRAVEL_TO:-2028-02-28 23:30:00}"
if ! command -v faketime >/dev/null; then
  echo "time-travel: faketime is missing (Debian package faketime; scripts/ensure-test-tools.sh installs it)" >&2
  exit 1
fi
dirs=(test/architecture test/browser test/canonical test/cli test/harvest test/hostile test/ids test/integration test/pipeline test/publish test/reconcile test/review test/sources test/store test/workflow)
echo "time-travel: the date-sensitive tests again with the clock at $to UTC (faketime)" >&2
FAKETIME_DONT_FAKE_MONOTONIC=1 TZ=UTC exec faketime -f "@$to" npx vitest run "${dirs[@]}" "$@"
