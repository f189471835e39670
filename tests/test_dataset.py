"""The train/validation split: deterministic, disjoint, stratified by sex and age."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from model.dataset import Record, read_labels, read_split, stratified_split, write_split


def _records(n: int, seed: int = 0) -> list[Record]:
    rng = np.random.default_rng(seed)
    return [Record(str(i), Path(f"{i}.png"), float(rng.integers(1, 229)), bool(rng.integers(0, 2)))
            for i in range(n)]


def test_split_is_deterministic_disjoint_and_complete():
    records = _records(1000)
    train, val = stratified_split(records, 0.15, seed=7)
    again = stratified_split(records, 0.15, seed=7)
    assert [r.image_id for r in val] == [r.image_id for r in again[1]]
    assert {r.image_id for r in train} | {r.image_id for r in val} == {r.image_id for r in records}
    assert not {r.image_id for r in train} & {r.image_id for r in val}
    assert len(val) == 150
    other = stratified_split(records, 0.15, seed=8)[1]
    assert {r.image_id for r in other} != {r.image_id for r in val}


def test_split_matches_sex_and_age_mix():
    records = _records(2000, seed=1)
    train, val = stratified_split(records, 0.2, seed=0)
    share = lambda rs: np.mean([r.male for r in rs])  # noqa: E731
    assert abs(share(train) - share(val)) < 0.01
    ages = lambda rs: np.array([r.bone_age_months for r in rs])  # noqa: E731
    assert abs(np.median(ages(train)) - np.median(ages(val))) < 4
    assert abs(ages(train).mean() - ages(val).mean()) < 2


def test_tiny_sets_still_get_a_validation_share():
    train, val = stratified_split(_records(24), 0.25, seed=42)
    assert len(val) == 6 and len(train) == 18


def test_split_file_round_trip(tmp_path):
    records = _records(50)
    train, val = stratified_split(records, 0.2, seed=1)
    write_split(tmp_path / "split.csv", train, val)
    train2, val2 = read_split(tmp_path / "split.csv", records)
    assert train2 == train and val2 == val


def test_read_labels_checks_columns_and_files(tmp_path):
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "5.png").write_bytes(b"x")
    (tmp_path / "ok.csv").write_text("id,boneage,male\n5,120,True\n")
    assert read_labels(tmp_path / "ok.csv", tmp_path / "img") == [
        Record("5", tmp_path / "img" / "5.png", 120.0, True)]
    (tmp_path / "cols.csv").write_text("id,age\n5,120\n")
    with pytest.raises(ValueError, match="lacks"):
        read_labels(tmp_path / "cols.csv", tmp_path / "img")
    (tmp_path / "gone.csv").write_text("id,boneage,male\n6,120,False\n")
    with pytest.raises(FileNotFoundError, match=r"6\.png"):
        read_labels(tmp_path / "gone.csv", tmp_path / "img")
