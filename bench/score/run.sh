#!/usr/bin/env bash
# pmprb score against the floor of its stack, in rounds of short hyperfine runs, side by side in each.
#  (a) one official-layout ZI workbook: `pmprb score` vs a bare python that imports typer and pydantic
#      and reads the same file with python-calamine (target: within 1.3x);
#  (b) 500 such workbooks in one command vs one process reading the same 500 with calamine (target 1.5x).
# Needs: hyperfine (Debian), pmprb installed. Results: bench/score/results-*.md (BENCH_ROUNDS, default 10)
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

rounds=${BENCH_ROUNDS:-10}
cat > "$work/read_all.py" <<PY
import glob
from python_calamine import CalamineWorkbook
for path in sorted(glob.glob("$work/unit-*.xlsx")):
    CalamineWorkbook.from_path(path).get_sheet_by_name("Jawaban").to_python()
PY
# short rounds, (a) and (b) in turn: hyperfine runs each command's runs in one block, so the machine's
# drift between blocks lands in a ratio (on a shared machine a floor moves by half between minutes);
# ratios.py reports each round's ratio and their median
python "$work/read_all.py"  # the 500 files in the page cache
for r in $(seq "$rounds"); do
  hyperfine -N --warmup 1 --runs 4 --export-json "$work/one-$r.json" \
    -n "floor: python + typer + pydantic + calamine read" \
    "python -c \"import typer, pydantic; from python_calamine import CalamineWorkbook; CalamineWorkbook.from_path('$one').get_sheet_by_name('Jawaban').to_python()\"" \
    -n "pmprb score (table)" "pmprb score $one" \
    -n "pmprb score --format json" "pmprb score $one --format json"
  hyperfine --runs 1 --export-json "$work/many-$r.json" \
    -n "floor: one process reads $n workbooks with calamine" "python $work/read_all.py" \
    -n "pmprb score $n workbooks (json)" "pmprb score $work/unit-*.xlsx --format json > /dev/null" \
    -n "pmprb score $n workbooks, one process" "pmprb score $work/unit-*.xlsx --format json --jobs 1 > /dev/null"
done
python "$here/ratios.py" "$here/results-one.md" "(a) one workbook" $(seq -f "$work/one-%g.json" "$rounds")
python "$here/ratios.py" "$here/results-many.md" "(b) $n workbooks" $(seq -f "$work/many-%g.json" "$rounds")

/usr/bin/time -v pmprb score "$work"/unit-*.xlsx --format json 2>"$work/time.txt" >/dev/null || true
grep -E "Maximum resident|Elapsed" "$work/time.txt" | tee "$here/results-memory.txt"
