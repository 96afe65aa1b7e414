#!/bin/bash
# Install, as root on Debian 12, everything needed to build, run and test
# Attendance.  When every package is already installed it does nothing, so it
# is quick to run again and works without a network connection.
set -euo pipefail

packages=(
  build-essential
  meson
  ninja-build
  pkg-config
  gettext
  libglib2.0-dev
  libglib2.0-dev-bin
  libgtk-4-dev
  libadwaita-1-dev
  libsqlite3-dev
  sqlite3
  libsodium-dev
  libxlsxwriter-dev
  libcairo2-dev
  libpango1.0-dev
  desktop-file-utils
  appstream
  xvfb
  xauth
  python3
  python3-openpyxl
  poppler-utils
  dbus-x11
  fonts-cantarell
  adwaita-icon-theme
  librsvg2-common
  hicolor-icon-theme
  clang
  libclang-rt-14-dev
  libcurl4-openssl-dev
  openssl
  flatpak-builder
)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
  if [ "$status" != "installed" ]; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-debian: all ${#packages[@]} packages are installed"
  exit 0
fi

echo "setup-debian: missing packages: ${missing[*]}"

if [ "$(id -u)" -ne 0 ]; then
  echo "setup-debian: run this script as root (for example with sudo) to install them," >&2
  echo "or install them yourself: apt-get install ${missing[*]}" >&2
  exit 1
fi

if [ -r /etc/os-release ]; then
  . /etc/os-release
  if [ "${ID:-}" != "debian" ] || [ "${VERSION_ID:-}" != "12" ]; then
    echo "setup-debian: this is ${PRETTY_NAME:-an unknown system}, not Debian 12; trying anyway" >&2
  fi
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${missing[@]}"
echo "setup-debian: installed ${missing[*]}"
