#!/usr/bin/env bash
# Reproduce the bundled model: train on the 100 px RSNA set, then install the exported bundle
# in resources/model. Resumable: run it again after an interruption and it continues.
# Usage: scripts/train_bundled_model.sh [RSNA_DIR] [RUN_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data/rsna-boneage-100px}
run=${2:-runs/bundled}
fullres_labels=${FULLRES_LABELS:-../shared/data/rsna-fullres-samples/labels.csv}
exclude=()
# The 40 full-resolution samples are kept out of training so that they can measure how the
# model behaves on full-resolution films (see resources/model/MODEL_CARD.md).
[ -f "$fullres_labels" ] && exclude=(--exclude "$fullres_labels")
if [ ! -f "$run/val_metrics.json" ]; then
  boneage train --csv "$data/boneage-training-dataset.csv" --images "$data/boneage-training-dataset" \
    --out "$run" --arch custom_cnn --img-size 80 --convs-per-block 1,1,1,1 --loss huber \
    --epochs 70 --batch-size 32 --seed 42 --max-minutes 84 "${exclude[@]}"
fi
boneage export "$run" --out resources/model --name boneage-custom_cnn
# Flip-averaging figures and the spread threshold of the "check image" flag (validation split).
PYTHONPATH=. python scripts/validation_extras.py "$run" resources/model
cp "$run/history.png" "$run/validation/predicted_vs_true.png" "$run/validation/bland_altman.png" \
  resources/model/
