#!/usr/bin/env bash
# Hardening benchmark: time (hyperfine) and peak memory (/usr/bin/time -v) of `pmprb score` on a normal
# workbook, the largest accepted one, a zip bomb and a far-away cell, side by side with a bare
# python-calamine read. Usage: bench/hardening/run.sh [results.md]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/results.md}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python "$here/make_files.py" "$work" >/dev/null

peak() {  # peak resident memory in MB and exit code of one run
  local log="$work/time.log"
  set +e
  /usr/bin/time -v "$@" >/dev/null 2>"$log"
  set -e
  awk -F': ' '/Maximum resident set size/ {mb=$2/1024} /Exit status/ {code=$2} END {printf "%.0f MB | exit %s", mb, code}' "$log"
}

{
  echo "| input | size | command | peak memory | exit |"
  echo "|---|---|---|---|---|"
  for f in normal largest bomb far; do
    size=$(du -k "$work/$f.xlsx" | cut -f1)
    echo "| $f.xlsx | ${size} KB | pmprb score | $(peak pmprb score "$work/$f.xlsx" --format json) |"
    if [ "$f" = normal ] || [ "$f" = largest ]; then
      echo "| $f.xlsx | ${size} KB | bare calamine read | $(peak python "$here/bare_read.py" "$work/$f.xlsx") |"
    fi
  done
} > "$work/memory.md"

{
  echo "| case file | size | exit | wall time | peak memory |"
  echo "|---|---|---|---|---|"
  for f in "$work"/cases/*; do
    set +e
    /usr/bin/time -f "%e %M" -o "$work/case.time" pmprb score "$f" --format json >/dev/null 2>&1
    code=$?
    set -e
    read -r secs kb < <(tail -1 "$work/case.time")
    echo "| $(basename "$f") | $(du -k "$f" | cut -f1) KB | $code | ${secs} s | $((kb / 1024)) MB |"
  done
} > "$work/cases.md"

hyperfine --style basic --ignore-failure --warmup 1 --runs 5 --export-markdown "$work/small.md" \
  -n "bare read normal" "python $here/bare_read.py $work/normal.xlsx" \
  -n "pmprb score normal" "pmprb score $work/normal.xlsx --format json" \
  -n "pmprb score bomb" "pmprb score $work/bomb.xlsx --format json" \
  -n "pmprb score far" "pmprb score $work/far.xlsx --format json" >/dev/null
hyperfine --style basic --ignore-failure --runs 3 --export-markdown "$work/large.md" \
  -n "bare read largest" "python $here/bare_read.py $work/largest.xlsx" \
  -n "pmprb score largest" "pmprb score $work/largest.xlsx --format json" >/dev/null

python "$here/inprocess.py" "$work" > "$work/inprocess.md"

{
  echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores ($(python -c 'import platform; print(platform.python_version())'))."
  echo
  echo "### Peak memory (/usr/bin/time -v)"
  echo
  cat "$work/memory.md"
  echo
  echo "### Every case of the test corpus (one run each, /usr/bin/time)"
  echo
  cat "$work/cases.md"
  echo
  echo "### The guards' own cost, in one process (timeit, best of 5)"
  echo
  cat "$work/inprocess.md"
  echo
  echo "### Time (hyperfine)"
  echo
  cat "$work/small.md"
  echo
  cat "$work/large.md"
} > "$out"
cat "$out"
