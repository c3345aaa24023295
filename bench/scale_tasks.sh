#!/usr/bin/env bash
# Task loading at OPT-IML Bench scale, side by side with Python merely parsing the same files.
#
# Generates a corpus in the Super-NaturalInstructions layout with the scale-corpus generator of the test sources
# (harness-core/src/test/java/org/imlbench/harness/bench/ScaleCorpus.java, run from source), warms the page cache,
# then times on the same files, alternately, --repeats times each:
#   python  Debian's /usr/bin/python3: json.load of every task file, nothing else
#   tasks   JAVA_OPTS=-Xmx<heap> ./harness tasks --tasks niv2=DIR: load, split and leakage-check every task
#   run     with --run: ./harness run --tasks niv2=DIR --steps 2 --limit 1 (the embedded model, no HTML)
# and prints wall and CPU seconds, peak RSS and the tasks/python wall-time ratio (best run of each). The corpus goes
# under --dir (several GB at full size) and is deleted at the end unless --keep.
#
# usage: bench/scale_tasks.sh [--tasks 1600] [--instances 3000] [--input-words 50] [--output-words 4] [--heap 1g]
#                             [--dir /tmp/imlbench-scale] [--repeats 1] [--run] [--keep]
set -euo pipefail

tasks=1600 instances=3000 input_words=50 output_words=4 heap=1g dir=/tmp/imlbench-scale repeats=1 run=0 keep=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --tasks) tasks="$2"; shift 2 ;;
    --instances) instances="$2"; shift 2 ;;
    --input-words) input_words="$2"; shift 2 ;;
    --output-words) output_words="$2"; shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    --repeats) repeats="$2"; shift 2 ;;
    --run) run=1; shift ;;
    --keep) keep=1; shift ;;
    *) echo "unknown option $1 (see the comment at the top of $0)" >&2; exit 2 ;;
  esac
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="$dir/niv2"
results="$dir/results"
mkdir -p "$results"
if [[ $keep -eq 0 ]]; then trap 'rm -rf "$corpus" "$dir/runs"' EXIT; fi

if [[ ! -d "$corpus/tasks" ]]; then
  echo "generating $tasks tasks x $instances instances ($input_words-word inputs) in $corpus" >&2
  java "$root/harness-core/src/test/java/org/imlbench/harness/bench/ScaleCorpus.java" "$corpus" --tasks "$tasks" \
    --instances "$instances" --input-words "$input_words" --output-words "$output_words"
fi
echo "corpus: $(du -shL "$corpus" | cut -f1), $(ls "$corpus/tasks" | wc -l) task files" >&2
cat "$corpus"/tasks/*.json > /dev/null   # both sides read from the page cache

# Build once, outside the timings.
(cd "$root" && ./harness --help > /dev/null)

# timed NAME COMMAND...: runs a command under /usr/bin/time, appends "NAME wall user sys maxrss_kb" to the results
timed() {
  local name="$1"; shift
  /usr/bin/time -o "$results/time.tmp" -f "%e %U %S %M" "$@" > "$results/$name.out" 2> "$results/$name.err" || {
    echo "$name failed; see $results/$name.err" >&2; tail -5 "$results/$name.err" >&2; exit 1; }
  echo "$name $(cat "$results/time.tmp")" >> "$results/times.txt"
}

: > "$results/times.txt"
for ((r = 1; r <= repeats; r++)); do
  timed python /usr/bin/python3 -c '
import glob, json, sys
n = 0
for f in sorted(glob.glob(sys.argv[1] + "/tasks/*.json")):
    with open(f, encoding="utf-8") as fh:
        n += len(json.load(fh)["Instances"])
print(n, "instances")' "$corpus"
  timed tasks env JAVA_OPTS="-Xmx$heap" IMLBENCH_NO_BUILD=1 "$root/harness" tasks --quiet --tasks "niv2=$corpus"
done
if [[ $run -eq 1 ]]; then
  rm -rf "$dir/runs"
  timed run env JAVA_OPTS="-Xmx$heap" IMLBENCH_NO_BUILD=1 "$root/harness" run --tasks "niv2=$corpus" --steps 2 \
    --limit 1 --out "$dir/runs" --quiet --no-html
fi

awk -v tasks="$tasks" -v instances="$instances" -v heap="$heap" '
  { if (!($1 in best) || $2 < best[$1]) { best[$1] = $2; user[$1] = $3; sys[$1] = $4; rss[$1] = $5 } }
  END {
    printf "%d tasks x %d instances, heap %s (best of each)\n", tasks, instances, heap
    printf "%-8s %10s %10s %10s %12s\n", "", "wall s", "user s", "sys s", "peak RSS MB"
    n = split("python tasks run", names, " ")
    for (i = 1; i <= n; i++) if (names[i] in best)
      printf "%-8s %10.1f %10.1f %10.1f %12.0f\n", names[i], best[names[i]], user[names[i]], sys[names[i]], rss[names[i]] / 1024
    if (("python" in best) && ("tasks" in best)) printf "tasks / python wall time: %.2f\n", best["tasks"] / best["python"]
  }' "$results/times.txt"
echo "outputs: $results (python.out, tasks.out, run.out, times.txt)" >&2
