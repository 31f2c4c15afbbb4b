#!/usr/bin/env bash
# Builds the engine, starts it on its embedded default on a loopback port, waits until it is ready,
# then runs a load generator of engine/server's test classes against it and stops the engine.
# Used by bench-engine.sh and soak.sh.
#   scripts/engine-on-loopback.sh <port> <heap> <log> <main class> [arguments after the URL...]
# In the arguments, {pid} stands for the engine's process id.
set -euo pipefail
cd "$(dirname "$0")/.."
port=$1 heap=$2 log=$3 main=$4
shift 4
./mvnw -q -B -pl engine/server -am package -DskipTests
./mvnw -q -B -pl engine/server test-compile
INSIGHT_TODAY=2026-11-23 QUARKUS_HTTP_PORT=$port QUARKUS_LOG_LEVEL=WARN \
  java "-Xmx$heap" -jar engine/server/target/quarkus-app/quarkus-run.jar > "$log" 2>&1 &
engine=$!
trap 'kill $engine 2>/dev/null; wait $engine 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/health/ready" > /dev/null && break
  sleep 1
done
curl -sf "http://127.0.0.1:$port/health/ready" > /dev/null || { echo "engine did not become ready:"; tail -50 "$log"; exit 1; }
args="${*//\{pid\}/$engine}"
./mvnw -q -B -pl engine/server exec:exec -Dexec.executable=java -Dexec.classpathScope=test -Dexec.workingdir="$PWD" \
  "-Dexec.args=-cp %classpath $main http://127.0.0.1:$port $args"
