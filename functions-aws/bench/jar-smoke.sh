#!/usr/bin/env bash
# Runs the collectors from the shaded, minimized jar against a moto_server this script starts and stops.
set -euo pipefail
cd "$(dirname "$0")/.."
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
moto_server -H 127.0.0.1 -p "$port" >/dev/null 2>&1 &
pid=$!
trap 'kill $pid' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/moto-api/data.json" >/dev/null && break; sleep 0.1; done
PARAPET_MOTO_URL="http://127.0.0.1:$port" java -cp target/parapet-functions-aws.jar:target/test-classes \
  dev.parapet.aws.bench.JarSmoke
