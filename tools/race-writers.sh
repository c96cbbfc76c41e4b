#!/usr/bin/env bash
# Starts WRITERS `ledger edit --expect-version N` processes at once on one
# account, ROUNDS times, and checks that each round has exactly one winner,
# that every loser exits 4 with a version conflict, and that the log stays
# gapless. The suite runs a few rounds; this runs as many as asked.
#
# Usage: tools/race-writers.sh [ROUNDS] [WRITERS]   (default 30 rounds of 8)
# Uses $LEDGER, else .build/debug/ledger (run `swift build` first).
set -euo pipefail
rounds=${1:-30}
writers=${2:-8}
ledger=${LEDGER:-$(cd "$(dirname "$0")/.." && pwd)/.build/debug/ledger}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LEDGER_DB="$work/race.sqlite" LEDGER_ACTOR=race
"$ledger" init >/dev/null
"$ledger" connect --id race --destination data-landing-zone --name "Race 0" >/dev/null

failures=0
for round in $(seq 1 "$rounds"); do
    for writer in $(seq 1 "$writers"); do
        ( status=0
          "$ledger" edit race --name "Race $round.$writer" --expect-version "$round" \
              >"$work/out.$writer" 2>&1 || status=$?
          echo "$status" >"$work/status.$writer" ) &
    done
    wait
    winners=$(cat "$work"/status.* | grep -cx 0 || true)
    conflicts=$(cat "$work"/status.* | grep -cx 4 || true)
    unexpected=$(grep -hv -e '^Edited account race' -e '^Error: version conflict on account race' "$work"/out.* || true)
    if [ "$winners" -ne 1 ] || [ "$conflicts" -ne $((writers - 1)) ] || [ -n "$unexpected" ]; then
        echo "round $round: $winners winner(s), $conflicts conflict(s) ${unexpected:+; other output: $unexpected}"
        failures=$((failures + 1))
    fi
    rm -f "$work"/out.* "$work"/status.*
done

versions=$("$ledger" history race --json | wc -l)
if [ "$versions" -ne $((rounds + 1)) ]; then
    echo "history has $versions events; expected $((rounds + 1))"
    failures=$((failures + 1))
fi
echo "$rounds rounds of $writers writers: $failures failed round(s)"
[ "$failures" -eq 0 ]
