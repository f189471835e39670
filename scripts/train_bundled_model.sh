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
#    every shared full-resolution film (32 raw, 40 background-removed) is left out of
#    training and validation;
# 2. export; 3. around the network: a uniform frame around a film larger than the training
#    copies cut before its reduction (a blanked background left as it is), rotation averaging
#    (-6, 0, +6 degrees), two more sampling grids for films reduced from full resolution, and a
#    per-sex line fitted on the training split; 4. validation plots; 5. the 90 % interval;
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
scripts/train_lite0_stages.sh "$data" "$runs" bundled_lite0 42
scripts/install_bundle.sh "$runs/bundled_lite0_stage3" boneage-efficientnet_lite0 2
