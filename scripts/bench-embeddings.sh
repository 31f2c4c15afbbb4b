#!/usr/bin/env bash
# The element embeddings' costs (ElementEmbeddingsBenchmark), in a JVM of their own: model load
# time, embedding the demo shop's and the logistics suite's elements, lookup p50/p99 cached and not,
# and the heap each adds. Usage: scripts/bench-embeddings.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -pl engine/server -am test -Dspotless.check.skip=true -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest=ElementEmbeddingsBenchmark -Dquarkus.log.level=WARN | grep -E '\[figures\]|Tests run:|FAIL|ERROR'
