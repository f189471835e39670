"""Measure how a bundle must resize a full-resolution film so the network sees what it saw in
training: predict the full-resolution samples under each resize rule and compare with the labels
and with the prediction for the 100 px copy of the same film.

The 40 samples must have been excluded from training (``--exclude`` with their labels.csv), or
the figures mean nothing. Usage: python scripts/fullres_geometry.py BUNDLE [SHARED_DATA_DIR]
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

import numpy as np

from model.dataset import read_labels
from model.metrics import regression_metrics
from model.predictor import Predictor


def main() -> None:
    bundle = sys.argv[1]
    data = Path(sys.argv[2] if len(sys.argv) > 2 else "../shared/data")
    samples = data / "rsna-fullres-samples"
    full = read_labels(samples / "labels.csv", samples / "images")
    small_dir = data / "rsna-boneage-100px/boneage-training-dataset"
    true = np.array([r.bone_age_months for r in full])
    male = np.array([r.male for r in full])
    predictor = Predictor(bundle)
    own = predictor.config
    small_pred = predictor.predict_files([small_dir / f"{r.image_id}.png" for r in full], male)
    report = {"bundle_resize": own.resize_mode, "source_aspect": own.source_aspect,
              "100px_copy": regression_metrics(true, small_pred)["mae_months"]}
    for mode, aspect in (("stretch", None), ("pad", None), ("pad", own.source_aspect)):
        predictor.config = dataclasses.replace(own, resize_mode=mode, source_aspect=aspect)
        pred = predictor.predict_files([r.path for r in full], male)
        key = f"fullres_{mode}" + (f"_aspect{aspect}" if aspect else "")
        report[key] = {
            "mae_vs_label": round(regression_metrics(true, pred)["mae_months"], 2),
            "mean_abs_diff_vs_100px_copy": round(float(np.mean(np.abs(pred - small_pred))), 2),
            "bias_vs_label": round(float(np.mean(pred - true)), 2),
        }
    predictor.config = own
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
