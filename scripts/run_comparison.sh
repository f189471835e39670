#!/usr/bin/env bash
# The architecture comparison of issue 13, one long run per network under the same CPU budget
# and with the app's preprocessing (the bundled model's recipe: 100 px training copies reduced
# as they were made, export augmentation, Huber loss, cosine over the time budget, batch 32,
# seed 42, every shared full-resolution film left out), then full-resolution scoring and the
# table.
#
# Resumable at every level: a finished run is skipped, an interrupted one continues from its
# last epoch (Keras BackupAndRestore), and the robustness scores of a run are kept once made.
# Run it again after an interruption, e.g. in the background:
#   nohup nice -n 10 scripts/run_comparison.sh > runs/compare.log 2>&1 &
#
# Settings (environment): MINUTES (training budget per network, default 60), RUNS (folder,
# default runs/compare60), PYTHON (default .venv/bin/python if present, else python),
# SPECS: space-separated ARCH:INPUT_PX:WEIGHTS[:FOLDER] (default below: the custom CNN, the
# pretrained EfficientNet-Lite0 at its native 100 px and upsampled to 128 px, and the three
# Keras applications from scratch, whose ImageNet weights this machine cannot download).
# Pretrained runs need the converted weights first: python -m model.training.convert_efficientnet_lite
set -euo pipefail
cd "$(dirname "$0")/.."
data=${DATA:-../shared/data/rsna-boneage-100px}
minutes=${MINUTES:-60}
runs=${RUNS:-runs/compare60}
if [ -z "${PYTHON:-}" ]; then
  if [ -x .venv/bin/python ]; then PYTHON=.venv/bin/python; else PYTHON=python; fi
fi
specs=${SPECS:-"custom_cnn:100:none efficientnet_lite0:100:imagenet \
efficientnet_lite0:128:imagenet:efficientnet_lite0-128 mobilenetv2:100:none \
efficientnetb0:100:none vgg16:100:none"}
steps=300

source scripts/fullres_exclude.sh  # every shared full-resolution patient left out

folders=()
for spec in $specs; do
  IFS=: read -r arch size weights folder <<< "$spec"
  folder=${folder:-$arch}
  folders+=("$folder")
  run="$runs/$folder"
  if [ ! -f "$run/val_metrics.json" ]; then
    echo "== $folder: $arch at $size px, weights $weights, $minutes minutes ($(date +%H:%M))"
    "$PYTHON" -m app train --csv "$data/boneage-training-dataset.csv" \
      --images "$data/boneage-training-dataset" --out "$run" --arch "$arch" \
      --weights "$weights" --img-size "$size" --source-size 100x100 --export-augment \
      --loss huber --schedule cosine-time --max-minutes "$minutes" --steps-per-epoch "$steps" \
      --epochs 100000 --patience 100000 --batch-size 32 --seed 42 "${exclude[@]}"
  fi
  # Full-resolution MAE and bias by set (32 raw and 40 background-removed films) and the
  # export-shift table, through the app's predictor.
  if [ ! -f "$run/robustness.json" ] && [ -d ../shared/data/rsna-fullres-samples ]; then
    PYTHONPATH=. "$PYTHON" benchmarks/robustness.py "$run/bundle" --json "$run/robustness.json" \
      > "$run/robustness.txt"
  fi
done

# Every run is finished, so compare only measures them (size, ONNX MB, predictor ms per film)
# and writes the table; docs/model-comparison.md is edited by hand from it.
list=$(IFS=,; echo "${folders[*]}")
"$PYTHON" -m app compare --csv "$data/boneage-training-dataset.csv" \
  --images "$data/boneage-training-dataset" --out "$runs" --archs "$list" --weights auto \
  --minutes "$minutes" --steps-per-epoch "$steps" --batch-size 32 --seed 42 \
  --doc "$runs/comparison.md"
