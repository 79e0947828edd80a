#!/usr/bin/env bash
# Cold start of the change handler: JVM start → handler constructed → first event assessed and stored (SQLite),
# then warm per-event latency. Each run is a fresh JVM from the shaded jar. Usage: bench/cold-start.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
[ -f target/parapet-functions-aws.jar ] || (cd .. && mvn -q -o package -pl functions-aws -am -DskipTests)
[ -d target/test-classes/events ] || (cd .. && mvn -q -o test-compile -pl functions-aws -am)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "jar: $(du -h target/parapet-functions-aws.jar | cut -f1)"
for i in $(seq "$runs"); do
  rm -f "$work"/store.db*
  env -i PATH="$PATH" HOME="$work" AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench \
    PARAPET_ACCOUNT_ID=123456789012 PARAPET_STORE_URL="sqlite:$work/store.db" \
    java ${JAVA_OPTS--XX:+TieredCompilation -XX:TieredStopAtLevel=1} \
    -cp target/parapet-functions-aws.jar:target/test-classes dev.parapet.aws.bench.ColdStart 50 2>&1 >/dev/null \
    | grep RESULT
done
