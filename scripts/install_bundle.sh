#!/usr/bin/env bash
# Install a finished training run as the bundled model (resources/model), with every step the
# app relies on after the network: export; rotation averaging (-6, 0, +6 degrees), OFFSETS
# more sampling grids for films reduced from full resolution, a uniform frame around a film cut
# before its reduction (a blanked background left as it is) and a per-sex line fitted on the
# training split; validation plots; the 90 % interval; the image check re-registered and
# measured; full-resolution accuracy and the export-robustness table (RUN/robustness.json).
# FIRST "first-grid": the rotations read on Pillow's grid only, each extra grid once unturned
# (five network passes for a full-resolution film instead of nine).
# Usage: scripts/install_bundle.sh RUN NAME OFFSETS [FIRST]   (called by the train_*.sh scripts)
set -euo pipefail
cd "$(dirname "$0")/.."
run=$1 name=$2 offsets=$3 first=()
if [ "${4:-}" = first-grid ]; then first=(--rotations-on-first-grid); fi
boneage export "$run" --out resources/model --name "$name"
cp "$run/history.png" resources/model/
PYTHONPATH=. python scripts/calibration_check.py "$run" resources/model --write \
  --rotations=-6,0,6 --offsets "$offsets" --trim-frames "${first[@]}"
PYTHONPATH=. python scripts/validation_extras.py "$run" resources/model
PYTHONPATH=. python scripts/fit_interval.py "$run" resources/model --write
PYTHONPATH=. python scripts/fit_image_check.py "$run" resources/model --register --spread
PYTHONPATH=. python benchmarks/robustness.py --json "$run/robustness.json"
