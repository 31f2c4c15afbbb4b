#!/usr/bin/env bash
# Evaluates one suite directory in the format of dbt/eval/<suite>/ through the engine's REST API
# and prints correct / wrong / clarification overall and per category. Example, from anywhere:
#   scripts/eval-suite.sh dbt/eval/logistics
#   scripts/eval-suite.sh dbt/eval/logistics -Deval.accept=true   # record the figures
# Further -D options: -Deval.select=path:models/marts (the models served),
# -Deval.held-out=true (print only the per-category counts), -Deval.without-semantic-layer=true
# (leave the dbt project's semantic models and metrics out).
set -euo pipefail
if [[ $# -lt 1 || ! -d "$1" ]]; then
  echo "usage: $0 <suite-dir> [-Deval.accept=true] [-Deval.select=...] [-Deval.held-out=true]" >&2
  exit 2
fi
suite=$(cd "$1" && pwd)
shift
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
exec ./mvnw -B -pl engine/server -am test -Dtest=AnySuiteTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Deval.suite="$suite" "$@"
