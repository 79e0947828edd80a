#!/usr/bin/env bash
# Cold start of the feed function (docs/PERFORMANCE.md "GCP functions"): builds the deployable jar, then starts the
# Functions Framework invoker on it in a fresh JVM RUNS times and times the first event.
# Usage: functions-gcp/scripts/cold-start.sh [RUNS] [JVM_OPTION...]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-5}"; shift || true
mvn -q -o -pl functions-gcp -am package dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
cd functions-gcp
java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" dev.parapet.gcp.ColdStart \
  target/deploy/parapet-functions-gcp.jar "$runs" "$@"
