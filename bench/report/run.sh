#!/usr/bin/env bash
# pmprb report against LibreOffice, side by side in one hyperfine run: the filled ZI example workbook
# (examples/lke-zi-2026-unit.xlsx, 127 questions) rendered as
#   (a) pmprb report -> HTML, (b) pmprb report -> PDF (WeasyPrint),
#   (c) soffice --headless --convert-to pdf of the same workbook (what admins print today).
# Needs: hyperfine, LibreOffice, pmprb installed. Results: bench/report/results.md, results-memory.txt
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=${BENCH_DIR:-$(mktemp -d)}
runs=${BENCH_RUNS:-5}
book="$work/lke-zi-2026-unit.xlsx"
cp "$root/examples/lke-zi-2026-unit.xlsx" "$book"
export SOURCE_DATE_EPOCH=1764028800
profile="file://$work/lo-profile"  # a private LibreOffice profile: no clash with a running soffice

hyperfine --warmup 1 --runs "$runs" --export-markdown "$here/results.md" \
  -n "pmprb report -> HTML" "pmprb report $book -o $work/report.html" \
  -n "pmprb report -> PDF (WeasyPrint)" "pmprb report $book -o $work/report.pdf" \
  -n "soffice --convert-to pdf (same workbook)" \
  "soffice -env:UserInstallation=$profile --headless --convert-to pdf --outdir $work/lo $book"

pages() { python -c "import sys; from pypdf import PdfReader; print(len(PdfReader(sys.argv[1]).pages))" "$1"; }
peak() {  # peak resident memory of one run
  local name=$1; shift
  /usr/bin/time -v "$@" 2>"$work/time.txt" >/dev/null
  echo "$name: $(grep -E 'Maximum resident' "$work/time.txt" | sed 's/^[[:space:]]*//')"
}
{
  echo "pages: pmprb PDF $(pages "$work/report.pdf"), LibreOffice PDF $(pages "$work/lo/lke-zi-2026-unit.pdf")"
  peak "pmprb report -> HTML" pmprb report "$book" -o "$work/report.html"
  peak "pmprb report -> PDF" pmprb report "$book" -o "$work/report.pdf"
  peak "soffice --convert-to pdf" soffice -env:UserInstallation="$profile" --headless --convert-to pdf \
    --outdir "$work/lo" "$book"
} | tee "$here/results-memory.txt"
