#!/usr/bin/env bash
# Prerequisites of the bare-metal test (tests/TsOrchestrator.BareMetal.Tests): QEMU with iPXE in its NIC ROMs, socat
# (QEMU's guestfwd relays each guest connection to the server's loopback port through it), the host's disk tools the
# test reads the machine's disk with, GRUB's boot media tools (tools/boot-media.sh) and the boot image
# (tools/boot-image.sh, which publishes the Native AOT agent).
# Source it: it exports TSORCH_BOOT_IMAGE, the boot image's folder. No `set -e`: a sourcing caller's error handling
# must stay as it was.

baremetal_missing=()
command -v qemu-system-x86_64 >/dev/null || baremetal_missing+=(qemu-system-x86)
[ -e /usr/lib/ipxe/qemu/efi-virtio.rom ] || baremetal_missing+=(ipxe-qemu)
command -v socat >/dev/null || baremetal_missing+=(socat)
command -v cpio >/dev/null || baremetal_missing+=(cpio)
command -v sfdisk >/dev/null || baremetal_missing+=(fdisk)
command -v losetup >/dev/null || baremetal_missing+=(mount)
# Boot media (tools/boot-media.sh): grub-mkrescue with GRUB's BIOS and UEFI platforms, xorriso and mtools.
command -v grub-mkrescue >/dev/null || baremetal_missing+=(grub-common)
[ -d /usr/lib/grub/i386-pc ] || baremetal_missing+=(grub-pc-bin)
[ -d /usr/lib/grub/x86_64-efi ] || baremetal_missing+=(grub-efi-amd64-bin)
command -v xorriso >/dev/null || baremetal_missing+=(xorriso)
command -v mformat >/dev/null || baremetal_missing+=(mtools)
if [ "${#baremetal_missing[@]}" -gt 0 ]; then
  echo "baremetal.sh: installing ${baremetal_missing[*]} (apt-get)" >&2
  sudo_if_needed() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
  { sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
    sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${baremetal_missing[@]}" >/dev/null; } \
    || { echo "baremetal.sh: apt-get install ${baremetal_missing[*]} failed" >&2; return 1 2>/dev/null || exit 1; }
fi

if TSORCH_BOOT_IMAGE="$(bash "$(dirname "${BASH_SOURCE[0]}")/boot-image.sh")"; then
  export TSORCH_BOOT_IMAGE
else
  echo "baremetal.sh: the boot image could not be built" >&2
  return 1 2>/dev/null || exit 1
fi
