#!/usr/bin/env bash
# The mixed soak (not part of the test run): builds the engine, starts it on its embedded default,
# and runs MixedSoak against it — questions, SQL generation, caller SQL (gold queries and firewall
# attacks) and history reads at each concurrency level — printing statuses, latency percentiles,
# errors and the engine's resident memory; then stops the engine.
# Usage: scripts/soak.sh [seconds per level, default 600] [levels, default 1,4,8,16]
set -euo pipefail
exec bash "$(dirname "$0")/engine-on-loopback.sh" "${INSIGHT_SOAK_PORT:-18090}" 1g \
  target-soak-engine.log io.insightengine.engine.bench.MixedSoak '{pid}' "${1:-600}" "${2:-1,4,8,16}"
