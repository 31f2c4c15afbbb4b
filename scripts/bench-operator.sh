#!/usr/bin/env bash
# The operator at scale on a real kube-apiserver (built by scripts/k8s-test-binaries.sh):
# 20 engines, 200 projects, 2,000 SemanticModels/DataPolicies/TrainingPairs. Prints time to Ready,
# heap and change-to-ConfigMap latency against baselines measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/k8s-test-binaries.sh > /dev/null
./mvnw -q -B -pl engine/server -am install -DskipTests
./mvnw -q -B -pl operator test-compile
exec ./mvnw -q -B -pl operator exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
  "-Dexec.args=-Xmx512m -Dinsight.repo.root=$PWD -cp %classpath io.insightengine.operator.bench.OperatorBenchmark"
