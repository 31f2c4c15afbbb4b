#!/usr/bin/env bash
# Loopback benchmark of the engine: builds it, starts it on its embedded default, and runs the load
# generator (generate-sql against a trivial endpoint of the same app); then stops the engine.
# Usage: scripts/bench-engine.sh [workers] [seconds]
set -euo pipefail
exec bash "$(dirname "$0")/engine-on-loopback.sh" "${INSIGHT_BENCH_PORT:-18080}" 512m \
  target-bench-engine.log io.insightengine.engine.bench.HttpLoadBenchmark "${1:-4}" "${2:-15}"
