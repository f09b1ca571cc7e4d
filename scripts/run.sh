#!/usr/bin/env bash
# Set up a fresh machine and run the console: installs the system packages the build needs
# (libedit-dev), builds `cti` in release mode, and runs it with the given arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

swift build -c release --product cti >&2
exec .build/release/cti "$@"
