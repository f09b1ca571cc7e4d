#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what the build needs, checks the embedded
# spec against ../shared/spec, builds, and runs every test (unit, property, end-to-end).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

if [ -d ../shared/spec ]; then
  python3 scripts/embed-spec.py --check
fi

swift build --build-tests
swift test --skip-build --parallel
