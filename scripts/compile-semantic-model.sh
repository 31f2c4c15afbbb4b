#!/usr/bin/env bash
# Compiles dbt artifacts into a SemanticModel manifest. Relative paths are the caller's: the
# script never changes directory. Example, from anywhere:
#   scripts/compile-semantic-model.sh --manifest dbt/artifacts/manifest.json \
#     --catalog dbt/artifacts/catalog.json --select path:models/marts \
#     --project shop --name shop-dbt -o shop.semantic.yaml
# It runs the engine jar's compile-semantic-model command, building the jar once when missing.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jar="$root/engine/server/target/quarkus-app/quarkus-run.jar"
if [[ ! -f "$jar" ]]; then
  echo "building $jar once (about a minute)..." >&2
  (cd "$root" && ./mvnw -q -B -pl engine/server -am package -DskipTests) >&2
fi
exec java -jar "$jar" compile-semantic-model "$@"
