#!/usr/bin/env bash
# The 100 px variant of 2026-11-29 (measured, not adopted: resources/model/MODEL_CARD.md).
# Resumable: run it again after an interruption.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data/rsna-boneage-100px}
run=${2:-runs/bundled}
minutes=${MINUTES:-100}
source scripts/fullres_exclude.sh  # every shared full-resolution patient left out
boneage train --csv "$data/boneage-training-dataset.csv" --images "$data/boneage-training-dataset" \
  --out "$run" --arch custom_cnn --img-size 100 --source-size 100x100 --convs-per-block 1,1,1,1 \
  --loss huber --schedule cosine-time --max-minutes "$minutes" --steps-per-epoch 300 \
  --epochs 1000 --patience 1000 --batch-size 32 --seed 42 --export-augment "${exclude[@]}"
