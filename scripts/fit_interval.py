"""Fit the bundle's 90 % prediction interval and say how well it holds (model/interval.py).

1. Predict every validation film of the run (the split the bundle was tuned on) through the
   app's own predictor; films that are also in a full-resolution set are left out.
2. Honest coverage on 100 px films: fit on a random half of validation, measure on the other
   half, both ways, over repeated halvings.
3. The stored table: fitted on all of validation.
4. Full-resolution films (a domain shift): the factor on the offsets is fitted on the
   ``--inflation-from`` set (default: the raw scanner films, what a clinician has) and only
   checked on the other set (the background-removed samples), so the reported check figure was
   not tuned on.

Usage: PYTHONPATH=. python scripts/fit_interval.py RUN BUNDLE [--write]
(RUN holds split.csv, and config.json naming the 100 px images; --write stores the table in
BUNDLE/bundle.json under "interval".)
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from model.bundle import BUNDLE_FILE, write_metadata
from model.dataset import Record, read_labels, read_split
from model.image_io import read_grayscale
from model.interval import (
    LEVEL,
    IntervalTable,
    coverage_and_width,
    fit_inflation,
    fit_table,
    from_full_resolution,
    split_half_coverage,
)
from model.predictor import Predictor
from model.tta import spread_table

SHARED = Path("../shared/data")
FULLRES_SETS = {"raw": SHARED / "rsna-fullres-raw", "samples": SHARED / "rsna-fullres-samples"}


def arrays(records: list[Record], predicted: dict[str, tuple[float, float]]
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return (np.array([predicted[r.image_id][0] for r in records]),
            np.array([r.bone_age_months for r in records]),
            np.array([r.male for r in records]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("run", type=Path, help="run folder with split.csv (and config.json)")
    parser.add_argument("bundle", type=Path, help="bundle folder")
    parser.add_argument("--images", type=Path, default=SHARED / "rsna-boneage-100px",
                        help="RSNA 100 px folder, when the run's config.json does not name it")
    parser.add_argument("--inflation-from", choices=tuple(FULLRES_SETS), default="raw",
                        help="full-resolution set the inflation factor is fitted on")
    parser.add_argument("--fullres-level", type=float, default=0.80,
                        help="coverage the full-resolution factor is fitted to (the floor the "
                             "project sets for full-resolution films; 0.90 for the nominal level)")
    parser.add_argument("--repeats", type=int, default=50, help="random halvings")
    parser.add_argument("--write", action="store_true", help="store the table in the bundle")
    args = parser.parse_args()

    config_path = args.run / "config.json"
    cfg = json.loads(config_path.read_text()) if config_path.exists() else {}
    csv_path = Path(cfg.get("csv", args.images / "boneage-training-dataset.csv"))
    images = Path(cfg.get("images", args.images / "boneage-training-dataset"))
    train, val = read_split(args.run / "split.csv", read_labels(csv_path, images))
    train_ids = {r.image_id for r in train}
    fullres = {name: read_labels(folder / "labels.csv", folder / "images")
               for name, folder in FULLRES_SETS.items() if (folder / "labels.csv").exists()}
    fullres_ids = {r.image_id for records in fullres.values() for r in records}
    val = [r for r in val if r.image_id not in fullres_ids]

    predictor = Predictor(args.bundle)
    print(f"Model: {predictor.bundle.label}; {len(val)} validation films")
    val_pred = spread_table(predictor, val, args.run / "interval_predictions.csv")
    pred, true, male = arrays(val, val_pred)

    halves = np.array(split_half_coverage(pred, true, male, repeats=args.repeats))
    report: dict[str, object] = {
        "validation_films": len(val),
        "validation_halves": {
            "fits": len(halves),
            "coverage_mean": round(float(halves[:, 0].mean()), 4),
            "coverage_min": round(float(halves[:, 0].min()), 4),
            "coverage_max": round(float(halves[:, 0].max()), 4),
            "width_mean_months": round(float(halves[:, 1].mean()), 2),
        },
    }
    print(f"100 px validation, fit on one half and measured on the other ({len(halves)} fits): "
          f"coverage {halves[:, 0].mean():.3f} (min {halves[:, 0].min():.3f}, "
          f"max {halves[:, 0].max():.3f}), mean width {halves[:, 1].mean():.1f} months")

    table = fit_table(pred, true, male, LEVEL)
    for sex, bands in table.bands.items():
        cells = "  ".join(f"{b.start:.0f}-{b.stop:.0f}: {b.low:+.1f}/{b.high:+.1f} (n={b.n})"
                          for b in bands)
        print(f"  {sex:<6} {cells}")

    fullres_arrays = {}
    for name, records in fullres.items():
        got = spread_table(predictor, records, None)
        shapes_reduced = [from_full_resolution(read_grayscale(r.path).shape, predictor.config)
                          for r in records]
        if not all(shapes_reduced):
            print(f"  note: {shapes_reduced.count(False)} {name} films are not larger than "
                  "the training copies")
        fullres_arrays[name] = arrays(records, got)

    inflation = 1.0
    if args.inflation_from in fullres_arrays:
        inflation = fit_inflation(table, *fullres_arrays[args.inflation_from],
                                  level=args.fullres_level)
    table = IntervalTable(table.level, table.bands, round(inflation, 3))
    report["full_resolution_inflation"] = {"fitted_on": args.inflation_from,
                                           "factor": table.full_resolution_inflation}
    print(f"Full-resolution inflation fitted on the {args.inflation_from} films: "
          f"{table.full_resolution_inflation:.3f}")
    plain = IntervalTable(table.level, table.bands)
    for name, (p, t, m) in fullres_arrays.items():
        before = coverage_and_width(plain, p, t, m)
        after = coverage_and_width(table, p, t, m, full_resolution=True)
        role = "fitted on" if name == args.inflation_from else "check, not fitted on"
        trained = sum(r.image_id in train_ids for r in fullres[name])
        if trained:
            print(f"  note: {trained} of the {name} films are in the run's training split "
                  "(their 100 px copies were learnt from): their figures are optimistic")
        report[f"fullres_{name}"] = {
            "films": len(p), "role": role, "in_training_split": trained,
            "mae_months": round(float(np.abs(p - t).mean()), 2),
            "coverage_without_inflation": round(before[0], 4),
            "width_without_inflation_months": round(before[1], 2),
            "coverage": round(after[0], 4), "width_mean_months": round(after[1], 2)}
        print(f"  {name:<8} ({role}, n={len(p)}, MAE {np.abs(p - t).mean():.1f}): coverage "
              f"{before[0]:.3f} at width {before[1]:.1f} without inflation, {after[0]:.3f} at "
              f"{after[1]:.1f} with it")
    table = IntervalTable(table.level, table.bands, table.full_resolution_inflation, report)
    if args.write:
        meta_path = args.bundle / BUNDLE_FILE
        meta = json.loads(meta_path.read_text())
        meta["interval"] = table.to_dict()
        write_metadata(args.bundle, meta)
        print(f"Wrote the interval into {meta_path}")


if __name__ == "__main__":
    main()
