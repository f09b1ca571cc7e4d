#!/usr/bin/env bash
# Set up a fresh machine and run the console: installs the system packages the build needs
# (libedit-dev), builds `cti` in release mode, and runs it with the given arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! pkg-config --exists libedit 2>/dev/null; then
  echo "installing libedit-dev (the REPL's line editor)" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq libedit-dev pkg-config
fi

swift build -c release --product cti >&2
exec .build/release/cti "$@"
