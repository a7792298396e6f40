#!/usr/bin/env bash
# Installs the Debian packages the agent's configuration steps run (and their tests need): grub-install with its BIOS
# and UEFI images (grub2-common, grub-pc-bin, grub-efi-amd64-bin), modinfo and depmod (kmod), blkid and findmnt
# (util-linux, mount), mcopy for an EFI system partition a kernel without FAT cannot mount (mtools), mkfs.ext4 and
# mkfs.vfat (e2fsprogs, dosfstools), sfdisk (fdisk) and partx (util-linux: this machine's kernel reads no partition table),
# busybox (busybox-static: the network settings test reads the interfaces file with busybox's ifup -n, a dry run).
# The driver tests need a real kernel module: Debian's cloud kernel package is downloaded once (not installed) and its
# modules unpacked into TSORCH_TEST_KERNEL_MODULES (default /var/cache/tsorch-test/kernel-modules).
# Quick when everything is there: apt-get runs only for a missing tool or module tree.
# Source it or run it; no `set -e`: a sourcing caller's error handling must stay as it was.

osconfig_missing=()
for pair in grub-install:grub2-common grub-probe:grub2-common modinfo:kmod depmod:kmod blkid:util-linux findmnt:mount \
  mkfs.ext4:e2fsprogs mkfs.vfat:dosfstools mcopy:mtools sfdisk:fdisk losetup:mount partx:util-linux busybox:busybox-static; do
  tool="${pair%%:*}" package="${pair##*:}"
  if ! PATH="$PATH:/usr/sbin:/sbin" command -v "$tool" >/dev/null 2>&1; then
    case " ${osconfig_missing[*]} " in *" $package "*) ;; *) osconfig_missing+=("$package") ;; esac
  fi
done
[ -e /usr/lib/grub/i386-pc/boot.img ] || osconfig_missing+=(grub-pc-bin)
[ -e /usr/lib/grub/x86_64-efi/modinfo.sh ] || osconfig_missing+=(grub-efi-amd64-bin)

osconfig_sudo() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
export DEBIAN_FRONTEND=noninteractive
osconfig_updated=0
if [ "${#osconfig_missing[@]}" -gt 0 ]; then
  echo "osconfig-tools.sh: installing ${osconfig_missing[*]} (apt-get)" >&2
  # grub-pc-bin and grub-efi-amd64-bin hold only GRUB's images: installing them changes nothing on this machine's boot.
  { osconfig_sudo apt-get update -qq >/dev/null && osconfig_sudo apt-get install -y -qq --no-install-recommends "${osconfig_missing[@]}" >/dev/null; } \
    || { echo "osconfig-tools.sh: apt-get install ${osconfig_missing[*]} failed" >&2; return 1 2>/dev/null || exit 1; }
  osconfig_updated=1
fi

modules_root="${TSORCH_TEST_KERNEL_MODULES:-/var/cache/tsorch-test/kernel-modules}"
if ! compgen -G "$modules_root/lib/modules/*/kernel" >/dev/null; then
  echo "osconfig-tools.sh: unpacking Debian's cloud kernel modules into $modules_root (apt-get download)" >&2
  work="$(mktemp -d)"
  {
    { [ "$osconfig_updated" = 1 ] || osconfig_sudo apt-get update -qq >/dev/null; } &&
    image="$(apt-cache depends linux-image-cloud-amd64 | awk '/Depends: linux-image-/ { print $2; exit }')" &&
    [ -n "$image" ] &&
    (cd "$work" && apt-get download -qq "$image" >/dev/null) &&
    mkdir -p "$modules_root" &&
    dpkg-deb --fsys-tarfile "$work"/*.deb | tar -x -C "$modules_root" --wildcards './lib/modules/*' './usr/lib/modules/*' 2>/dev/null
    compgen -G "$modules_root/*lib/modules/*/kernel" >/dev/null
  } || { rm -rf "$work"; echo "osconfig-tools.sh: the kernel modules for the driver tests could not be unpacked" >&2; return 1 2>/dev/null || exit 1; }
  # Debian 13 puts modules under usr/lib: one place for the tests to look.
  if [ ! -d "$modules_root/lib/modules" ] && [ -d "$modules_root/usr/lib/modules" ]; then
    mkdir -p "$modules_root/lib" && mv "$modules_root/usr/lib/modules" "$modules_root/lib/modules"
  fi
  rm -rf "$work"
fi
unset osconfig_missing osconfig_updated modules_root work image
true
