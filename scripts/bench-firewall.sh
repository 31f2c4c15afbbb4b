#!/usr/bin/env bash
# Benchmark of the query firewall: p50/p99 per query against JSqlParser alone, worst attack time.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl engine/core -am install -DskipTests
./mvnw -q -B -pl engine/core test-compile
exec ./mvnw -q -B -pl engine/core exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
  "-Dexec.args=-cp %classpath io.insightengine.engine.security.sql.FirewallBenchmark ${1:-50}"
