#!/usr/bin/env bash
# Installs the Debian packages the agent's disk and image steps run (and their loop-device tests need):
# sfdisk, wipefs, blkid, losetup and blockdev (util-linux, fdisk), mkfs.ext4 (e2fsprogs), mkfs.xfs (xfsprogs),
# mkfs.vfat (dosfstools), mkntfs and the ntfs-3g driver (ntfs-3g), wimapply (wimtools) and zstd.
# Quick when everything is there: apt-get runs only for a missing tool.
# Source it or run it; no `set -e`: a sourcing caller's error handling must stay as it was.

disk_tools_missing=()
for pair in sfdisk:fdisk wipefs:util-linux blkid:util-linux losetup:mount blockdev:util-linux mkfs.ext4:e2fsprogs \
  mkfs.xfs:xfsprogs mkfs.vfat:dosfstools mkntfs:ntfs-3g ntfs-3g:ntfs-3g wimapply:wimtools zstd:zstd; do
  tool="${pair%%:*}" package="${pair##*:}"
  if ! PATH="$PATH:/usr/sbin:/sbin" command -v "$tool" >/dev/null 2>&1; then
    case " ${disk_tools_missing[*]} " in *" $package "*) ;; *) disk_tools_missing+=("$package") ;; esac
  fi
done

if [ "${#disk_tools_missing[@]}" -gt 0 ]; then
  echo "disk-tools.sh: installing ${disk_tools_missing[*]} (apt-get)" >&2
  sudo_if_needed() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
  export DEBIAN_FRONTEND=noninteractive
  { sudo_if_needed apt-get update -qq >/dev/null && sudo_if_needed apt-get install -y -qq "${disk_tools_missing[@]}" >/dev/null; } \
    || { echo "disk-tools.sh: apt-get install ${disk_tools_missing[*]} failed" >&2; return 1 2>/dev/null || exit 1; }
fi
unset disk_tools_missing
true
