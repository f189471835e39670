#!/usr/bin/env bash
# Check the Windows build (dist/BoneAge/, made by build/build_windows.sh) under Wine:
# - boneage-cli.exe (console) and BoneAge.exe (windowed): self-test equal to the source tree's
#   numbers to 0.01 months;
# - boneage-cli.exe predict --json --out on the full-resolution sample films (when
#   ../shared/data/rsna-fullres-samples exists): equal to the source tree's to 0.01 months;
# - BoneAge.exe's cold start to a usable window, with Wine's server cold, then warm.
# PYTHON: a Linux Python with the runtime dependencies, for the source tree's numbers.
# Output goes into a pipe and results into --out files: under Wine 8 a frozen Windows Python
# dies at start when a standard stream is a regular file (`> out.jsonl`).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export WINEPREFIX=${WINEPREFIX:-$root/build/windows-toolchain/prefix} WINEARCH=win64 WINEDEBUG=-all
python=${PYTHON:-$root/.venv/bin/python}
# Checks under Wine. WINEQT_QPA_PLATFORM reaches the Windows program as QT_QPA_PLATFORM.
export WINEQT_QPA_PLATFORM=offscreen BONEAGE_BACKEND=opencv
cli=$root/dist/BoneAge/boneage-cli.exe
gui=$root/dist/BoneAge/BoneAge.exe
echo "boneage-cli.exe (console) self-test against the source tree:"
rm -f build/self-test-windows*.json
wine "$cli" self-test --out "Z:$root/build/self-test-windows.json" </dev/null 2>&1 | cat
python3 build/compare_with_source.py --python "$python" self-test build/self-test-windows.json
echo "BoneAge.exe (windowed) self-test against the source tree:"
wine "$gui" self-test --out "Z:$root/build/self-test-windows-gui.json" </dev/null 2>&1 | cat
python3 build/compare_with_source.py --python "$python" self-test \
  build/self-test-windows-gui.json
samples=$root/../shared/data/rsna-fullres-samples
if [ -f "$samples/labels.csv" ]; then
  echo "boneage-cli.exe predict --out on the full-resolution samples against the source tree:"
  for sex in female male; do
    want=$([ $sex = male ] && echo True || echo False)
    mapfile -t films < <(awk -F, -v m="$want" -v d="$samples/images" \
      '{ sub(/\r$/, "") } NR > 1 && $3 == m { print d "/" $1 ".png" }' "$samples/labels.csv")
    zfilms=("${films[@]/#/Z:}")
    out=$root/build/predict-windows-$sex.jsonl
    rm -f "$out"
    wine "$cli" predict "${zfilms[@]}" --sex $sex --json --out "Z:$out" </dev/null 2>&1 | cat
    python3 build/compare_with_source.py --python "$python" predict "$out" --sex $sex \
      "${films[@]}"
  done
fi
echo "Cold start of BoneAge.exe, Wine's server cold (wineserver -k before each launch):"
RESET="wineserver -k; wineserver -w" build/cold_start.sh wine "$gui"
echo "Cold start of BoneAge.exe, Wine's server warm:"
# Keep the server running between the launches, and start its services (winedevice...) here,
# outside the timed pipe: they would hold the pipe open, and cold_start.sh wait on them.
wineserver -p
wine cmd /c exit </dev/null >/dev/null 2>&1
build/cold_start.sh wine "$gui"
wineserver -k || true
