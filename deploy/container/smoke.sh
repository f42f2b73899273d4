#!/usr/bin/env bash
# Container smoke test: builds a Java 17 base image from Debian packages, builds the vastproxy image
# on it with Jib (no Docker daemon), runs it under podman with the demo fleet, streams a chat
# completion through it, stops it with SIGTERM and expects a graceful exit with status 0.
#
# Where podman cannot run containers (not installed, no permission, no runtime) it prints one line
# starting with "SKIP container smoke:" and exits 0. Needs: podman, runc, debootstrap, curl
# (apt-get install podman runc debootstrap curl). Set SMOKE_WORK to a folder to keep the base image
# between runs (it takes minutes to make); without it the script works in a temporary folder that it
# removes when it ends (podman's vfs storage there grows to some GiB).
set -euo pipefail
cd "$(dirname "$0")/../.."

skip() {
  echo "SKIP container smoke: $*"
  exit 0
}

for tool in podman runc debootstrap curl; do
  command -v "$tool" >/dev/null 2>&1 || skip "$tool is not installed (apt-get install podman runc debootstrap curl)"
done

if [ -n "${SMOKE_WORK:-}" ]; then
  work=$SMOKE_WORK
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
# podman as these machines allow it: vfs storage, runc, the host's network, no default ulimits.
cat >"$work/containers.conf" <<EOF
[containers]
default_ulimits = []
netns = "host"
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
EOF
cat >"$work/storage.conf" <<EOF
[storage]
driver = "vfs"
runroot = "$work/run"
graphroot = "$work/storage"
EOF
export CONTAINERS_CONF="$work/containers.conf" CONTAINERS_STORAGE_CONF="$work/storage.conf"
podman info >/dev/null 2>&1 || skip "podman cannot run here: $(podman info 2>&1 | tail -n 1)"

# 1. A Java 17 runtime base image from Debian packages (a stand-in for eclipse-temurin:17-jre).
if [ ! -s "$work/base.tar" ]; then
  echo "building the base image from Debian packages (minutes)"
  debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm "$work/rootfs" \
    http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 \
    || skip "debootstrap failed (no Debian mirror?): $(tail -n 1 "$work/debootstrap.log")"
  tar -C "$work/rootfs" -c . | podman import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    - vastproxy-smoke-base:17 >/dev/null
  podman save --format docker-archive -o "$work/base.tar" vastproxy-smoke-base:17
  # Only the archive is needed from here on; the tree and the stored copy would double the disk used.
  podman rmi -f vastproxy-smoke-base:17 >/dev/null
  rm -rf "$work/rootfs"
fi
podman run --rm --network host "docker-archive:$work/base.tar" java -version >/dev/null 2>&1 \
  || skip "podman cannot start a container here: $(podman run --rm --network host "docker-archive:$work/base.tar" true 2>&1 | tail -n 1)"

# 2. The image, with Jib, on that base.
./mvnw -B -q -pl bootstrap -am -Pcontainer -DskipTests package \
  -Dvastproxy.image.base="tar://$work/base.tar" -Dvastproxy.image=vastproxy:smoke
podman load -q -i bootstrap/target/jib-image.tar >/dev/null

# 3. Run it with the demo fleet, stream through it, stop it.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
name="vastproxy-smoke-$$"
cleanup() {
  podman rm -f "$name" >/dev/null 2>&1 || true
  podman rmi -f vastproxy:smoke >/dev/null 2>&1 || true
  [ -n "${SMOKE_WORK:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
podman run -d --name "$name" --network host -e LISTEN_ADDR="127.0.0.1:$port" \
  -e VASTPROXY_DRAIN_DELAY=3s vastproxy:smoke --headless --demo >/dev/null
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$port/readyz" >/dev/null || { podman logs "$name"; echo "FAIL: never ready"; exit 1; }
stream=$(curl -sN "http://127.0.0.1:$port/v1/chat/completions" -H 'Content-Type: application/json' \
  -d '{"model":"Qwen/Qwen3-8B","stream":true,"messages":[{"role":"user","content":"hi"}]}')
case "$stream" in
  *"data: [DONE]"*) ;;
  *) podman logs "$name"; echo "FAIL: the stream did not end with [DONE]: $stream"; exit 1 ;;
esac
# The drain as a balancer sees it: after SIGTERM /readyz turns 503 while the proxy still answers.
podman kill --signal TERM "$name" >/dev/null
drained=""
for _ in $(seq 1 20); do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz" || true)
  if [ "$code" = 503 ]; then drained=yes; break; fi
  sleep 0.1
done
[ -n "$drained" ] || { podman logs "$name"; echo "FAIL: /readyz did not turn 503 on SIGTERM"; exit 1; }
podman wait "$name" >/dev/null
status=$(podman inspect --format '{{.State.ExitCode}}' "$name")
if [ "$status" != 0 ]; then
  podman logs "$name"
  echo "FAIL: exit status $status after SIGTERM"
  exit 1
fi
echo "container smoke passed: built with Jib, streamed, stopped gracefully (exit 0)"
