#!/usr/bin/env bash
# Loopback benchmark of the engine: builds it, starts it on its embedded default, and runs the load
# generator (generate-sql against a trivial endpoint of the same app); then stops the engine.
# Usage: scripts/bench-engine.sh [workers] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
port=${INSIGHT_BENCH_PORT:-18080}
./mvnw -q -B -pl engine/server -am package -DskipTests
./mvnw -q -B -pl engine/server test-compile
INSIGHT_TODAY=2026-11-23 QUARKUS_HTTP_PORT=$port QUARKUS_LOG_LEVEL=WARN \
  java -Xmx512m -jar engine/server/target/quarkus-app/quarkus-run.jar > target-bench-engine.log 2>&1 &
engine=$!
trap 'kill $engine 2>/dev/null; wait $engine 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/health/ready" > /dev/null && break
  sleep 1
done
curl -sf "http://127.0.0.1:$port/health/ready" > /dev/null || { echo "engine did not become ready:"; tail -50 target-bench-engine.log; exit 1; }
./mvnw -q -B -pl engine/server exec:exec -Dexec.executable=java -Dexec.classpathScope=test -Dexec.workingdir="$PWD" \
  "-Dexec.args=-cp %classpath io.insightengine.engine.bench.HttpLoadBenchmark http://127.0.0.1:$port ${1:-4} ${2:-15}"
