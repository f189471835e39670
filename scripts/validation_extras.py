"""Figures the model card needs from the validation split, and the spread threshold the window
uses for its "check image" flag (written into the bundle's bundle.json).

- MAE with and without test-time flip averaging (same network, same images);
- the test-time-augmentation spread (SD over small rotations) on every validation image: its
  median, 95th and 99th percentiles; the 99th becomes ``tta_sd_p99_months``.

Usage: python scripts/validation_extras.py RUN_DIR BUNDLE_DIR
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

import numpy as np

from model.bundle import BUNDLE_FILE, write_metadata
from model.dataset import read_labels, read_split
from model.image_io import read_grayscale
from model.predictor import Predictor
from model.tta import tta_spread


def main() -> None:
    run, bundle_dir = Path(sys.argv[1]), Path(sys.argv[2])
    cfg = json.loads((run / "config.json").read_text())
    records = read_labels(cfg["csv"], cfg["images"])
    _, val = read_split(run / "split.csv", records)
    predictor = Predictor(bundle_dir)
    true = np.array([r.bone_age_months for r in val])
    male = [r.male for r in val]
    report: dict[str, object] = {"n": len(val)}
    own = predictor.config
    for flip in (True, False):
        predictor.config = dataclasses.replace(own, flip_tta=flip)
        pred = predictor.predict_files([r.path for r in val], male)
        key = f"mae_flip_tta_{'on' if flip else 'off'}"
        report[key] = round(float(np.abs(pred - true).mean()), 3)
    predictor.config = own
    sds = np.array([tta_spread(predictor, read_grayscale(r.path), r.male).sd_months for r in val])
    report.update(tta_sd_median=round(float(np.median(sds)), 3),
                  tta_sd_p95=round(float(np.percentile(sds, 95)), 3),
                  tta_sd_p99=round(float(np.percentile(sds, 99)), 3))
    meta_path = bundle_dir / BUNDLE_FILE
    meta = json.loads(meta_path.read_text())
    meta["tta_sd_p99_months"] = report["tta_sd_p99"]
    meta["validation_extras"] = report
    write_metadata(bundle_dir, meta)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
