#!/usr/bin/env bash
# Reproduce the bundled model on a 2-core CPU, then install it in resources/model:
# 80 px input, cosine learning-rate schedule planned over 70 epochs and ended after 58 to fit
# the CPU budget (67 minutes on the 2-core machine it was made on).
# Resumable: run it again after an interruption and the run continues where it stopped.
# Usage: scripts/train_bundled_model.sh [RSNA_DIR] [RUNS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data/rsna-boneage-100px}
runs=${2:-runs}
fullres_labels=${FULLRES_LABELS:-../shared/data/rsna-fullres-samples/labels.csv}
exclude=()
# The 40 full-resolution samples are kept out of training so that they can measure how the
# model behaves on full-resolution films (see resources/model/MODEL_CARD.md).
[ -f "$fullres_labels" ] && exclude=(--exclude "$fullres_labels")
if [ ! -f "$runs/bundled/val_metrics.json" ]; then
  boneage train --csv "$data/boneage-training-dataset.csv" --images "$data/boneage-training-dataset" \
    --out "$runs/bundled" --arch custom_cnn --img-size 80 --convs-per-block 1,1,1,1 --loss huber \
    --epochs 70 --stop-after 58 --batch-size 32 --seed 42 "${exclude[@]}"
fi
boneage export "$runs/bundled" --out resources/model --name boneage-custom_cnn
cp "$runs/bundled/history.png" resources/model/
# Rotation averaging and a sex-specific line fitted on the training split's predictions; then
# the validation split is scored again through the predictor (metrics and plots in the bundle).
PYTHONPATH=. python scripts/calibration_check.py "$runs/bundled" resources/model --write
# Flip-averaging figures and the spread threshold of the "check image" flag (validation split).
PYTHONPATH=. python scripts/validation_extras.py "$runs/bundled" resources/model
