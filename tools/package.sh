#!/usr/bin/env bash
# Packages the server for Linux (x64): a self-contained folder (no .NET needed on the host) and a Debian package of it,
# built with dpkg-deb alone.
#   tools/package.sh [--version 0.1.0] [--out artifacts/package] [--publish-dir DIR]
# --publish-dir packages an existing self-contained publish instead of publishing again.
# Prints the .deb's path. The package installs:
#   /opt/tsorchestrator/server/              the program (TsOrchestrator.Server, appsettings.json, templates, web assets)
#   /lib/systemd/system/tsorch-server.service
#   /etc/tsorchestrator/server.json          the site's settings (a conffile: upgrades keep the operator's edits)
# and its postinst creates the tsorch system account and /var/lib/tsorchestrator (0700), then enables the service.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
version=0.1.0
out="$repo/artifacts/package"
publish=""
while [ $# -gt 0 ]; do
  case "$1" in
    --version) version="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --publish-dir) publish="$2"; shift 2 ;;
    *) echo "package.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
out="$(cd "$out" && pwd)"

folder="$out/tsorchestrator-server-$version-linux-x64"
if [ -z "$publish" ]; then
  # No -p:Version here: a global property reaches the referenced projects too, and rebuilding them with another
  # version would replace the binaries a running test suite or server is using. The package carries the version.
  rm -rf "$folder"
  dotnet publish "$repo/src/TsOrchestrator.Server" --configuration Release --runtime linux-x64 --self-contained \
    --nologo --verbosity quiet --output "$folder" >&2
  publish="$folder"
fi
[ -x "$publish/TsOrchestrator.Server" ] || { echo "package.sh: $publish has no self-contained TsOrchestrator.Server" >&2; exit 1; }

root="$out/deb-root"
rm -rf "$root"
install -d "$root/DEBIAN" "$root/opt/tsorchestrator/server" "$root/lib/systemd/system" "$root/etc/tsorchestrator"
cp -a "$publish/." "$root/opt/tsorchestrator/server/"
# The unit and the settings have their own places; the copies the build puts beside the program would only mislead.
rm -f "$root/opt/tsorchestrator/server/tsorch-server.service"
install -m 0644 "$repo/src/TsOrchestrator.Server/tsorch-server.service" "$root/lib/systemd/system/tsorch-server.service"
install -m 0640 "$repo/tools/deb/server.json" "$root/etc/tsorchestrator/server.json"
for script in postinst prerm postrm; do
  install -m 0755 "$repo/tools/deb/$script" "$root/DEBIAN/$script"
done
echo /etc/tsorchestrator/server.json > "$root/DEBIAN/conffiles"

installed_kb=$(du -sk "$root" | cut -f1)
cat > "$root/DEBIAN/control" <<CONTROL
Package: tsorchestrator-server
Version: $version
Architecture: amd64
Maintainer: TsOrchestrator <tsorchestrator@localhost>
Section: admin
Priority: optional
Installed-Size: $installed_kb
Depends: adduser, libc6, libgcc-s1, libstdc++6, libssl3t64 | libssl3
Description: TsOrchestrator server: task sequences for devices
 Site server (admin API, designer console, agent API, its own distribution
 point) of TsOrchestrator, self-contained (no .NET runtime needed), run by systemd as
 tsorch-server with its data in /var/lib/tsorchestrator.
CONTROL

deb="$out/tsorchestrator-server_${version}_amd64.deb"
dpkg-deb --root-owner-group -Zgzip --build "$root" "$deb" >&2
rm -rf "$root"
echo "$deb"
