#!/usr/bin/env bash
# Installs the Debian 12 packages assess needs, if any is missing (needs root or sudo).
set -euo pipefail
packages=(g++ cmake ninja-build pkg-config libboost-dev libyaml-cpp-dev libfmt-dev
          nlohmann-json3-dev libsimdjson-dev libcli11-dev libgtest-dev libgmock-dev libbenchmark-dev
          python3 clang-format libzip-dev libexpat1-dev libxlsxwriter-dev libssl-dev
          chromium fonts-wqy-microhei python3-openpyxl python3-yaml python3-jsonschema
          python3-pytest clang libclang-rt-14-dev python3-dev python3-pybind11 python3-numpy
          python3-pandas python3-dask python3-distributed ccache)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "installing: ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
