#!/usr/bin/env bash
# A second EfficientNet-Lite0, trained apart from the bundled one, to be averaged with it
# (`boneage ensemble`): the same three stages as the bundled network
# (scripts/train_lite0_stages.sh: 60, 75 and 50 minutes; runs/lineage2*), another training
# seed (7: the head's initial weights, the shuffling and the augmentation draws), the same
# validation split (--split-seed 42), the same films left out.
# Networks continued from one another err alike (validation errors correlated 0.96-0.97, so
# averaging them gained at most 0.16 months); one trained apart is the lever left.
# MINUTES: the three stages' budgets (default "60 75 50"; 0 ends the stages there). Run on
# 2026-12-08 with "60 50 0": two stages, 10.19 months network alone, and averaged with the
# bundled network (`boneage ensemble ... --no-flip`) 9.88 on validation; not installed (model
# card, "Variants tried").
# Resumable: run it again after an interruption and the stage that was running continues.
# Usage: scripts/train_second_lineage.sh [RSNA_DIR] [RUNS_DIR] [MINUTES]
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data/rsna-boneage-100px}
runs=${2:-runs}
scripts/train_lite0_stages.sh "$data" "$runs" lineage2 7 "${3:-60 75 50}"
