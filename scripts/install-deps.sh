#!/usr/bin/env bash
# Installs the system packages the build needs when they are missing: libedit-dev (the REPL's
# line editor, found through pkg-config). Debian/Ubuntu; root or sudo.
set -euo pipefail
if ! pkg-config --exists libedit 2>/dev/null; then
  echo "installing libedit-dev (the REPL's line editor)" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq libedit-dev pkg-config
fi
