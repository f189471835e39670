#!/usr/bin/env bash
# The three training stages of the bundled network, shared by scripts/train_bundled_model.sh
# and scripts/train_second_lineage.sh: EfficientNet-Lite0 from ImageNet at the 100 px of the
# training copies, export augmentation, Huber loss, every shared full-resolution patient left
# out, on the bundled model's validation split (seed 42) whatever the training seed:
#   PREFIX:        a frozen-backbone warm-up epoch, then the whole network with the backbone at
#                  a tenth of the rate, cosine from 1e-3 over 60 minutes;
#   PREFIX_stage2: from its best epoch, cosine from 5e-4 over 75 minutes, backbone at half;
#   PREFIX_stage3: from that best epoch, cosine from 3e-4 over 50 minutes, backbone at the full
#                  rate.
# MINUTES (optional, three numbers, default "60 75 50") replaces the three budgets; a budget
# of 0 skips that stage and every later one (the second lineage stops after two stages).
# Resumable: run it again after an interruption and the stage that was running continues.
# Usage: scripts/train_lite0_stages.sh RSNA_DIR RUNS_DIR PREFIX SEED [MINUTES]
set -euo pipefail
cd "$(dirname "$0")/.."
data=$1 runs=$2 prefix=$3 seed=$4
read -r minutes1 minutes2 minutes3 <<< "${5:-60 75 50}"
first="$runs/$prefix"
second="$runs/${prefix}_stage2"
third="$runs/${prefix}_stage3"
source scripts/fullres_exclude.sh  # every shared full-resolution patient left out
split=()
if [ "$seed" != 42 ]; then split=(--split-seed 42); fi  # the bundled runs' own split
common=(--csv "$data/boneage-training-dataset.csv" --images "$data/boneage-training-dataset"
  --arch efficientnet_lite0 --weights imagenet --img-size 100 --source-size 100x100
  --export-augment --loss huber --schedule cosine-time --steps-per-epoch 300 --epochs 100000
  --patience 100000 --batch-size 32 --seed "$seed" "${split[@]}" "${exclude[@]}")
if [ ! -f "$first/val_metrics.json" ]; then
  boneage train "${common[@]}" --out "$first" --max-minutes "$minutes1"
fi
[ "$minutes2" = 0 ] && exit 0
if [ ! -f "$second/val_metrics.json" ]; then
  boneage train "${common[@]}" --out "$second" --max-minutes "$minutes2" \
    --init-from "$first/best.keras" --learning-rate 0.0005 --backbone-lr-factor 0.5 \
    --warmup-epochs 0
fi
[ "$minutes3" = 0 ] && exit 0
if [ ! -f "$third/val_metrics.json" ]; then
  boneage train "${common[@]}" --out "$third" --max-minutes "$minutes3" \
    --init-from "$second/best.keras" --learning-rate 0.0003 --backbone-lr-factor 1.0 \
    --warmup-epochs 0
fi
