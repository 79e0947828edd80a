#!/usr/bin/env bash
# Cold start of the Azure function handlers (docs/PERFORMANCE.md, "Azure functions"): a fresh JVM per run on the
# packaged app's class path (target/azure-functions/parapet-azure), building the app context (SDK clients, Azure rules,
# SQLite store) and handling a first invocation against the local stub estate.
# Usage: scripts/cold-start.sh [RUNS] [JVM_OPTION...]   e.g. scripts/cold-start.sh 5 -XX:TieredStopAtLevel=1
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
shift || true
jvm_opts=("$@")
# build with the shared module from this checkout (the reactor), never from ~/.m2
mvn -q -o -f ../pom.xml -pl functions-azure -am package dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath
stage=target/azure-functions/parapet-azure
test_cp="$(cat target/test.classpath)"
app_cp="$stage/$(cd "$stage" && ls parapet-functions-azure-*.jar):$stage/lib/*:target/test-classes"
db="target/cold-start.db"
rm -f "$db"

fifo="$(mktemp -u)"; mkfifo "$fifo"
java -cp "target/test-classes:target/classes:$test_cp" dev.parapet.azure.ColdStartStub < "$fifo" > target/cold-start-stub.out 2>/dev/null &
stub_pid=$!
exec 3>"$fifo"
trap 'exec 3>&-; kill "$stub_pid" 2>/dev/null || true; rm -f "$fifo"' EXIT
for _ in $(seq 1 100); do grep -q '^ENDPOINT ' target/cold-start-stub.out 2>/dev/null && break; sleep 0.2; done
endpoint="$(sed -n 's/^ENDPOINT //p' target/cold-start-stub.out)"
keystore="$(pwd)/target/stub-arm.p12"

# the store's schema and a first scan exist before the measured runs, as in a deployed app
java -cp "$app_cp" dev.parapet.azure.ColdStart timer "$endpoint" "$db" "$keystore" > /dev/null 2>&1
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); java: $(java -version 2>&1 | head -1); options: ${jvm_opts[*]:-default}"
for mode in event timer; do
  for i in $(seq 1 "$runs"); do
    start=$(date +%s%N)
    line="$(java "${jvm_opts[@]}" -cp "$app_cp" dev.parapet.azure.ColdStart "$mode" "$endpoint" "$db" "$keystore" 2>/dev/null)"
    end=$(date +%s%N)
    echo "${line%?},\"processWallMs\":$(( (end - start) / 1000000 ))}"
  done
done
