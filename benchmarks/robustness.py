"""Full-resolution accuracy and the export-robustness table of a bundle, printed.

For every shared full-resolution film (32 raw scanner films and 40 background-removed ones,
all kept out of training and validation): MAE and bias by set and by age band; then how far
the bone age moves when the film is scaled to 60 % with area averaging, saved as JPEG quality
80, saved as 16-bit PNG, or given a 5 % black border (median, 90th percentile, maximum, and
the three films that move most under each).

The overrides run the same bundle with other inference settings, which is how the bundle's
own settings were chosen: ``--resample area`` is the reduction the app used before it
reproduced the training copies; ``--offsets N`` the number of sub-pixel sampling grids;
``--trim-margins on|off`` whether a film's uniform frame is trimmed first, ``--blank-margin``
what is put back beside a background-removed hand (``keep``: such a background is left as it is);
``--no-rotations``, ``--no-flip`` and ``--no-calibration`` drop those after-network steps.

Usage: python benchmarks/robustness.py [BUNDLE] [--data ../shared/data] [--offsets N]
       [--resample pillow-nearest|area|none] [--trim-margins on|off] [--blank-margin F|keep]
       [--no-rotations] [--no-flip]
       [--no-calibration] [--skip-shifts] [--json OUT]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path

from model.predictor import Predictor
from model.robustness import (
    export_shifts,
    fullres_sets,
    largest_shifts,
    score_fullres,
    shift_table,
)


def configured_predictor(args: argparse.Namespace) -> Predictor:
    predictor = Predictor(args.bundle)
    changes: dict = {}
    if args.offsets is not None:
        changes["sampling_offsets"] = args.offsets
    if args.resample == "none":
        changes["source_size"] = None
    elif args.resample:
        changes["source_resample"] = args.resample
        changes["source_size"] = predictor.config.source_size or (100, 100)
    if args.trim_margins is not None:
        changes["trim_margins"] = args.trim_margins == "on"
    if args.blank_margin is not None:
        changes["blank_margin"] = None if args.blank_margin == "keep" else float(args.blank_margin)
    if args.rotations_on_first_grid is not None:
        changes["rotations_on_first_grid"] = args.rotations_on_first_grid == "on"
    if args.no_rotations:
        changes["rotation_tta_degrees"] = ()
    if args.no_flip:
        changes["flip_tta"] = False
    predictor.config = dataclasses.replace(predictor.config, **changes)
    if args.no_calibration:
        predictor.calibration = None
    return predictor


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", nargs="?", default=None, help="bundle (default: bundled)")
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--offsets", type=int, default=None)
    parser.add_argument("--resample", choices=("pillow-nearest", "area", "none"), default=None)
    parser.add_argument("--trim-margins", choices=("on", "off"), default=None)
    parser.add_argument("--blank-margin", default=None,
                        help="blank put back beside a trimmed blanked background (a fraction), "
                             "or 'keep' to leave such a background as it is")
    parser.add_argument("--rotations-on-first-grid", choices=("on", "off"), default=None,
                        help="rotations on Pillow's grid only, each extra grid once unturned")
    parser.add_argument("--no-rotations", action="store_true")
    parser.add_argument("--no-flip", action="store_true")
    parser.add_argument("--no-calibration", action="store_true")
    parser.add_argument("--skip-shifts", action="store_true")
    parser.add_argument("--json", default=None, help="also write the figures to this file")
    args = parser.parse_args()
    sets = fullres_sets(args.data)
    if not sets:
        print(f"No shared full-resolution films under {args.data}; nothing to measure.")
        return 1
    predictor = configured_predictor(args)
    cfg = predictor.config
    print(f"Model {predictor.bundle.label}; reduction {cfg.source_resample} to "
          f"{cfg.source_size}, {cfg.sampling_offsets} extra sampling grids, margins trimmed "
          f"{cfg.trim_margins} (blank margin {cfg.blank_margin}), rotations on the first grid only "
          f"{cfg.rotations_on_first_grid}, flip {cfg.flip_tta}, rotations "
          f"{list(cfg.rotation_tta_degrees)}, calibration {predictor.calibration is not None}")
    start = time.perf_counter()
    accuracy = score_fullres(predictor, sets)
    print("\nFull-resolution films (kept out of training and validation)")
    print(f"{'set':<22}{'n':>4}{'MAE':>8}{'bias':>8}")
    for name, row in accuracy.items():
        print(f"{name:<22}{row['n']:>4}{row['mae_months']:>8.2f}{row['bias_months']:>+8.2f}")
    print("by age band (all films): " + "; ".join(
        f"{band} n={r['n']} MAE {r['mae_months']:.1f} bias {r['bias_months']:+.1f}"
        for band, r in accuracy["all"]["by_age_band"].items()))
    report = {"settings": {"model": predictor.bundle.label, **cfg.to_dict(),
                           "calibration": predictor.calibration is not None},
              "fullres": accuracy}
    if not args.skip_shifts:
        records = [r for s in sets for r in s.records]
        shifts = export_shifts(predictor, records)
        table = shift_table(shifts)
        print(f"\nHow far the bone age moves when the same film is exported another way "
              f"({len(records)} films; months)")
        print(f"{'export':<22}{'median':>8}{'p90':>8}{'max':>8}")
        for name, row in table.items():
            print(f"{name:<22}{row['median_months']:>8.2f}{row['p90_months']:>8.2f}"
                  f"{row['max_months']:>8.2f}")
        # The same figures per set: a border is cut exactly from a scanner film, while a
        # background-removed film's own blank cannot be told from one.
        by_set, start_row = {}, 0
        for film_set in sets:
            rows = slice(start_row, start_row + len(film_set.records))
            start_row = rows.stop
            by_set[film_set.name] = shift_table({k: v[rows] for k, v in shifts.items()})
        print("by set (median / p90): " + "; ".join(
            f"{name}: " + ", ".join(f"{export} {r['median_months']:.2f} / {r['p90_months']:.2f}"
                                    for export, r in rows_.items() if export != "16-bit PNG")
            for name, rows_ in by_set.items()))
        report["export_shifts_by_set"] = by_set
        worst = largest_shifts(shifts, records)
        print("films that move most: " + "; ".join(
            f"{name}: " + ", ".join(f"{w['id']} {w['months']:.1f}" for w in rows)
            for name, rows in worst.items()))
        report["export_shifts"] = table
        report["largest_shifts"] = worst
    print(f"\n({time.perf_counter() - start:.0f} s)")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
