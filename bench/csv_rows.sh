#!/usr/bin/env bash
# CSV task loading is linear: times ./harness tasks --tasks csv=FILE on one-task CSV files of 20k, 200k, 100k and 1M
# rows (a header comment, then "input,output" rows, every tenth input quoted with a comma in it) and prints the
# 200k/20k and 1M/100k wall-time ratios. A linear reader gives about 10 (a little less: the JVM's start-up is the same
# for every size); the quadratic one it replaced gave about 17 for 100k/10k and did not finish 1M rows in 300 s.
#
# usage: bench/csv_rows.sh [--dir /tmp/imlbench-csv] [--heap 2g] [--repeats 2] [--keep]
set -euo pipefail

dir=/tmp/imlbench-csv heap=2g repeats=2 keep=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir) dir="$2"; shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    --repeats) repeats="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "unknown option $1 (see the comment at the top of $0)" >&2; exit 2 ;;
  esac
done
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mkdir -p "$dir"
if [[ $keep -eq 0 ]]; then trap 'rm -f "$dir"/rows-*.csv' EXIT; fi
(cd "$root" && ./harness --help > /dev/null)   # build once, outside the timings

for rows in 20000 200000 100000 1000000; do
  file="$dir/rows-$rows.csv"
  if [[ ! -f "$file" ]]; then
    awk -v n="$rows" 'BEGIN {
      print "# name: rows_" n; print "# category: Scale"; print "# instruction: Echo the last word."; print "input,output"
      for (i = 1; i <= n; i++) {
        if (i % 10 == 0) printf "\"row %d, with a comma and more words here\",w%d\n", i, i % 97
        else printf "row %d has eight words of input here,w%d\n", i, i % 97
      }
    }' > "$file"
  fi
done

: > "$dir/times.txt"
for ((r = 1; r <= repeats; r++)); do
  for rows in 20000 200000 100000 1000000; do
    /usr/bin/time -o "$dir/time.tmp" -f "%e %U %M" env JAVA_OPTS="-Xmx$heap" IMLBENCH_NO_BUILD=1 "$root/harness" \
      tasks --quiet --tasks "csv=$dir/rows-$rows.csv" > "$dir/out-$rows.txt"
    echo "$rows $(cat "$dir/time.tmp")" >> "$dir/times.txt"
  done
done
awk '
  { if (!($1 in best) || $2 < best[$1]) { best[$1] = $2; user[$1] = $3; rss[$1] = $4 } }
  END {
    printf "%10s %10s %10s %12s   (best of each)\n", "rows", "wall s", "user s", "peak RSS MB"
    n = split("20000 100000 200000 1000000", sizes, " ")
    for (i = 1; i <= n; i++) printf "%10d %10.2f %10.2f %12.0f\n", sizes[i], best[sizes[i]], user[sizes[i]], rss[sizes[i]] / 1024
    printf "200k / 20k rows: %.2f (at most 15)\n", best[200000] / best[20000]
    printf "1M / 100k rows:  %.2f (at most 10)\n", best[1000000] / best[100000]
  }' "$dir/times.txt"
