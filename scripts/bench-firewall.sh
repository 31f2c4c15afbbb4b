#!/usr/bin/env bash
# Benchmark of the query firewall: p50/p99 per query against JSqlParser alone, worst attack time.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl engine -am install -DskipTests
./mvnw -q -B -pl engine test-compile
exec ./mvnw -q -B -pl engine exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
  "-Dexec.args=-cp %classpath io.insightengine.engine.security.sql.FirewallBenchmark ${1:-50}"
