#!/usr/bin/env bash
# Benchmark of the dbt semantic compiler on a synthetic 2,000-model / 40,000-column manifest,
# in a JVM capped at 256 MB of heap. Prints time and peak heap against a same-run baseline.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl engine/core -am install -DskipTests
exec ./mvnw -q -B -pl engine/core exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
  "-Dexec.args=-Xmx256m -cp %classpath io.insightengine.api.dbt.bench.SemanticCompilerBenchmark"
