#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what the build needs, checks the embedded
# spec against ../shared/spec, builds, and runs every test (unit, property, end-to-end).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! pkg-config --exists libedit 2>/dev/null; then
  echo "installing libedit-dev (the REPL's line editor)" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq libedit-dev pkg-config
fi

if [ -d ../shared/spec ]; then
  python3 scripts/embed-spec.py --check
fi

swift build --build-tests
swift test --skip-build --parallel
