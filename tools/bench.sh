#!/usr/bin/env bash
# Runs the whole benchmark with one command: builds in release mode, sets up
# the Python baseline in a virtualenv, measures every history size, and
# writes the results table into docs/benchmarks.md and the chart to
# docs/benchmarks.svg.
#
# Environment:
#   BENCH_SIZES   history sizes in events (default "10000 100000 1000000")
#   BENCH_PYTHON  "no" skips the Python eventsourcing baseline
#   BENCH_PYTHON_MAX_EVENTS  the largest size the Python baseline runs at
#                 (default 100000): it appended 759 to 3,994 events/s here, so
#                 at 1M events it alone would take longer than all the rest
#   BENCH_SINGLE_SAVES  saves appended one transaction each (default 1000)
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=(${BENCH_SIZES:-10000 100000 1000000})
output=tools/bench-output
run="$output/run-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$run"

echo "building in release mode" >&2
swift build -c release --product ledger >&2
swift build -c release --product ledger-bench >&2
bin="$(swift build -c release --show-bin-path)"

python_options=()
if [ "${BENCH_PYTHON:-yes}" != "no" ]; then
    venv="$output/venv"
    if [ ! -x "$venv/bin/python" ]; then
        echo "creating $venv with the eventsourcing library from PyPI" >&2
        if ! python3 -m venv "$venv"; then
            echo "Error: python3 -m venv failed; install python3-venv (apt-get install -y python3-venv) or set BENCH_PYTHON=no" >&2
            exit 1
        fi
        "$venv/bin/pip" install --quiet eventsourcing
    fi
    python_options=(--python "$venv/bin/python" --python-script tools/python_baseline.py)
    echo "Python baseline: eventsourcing $("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("eventsourcing"))')" >&2
fi

results=()
for events in "${sizes[@]}"; do
    size_options=()
    if [ "$events" -le "${BENCH_PYTHON_MAX_EVENTS:-100000}" ]; then
        size_options=("${python_options[@]}")
    fi
    "$bin/ledger-bench" run --events "$events" --folder "$run/$events" --output "$run/result-$events.json" \
        --single-saves "${BENCH_SINGLE_SAVES:-1000}" --ledger "$bin/ledger" "${size_options[@]}"
    results+=("$run/result-$events.json")
    # After every size, so a run stopped half-way still leaves its results.
    "$bin/ledger-bench" report --markdown docs/benchmarks.md --chart docs/benchmarks.svg "${results[@]}"
    mkdir -p docs/benchmark-results
    cp "$run/result-$events.json" docs/benchmark-results/
done
echo "results: ${results[*]}; copies in docs/benchmark-results/" >&2
