#!/usr/bin/env bash
# pmprb score end to end on generated PortalRB answers files, 1,000 to a folder: 1,000, 10,000 and
# 100,000 of them (BENCH_FILES), wall time and peak memory of pmprb and its workers, beside a floor
# (one process that reads and parses the same files with orjson). Needs: pmprb installed.
# Results: bench/batch/results.md
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=${BENCH_DIR:-$(mktemp -d)}
n=${BENCH_FILES:-100000}
files="$work/files"
last=$(printf "%03d" $(((n - 1) / 1000)))
[ -f "$files/wilayah$last/unit$((n - 1)).json" ] || python "$here/make_files.py" "$files" "$n"
export PMPRB_CACHE_DIR="$work/cache"
pmprb score "$files/wilayah000/unit0.json" >/dev/null  # a worksheet is parsed once per version, then cached
python -m compileall -q "$(python -c 'import os, pmprb; print(os.path.dirname(pmprb.__file__))')"
cat > "$work/floor.py" <<PY
import os, sys, orjson
for root, _, names in os.walk(sys.argv[1]):
    for name in names:
        with open(os.path.join(root, name), "rb") as fh:
            orjson.loads(fh.read())
PY
folders() { ls -d "$files"/wilayah* | head -n "$1" | tr '\n' ' '; }
out="$here/results.md"
{
  echo "# pmprb score, $n generated PortalRB files ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(git -C "$here" rev-parse --short HEAD))"
  echo
  echo "| what | wall time | peak memory (largest process) | exit |"
  echo "|---|---:|---:|---:|"
} > "$out"
run() { python "$here/peak.py" "$1" "$2" | tee -a "$out"; }
run "floor: one process reads and parses $n files (orjson)" "python $work/floor.py $files"
for k in 1 10 100; do
  [ $((k * 1000)) -le "$n" ] || continue
  run "pmprb score, $((k * 1000)) files (folders), --format csv -o" \
    "pmprb score $(folders "$k") --format csv -o $work/out-$k.csv"
done
run "pmprb score, $n files, --format json -o" "pmprb score $files --format json -o $work/out.json"
run "pmprb score, $n files, table > file" "pmprb score $files > $work/out.txt"
run "pmprb score, $n files, --files-from - (find)" \
  "find $files -name '*.json' | pmprb score --files-from - --format csv > $work/out-list.csv"
{
  echo
  echo "Rows in the outputs: csv $(grep -c ',total,' "$work/out-$((n / 1000 > 100 ? 100 : n / 1000)).csv" || true) totals;" \
    "json $(python -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$work/out.json") objects;" \
    "table: $(tail -1 "$work/out.txt")"
} | tee -a "$out"
