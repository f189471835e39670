"""Bone age for a folder of radiographs: one CSV row per image, with the range from test-time
augmentation and, where dates are given, SDS against the Greulich & Pyle reference.

Qt-free: ``boneage predict FOLDER --sexes CSV`` and the window's batch dialog share it. A bad
file gets its error in its row; the rest of the folder still runs.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.reference import assess, chronological_age_months
from model.dicom_io import DICOM_EXTENSIONS
from model.errors import BoneAgeError
from model.image_io import SUPPORTED_EXTENSIONS, read_grayscale
from model.predictor import Predictor
from model.preprocessing import encode_sex
from model.tta import tta_spread

OUTPUT_COLUMNS = ["file", "sex", "bone_age_months", "bone_age", "range_low_months",
                  "range_high_months", "chronological_age_months", "difference_months", "sds",
                  "classification", "error"]


@dataclass(frozen=True)
class BatchItem:
    path: Path
    sex: str | None
    birth_date: date | None = None
    exam_date: date | None = None


def _date(text: str | None) -> date | None:
    text = (text or "").strip()
    return date.fromisoformat(text) if text else None


def read_sex_table(csv_path: str | Path, folder: str | Path) -> list[BatchItem]:
    """CSV with ``file`` (name in the folder) and ``sex``; optional ``birth_date`` and
    ``exam_date`` (YYYY-MM-DD). Images in the folder without a row are listed with no sex, so
    they show up in the output with an error rather than silently vanish."""
    folder = Path(folder)
    items: dict[str, BatchItem] = {}
    with Path(csv_path).open(newline="") as handle:
        reader = csv.DictReader(handle)
        if not {"file", "sex"} <= set(reader.fieldnames or []):
            raise ValueError(f"{Path(csv_path).name} needs the columns file and sex")
        for row in reader:
            name = row["file"].strip()
            items[name] = BatchItem(folder / name, row["sex"].strip().lower() or None,
                                    _date(row.get("birth_date")), _date(row.get("exam_date")))
    extensions = set(SUPPORTED_EXTENSIONS) | set(DICOM_EXTENSIONS)
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.suffix.lower() in extensions and path.name not in items:
            items[path.name] = BatchItem(path, None)
    return sorted(items.values(), key=lambda i: i.path.name)


def predict_item(predictor: Predictor, item: BatchItem) -> dict[str, object]:
    row: dict[str, object] = dict.fromkeys(OUTPUT_COLUMNS, "")
    row.update(file=item.path.name, sex=item.sex or "")
    try:
        if item.sex is None:
            raise ValueError("no sex given for this image")
        encode_sex(item.sex)
        image = read_grayscale(item.path)
    except (BoneAgeError, ValueError) as exc:
        row["error"] = str(exc)
        return row
    spread = tta_spread(predictor, image, item.sex)  # its 0° member is the bone age
    months = predictor.prediction(spread.centre_months, item.sex, image, spread.sd_months)
    row.update(bone_age_months=f"{months.bone_age_months:.1f}", bone_age=months.years_months,
               range_low_months=f"{spread.low_months:.1f}",
               range_high_months=f"{spread.high_months:.1f}")
    if item.birth_date:
        exam = item.exam_date or date.today()
        chrono = chronological_age_months(item.birth_date, exam)
        a = assess(months.bone_age_months, chrono, item.sex)
        row.update(chronological_age_months=f"{chrono:.1f}",
                   difference_months=f"{a.difference_months:+.1f}",
                   sds="" if a.sds is None else f"{a.sds:+.2f}", classification=a.classification)
    return row


def run_batch(predictor: Predictor, items: list[BatchItem], out_csv: str | Path,
              progress: Callable[[Iterator[BatchItem]], Iterator[BatchItem]] | None = None,
              ) -> tuple[int, int]:
    """Write the output CSV; returns (images done, images with an error)."""
    failed = 0
    with Path(out_csv).open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=OUTPUT_COLUMNS)
        writer.writeheader()
        for item in (progress or iter)(iter(items)):
            row = predict_item(predictor, item)
            failed += bool(row["error"])
            writer.writerow(row)
    return len(items), failed
