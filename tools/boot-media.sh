#!/usr/bin/env bash
# Boot media: a bootable ISO of the boot image (tools/boot-image.sh's vmlinuz and initrd.img) for machines started
# from a CD/DVD or USB stick instead of the network, as Configuration Manager's boot media. It boots on BIOS (El
# Torito) and UEFI (an EFI system partition image), through GRUB, into the same kernel command line the server's iPXE
# script gives a network boot; so a media boot is a PXE boot to the server: the same unknown-computer registration and
# the deployments made available to "clients, media and PXE" or "media and PXE only".
# Usage: tools/boot-media.sh <boot-image-folder> <server-url> [out.iso]   (default <boot-image-folder>/boot.iso);
# prints the ISO's path. The server URL is the one the machine reaches the server by (its network's view, e.g.
# http://10.0.2.100 for a QEMU machine forwarding to the server), baked into the medium as a site's media is.
set -euo pipefail
log() { echo "boot-media.sh: $*" >&2; }
[ $# -ge 2 ] || { log "usage: tools/boot-media.sh <boot-image-folder> <server-url> [out.iso]"; exit 2; }
image="$(realpath "$1")"
server="$2"
out="$(realpath -m "${3:-$image/boot.iso}")"
for file in vmlinuz initrd.img; do
  [ -f "$image/$file" ] || { log "$image has no $file: build the boot image with tools/boot-image.sh"; exit 1; }
done
# The URL goes on a kernel command line inside grub.cfg: no spaces, quotes or GRUB's special characters.
url_pattern='^https?://[A-Za-z0-9._~:/%@-]+$'
[[ "$server" =~ $url_pattern ]] || { log "server URL '$server' is not an http(s) URL without spaces or quotes"; exit 2; }
server="${server%/}"

missing=()
command -v grub-mkrescue >/dev/null || missing+=(grub-common)
[ -d /usr/lib/grub/i386-pc ] || missing+=(grub-pc-bin)
[ -d /usr/lib/grub/x86_64-efi ] || missing+=(grub-efi-amd64-bin)
command -v xorriso >/dev/null || missing+=(xorriso)
command -v mformat >/dev/null || missing+=(mtools)
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing ${missing[*]} (apt-get)"
  sudo_if_needed() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 "${missing[@]}" >/dev/null
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/iso/boot/grub" "$work/iso/tsorch"
cp "$image/vmlinuz" "$image/initrd.img" "$work/iso/tsorch/"
# The kernel line is the iPXE script's (NetworkBootApi), no_timer_check included.
# The serial line too: a machine without a screen (a VM, a server's console redirection) shows the menu and the boot there.
cat >"$work/iso/boot/grub/grub.cfg" <<CFG
serial --unit=0 --speed=115200
terminal_input console serial
terminal_output console serial
set timeout=3
set default=0
menuentry "TsOrchestrator boot image (server $server)" {
  linux /tsorch/vmlinuz console=tty0 console=ttyS0,115200 panic=10 no_timer_check tsorch.server=$server
  initrd /tsorch/initrd.img
}
CFG
mkdir -p "$(dirname "$out")"
grub-mkrescue --output="$out" "$work/iso" -- -volid TSORCH_BOOT >/dev/null 2>"$work/mkrescue.log" || { cat "$work/mkrescue.log" >&2; exit 1; }
log "$(stat -c %s "$out") bytes, server $server"
echo "$out"
