#!/usr/bin/env bash
# Fuzzes imlbench's parsers with Jazzer, one target at a time (docs/reliability.md).
#
# Usage: bench/fuzz.sh [-s SECONDS] [-l] [TARGET ...]
#   -s SECONDS  how long to fuzz each target (default 600)
#   -l          list the targets and exit
#   TARGET      a target's name as -l prints it (Class#method), or a part of it ("CheckpointFiles", "#unpickle");
#               default: every target
#
# A target is every @FuzzTest method in a *FuzzTest.java under src/test/java; nothing needs registering. Each target
# runs in its own Maven invocation (Jazzer fuzzes one target per JVM) with the `fuzz` profile of the root pom: a
# 1 GiB heap, a 10 s limit per input. The corpus it grows stays in <module>/.cifuzz-corpus/ (ignored by git) and is
# reused next time; a finding is written to the target's inputs directory under src/test/resources, where
# `./mvnw verify` replays it from then on. Logs: target/fuzz/<Class>#<method>.log. The table at the end gives the
# executions, their rate and the outcome of each target.
#
# Environment: MAVEN_OPTS (e.g. -Dmaven.repo.local=...), FUZZ_MVN_ARGS (extra Maven arguments, e.g. -o).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds=600
list=0
while getopts "s:l" opt; do
  case "$opt" in
    s) seconds="$OPTARG" ;;
    l) list=1 ;;
    *) sed -n '2,10p' "$0" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
  echo "fuzz.sh: -s needs a positive number of seconds, got '$seconds'" >&2
  exit 2
fi

# module<TAB>fully.qualified.Class<TAB>method, for every @FuzzTest method
targets() {
  local file module class
  while IFS= read -r file; do
    module="${file%%/src/test/java/*}"
    class="${file#*/src/test/java/}"
    class="${class%.java}"
    class="${class//\//.}"
    awk -v module="$module" -v class="$class" '
      /@FuzzTest/ { pending = 1; next }
      pending && match($0, /void [A-Za-z0-9_]+\(/) {
        name = substr($0, RSTART + 5, RLENGTH - 6); printf "%s\t%s\t%s\n", module, class, name; pending = 0
      }' "$file"
  done < <(find . -path ./.git -prune -o -path '*/src/test/java/*' -name '*FuzzTest.java' -print | sed 's|^\./||' | sort)
}

mapfile -t all < <(targets)
if [[ ${#all[@]} -eq 0 ]]; then
  echo "fuzz.sh: no @FuzzTest methods found" >&2
  exit 1
fi
if [[ $list -eq 1 ]]; then
  for t in "${all[@]}"; do
    IFS=$'\t' read -r module class method <<< "$t"
    printf '%-22s %s#%s\n' "$module" "${class##*.}" "$method"
  done
  exit 0
fi

chosen=()
for t in "${all[@]}"; do
  IFS=$'\t' read -r module class method <<< "$t"
  name="${class##*.}#$method"
  if [[ $# -eq 0 ]]; then
    chosen+=("$t")
    continue
  fi
  for want in "$@"; do
    if [[ "$name" == *"$want"* ]]; then
      chosen+=("$t")
      break
    fi
  done
done
if [[ ${#chosen[@]} -eq 0 ]]; then
  echo "fuzz.sh: no target matches '$*' (see bench/fuzz.sh -l)" >&2
  exit 2
fi

mkdir -p target/fuzz
echo "fuzz.sh: building (./mvnw -q install -DskipTests) ..." >&2
# shellcheck disable=SC2086
./mvnw -q -B ${FUZZ_MVN_ARGS:-} install -DskipTests >&2

summary=()
status=0
for t in "${chosen[@]}"; do
  IFS=$'\t' read -r module class method <<< "$t"
  name="${class##*.}#$method"
  log="target/fuzz/$name.log"
  echo "fuzz.sh: fuzzing $name for $seconds s (log: $log)" >&2
  outcome="ok"
  # shellcheck disable=SC2086
  if ! ./mvnw -B ${FUZZ_MVN_ARGS:-} -Pfuzz -pl "$module" test -Dtest="$class#$method" \
      -Dfuzz.seconds="$seconds" -Dsurefire.failIfNoSpecifiedTests=false > "$log" 2>&1; then
    outcome="FAILED"
    status=1
  fi
  if grep -q "FuzzTestFinding\|artifact_prefix=.*Test unit written" "$log"; then
    outcome="FINDING: $(grep -o "Test unit written to [^ ]*" "$log" | head -n 1 | sed 's|.*/src/test/resources/||')"
    status=1
  fi
  runs="$(grep -o '^Done [0-9]* runs in [0-9]* second' "$log" | tail -n 1 | awk '{print $2 "\t" $5}')"
  execs="${runs%%$'\t'*}"
  took="${runs##*$'\t'}"
  [[ -z "$execs" ]] && execs="?" && took="?"
  rate="?"
  [[ "$execs" != "?" && "$took" != "?" && "$took" -gt 0 ]] && rate=$((execs / took))
  summary+=("$(printf '%-44s %12s %8s %9s  %s' "$name" "$execs" "$took" "$rate" "$outcome")")
done

echo
printf '%-44s %12s %8s %9s  %s\n' "TARGET" "EXECUTIONS" "SECONDS" "EXEC/S" "OUTCOME"
printf '%s\n' "${summary[@]}"
exit "$status"
