#!/usr/bin/env bash
# Reproduce the bundled model on a 2-core CPU and install it in resources/model.
# 1. scripts/train_run.sh: 100 px (the RSNA copies' own size, no second resampling), one
#    convolution per block, Huber loss, export augmentation, a cosine learning-rate schedule
#    over a wall-clock budget (MINUTES, default 100), every shared full-resolution film left out.
# 2. export to ONNX; 3. rotation averaging, sampling grids and a per-sex line fitted on the
#    training split (scripts/calibration_check.py); 4. spread threshold (validation_extras.py);
#    5. the 90 % interval and the image check; 6. full-resolution and robustness figures.
# Resumable: run it again after an interruption and the training run continues where it stopped.
# Usage: scripts/train_bundled_model.sh [RSNA_DIR] [RUNS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data/rsna-boneage-100px}
runs=${2:-runs}
if [ ! -f "$runs/bundled/val_metrics.json" ]; then
  scripts/train_run.sh "$data" "$runs/bundled"
fi
boneage export "$runs/bundled" --out resources/model --name boneage-custom_cnn
cp "$runs/bundled/history.png" resources/model/
PYTHONPATH=. python scripts/calibration_check.py "$runs/bundled" resources/model --write \
  --rotations=-6,-3,0,3,6 --offsets "${OFFSETS:-3}"
PYTHONPATH=. python scripts/validation_extras.py "$runs/bundled" resources/model
