#!/usr/bin/env bash
# Builds `cti` with the Swift runtime and Foundation linked statically and makes
# cti_VERSION_ARCH.deb, which installs where there is no Swift:
#
#   /usr/bin/cti                                     the console
#   /usr/share/man/man1/cti.1.gz                     `man cti`
#   /usr/share/bash-completion/completions/cti       bash completion
#   /usr/share/zsh/vendor-completions/_cti           zsh completion
#   /usr/share/fish/vendor_completions.d/cti.fish    fish completion
#
# Depends lists the Debian packages of the shared libraries the binary still needs (libc6,
# libedit2, libstdc++6, ...), found by dpkg-shlibdeps; the script stops if the binary needs a
# library no Debian package provides (a Swift runtime library).
#
#   scripts/package-deb.sh [-o DIR] [--no-build]
#     -o DIR       where the .deb goes (default .build); its path is the last line printed
#     --no-build   package the static release binary already built
set -euo pipefail
cd "$(dirname "$0")/.."

output=.build
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    -o) output="${2:?package-deb.sh: -o needs a directory}"; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,17s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "package-deb.sh: unknown argument $1 (see --help)" >&2; exit 64 ;;
  esac
done

version=$(sed -n 's/^ *static let tool = "\(.*\)"$/\1/p' Sources/CTIConsole/Support/VersionInfo.swift)
[ -n "$version" ] || { echo "package-deb.sh: no version in Sources/CTIConsole/Support/VersionInfo.swift" >&2; exit 1; }
arch=$(dpkg --print-architecture)

# --static-swift-stdlib links the Swift runtime, the concurrency runtime, Dispatch and
# Foundation (swift-corelibs-foundation has static archives on Linux) into the binary;
# --disable-local-rpath leaves out the RUNPATH $ORIGIN, which an installed binary must not have.
release=(swift build -c release --product cti --static-swift-stdlib --disable-local-rpath)
if [ "$build" = 1 ]; then
  start=$(date +%s)
  "${release[@]}" >&2   # progress on stderr: stdout is the path of the package
  echo "static release build: $(( $(date +%s) - start )) s" >&2
fi
binary="$("${release[@]}" --show-bin-path)/cti"
[ -x "$binary" ] || { echo "package-deb.sh: $binary is missing (run without --no-build)" >&2; exit 1; }

# Every shared library the binary loads must come from a Debian package.
foreign=()
while read -r library; do
  dpkg -S "$(readlink -f "$library")" >/dev/null 2>&1 || dpkg -S "$library" >/dev/null 2>&1 || foreign+=("$library")
done < <(ldd "$binary" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }')
if [ ${#foreign[@]} -gt 0 ]; then
  echo "package-deb.sh: $binary needs libraries no Debian package provides: ${foreign[*]}" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root="$work/debian/cti"
install -D -m 0755 "$binary" "$root/usr/bin/cti"
strip --remove-section=.comment --remove-section=.note --strip-unneeded "$root/usr/bin/cti"
install -d -m 0755 "$root/usr/share/man/man1"
gzip -9n < man/cti.1 > "$root/usr/share/man/man1/cti.1.gz"
# bash-completion sources the file: no #! line (lintian: bash-completion-with-hashbang).
install -d -m 0755 "$root/usr/share/bash-completion/completions"
sed '1{/^#!/d}' completions/cti.bash > "$root/usr/share/bash-completion/completions/cti"
chmod 0644 "$root/usr/share/bash-completion/completions/cti"
install -D -m 0644 completions/_cti "$root/usr/share/zsh/vendor-completions/_cti"
install -D -m 0644 completions/cti.fish "$root/usr/share/fish/vendor_completions.d/cti.fish"

maintainer="${DEBFULLNAME:-$(git config user.name || echo cti maintainers)} <${DEBEMAIL:-$(git config user.email || echo root@localhost)}>"
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
date=$(git log -1 --format=%cD 2>/dev/null || date -R)
year=$(date -d "$date" +%Y)
install -d -m 0755 "$root/usr/share/doc/cti"
cat > "$root/usr/share/doc/cti/copyright" <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: cti

Files: *
Copyright: $year the cti developers
License: none-stated
 The source tree carries no licence file.
EOF
printf 'cti (%s) unstable; urgency=low\n\n  * Built from commit %s.\n\n -- %s  %s\n' "$version" "$commit" "$maintainer" "$date" \
  | gzip -9n > "$root/usr/share/doc/cti/changelog.gz"

# Depends: the packages of the shared libraries, with the versions their symbols need.
install -d -m 0755 "$root/DEBIAN"
printf 'Source: cti\n\nPackage: cti\nArchitecture: any\n' > "$work/debian/control"
depends=$(cd "$work" && dpkg-shlibdeps -O debian/cti/usr/bin/cti | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "package-deb.sh: dpkg-shlibdeps found no dependencies" >&2; exit 1; }

cat > "$root/DEBIAN/control" <<EOF
Package: cti
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: $depends
Section: net
Priority: optional
Description: console for the Cisco CTI Server protocol (GED-188)
 cti speaks the Cisco CTI Server protocol of Unified CCE / ICM, protocol
 versions 24 and 25: it opens sessions against a duplexed CTI Server,
 streams events as text or JSON Lines, sends Client Control requests, and
 decodes or builds any message. It works as a REPL, as one-shot commands
 for shell scripts, and runs scripts. Without a server it runs against its
 embedded simulator.
EOF

(cd "$root" && find usr -type f -print0 | sort -z | xargs -0 md5sum) > "$root/DEBIAN/md5sums"

mkdir -p "$output"
deb="$output/cti_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "$(stat -c %s "$deb") bytes, Depends: $depends" >&2
echo "$deb"
