#!/usr/bin/env bash
# Packages the site server and the distribution point for Linux (x64): a self-contained folder of each (no .NET needed
# on the host) and a Debian package of each, built with dpkg-deb alone.
#   tools/package.sh [--version 0.1.0] [--out artifacts/package] [--publish-dir DIR] [--dp-publish-dir DIR]
# --publish-dir / --dp-publish-dir package an existing self-contained publish of the server / the DP instead of
# publishing again. Prints the two .debs' paths, the server's first. tsorchestrator-server installs:
#   /opt/tsorchestrator/server/              the program (TsOrchestrator.Server, appsettings.json, templates, web assets)
#   /lib/systemd/system/tsorch-server.service
#   /etc/tsorchestrator/server.json          the site's settings (a conffile: upgrades keep the operator's edits)
# and its postinst creates the tsorch system account and /var/lib/tsorchestrator (0700), then enables the service.
# tsorchestrator-dp, for a branch's host, installs /opt/tsorchestrator/dp/ (TsOrchestrator.DistributionPoint),
# tsorch-dp.service and /etc/tsorchestrator/dp.json, makes the same account and folder, and leaves the unit disabled
# until the DP's access key and site server are set. The two conflict: a site server is its own distribution point.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
version=0.1.0
out="$repo/artifacts/package"
publish=""
dp_publish=""
while [ $# -gt 0 ]; do
  case "$1" in
    --version) version="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --publish-dir) publish="$2"; shift 2 ;;
    --dp-publish-dir) dp_publish="$2"; shift 2 ;;
    *) echo "package.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
out="$(cd "$out" && pwd)"

# publish_self_contained PROJECT FOLDER: a self-contained publish of src/PROJECT into FOLDER.
publish_self_contained() {
  # No -p:Version here: a global property reaches the referenced projects too, and rebuilding them with another
  # version would replace the binaries a running test suite or server is using. The package carries the version.
  rm -rf "$2"
  dotnet publish "$repo/src/$1" --configuration Release --runtime linux-x64 --self-contained \
    --nologo --verbosity quiet --output "$2" >&2
}

# pack PACKAGE PUBLISHED PROGRAM_DIR UNIT SETTINGS SCRIPTS_DIR DESCRIPTION: the .deb of one program; prints its path.
pack() {
  local package="$1" published="$2" dir="$3" unit="$4" settings="$5" scripts="$6" description="$7"
  local root="$out/deb-root-$package"
  rm -rf "$root"
  install -d "$root/DEBIAN" "$root/opt/tsorchestrator/$dir" "$root/lib/systemd/system" "$root/etc/tsorchestrator"
  cp -a "$published/." "$root/opt/tsorchestrator/$dir/"
  # The unit and the settings have their own places; the copies the build puts beside the program would only mislead.
  rm -f "$root/opt/tsorchestrator/$dir/$(basename "$unit")"
  install -m 0644 "$unit" "$root/lib/systemd/system/$(basename "$unit")"
  install -m 0640 "$settings" "$root/etc/tsorchestrator/$(basename "$settings")"
  install -m 0755 "$scripts/postinst" "$scripts/prerm" "$root/DEBIAN/"
  install -m 0755 "$repo/tools/deb/postrm" "$root/DEBIAN/postrm"
  echo "/etc/tsorchestrator/$(basename "$settings")" > "$root/DEBIAN/conffiles"
  local other=tsorchestrator-dp
  [ "$package" = tsorchestrator-dp ] && other=tsorchestrator-server
  cat > "$root/DEBIAN/control" <<CONTROL
Package: $package
Version: $version
Architecture: amd64
Maintainer: TsOrchestrator <tsorchestrator@localhost>
Section: admin
Priority: optional
Installed-Size: $(du -sk "$root" | cut -f1)
Depends: adduser, libc6, libgcc-s1, libstdc++6, libssl3t64 | libssl3
Conflicts: $other
Description: $description
CONTROL
  local deb="$out/${package}_${version}_amd64.deb"
  # gzip -6, not dpkg-deb's -9: a third of the time (8 s instead of 25 s for the server, under load) for 0.4 % more bytes.
  dpkg-deb --root-owner-group -Zgzip -z6 --build "$root" "$deb" >&2
  rm -rf "$root"
  echo "$deb"
}

if [ -z "$publish" ]; then
  publish="$out/tsorchestrator-server-$version-linux-x64"
  publish_self_contained TsOrchestrator.Server "$publish"
fi
[ -x "$publish/TsOrchestrator.Server" ] || { echo "package.sh: $publish has no self-contained TsOrchestrator.Server" >&2; exit 1; }
if [ -z "$dp_publish" ]; then
  # After the server's: the libraries both use are built for linux-x64 by then, so this one compiles only the DP.
  dp_publish="$out/tsorchestrator-dp-$version-linux-x64"
  publish_self_contained TsOrchestrator.DistributionPoint "$dp_publish"
fi
[ -x "$dp_publish/TsOrchestrator.DistributionPoint" ] || { echo "package.sh: $dp_publish has no self-contained TsOrchestrator.DistributionPoint" >&2; exit 1; }

pack tsorchestrator-server "$publish" server "$repo/src/TsOrchestrator.Server/tsorch-server.service" \
  "$repo/tools/deb/server.json" "$repo/tools/deb" "TsOrchestrator server: task sequences for devices
 Site server (admin API, designer console, agent API, its own distribution
 point) of TsOrchestrator, self-contained (no .NET runtime needed), run by systemd as
 tsorch-server with its data in /var/lib/tsorchestrator."
pack tsorchestrator-dp "$dp_publish" dp "$repo/src/TsOrchestrator.DistributionPoint/tsorch-dp.service" \
  "$repo/tools/deb/dp/dp.json" "$repo/tools/deb/dp" "TsOrchestrator distribution point: package content near the devices
 Distribution point of a TsOrchestrator site (content library, /dp/v1, health;
 no store), self-contained (no .NET runtime needed), run by systemd as tsorch-dp
 with its data in /var/lib/tsorchestrator once /etc/tsorchestrator/dp.json names
 its access key and site server."
