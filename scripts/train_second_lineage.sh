#!/usr/bin/env bash
# A second EfficientNet-Lite0, trained apart from the bundled one, to be averaged with it
# (`boneage ensemble`): the same recipe as scripts/train_bundled_model.sh (stages a-c: 60, 75
# and 50 minutes), another training seed (7: the head's initial weights, the shuffling and the
# augmentation draws), the same validation split (--split-seed 42), the same films left out.
# Networks continued from one another err alike (validation errors correlated 0.96-0.97, so
# averaging them gained at most 0.16 months); one trained apart is the lever left.
# Resumable: run it again after an interruption and the stage that was running continues.
# Usage: scripts/train_second_lineage.sh [RSNA_DIR] [RUNS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data/rsna-boneage-100px}
runs=${2:-runs}
first="$runs/lineage2_stage1"
second="$runs/lineage2_stage2"
third="$runs/lineage2_stage3"
source scripts/fullres_exclude.sh  # every shared full-resolution patient left out
common=(--csv "$data/boneage-training-dataset.csv" --images "$data/boneage-training-dataset"
  --arch efficientnet_lite0 --weights imagenet --img-size 100 --source-size 100x100
  --export-augment --loss huber --schedule cosine-time --steps-per-epoch 300 --epochs 100000
  --patience 100000 --batch-size 32 --seed 7 --split-seed 42 "${exclude[@]}")
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
