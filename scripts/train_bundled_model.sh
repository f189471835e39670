#!/usr/bin/env bash
# Reproduce the bundled model on a 2-core CPU, then install it in resources/model:
# 1. the network: EfficientNet-Lite0 from ImageNet (weights converted once on this machine by
#    `python -m model.training.convert_efficientnet_lite`, the `[convert]` extra) at the 100 px
#    of the training copies, with the export augmentation and Huber loss, in three stages:
#    a. one frozen-backbone warm-up epoch, then the whole network with the backbone at a tenth
#       of the learning rate, cosine schedule from 1e-3 over a 60-minute wall-clock budget
#       (25 epochs of 300 batches on the 2-core machine it was made on);
#    b. from stage a's best epoch, a second cosine schedule from 5e-4 over 75 minutes with the
#       backbone at half the learning rate (a warm restart: stage a ended still underfitting);
#    c. from stage b's best epoch, a third from 3e-4 over 50 minutes, backbone at the full rate;
#    d. from stage c's best epoch, a fourth from 1.5e-4 over 45 minutes with an age-balanced
#       loss (each film weighted by the inverse square root of how many share its year);
#    e. from stage d's best epoch, a fifth from 1.5e-4 over 45 minutes with every augmentation
#       range and probability but the flip halved (films nearer the clean copies);
#    every shared full-resolution film (32 raw, 40 background-removed) is left out of
#    training and validation;
# 2. the networks of stages d and e averaged into one (boneage ensemble), exported;
# 3. around the network: a uniform frame around a film larger than the training
#    copies cut before its reduction (a blanked background left as it is), rotation averaging
#    (-6, 0, +6 degrees), two more sampling grids for films reduced from full resolution (the
#    rotations read on Pillow's grid, the two others unturned), and a per-sex line fitted on
#    the training split;
#    4. validation plots; 5. the 90 % interval;
#    6. the image check re-registered and measured; 7. full-resolution accuracy and the
#    export-robustness table (2-7: scripts/install_bundle.sh).
# Stage a is the run scripts/run_comparison.sh makes for this network (same command and seed),
# so an existing comparison run can be copied to RUNS_DIR/bundled_lite0 instead of training it.
# Resumable: run it again after an interruption and the stage that was running continues where
# it stopped.
# Usage: scripts/train_bundled_model.sh [RSNA_DIR] [RUNS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data/rsna-boneage-100px}
runs=${2:-runs}
first="$runs/bundled_lite0"
second="$runs/bundled_lite0_stage2"
third="$runs/bundled_lite0_stage3"
fourth="$runs/bundled_lite0_stage4b"
fifth="$runs/bundled_lite0_stage5light"
run="$runs/ensemble_4b_5l"
source scripts/fullres_exclude.sh  # every shared full-resolution patient left out
common=(--csv "$data/boneage-training-dataset.csv" --images "$data/boneage-training-dataset"
  --arch efficientnet_lite0 --weights imagenet --img-size 100 --source-size 100x100
  --export-augment --loss huber --schedule cosine-time --steps-per-epoch 300 --epochs 100000
  --patience 100000 --batch-size 32 --seed 42 "${exclude[@]}")
if [ ! -f "$first/val_metrics.json" ]; then
  boneage train "${common[@]}" --out "$first" --max-minutes 60
fi
if [ ! -f "$second/val_metrics.json" ]; then
  boneage train "${common[@]}" --out "$second" --max-minutes 75 --init-from "$first/best.keras" \
    --learning-rate 0.0005 --backbone-lr-factor 0.5 --warmup-epochs 0
fi
if [ ! -f "$third/val_metrics.json" ]; then
  boneage train "${common[@]}" --out "$third" --max-minutes 50 --init-from "$second/best.keras" \
    --learning-rate 0.0003 --backbone-lr-factor 1.0 --warmup-epochs 0
fi
if [ ! -f "$fourth/val_metrics.json" ]; then
  boneage train "${common[@]}" --out "$fourth" --max-minutes 45 --init-from "$third/best.keras" \
    --learning-rate 0.00015 --backbone-lr-factor 1.0 --warmup-epochs 0 --age-balance 0.5
fi
if [ ! -f "$fifth/val_metrics.json" ]; then
  boneage train "${common[@]}" --out "$fifth" --max-minutes 45 --init-from "$fourth/best.keras" \
    --learning-rate 0.00015 --backbone-lr-factor 1.0 --warmup-epochs 0 --augment-scale 0.5
fi
if [ ! -f "$run/val_metrics.json" ]; then
  boneage ensemble "$fourth" "$fifth" --out "$run"
fi
scripts/install_bundle.sh "$run" boneage-efficientnet_lite0-x2 2 first-grid
