#!/usr/bin/env bash
# pmprb score against the floor of its stack, side by side in one hyperfine run each.
#  (a) one official-layout ZI workbook: `pmprb score` vs a bare python that imports typer and pydantic
#      and reads the same file with python-calamine (target: within 1.3x);
#  (b) 500 such workbooks in one command vs one process reading the same 500 with calamine (target 1.5x).
# Needs: hyperfine (Debian), pmprb installed. Results: bench/score/results-*.md
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=${BENCH_DIR:-$(mktemp -d)}
n=${BENCH_FILES:-500}
[ -f "$work/unit-$(printf %03d $((n - 1))).xlsx" ] || python "$here/make_workbooks.py" "$work" "$n"
one="$work/unit-000.xlsx"
export PMPRB_CACHE_DIR="$work/cache"
pmprb score "$one" >/dev/null  # a worksheet is parsed once per version, then cached
# bytecode as `pip install` leaves it: with PYTHONDONTWRITEBYTECODE set (as on our machines) an
# editable checkout would otherwise be compiled from source on every run (~80 ms), the floor's
# libraries never are
python -m compileall -q "$(python -c 'import os, pmprb; print(os.path.dirname(pmprb.__file__))')"

hyperfine -N --warmup 5 --runs 40 --export-markdown "$here/results-one.md" \
  -n "floor: python + typer + pydantic + calamine read" \
  "python -c \"import typer, pydantic; from python_calamine import CalamineWorkbook; CalamineWorkbook.from_path('$one').get_sheet_by_name('Jawaban').to_python()\"" \
  -n "pmprb score (table)" "pmprb score $one" \
  -n "pmprb score --format json" "pmprb score $one --format json"

cat > "$work/read_all.py" <<PY
import glob
from python_calamine import CalamineWorkbook
for path in sorted(glob.glob("$work/unit-*.xlsx")):
    CalamineWorkbook.from_path(path).get_sheet_by_name("Jawaban").to_python()
PY
hyperfine --warmup 1 --runs 5 --export-markdown "$here/results-many.md" \
  -n "floor: one process reads $n workbooks with calamine" "python $work/read_all.py" \
  -n "pmprb score $n workbooks (json)" "pmprb score $work/unit-*.xlsx --format json > /dev/null" \
  -n "pmprb score $n workbooks, one process" "pmprb score $work/unit-*.xlsx --format json --jobs 1 > /dev/null"

/usr/bin/time -v pmprb score "$work"/unit-*.xlsx --format json 2>"$work/time.txt" >/dev/null || true
grep -E "Maximum resident|Elapsed" "$work/time.txt" | tee "$here/results-memory.txt"
