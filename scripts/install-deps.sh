#!/usr/bin/env bash
# Installs the system packages the build and the tests need when they are missing:
# libedit-dev (the REPL's line editor, found through pkg-config), libpcap-dev (capture files:
# `decode --pcap`, `watch --record FILE.pcap`), openssl (the tests make a
# throwaway CA with it), jq (the documented examples pipe into it), and for the Debian package (scripts/package-deb.sh, tested by
# scripts/test-package.sh) dpkg-dev (dpkg-shlibdeps: the Depends line), binutils (strip) and
# man-db (the test checks that `man` finds the page). With --tests also tshark, the reference
# the Wireshark dissector (`cti describe --wireshark-lua`) is checked against, and
# `cti-bench pcap`'s peer. Debian/Ubuntu; root or sudo.
set -euo pipefail
packages=()
pkg-config --exists libedit 2>/dev/null || packages+=(libedit-dev pkg-config)
pkg-config --exists libpcap 2>/dev/null || packages+=(libpcap-dev pkg-config)
command -v openssl >/dev/null 2>&1 || packages+=(openssl)
command -v jq >/dev/null 2>&1 || packages+=(jq)
command -v dpkg-shlibdeps >/dev/null 2>&1 || packages+=(dpkg-dev)
command -v strip >/dev/null 2>&1 || packages+=(binutils)
command -v man >/dev/null 2>&1 || packages+=(man-db)
if [ "${1:-}" = "--tests" ]; then
  command -v tshark >/dev/null 2>&1 || packages+=(tshark)
fi
if [ ${#packages[@]} -gt 0 ]; then
  echo "installing ${packages[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}"
fi
