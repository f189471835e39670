"""Two cheap after-training corrections of a model, measured on its validation split:

- the mean over the small-rotation spread (the window computes it anyway) instead of the
  unrotated prediction;
- a sex-specific linear recalibration fitted on the model's predictions for its own TRAINING
  images (never on validation), which undoes the squeeze towards the mean age that regression
  networks show.

Prints validation MAE for each combination. With ``--write`` both are stored in the bundle's
``bundle.json`` (``preprocessing.rotation_tta_degrees`` and ``calibration``), where the
predictor applies them; the validation split is then scored again through the predictor, and
its metrics and plots replace the bundle's (the network-only metrics are kept beside them).

With ``--rotations`` the stored angles are these (default: the five of the spread), and with
``--offsets N`` the bundle also averages a film reduced from full resolution over N sub-pixel
sampling grids (no effect on the 100 px validation copies; chosen on the full-resolution films
with ``benchmarks/robustness.py``). ``--trim-frames`` stores the frame trimming chosen the same
way: a uniform frame around a film larger than the training copies is cut before the
reduction, and a blanked background running into the hand is left as it is
(``trim_margins`` on, ``blank_margin`` None; the 100 px copies are never trimmed).
``--rotations-on-first-grid`` reads the rotations on Pillow's grid only and each extra sampling
grid once, unturned (``rotations_on_first_grid``: five network passes for a full-resolution
film instead of nine).

Usage: python scripts/calibration_check.py RUN_DIR BUNDLE_DIR [--write] [--rotations -6,-3,0,3,6]
       [--offsets N] [--trim-frames] [--rotations-on-first-grid]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import shutil
from pathlib import Path

import numpy as np

from model.bundle import BUNDLE_FILE, load_bundle, write_metadata
from model.dataset import read_labels, read_split
from model.evaluation import evaluate_records
from model.predictor import Predictor
from model.recalibration import SexCalibration
from model.tta import ROTATIONS_DEGREES


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("run", type=Path)
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--rotations", default=",".join(str(a) for a in ROTATIONS_DEGREES))
    parser.add_argument("--offsets", type=int, default=0)
    parser.add_argument("--trim-frames", action="store_true")
    parser.add_argument("--rotations-on-first-grid", action="store_true")
    args = parser.parse_args()
    run, bundle_dir, write = args.run, args.bundle, args.write
    rotations = [float(a) for a in args.rotations.split(",") if a.strip()]
    cfg = json.loads((run / "config.json").read_text())
    train, val = read_split(run / "split.csv", read_labels(cfg["csv"], cfg["images"]))
    predictor = Predictor(bundle_dir)
    # The network's own output, whatever the bundle already says (the script can run again).
    predictor.calibration = None
    predictor.config = dataclasses.replace(predictor.config, rotation_tta_degrees=())
    fit_pred = predictor.predict_files([r.path for r in train], [r.male for r in train])
    fit_true = np.array([r.bone_age_months for r in train])
    fit_male = np.array([r.male for r in train])
    calibration = SexCalibration.fit(fit_pred, fit_true, fit_male)
    true = np.array([r.bone_age_months for r in val])
    male = np.array([r.male for r in val])
    plain = predictor.predict_files([r.path for r in val], male.tolist())
    unrotated = predictor.config
    predictor.config = dataclasses.replace(unrotated, rotation_tta_degrees=tuple(rotations))
    rotated = predictor.predict_files([r.path for r in val], male.tolist())
    predictor.config = unrotated
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
        meta["preprocessing"]["rotation_tta_degrees"] = rotations
        meta["preprocessing"]["sampling_offsets"] = args.offsets
        meta["preprocessing"]["rotations_on_first_grid"] = args.rotations_on_first_grid
        if args.trim_frames:
            meta["preprocessing"]["trim_margins"] = True
            meta["preprocessing"]["blank_margin"] = None
        meta["calibration"] = {**calibration.to_dict(), "fitted_on": report["fitted_on"]}
        meta["calibration_check"] = report
        meta.setdefault("validation_metrics_network_only", meta.get("validation_metrics"))
        write_metadata(bundle_dir, meta)
        out = run / "validation-final"
        metrics = evaluate_records(Predictor(load_bundle(bundle_dir)), val, out)
        meta["validation_metrics"] = metrics
        write_metadata(bundle_dir, meta)
        for plot in ("predicted_vs_true.png", "bland_altman.png"):
            shutil.copyfile(out / plot, Path(bundle_dir) / plot)
        print(f"Wrote rotation averaging and the calibration into {meta_path}; validation "
              f"through the predictor: MAE {metrics['mae_months']:.2f} months")


if __name__ == "__main__":
    main()
