#!/usr/bin/env bash
# Publishes the agent as a Native AOT binary for linux-x64 (default artifacts/agent-aot/tsorch-agent) and prints its path.
# Native AOT links with the system's C toolchain: clang and zlib are installed (apt-get) when missing.
# The publish fails on any trimming or AOT warning (warnings are errors here), so this is also the AOT check.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-artifacts/agent-aot}"

if ! command -v clang >/dev/null || [ ! -e /usr/include/zlib.h ]; then
  echo "agent-aot.sh: installing clang and zlib1g-dev (apt-get)" >&2
  sudo_if_needed() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
  export DEBIAN_FRONTEND=noninteractive
  sudo_if_needed apt-get update -qq >/dev/null
  sudo_if_needed apt-get install -y -qq clang zlib1g-dev >/dev/null
fi

# PublishAot is set in the agent's project only: passing it on the command line would turn the AOT analyzers on in
# every referenced project, including code the agent never reaches.
dotnet publish src/TsOrchestrator.Agent --configuration Release --runtime linux-x64 --nologo --output "$out" >&2
echo "agent-aot.sh: $(stat -c %s "$out/tsorch-agent") bytes" >&2
realpath "$out/tsorch-agent"
