#!/usr/bin/env bash
# Build the Linux one-file binary dist/BoneAge with PyInstaller, then smoke-test it offscreen.
# Installs its own toolchain into build/venv-linux (runtime dependencies + PyInstaller only).
set -euo pipefail
cd "$(dirname "$0")/.."
venv=build/venv-linux
if [ ! -x "$venv/bin/pyinstaller" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --upgrade pip
  "$venv/bin/pip" install -q . "pyinstaller==6.22.3"
fi
start=$(date +%s)
"$venv/bin/pyinstaller" --noconfirm --clean --distpath dist --workpath build/pyinstaller-work \
  boneage.spec
echo "Built dist/BoneAge in $(( $(date +%s) - start )) s, $(du -m dist/BoneAge | cut -f1) MB"
# Smoke test: the frozen self-test must print the same numbers as the source tree.
QT_QPA_PLATFORM=offscreen dist/BoneAge self-test --out build/self-test-linux.json
python3 build/compare_with_source.py --python "$venv/bin/python" self-test \
  build/self-test-linux.json
# The window, frozen and offscreen: cold start to a usable window, then close.
QT_QPA_PLATFORM=offscreen build/cold_start.sh dist/BoneAge
