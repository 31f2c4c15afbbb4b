#!/usr/bin/env bash
# The mixed soak (not part of the test run): builds the engine, starts it on its embedded default,
# and runs MixedSoak against it — questions, SQL generation, caller SQL (gold queries and firewall
# attacks) and history reads at each concurrency level — printing statuses, latency percentiles,
# errors and the engine's resident memory; then stops the engine.
# Usage: scripts/soak.sh [seconds per level, default 600] [levels, default 1,4,8,16]
set -euo pipefail
cd "$(dirname "$0")/.."
port=${INSIGHT_SOAK_PORT:-18090}
./mvnw -q -B -pl engine/server -am package -DskipTests
./mvnw -q -B -pl engine/server test-compile
INSIGHT_TODAY=2026-11-23 QUARKUS_HTTP_PORT=$port QUARKUS_LOG_LEVEL=WARN \
  java -Xmx1g -jar engine/server/target/quarkus-app/quarkus-run.jar > target-soak-engine.log 2>&1 &
engine=$!
trap 'kill $engine 2>/dev/null; wait $engine 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/health/ready" > /dev/null && break
  sleep 1
done
curl -sf "http://127.0.0.1:$port/health/ready" > /dev/null || { echo "engine did not become ready:"; tail -50 target-soak-engine.log; exit 1; }
./mvnw -q -B -pl engine/server exec:exec -Dexec.executable=java -Dexec.classpathScope=test -Dexec.workingdir="$PWD" \
  "-Dexec.args=-cp %classpath io.insightengine.engine.bench.MixedSoak http://127.0.0.1:$port $engine ${1:-600} ${2:-1,4,8,16}"
