#!/usr/bin/env bash
# Measures the peak memory (maximum resident set size) of `ledger rebuild`,
# `ledger export` and `ledger import --events` on two generated ledgers, one
# ten times the size of the other, and prints the ratio large/small for each.
# A ratio near 1.0 means the command's memory does not grow with the log.
#
# Usage: tools/rebuild-memory/run.sh [SMALL_EVENTS]   (default 5000)
# Needs GNU time at /usr/bin/time (Debian package `time`).
set -euo pipefail
cd "$(dirname "$0")/../.."

small=${1:-5000}
large=$((small * 10))
swift build --product ledger >/dev/null
swift build --product ledger-bench >/dev/null
bin=$(swift build --show-bin-path)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

peak() { # prints the peak RSS in KiB of the command given
    /usr/bin/time -f '%M' -o "$work/rss" "$@" >/dev/null
    cat "$work/rss"
}

declare -A rss
for size in "$small" "$large"; do
    "$bin/ledger-bench" run --events "$size" --folder "$work/$size" --output "$work/$size.json" >/dev/null 2>&1
    db="$work/$size/ledger.sqlite"
    rss[rebuild-$size]=$(peak "$bin/ledger" rebuild --db "$db")
    rss[export-$size]=$(peak "$bin/ledger" export --db "$db" --output "$work/$size.jsonl")
    LEDGER_KEY=$(cat "$db.key") "$bin/ledger" init --db "$work/import-$size.sqlite" >/dev/null
    rss[import-$size]=$(LEDGER_KEY=$(cat "$db.key") peak "$bin/ledger" import --db "$work/import-$size.sqlite" --events "$work/$size.jsonl")
done

printf '%-8s %14s %14s %8s\n' command "$small events" "$large events" ratio
for command in rebuild export import; do
    a=${rss[$command-$small]}
    b=${rss[$command-$large]}
    printf '%-8s %11s KiB %11s KiB %8s\n' "$command" "$a" "$b" "$(awk "BEGIN { printf \"%.2f\", $b / $a }")"
done
