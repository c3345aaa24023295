#!/usr/bin/env bash
# imlbench launcher: builds the harness on first use (or when sources changed), then runs the CLI on the module
# path (DJL's native jar and commons-compress on the class path).
# Usage: ./harness.sh [global options] COMMAND [command options]   (./harness.sh --help lists the commands)
#
# Environment:
#   JAVA_HOME            the JDK to use (default: java on PATH)
#   JAVA_OPTS            extra JVM options, e.g. -Xmx8g
#   IMLBENCH_PLUGINS     more plugin directories, separated by ':'
#   IMLBENCH_NO_BUILD=1  never build; fail if the runtime image is missing (used by the launcher tests)
#   IMLBENCH_MVN_ARGS    extra Maven arguments for the build, e.g. -o
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# The Maven module that builds the runtime image: the folder whose pom is imlbench-harness's.
module_pom="$(grep -l '<artifactId>imlbench-harness</artifactId>' "$root"/*/pom.xml | head -n 1 || true)"
if [[ -z "$module_pom" ]]; then
  echo "harness: cannot find the imlbench-harness module under $root" >&2
  exit 1
fi
module_dir="$(dirname "$module_pom")"
modules="$module_dir/target/modules"
classpath="$module_dir/target/classpath"
stamp="$modules/.built"

if [[ -n "${JAVA_HOME:-}" ]]; then java="$JAVA_HOME/bin/java"; else java="java"; fi

# The newest of: the launcher's own stamp, the harness jar (also written by ./mvnw install or verify).
reference() {
  local newest="" file
  for file in "$stamp" "$modules"/imlbench-harness-*.jar; do
    if [[ -f "$file" && ( -z "$newest" || "$file" -nt "$newest" ) ]]; then newest="$file"; fi
  done
  printf '%s' "$newest"
}

needs_build() {
  local ref
  ref="$(reference)"
  [[ -z "$ref" ]] && return 0
  # Any main source, resource or pom newer than the last build (only these trees: runs/ can hold many files).
  local -a inputs=()
  shopt -s nullglob
  inputs=("$root"/pom.xml "$root"/*/pom.xml "$root"/plugins/*/pom.xml "$root"/*/src/main "$root"/plugins/*/src/main)
  shopt -u nullglob
  [[ -n "$(find "${inputs[@]}" -type f -newer "$ref" -print -quit)" ]]
}

if needs_build; then
  if [[ "${IMLBENCH_NO_BUILD:-}" == "1" ]]; then
    echo "harness: the runtime image in $modules is missing or out of date, and IMLBENCH_NO_BUILD=1" >&2
    exit 1
  fi
  echo "harness: building (./mvnw -q -B -DskipTests install) ..." >&2
  # Build output goes to stderr so that command output (e.g. plugins --json) stays clean.
  # shellcheck disable=SC2086
  if ! (cd "$root" && ./mvnw -q -B -DskipTests ${IMLBENCH_MVN_ARGS:-} install) >&2; then
    echo "harness: the build failed (Maven's messages are above)" >&2
    exit 1
  fi
  touch "$stamp"
fi

# The Allure command line (harness report) must not send usage analytics unless the user asks for it.
export ALLURE_NO_ANALYTICS="${ALLURE_NO_ANALYTICS:-true}"

# DJL logs through SLF4J and no SLF4J binding ships with imlbench: keep its "no providers" notice off stderr.
# imlbench.repo tells the CLI where the repository is (e.g. for the reports' Allure command line).
# shellcheck disable=SC2086
exec "$java" ${JAVA_OPTS:-} -Dslf4j.internal.verbosity=ERROR -Dimlbench.repo="$root" \
  --module-path "$modules" --class-path "$classpath/*" --add-modules ALL-MODULE-PATH \
  -m org.imlbench.harness/org.imlbench.harness.cli.Main "$@"
