"""What a clinician's full-resolution film gets, and how far the answer moves when the same film
is exported another way.

The 100 px validation copies say how well the network reads what it was trained on; a
clinician loads the scanner's film. This module scores a bundle on labelled full-resolution
films (kept out of training) and re-saves each film as a user's system might (smaller with area
averaging, JPEG, 16-bit PNG, a black border) to measure the change in the bone age, through the
predictor and real files, so that file decoding is part of what is measured.

Qt-free and TensorFlow-free: ``benchmarks/robustness.py`` prints the tables, the model card
quotes them.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from model.dataset import Record, read_labels
from model.metrics import regression_metrics
from model.predictor import Predictor

#: The shared full-resolution sets: (name, folder under the data root).
FULLRES_SETS = (("raw", "rsna-fullres-raw"), ("background-removed", "rsna-fullres-samples"))


def _scaled(pixels: np.ndarray, path: Path) -> Path:
    """60 % of the size, area averaging: a film exported at a lower resolution."""
    h, w = pixels.shape[:2]
    small = cv2.resize(pixels, (round(w * 0.6), round(h * 0.6)), interpolation=cv2.INTER_AREA)
    cv2.imwrite(str(path.with_suffix(".png")), small)
    return path.with_suffix(".png")


def _jpeg(pixels: np.ndarray, path: Path) -> Path:
    """JPEG at quality 80: a film sent by e-mail or exported from a viewer."""
    cv2.imwrite(str(path.with_suffix(".jpg")), pixels, [cv2.IMWRITE_JPEG_QUALITY, 80])
    return path.with_suffix(".jpg")


def _sixteen_bit(pixels: np.ndarray, path: Path) -> Path:
    """16-bit PNG with the same picture (8-bit value times 257)."""
    cv2.imwrite(str(path.with_suffix(".png")), pixels.astype(np.uint16) * 257)
    return path.with_suffix(".png")


def _border(pixels: np.ndarray, path: Path) -> Path:
    """A black border of 5 % of the width and height on every side: another field size."""
    h, w = pixels.shape[:2]
    top, left = round(h * 0.05), round(w * 0.05)
    framed = cv2.copyMakeBorder(pixels, top, top, left, left, cv2.BORDER_CONSTANT, value=0)
    cv2.imwrite(str(path.with_suffix(".png")), framed)
    return path.with_suffix(".png")


#: The exports measured, in the order of the table.
VARIANTS: dict[str, Callable[[np.ndarray, Path], Path]] = {
    "scaled 60 % (area)": _scaled,
    "JPEG quality 80": _jpeg,
    "16-bit PNG": _sixteen_bit,
    "5 % black border": _border,
}


@dataclass(frozen=True)
class FilmSet:
    name: str
    records: list[Record]


def fullres_sets(data_root: str | Path) -> list[FilmSet]:
    """The shared full-resolution sets that exist under ``data_root`` (none: empty list)."""
    root = Path(data_root)
    found = []
    for name, folder in FULLRES_SETS:
        labels = root / folder / "labels.csv"
        if labels.is_file():
            found.append(FilmSet(name, read_labels(labels, root / folder / "images")))
    return found


def _age_bands(true: np.ndarray, err: np.ndarray, years: int = 4) -> dict[str, dict[str, Any]]:
    """MAE and bias per band of reference age (wider bands than validation's: few films)."""
    bands = (true // (12 * years)).astype(int)
    return {f"{b * years}-{(b + 1) * years}y": {
                "n": int((bands == b).sum()),
                "mae_months": round(float(np.abs(err[bands == b]).mean()), 2),
                "bias_months": round(float(err[bands == b].mean()), 2)}
            for b in sorted(set(bands.tolist()))}


def score_fullres(predictor: Predictor, sets: Sequence[FilmSet]) -> dict[str, Any]:
    """MAE, bias and per-band figures for each full-resolution set and for all together."""
    report: dict[str, Any] = {}
    all_true, all_pred = [], []
    for film_set in sets:
        records = film_set.records
        true = np.array([r.bone_age_months for r in records])
        male = np.array([r.male for r in records])
        pred = predictor.predict_files([r.path for r in records], male.tolist())
        metrics = regression_metrics(true, pred, male)
        report[film_set.name] = {
            "n": metrics["n"], "mae_months": round(metrics["mae_months"], 2),
            "bias_months": round(metrics["bias_months"], 2),
            "rmse_months": round(metrics["rmse_months"], 2),
            "by_age_band": _age_bands(true, pred - true)}
        all_true.append(true)
        all_pred.append(pred)
    if all_true:
        true, pred = np.concatenate(all_true), np.concatenate(all_pred)
        report["all"] = {"n": int(true.size),
                         "mae_months": round(float(np.abs(pred - true).mean()), 2),
                         "bias_months": round(float((pred - true).mean()), 2),
                         "by_age_band": _age_bands(true, pred - true)}
    return report


def export_shifts(predictor: Predictor, records: Sequence[Record]) -> dict[str, np.ndarray]:
    """For each export in :data:`VARIANTS`, |bone age of the re-saved file - bone age of the
    original file| per film, in months."""
    shifts: dict[str, list[float]] = {name: [] for name in VARIANTS}
    with tempfile.TemporaryDirectory(prefix="boneage-robustness-") as tmp:
        for record in records:
            pixels = cv2.imread(str(record.path), cv2.IMREAD_GRAYSCALE)
            base = predictor.predict_file(record.path, record.male).bone_age_months
            for name, make in VARIANTS.items():
                path = make(pixels, Path(tmp) / record.image_id)
                moved = predictor.predict_file(path, record.male).bone_age_months
                shifts[name].append(abs(moved - base))
    return {name: np.array(values) for name, values in shifts.items()}


def shift_table(shifts: dict[str, np.ndarray]) -> dict[str, dict[str, float]]:
    """Median and 90th percentile per export, and over all exports together."""
    table = {name: {"n": int(v.size), "median_months": round(float(np.median(v)), 2),
                    "p90_months": round(float(np.percentile(v, 90)), 2),
                    "max_months": round(float(v.max()), 2)}
             for name, v in shifts.items() if v.size}
    pooled = np.concatenate([v for v in shifts.values() if v.size]) if table else np.zeros(0)
    if pooled.size:
        table["all exports"] = {"n": int(pooled.size),
                                "median_months": round(float(np.median(pooled)), 2),
                                "p90_months": round(float(np.percentile(pooled, 90)), 2),
                                "max_months": round(float(pooled.max()), 2)}
    return table


def largest_shifts(shifts: dict[str, np.ndarray], records: Sequence[Record],
                   count: int = 3) -> dict[str, list[dict[str, Any]]]:
    """The films that move most under each export, largest first: a median hides the one film
    whose answer falls off a cliff, and that film is where a cause can be looked for."""
    ids = [r.image_id for r in records]
    return {name: [{"id": ids[i], "months": round(float(values[i]), 2)}
                   for i in np.argsort(-values, kind="stable")[:count]]
            for name, values in shifts.items() if values.size}
