#!/usr/bin/env bash
# Reload time of the engine's configuration with 20 projects, each on its own warehouse (one
# PostgreSQL server, 20 databases and roles): prints medians and ratios to an unchanged reload.
# Usage: scripts/bench-reload.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -pl engine/server -am test -Dspotless.check.skip=true -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest=ProjectReloadBenchmark -Dquarkus.log.level=WARN | grep -E '\[figures\]|Tests run:|FAIL|ERROR'
