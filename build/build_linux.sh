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
"$venv/bin/python" - "$venv/bin/python" <<'PY'
import json, subprocess, sys
frozen = json.load(open("build/self-test-linux.json"))
import os
env = {**os.environ, "PYTHONPATH": os.getcwd()}  # the source tree, with its resources/
source = json.loads(subprocess.run([sys.argv[1], "-m", "app", "self-test"], capture_output=True,
                                   text=True, check=True, env=env).stdout.strip().splitlines()[-1])
for key in ("female_months", "male_months"):
    diff = abs(frozen[key] - source[key])
    print(f"{key}: frozen {frozen[key]:.3f}, source {source[key]:.3f}, |diff| {diff:.4f}")
    assert diff <= 0.01, "frozen and source predictions differ"
PY
# The window, frozen and offscreen: cold start to a usable window, then close.
QT_QPA_PLATFORM=offscreen build/cold_start.sh dist/BoneAge
