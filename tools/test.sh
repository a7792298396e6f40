#!/usr/bin/env bash
# Runs every test project and ends with one line: "N passed, N failed, N skipped".
# The counts are read from the test runner's TRX results, summed over all test projects.
set -uo pipefail
cd "$(dirname "$0")/.."

results="$(mktemp -d)"
cleanup() { rm -rf "$results"; }
trap cleanup EXIT

# The store tests run against a real PostgreSQL too; TSORCH_SKIP_POSTGRES=1 leaves them skipped.
if [ "${TSORCH_SKIP_POSTGRES:-0}" != 1 ] && [ -z "${TSORCH_TEST_POSTGRES:-}" ]; then
  # shellcheck source=tools/postgres.sh
  source tools/postgres.sh || { echo "tools/test.sh: PostgreSQL for the store tests could not be started" >&2; exit 1; }
  cleanup() { rm -rf "$results"; stop_test_postgres; }
fi

# The designer's browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
# shellcheck source=tools/chromium.sh
source tools/chromium.sh || { echo "tools/test.sh: Chromium for the designer's browser tests could not be installed" >&2; exit 1; }

# The agent's disk and image steps run on loop devices with Debian's disk tools.
# shellcheck source=tools/disk-tools.sh
source tools/disk-tools.sh || { echo "tools/test.sh: the disk tools for the agent's disk tests could not be installed" >&2; exit 1; }

# GRUB, kmod, mtools and a kernel module tree for the agent's configuration steps and their loop-device tests.
# shellcheck source=tools/osconfig-tools.sh
source tools/osconfig-tools.sh || { echo "tools/test.sh: the configuration steps' tools could not be installed" >&2; exit 1; }

# The agent ships as a Native AOT binary: it is published once, here (the publish fails on any AOT warning), and every
# test that starts an agent process runs that binary: the agent's end-to-end tests and the bare-metal tests' boot image.
# TSORCH_SKIP_AOT=1 leaves it out: the tests then start the agent built beside them.
status=0
if [ "${TSORCH_SKIP_AOT:-0}" != 1 ] && [ -z "${TSORCH_AGENT_BINARY:-}" ]; then
  if agent="$(bash tools/agent-aot.sh)"; then
    export TSORCH_AGENT_BINARY="$agent"
  else
    echo "tools/test.sh: the Native AOT agent could not be published" >&2
    status=1
  fi
fi

# The bare-metal test boots a QEMU machine from the network into the site's boot image; TSORCH_SKIP_BAREMETAL=1 leaves
# it skipped.
if [ "${TSORCH_SKIP_BAREMETAL:-0}" != 1 ] && [ -z "${TSORCH_BOOT_IMAGE:-}" ]; then
  # shellcheck source=tools/baremetal.sh
  source tools/baremetal.sh || { echo "tools/test.sh: QEMU and the boot image for the bare-metal test could not be prepared" >&2; exit 1; }
fi

dotnet test TsOrchestrator.sln --configuration Release --nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" "$@" || status=1

passed=0 failed=0 skipped=0 total=0 files=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  files=$((files + 1))
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  value() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  total=$((total + $(value total)))
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  # The TRX of xunit counts a skipped test as neither executed nor "notExecuted": it is the difference.
  skipped=$((skipped + $(value total) - $(value executed)))
done

if [ "$files" -eq 0 ] || [ "$total" -eq 0 ]; then
  echo "no test ran: the test runner produced no results (exit code $status)" >&2
  echo "0 passed, 0 failed"
  exit 1
fi

if [ "$failed" -ne 0 ]; then
  echo "failed tests:"
  grep -ho '<UnitTestResult [^>]*outcome="Failed"[^>]*>' "$results"/*.trx | grep -o 'testName="[^"]*"' | sed 's/^testName=/  /'
fi

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "a test project did not build or its test host failed (exit code $status): see the output above" >&2
fi

echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then
  exit 1
fi
