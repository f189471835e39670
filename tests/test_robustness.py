"""The export-robustness measurement (model/robustness.py): each re-saved film is what its
name says, the shift is measured through the predictor, and the summary keeps the outliers."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import cv2
import numpy as np

from model.dataset import Record
from model.image_io import read_grayscale
from model.robustness import VARIANTS, export_shifts, largest_shifts, shift_table
from tests.conftest import synthetic_radiograph


def test_each_export_keeps_the_picture_it_promises(tmp_path: Path) -> None:
    film = synthetic_radiograph(200, 160)
    scaled = read_grayscale(VARIANTS["scaled 60 % (area)"](film, tmp_path / "s"))
    assert scaled.shape == (120, 96)
    sixteen = VARIANTS["16-bit PNG"](film, tmp_path / "w")
    assert cv2.imread(str(sixteen), cv2.IMREAD_UNCHANGED).dtype == np.uint16
    assert np.array_equal(read_grayscale(sixteen), film.astype(np.float32) / 255)
    jpeg = read_grayscale(VARIANTS["JPEG quality 80"](film, tmp_path / "j"))
    assert jpeg.shape == film.shape and 0 < np.abs(jpeg - film / 255).mean() < 0.05
    framed = cv2.imread(str(VARIANTS["5 % black border"](film, tmp_path / "b")), 0)
    assert framed.shape == (220, 176)
    assert framed[:10].max() == 0 and framed[:, :8].max() == 0
    assert np.array_equal(framed[10:210, 8:168], film)


class _SizeReader:
    """A stand-in predictor whose answer is the film's width in pixels: every export that
    changes the width then moves the answer by a known amount."""

    def predict_file(self, path: str | Path, sex: bool) -> SimpleNamespace:
        return SimpleNamespace(bone_age_months=float(read_grayscale(path).shape[1]))


def test_shifts_are_measured_per_film_through_the_predictor(tmp_path: Path) -> None:
    records = []
    for i, width in enumerate((100, 150)):
        path = tmp_path / f"{i}.png"
        cv2.imwrite(str(path), synthetic_radiograph(120, width, seed=i))
        records.append(Record(str(i), path, 100.0, bool(i)))
    shifts = export_shifts(_SizeReader(), records)  # type: ignore[arg-type]
    assert shifts["16-bit PNG"].tolist() == [0.0, 0.0]
    assert shifts["scaled 60 % (area)"].tolist() == [40.0, 60.0]
    assert shifts["5 % black border"].tolist() == [10.0, 16.0]  # round(0.05 w) each side


def test_summary_keeps_the_outlier_and_names_it() -> None:
    shifts = {"a": np.array([0.0, 1.0, 2.0, 60.0]), "b": np.zeros(4)}
    records = [Record(f"f{i}", Path(f"f{i}.png"), 100.0, False) for i in range(4)]
    table = shift_table(shifts)
    assert table["a"]["median_months"] == 1.5 and table["a"]["max_months"] == 60.0
    assert table["all exports"]["n"] == 8 and table["all exports"]["max_months"] == 60.0
    worst = largest_shifts(shifts, records, count=2)
    assert worst["a"] == [{"id": "f3", "months": 60.0}, {"id": "f2", "months": 2.0}]
    assert [w["id"] for w in worst["b"]] == ["f0", "f1"]  # ties keep the films' order
