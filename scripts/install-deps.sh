#!/usr/bin/env bash
# Installs the system packages the build and the tests need when they are missing:
# libedit-dev (the REPL's line editor, found through pkg-config), openssl (the tests make a
# throwaway CA with it) and jq (the documented examples pipe into it). Debian/Ubuntu; root or sudo.
set -euo pipefail
packages=()
pkg-config --exists libedit 2>/dev/null || packages+=(libedit-dev pkg-config)
command -v openssl >/dev/null 2>&1 || packages+=(openssl)
command -v jq >/dev/null 2>&1 || packages+=(jq)
if [ ${#packages[@]} -gt 0 ]; then
  echo "installing ${packages[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${packages[@]}"
fi
