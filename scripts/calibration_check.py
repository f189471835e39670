"""Two cheap after-training corrections of a model, measured on its validation split:

- the mean over the small-rotation spread (the window computes it anyway) instead of the
  unrotated prediction;
- a sex-specific linear recalibration fitted on the model's predictions for its own TRAINING
  images (never on validation), which undoes the squeeze towards the mean age that regression
  networks show.

Prints validation MAE for each combination. With ``--write`` the recalibration is stored in the
bundle's ``bundle.json`` (``calibration``), where the predictor applies it.

Usage: python scripts/calibration_check.py RUN_DIR BUNDLE_DIR [--write]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from model.bundle import BUNDLE_FILE, load_bundle
from model.dataset import read_labels, read_split
from model.image_io import read_grayscale
from model.predictor import Predictor
from model.recalibration import SexCalibration
from model.tta import tta_spread


def main() -> None:
    run, bundle_dir = Path(sys.argv[1]), Path(sys.argv[2])
    write = "--write" in sys.argv[3:]
    cfg = json.loads((run / "config.json").read_text())
    train, val = read_split(run / "split.csv", read_labels(cfg["csv"], cfg["images"]))
    predictor = Predictor(bundle_dir)
    predictor.calibration = None  # fit on the network's own output
    fit_pred = predictor.predict_files([r.path for r in train], [r.male for r in train])
    fit_true = np.array([r.bone_age_months for r in train])
    fit_male = np.array([r.male for r in train])
    calibration = SexCalibration.fit(fit_pred, fit_true, fit_male)
    true = np.array([r.bone_age_months for r in val])
    male = np.array([r.male for r in val])
    plain = predictor.predict_files([r.path for r in val], male.tolist())
    rotated = np.array([tta_spread(predictor, read_grayscale(r.path), r.male).mean_months
                        for r in val])
    report = {
        "fitted_on": f"training split ({len(train)} images)",
        "calibration": calibration.to_dict(),
        "train_mae_plain": round(float(np.abs(fit_pred - fit_true).mean()), 3),
        "val_mae_plain": round(float(np.abs(plain - true).mean()), 3),
        "val_mae_rotation_mean": round(float(np.abs(rotated - true).mean()), 3),
        "val_mae_recalibrated": round(
            float(np.abs(calibration.apply(plain, male) - true).mean()), 3),
        "val_mae_rotation_mean_recalibrated": round(
            float(np.abs(calibration.apply(rotated, male) - true).mean()), 3),
        "val_bias_plain": round(float((plain - true).mean()), 3),
        "val_bias_recalibrated": round(float((calibration.apply(plain, male) - true).mean()), 3),
    }
    print(json.dumps(report, indent=2))
    if write:
        meta_path = Path(bundle_dir) / BUNDLE_FILE
        meta = json.loads(meta_path.read_text())
        meta["calibration"] = {**calibration.to_dict(), "fitted_on": report["fitted_on"]}
        meta["calibration_check"] = report
        meta_path.write_text(json.dumps(meta, indent=2) + "\n")
        load_bundle(bundle_dir)  # still a valid bundle
        print(f"Wrote the calibration into {meta_path}")


if __name__ == "__main__":
    main()
