#!/usr/bin/env bash
# Peak resident memory of loading an OPT-1.3B-shaped checkpoint (5.26 GB of float32) and scoring one continuation,
# for three layouts, with `harness score` and with PyTorch (bench/scale_checkpoint.py score), each measured by
# /usr/bin/time -v in its own process. Prints one table row per run.
#
# Usage: bench/checkpoint_memory.sh [DIR]     (default DIR: /work/scale-ckpt; needs about 14 GB free there)
#   KEEP=1 keeps the checkpoints afterwards; LAYOUTS="safetensors bin" measures a subset; SKIP_MAKE=1 reuses DIR.
# Needs Debian's /usr/bin/python3 with torch and numpy, and /usr/bin/time (apt-get install -y time).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${1:-/work/scale-ckpt}"
layouts="${LAYOUTS:-safetensors sharded-bf16 bin}"
tokenizer="${TOKENIZER:-$root/../shared/fixtures/opt/opt-tiny}"
context="${CONTEXT:-The capital of France is}"
continuation="${CONTINUATION:- Paris}"
py=/usr/bin/python3
harness="${HARNESS:-$root/harness}"   # another launcher, e.g. a copy of the runtime image that stays put while you edit

if [[ "${SKIP_MAKE:-}" != "1" ]]; then
  echo "writing the checkpoints to $dir ..." >&2
  "$py" "$root/bench/scale_checkpoint.py" make --out "$dir" --tokenizer "$tokenizer" --layouts "${layouts// /,}"
fi
if [[ "${KEEP:-}" != "1" ]]; then
  trap 'rm -rf "$dir"' EXIT
fi

model_bytes=$((1315758080 * 4))   # the parameters as float32, what either engine holds in memory
# run LOG OUT COMMAND...: COMMAND under /usr/bin/time -v, stdout to OUT, stderr and time's report to LOG
run() {
  local log="$1" out="$2"
  shift 2
  if ! /usr/bin/time -v "$@" >"$out" 2>"$log"; then
    echo "failed: $*" >&2
    tail -n 30 "$log" >&2
    exit 1
  fi
}
peak() { sed -n 's/.*Maximum resident set size (kbytes): \([0-9]*\).*/\1/p' "$1"; }
wall() { sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): \(.*\)/\1/p' "$1"; }

printf '%-14s %-8s %12s %12s %10s %12s %s\n' LAYOUT ENGINE FILES_MB PEAK_RSS_MB "xMODEL" WALL LOG_LIKELIHOOD
for layout in $layouts; do
  files_bytes=$(find "$dir/$layout" \( -name '*.safetensors' -o -name '*.bin' \) -printf '%s\n' | awk '{s += $1} END {printf "%.0f\n", s}')
  log="$(mktemp)"
  run "$log" "$log.out" "$harness" score --model "$dir/$layout" --context "$context" \
      --continuation "$continuation" --json
  kb=$(peak "$log")
  ll=$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["log_likelihood"])' "$log.out")
  ctx=$("$py" -c 'import json,sys; print(",".join(map(str, json.load(open(sys.argv[1]))["context_ids"])))' "$log.out")
  cont=$("$py" -c 'import json,sys; print(",".join(map(str, json.load(open(sys.argv[1]))["continuation_ids"])))' \
      "$log.out")
  printf '%-14s %-8s %12d %12d %10.2f %12s %s\n' "$layout" imlbench $((files_bytes / 1000000)) $((kb * 1024 / 1000000)) \
      "$(echo "$kb * 1024 / $model_bytes" | bc -l)" "$(wall "$log")" "$ll"
  run "$log" "$log.out" "$py" "$root/bench/scale_checkpoint.py" score --model "$dir/$layout" \
      --context-ids "$ctx" --continuation-ids "$cont"
  kb=$(peak "$log")
  ll=$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["log_likelihood"])' "$log.out")
  printf '%-14s %-8s %12d %12d %10.2f %12s %s\n' "$layout" pytorch $((files_bytes / 1000000)) $((kb * 1024 / 1000000)) \
      "$(echo "$kb * 1024 / $model_bytes" | bc -l)" "$(wall "$log")" "$ll"
  rm -f "$log" "$log.out"
done
