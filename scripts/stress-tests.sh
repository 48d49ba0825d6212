#!/usr/bin/env bash
# The workflow and harvest suites, again and again, on a machine kept busy:
# one CPU burner per core (each bounded by `timeout`, all stopped on exit),
# `npx vitest run test/workflow test/harvest` N times, stopping at the first
# failure. Flakiness that needs a slow machine shows here.
#
#   scripts/stress-tests.sh [-n RUNS] [-b BURN_SECONDS] [-- extra vitest args]
#
#   -n RUNS          runs of the suites (default 20)
#   -b BURN_SECONDS  the burners' bound (default 900 s per run)
#
# Prints "stress: K/N passed under load" at the end; exits 1 if a run failed
# (its log is kept and named).
set -euo pipefail

runs=20
burn=''
while getopts 'n:b:h' opt; do
  case "$opt" in
    n) runs="$OPTARG" ;;
    b) burn="$OPTARG" ;;
    *) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ "${1:-}" = '--' ] && shift
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then echo "stress: -n wants a positive number, got '$runs'" >&2; exit 2; fi
burn="${burn:-$((runs * 900))}"
if ! [[ "$burn" =~ ^[1-9][0-9]*$ ]]; then echo "stress: -b wants a positive number of seconds, got '$burn'" >&2; exit 2; fi

cd "$(dirname "$0")/.."
cores="$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)"
logs="$(mktemp -d "${TMPDIR:-/tmp}/stress-tests.XXXXXX")"

burners=()
suite=''
# Stops what this script started, by id: the run in progress (its own process group: npx, vitest
# and vitest's workers) and the burners.
stop() {
  if [ -n "$suite" ]; then
    kill -TERM -- "-$suite" 2>/dev/null || kill -TERM "$suite" 2>/dev/null || true
    wait "$suite" 2>/dev/null || true
    suite=''
  fi
  for pid in "${burners[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${burners[@]}"; do wait "$pid" 2>/dev/null || true; done
  burners=()
}
trap stop EXIT
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM

for _ in $(seq "$cores"); do
  timeout "$burn" sh -c 'while :; do :; done' &
  burners+=("$!")
done
echo "stress: ${#burners[@]} CPU burners (one per core, at most ${burn} s); ${runs} runs of vitest run test/workflow test/harvest; logs in ${logs}"

passed=0
started=$SECONDS
for i in $(seq "$runs"); do
  log="${logs}/run-${i}.log"
  t0=$SECONDS
  # In the background (in its own process group where setsid exists), so that a signal to this
  # script stops the run at once and takes vitest's workers with it.
  if command -v setsid >/dev/null; then
    setsid npx vitest run test/workflow test/harvest "$@" >"$log" 2>&1 </dev/null &
  else
    npx vitest run test/workflow test/harvest "$@" >"$log" 2>&1 </dev/null &
  fi
  suite=$!
  status=0
  wait "$suite" || status=$?
  suite=''
  if [ "$status" -eq 0 ]; then
    passed=$((passed + 1))
    tests="$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^ *Tests ' | tr -s ' ' | sed 's/^ //' || true)"
    echo "stress: run ${i}/${runs} passed in $((SECONDS - t0)) s (${tests})"
  else
    echo "stress: run ${i}/${runs} FAILED after $((SECONDS - t0)) s; log: ${log}"
    sed 's/\x1b\[[0-9;]*m//g' "$log" | sed -n '/Failed Tests\|Failed Suites/,$p' | head -80
    echo "stress: ${passed}/${runs} passed under load (stopped at the first failure; $((SECONDS - started)) s)"
    exit 1
  fi
done
echo "stress: ${passed}/${runs} passed under load ($((SECONDS - started)) s)"
