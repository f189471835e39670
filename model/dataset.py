"""Labelled sets in the RSNA/Kaggle layout (``id,boneage,male`` and ``{id}.png``) and the
deterministic train/validation split.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np


@dataclass(frozen=True)
class Record:
    image_id: str
    path: Path
    bone_age_months: float
    male: bool


def _parse_bool(text: str) -> bool:
    value = text.strip().lower()
    if value in ("true", "1", "m", "male"):
        return True
    if value in ("false", "0", "f", "female"):
        return False
    raise ValueError(f"cannot read sex from {text!r}")


def read_labels(csv_path: str | Path, images_dir: str | Path) -> list[Record]:
    """Read an RSNA-style label file. Rows whose image is missing raise, naming the file."""
    csv_path, images_dir = Path(csv_path), Path(images_dir)
    records = []
    with csv_path.open(newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"id", "boneage", "male"} - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"{csv_path.name} lacks the column(s) {sorted(missing)}")
        for row in reader:
            image_id = row["id"].strip()
            path = images_dir / f"{image_id}.png"
            if not path.exists():
                raise FileNotFoundError(f"{path} is listed in {csv_path.name} but does not exist")
            records.append(Record(image_id, path, float(row["boneage"]), _parse_bool(row["male"])))
    return records


def stratified_split(
    records: list[Record], val_fraction: float, seed: int
) -> tuple[list[Record], list[Record]]:
    """Split so that validation has the same sex and age mix as training.

    Records are ordered by sex, then age (ties broken by a seeded shuffle), and every
    1/val_fraction-th one goes to validation from a seeded random start: a systematic sample
    that matches the age distribution within each sex at the finest grain and gives exactly
    round(n * val_fraction) validation images, even for tiny sets.
    """
    if not 0 < val_fraction < 1:
        raise ValueError("val_fraction must be between 0 and 1")
    rng = np.random.default_rng(seed)
    ordered = sorted(records, key=lambda r: r.image_id)
    ties = rng.permutation(len(ordered))
    order = sorted(range(len(ordered)),
                   key=lambda i: (ordered[i].male, ordered[i].bone_age_months, ties[i]))
    start = rng.random()
    train, val = [], []
    for rank, i in enumerate(order):
        position = rank * val_fraction + start
        crosses = np.floor(position + val_fraction) > np.floor(position)
        (val if crosses else train).append(ordered[i])
    return train, val


def write_split(path: str | Path, train: list[Record], val: list[Record]) -> None:
    with Path(path).open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "boneage", "male", "subset"])
        for subset, rows in (("train", train), ("val", val)):
            for r in rows:
                writer.writerow([r.image_id, r.bone_age_months, r.male, subset])


def read_split(path: str | Path, records: list[Record]) -> tuple[list[Record], list[Record]]:
    """Re-create a saved split from its id list (used when a run resumes)."""
    by_id = {r.image_id: r for r in records}
    train, val = [], []
    with Path(path).open(newline="") as handle:
        for row in csv.DictReader(handle):
            (val if row["subset"] == "val" else train).append(by_id[row["id"]])
    return train, val
