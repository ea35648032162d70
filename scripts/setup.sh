#!/usr/bin/env bash
# Installs what building and testing need, and only what is missing:
# Debian packages with apt-get, npm packages with npm ci.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cmake g++ clang libclang-rt-14-dev libgtest-dev libbenchmark-dev
          libfast-float-dev libmuparser-dev emscripten)
# The browser tests' engines: Chromium, Firefox ESR, and WebKitGTK's
# MiniBrowser with its WebDriver, under a virtual X server.
[ "${MEXE_NO_BROWSER:-0}" = 1 ] || packages+=(chromium firefox-esr webkit2gtk-driver xvfb)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm ci again only when the lock file changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
