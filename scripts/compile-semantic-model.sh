#!/usr/bin/env bash
# Compiles dbt artifacts into a SemanticModel manifest. Example:
#   scripts/compile-semantic-model.sh --manifest dbt/artifacts/manifest.json \
#     --catalog dbt/artifacts/catalog.json --select path:models/marts \
#     --project shop --name shop-dbt -o shop.semantic.yaml
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
./mvnw -q -B -pl crds -am install -DskipTests >&2
args=$(printf '%q ' "$@")
exec ./mvnw -q -B -pl crds exec:java \
  -Dexec.mainClass=io.insightengine.api.dbt.CompileSemanticModelCommand -Dexec.args="$args"
