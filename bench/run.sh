#!/usr/bin/env bash
# Runs the vastproxy benchmark: vastproxy side by side with direct, nginx and HAProxy on loopback.
#   bench/run.sh            full run (about 15 min), writes docs/benchmarks.md
#   bench/run.sh --smoke    the small CI profile, writes bench/results/smoke.md
#   bench/run.sh --help     every option
# nginx, HAProxy, wrk and hey are optional (apt-get install -y nginx haproxy wrk hey); missing ones
# are skipped with a note in the report.
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -B -q -DskipTests -Djacoco.skip -Dspotless.check.skip package -pl bench -am

# Thousands of streams need thousands of sockets: raise the soft open-files limit to the hard one,
# for the harness and the proxies it starts.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

args=("$@")
if [[ " $* " != *" --out "* && " $* " != *" --help "* ]]; then
  if [[ " $* " == *" --smoke "* ]]; then
    args+=(--out bench/results/smoke.md)
  else
    args+=(--out docs/benchmarks.md)
  fi
fi

exec java -Xms1g -Xmx1g -XX:+AlwaysPreTouch \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  dev.vastproxy.bench.BenchMain "${args[@]}"
