#!/usr/bin/env bash
# How much of lm-evaluation-harness's task collection imlbench's lm-eval provider loads and renders
# (docs/tasks.md reports the figures). Needs a checkout of https://github.com/EleutherAI/lm-evaluation-harness.
#
#   bench/lm_eval_coverage.sh PATH/TO/lm-evaluation-harness [outcomes.tsv]
#
# Builds the templates module (with its test classes) and runs org.imlbench.templates.coverage.LmEvalCoverage over
# PATH/lm_eval/tasks; the optional second argument gets one line per YAML file (rendered, refused and why, ...).
set -euo pipefail

if [[ $# -lt 1 || ! -d "$1/lm_eval/tasks" ]]; then
  echo "usage: $0 PATH/TO/lm-evaluation-harness [outcomes.tsv]   (PATH/lm_eval/tasks must exist)" >&2
  exit 2
fi
tasks="$(cd "$1/lm_eval/tasks" && pwd)"
outcomes="${2:+$(cd "$(dirname "$2")" && pwd)/$(basename "$2")}"
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck disable=SC2086
./mvnw -q -B ${IMLBENCH_MVN_ARGS:-} -pl plugins/templates -am install -DskipTests
classpath_file="$(mktemp)"
trap 'rm -f "$classpath_file"' EXIT
# shellcheck disable=SC2086
./mvnw -q -B ${IMLBENCH_MVN_ARGS:-} -pl plugins/templates dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$classpath_file" >&2
java -cp "plugins/templates/target/classes:plugins/templates/target/test-classes:$(cat "$classpath_file")" \
  org.imlbench.templates.coverage.LmEvalCoverage "$tasks" ${outcomes:+"$outcomes"}
