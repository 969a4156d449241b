#!/bin/sh
# Installs ambit's build and test dependencies from Debian packages when missing.
# Needs root (or sudo). Safe to run again: installs nothing when all are present.
set -eu
PKGS="build-essential cmake pkg-config libgdal-dev gdal-bin libproj-dev proj-bin libgeos-dev
libjansson-dev libyaml-dev nettle-dev libcmocka-dev clang-format glpk-utils coinor-cbc
chromium"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "ambit: installing:$missing" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
