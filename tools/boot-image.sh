#!/usr/bin/env bash
# Assembles a Linux boot image (the Configuration Manager boot image's counterpart) from Debian packages:
#   <out>/vmlinuz      the Debian kernel (linux-image-amd64)
#   <out>/initrd.img   a gzip cpio: busybox as init and shell, the kernel modules for virtio, ahci, nvme, e1000(e) and
#                      the file systems, the disk tools the OS deployment steps call, and the Native AOT agent
#   <out>/boot-image.json  what went in (kernel and package versions), for the BootImage package's readers
# Usage: tools/boot-image.sh [out-folder]   (default artifacts/boot-image); prints the folder.
# Packages are fetched with apt-get download (no debootstrap, nothing installed on this machine but the tools this
# script itself needs) and cached by file name, which carries the version, under TSORCH_BOOT_CACHE
# (default ~/.cache/tsorch/boot-image), so a second build is fast and a package update is fetched again.
# TSORCH_AGENT_BINARY names an agent binary already published; otherwise tools/agent-aot.sh publishes it.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:-artifacts/boot-image}")"
cache="${TSORCH_BOOT_CACHE:-$HOME/.cache/tsorch/boot-image}"
log() { echo "boot-image.sh: $*" >&2; }
started=$SECONDS

for tool in cpio dpkg-deb apt-get; do
  if ! command -v "$tool" >/dev/null; then
    log "installing $tool's package (apt-get)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 cpio >/dev/null
  fi
done

agent="${TSORCH_AGENT_BINARY:-}"
if [ -z "$agent" ]; then
  agent="$(bash tools/agent-aot.sh)"
fi
[ -x "$agent" ] || { log "the agent binary '$agent' is missing"; exit 1; }

# The kernel's own package is the one linux-image-amd64 points at today; its modules come with it.
kernel_package="$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/ {print $2; exit}')"
[ -n "$kernel_package" ] || { log "apt-cache knows no linux-image-amd64: run apt-get update"; exit 1; }
tools=(busybox-static fdisk mount util-linux e2fsprogs xfsprogs dosfstools ntfs-3g wimtools zstd kmod grub-pc-bin grub2-common grub-common libssl3)
# The libraries those tools link against, as packages: every lib* package in their dependency closure.
libraries=($(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces --no-enhances \
  "${tools[@]}" 2>/dev/null | grep -E '^lib[a-z0-9.+-]+$' | grep -vE '^libc6$|^libgcc-s1$|-dev$' | sort -u))
packages=("$kernel_package" "${tools[@]}" "${libraries[@]}")

mkdir -p "$cache"
# One apt-cache call for every candidate version (one call per package takes minutes on a busy machine).
declare -A versions=()
while read -r package version; do versions[$package]="$version"; done < <(apt-cache policy "${packages[@]}" | awk '/^[^ ].*:$/ {p=$1; sub(/:$/,"",p)} /Candidate:/ {print p, $2}')
deb_of() { compgen -G "$cache/${1}_${versions[$1]//:/%3a}_*.deb" | head -n 1; }
missing=()
for package in "${packages[@]}"; do
  version="${versions[$package]:-}"
  [ -n "$version" ] && [ "$version" != "(none)" ] || { log "no candidate for $package"; exit 1; }
  [ -n "$(deb_of "$package")" ] || missing+=("$package=$version")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "downloading ${#missing[@]} packages into $cache"
  (cd "$cache" && apt-get download -qq "${missing[@]}" >/dev/null)
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
staging="$work/staging" root="$work/root"
mkdir -p "$staging" "$root"
for package in "${packages[@]}"; do
  dpkg-deb -x "$(deb_of "$package")" "$staging"
done

kernel_version="$(basename "$(ls -d "$staging"/lib/modules/*/ | head -n 1)")"
cp "$staging/boot/vmlinuz-$kernel_version" "$work/vmlinuz"

# --- the initramfs tree ---
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,lib,lib64,etc,proc,sys,dev,run,tmp,mnt,var/lib,usr/share/udhcpc,usr/lib/grub}
cp "$staging/bin/busybox" "$root/bin/busybox"
for applet in $("$root/bin/busybox" --list); do
  [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
done

# Disk tools: the real ones replace busybox's applets of the same name (sfdisk, mount, blkid, mkfs.* ...).
binaries=(sbin/sfdisk sbin/wipefs sbin/blkid bin/mount bin/umount sbin/losetup sbin/mkfs.ext4 sbin/mke2fs sbin/e2fsck sbin/resize2fs
  sbin/tune2fs sbin/mkfs.xfs sbin/xfs_repair sbin/mkfs.vfat sbin/mkfs.fat sbin/fsck.vfat sbin/mkntfs sbin/mkfs.ntfs bin/ntfs-3g bin/wimapply bin/wimlib-imagex
  bin/wimcapture bin/wiminfo bin/zstd bin/kmod sbin/modprobe sbin/insmod sbin/grub-install sbin/grub-mkconfig bin/grub-mkimage bin/grub-editenv
  bin/lsblk bin/findmnt sbin/blockdev sbin/switch_root bin/partx)
libdirs="$staging/lib/x86_64-linux-gnu:$staging/usr/lib/x86_64-linux-gnu"
for binary in "${binaries[@]}"; do
  source=""
  for candidate in "$staging/$binary" "$staging/usr/$binary"; do
    if [ -e "$candidate" ] || [ -L "$candidate" ]; then source="$candidate"; break; fi
  done
  [ -n "$source" ] || { log "no $binary in the packages"; exit 1; }
  name="$(basename "$binary")"
  dir="$root/$(dirname "$binary")"
  rm -f "$dir/$name"
  if [ -L "$source" ]; then
    # mkfs.ext4 -> mke2fs, modprobe -> /bin/kmod: keep the link, pointing at the copy in the image.
    target="$(readlink "$source")"
    ln -s "/$(dirname "$binary")/$(basename "$target")" "$dir/$name" 2>/dev/null || true
    case "$target" in */kmod) ln -sf /bin/kmod "$dir/$name" ;; esac
  else
    cp "$source" "$dir/$name"
  fi
done
cp "$agent" "$root/usr/bin/tsorch-agent"

# Every shared library those binaries need, found first in the packages' folders, then on this (same release) system.
collect_libraries() {
  LD_LIBRARY_PATH="$libdirs" ldd "$1" 2>/dev/null | awk '/=> \// {print $3} /^\t\/lib64/ {print $1}' || true
}
declare -A seen=()
queue=()
for file in "$root"/bin/* "$root"/sbin/* "$root"/usr/bin/* "$root"/usr/sbin/*; do
  [ -L "$file" ] && continue
  queue+=("$file")
done
while [ "${#queue[@]}" -gt 0 ]; do
  file="${queue[0]}"; queue=("${queue[@]:1}")
  while read -r library; do
    [ -n "$library" ] && [ -z "${seen[$library]:-}" ] || continue
    seen[$library]=1
    dest="$root/lib/x86_64-linux-gnu/$(basename "$library")"
    case "$library" in /lib64/*) dest="$root$library" ;; esac
    mkdir -p "$(dirname "$dest")"
    cp -L "$library" "$dest"
    queue+=("$library")
  done < <(collect_libraries "$file")
done
# .NET loads OpenSSL with dlopen (no ldd shows it): without libssl.so.3 the agent aborts ("No usable version of
# libssl was found") the first time it hashes or draws random bytes, e.g. Apply Windows Settings' password hash.
for library in libssl.so.3 libcrypto.so.3; do
  cp -L "$staging/usr/lib/x86_64-linux-gnu/$library" "$root/lib/x86_64-linux-gnu/$library"
done
missing_libraries="$(for f in "$root"/usr/bin/tsorch-agent "$root"/sbin/mkntfs "$root"/bin/wimapply; do LD_LIBRARY_PATH="$root/lib/x86_64-linux-gnu" ldd "$f" | grep 'not found' || true; done)"
[ -z "$missing_libraries" ] || { log "libraries not found: $missing_libraries"; exit 1; }
# The loader's cache, so the programs find their libraries however the loader was built.
ldconfig -r "$root" 2>/dev/null || true
# GRUB's platform modules, for Setup Operating System's grub-install --target=i386-pc from the boot image.
cp -a "$staging/usr/lib/grub/i386-pc" "$root/usr/lib/grub/" 2>/dev/null || true
cp -a "$staging/usr/share/grub" "$root/usr/share/" 2>/dev/null || true

# Kernel modules: the storage, network and file-system drivers a deployment needs, with everything they depend on.
wanted=(virtio_pci virtio_net virtio_blk virtio_scsi ahci sd_mod sr_mod nvme e1000 e1000e ext4 xfs vfat ntfs3 nls_cp437 nls_iso8859_1 nls_utf8
  isofs loop af_packet crc32c_generic)
moddir="$staging/lib/modules/$kernel_version"
# The package leaves modules.dep to its postinst: work it out here (kmod's depmod, from the packages or this machine).
depmod_program="$(command -v depmod || echo /sbin/depmod)"
[ -x "$depmod_program" ] || depmod_program="$staging/sbin/depmod"
LD_LIBRARY_PATH="$libdirs" "$depmod_program" -b "$staging" "$kernel_version"
declare -A modules=()
resolve() {
  local name="$1" path dep
  path="$(awk -F: -v n="$name" '{f=$1; sub(/.*\//,"",f); sub(/\.ko(\.[a-z]+)?$/,"",f); gsub(/-/,"_",f); if (f==n) {print $1; exit}}' "$moddir/modules.dep")"
  [ -n "$path" ] || return 0
  [ -z "${modules[$path]:-}" ] || return 0
  modules[$path]=1
  for dep in $(awk -F: -v p="$path" '$1==p {print $2}' "$moddir/modules.dep"); do
    dep="$(basename "$dep")"; dep="${dep%%.ko*}"
    resolve "${dep//-/_}"
  done
}
for module in "${wanted[@]}"; do resolve "$module"; done
for path in "${!modules[@]}"; do
  mkdir -p "$root/lib/modules/$kernel_version/$(dirname "$path")"
  cp "$moddir/$path" "$root/lib/modules/$kernel_version/$path"
done
cp "$moddir"/modules.{order,builtin,builtin.modinfo} "$root/lib/modules/$kernel_version/" 2>/dev/null || true
LD_LIBRARY_PATH="$libdirs" "$depmod_program" -b "$root" "$kernel_version"

cp tools/boot-image/init "$root/init"
cp tools/boot-image/udhcpc.script "$root/usr/share/udhcpc/default.script"
chmod 0755 "$root/init" "$root/usr/share/udhcpc/default.script"
echo "root:x:0:0:root:/root:/bin/sh" >"$root/etc/passwd"
echo "root:x:0:" >"$root/etc/group"
printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"
mkdir -p "$root/etc/ssl/certs"

(cd "$root" && find . -print0 | cpio --null -o -H newc --quiet) | gzip -1 >"$work/initrd.img"

rm -rf "$out"
mkdir -p "$out"
mv "$work/vmlinuz" "$work/initrd.img" "$out/"
{
  echo "{"
  echo "  \"kernel\": \"$kernel_version\","
  echo "  \"modules\": ${#modules[@]},"
  echo "  \"packages\": ["
  for package in "${packages[@]}"; do
    echo "    \"$package=${versions[$package]}\","
  done | sed '$ s/,$//'
  echo "  ]"
  echo "}"
} >"$out/boot-image.json"
log "kernel $kernel_version, ${#modules[@]} modules, initrd $(stat -c %s "$out/initrd.img") bytes, $((SECONDS - started)) s"
echo "$out"
