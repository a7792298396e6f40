#!/usr/bin/env bash
# Installs Debian's Chromium for the designer's browser tests when /usr/bin/chromium is missing.
# Playwright's own browser download cannot reach its host here, so the tests drive this build.
# Source it or run it; no `set -e`: a sourcing caller's error handling must stay as it was.

if [ ! -x /usr/bin/chromium ]; then
  echo "chromium.sh: installing chromium (apt-get)" >&2
  sudo_if_needed() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
  export DEBIAN_FRONTEND=noninteractive
  { sudo_if_needed apt-get update -qq >/dev/null && sudo_if_needed apt-get install -y -qq chromium >/dev/null; } \
    || { echo "chromium.sh: apt-get install chromium failed" >&2; return 1 2>/dev/null || exit 1; }
fi
true
