#!/usr/bin/env bash
# The package test: builds cti_VERSION_ARCH.deb (scripts/package-deb.sh, one static release
# build), unpacks it into a temporary root with `dpkg-deb -x` (nothing on the machine changes)
# and checks what an operations box would get: the files where man and the shells find them,
# Depends naming only Debian packages, an installed binary that needs no Swift library (ldd),
# and that it runs: `cti --version` and `cti decode`.
#
#   scripts/test-package.sh          build the package, then check it
#   scripts/test-package.sh DEB      check a package already built
set -euo pipefail
cd "$(dirname "$0")/.."

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

if [ $# -gt 0 ]; then
  deb="$1"
else
  deb=$(scripts/package-deb.sh -o .build | tail -n 1)
fi
[ -f "$deb" ] || { echo "FAIL: no package at $deb" >&2; exit 1; }

version=$(sed -n 's/^ *static let tool = "\(.*\)"$/\1/p' Sources/CTIConsole/Support/VersionInfo.swift)
expected_name="cti_${version}_$(dpkg --print-architecture).deb"
[ "$(basename "$deb")" = "$expected_name" ] && pass "named $expected_name" || fail "named $(basename "$deb"), expected $expected_name"
echo "package size: $(stat -c %s "$deb") bytes ($(du -h "$deb" | cut -f1))"

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"
cti="$root/usr/bin/cti"

for path in usr/bin/cti usr/share/man/man1/cti.1.gz usr/share/bash-completion/completions/cti \
            usr/share/zsh/vendor-completions/_cti usr/share/fish/vendor_completions.d/cti.fish; do
  [ -f "$root/$path" ] && pass "/$path" || fail "/$path is not in the package"
done
cmp -s <(gzip -dc "$root/usr/share/man/man1/cti.1.gz") man/cti.1 && pass "the man page is man/cti.1" || fail "the packaged man page differs from man/cti.1"
cmp -s <(sed '1{/^#!/d}' completions/cti.bash) "$root/usr/share/bash-completion/completions/cti" \
  && pass "the bash completion is completions/cti.bash (without #!)" || fail "the packaged bash completion differs from completions/cti.bash"
for pair in "_cti usr/share/zsh/vendor-completions/_cti" "cti.fish usr/share/fish/vendor_completions.d/cti.fish"; do
  set -- $pair
  cmp -s "completions/$1" "$root/$2" && pass "/$2 is completions/$1" || fail "/$2 differs from completions/$1"
done
if command -v man >/dev/null 2>&1; then
  MANPATH="$root/usr/share/man" man -w cti 2>/dev/null | grep -qx "$root/usr/share/man/man1/cti.1.gz" \
    && pass "man -w cti finds the page" || fail "man -w cti does not find $root/usr/share/man/man1/cti.1.gz"
fi

# Depends: every package named is installed here (so it exists in the distribution) and none is
# a Swift toolchain package.
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
[ -n "$depends" ] || fail "the control file has no Depends"
for package in $(echo "$depends" | tr ',|' '\n\n' | sed 's/(.*)//; s/^ *//; s/ *$//' | grep .); do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' \
    && pass "Depends $package is a Debian package" || fail "Depends $package is not an installed Debian package"
  case "$package" in *swift*) fail "Depends names a Swift package: $package" ;; esac
done

echo "ldd /usr/bin/cti:"
libraries=$(ldd "$cti") || fail "ldd failed on the installed binary"
echo "$libraries" | sed 's/^/    /'
if echo "$libraries" | grep -qi 'swift\|Foundation\|dispatch\|libBlocksRuntime'; then
  fail "the installed binary needs Swift libraries: $(echo "$libraries" | grep -i 'swift\|Foundation\|dispatch\|BlocksRuntime' | awk '{print $1}' | tr '\n' ' ')"
else
  pass "the installed binary needs no Swift library"
fi
if echo "$libraries" | grep -q 'not found'; then fail "libraries not found: $(echo "$libraries" | grep 'not found')"; fi

# Run it with no toolchain on the library path: the Swift runtime must not be found elsewhere.
env -i PATH=/usr/bin:/bin HOME="$root" "$cti" --version > "$root/version.out" 2>&1 || fail "cti --version exited $?: $(cat "$root/version.out")"
head -n 1 "$root/version.out" | grep -qx "cti $version" && pass "cti --version: $(head -n 1 "$root/version.out")" \
  || fail "cti --version printed: $(cat "$root/version.out")"
decoded=$(env -i PATH=/usr/bin:/bin HOME="$root" "$cti" decode 000000040000000500000001 -o json 2>&1) || fail "cti decode exited $?: $decoded"
echo "cti decode 000000040000000500000001 -o json: $decoded"
echo "$decoded" | grep -q '"type" *: *"HEARTBEAT_REQ"' && echo "$decoded" | grep -q '"InvokeID" *: *1' \
  && pass "cti decode decodes a HEARTBEAT_REQ with InvokeID 1" || fail "cti decode printed: $decoded"

if command -v lintian >/dev/null 2>&1; then
  lintian --fail-on error,warning "$deb" && pass "lintian: clean" || fail "lintian reports errors or warnings"
fi

if [ "$failures" -gt 0 ]; then echo "package test: $failures failures" >&2; exit 1; fi
echo "package test: passed"
