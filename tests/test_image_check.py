"""The "check image" flag: the bundled classifier on synthetic negatives, on shared films as
they are and turned or inverted, the stability reason, and its checksum."""

from __future__ import annotations

import csv
import json
import shutil
import time

import numpy as np
import pytest

from model import check_negatives as neg
from model.bundle import DEFAULT_BUNDLE_DIR, load_bundle
from model.errors import ModelBundleError
from model.image_check import (
    CHECK_FILE,
    REASONS,
    check_image,
    features,
    load_checker,
    reduce_for_check,
    spread_limit,
)
from model.image_io import read_grayscale
from model.predictor import Predictor
from tests.conftest import SHARED_DATA


@pytest.fixture(scope="module")
def bundle():
    return load_bundle()


def test_features_have_one_length_whatever_the_size_and_cost_little():
    rng = np.random.default_rng(0)
    sizes = [(100, 100), (30, 20), (2044, 1514), (480, 640)]
    lengths = {features(rng.random(s).astype(np.float32)).shape for s in sizes}
    assert len(lengths) == 1
    film = rng.random((100, 100)).astype(np.float32)
    start = time.perf_counter()
    for _ in range(20):
        features(film)
    assert (time.perf_counter() - start) / 20 < 0.02  # a few ms at most on a slow CPU


def test_large_films_are_reduced_like_the_training_copies():
    film = np.random.default_rng(1).random((2000, 1500)).astype(np.float32)
    reduced = reduce_for_check(film)
    assert reduced.shape == (100, 100)
    assert set(np.unique(reduced)) <= set(np.unique(film))  # point sampling, no averaging


@pytest.mark.parametrize("kind", sorted(neg.SYNTHETIC))
def test_synthetic_negatives_are_flagged(bundle, kind):
    rng = np.random.default_rng(1234)  # not a seed the classifier was fitted or measured with
    results = [check_image(neg.SYNTHETIC[kind](rng), bundle) for _ in range(20)]
    assert sum(flagged for flagged, _ in results) >= 18
    assert {reason for flagged, reason in results if flagged} <= set(REASONS.values())


def test_held_out_photographs_are_flagged(bundle):
    pytest.importorskip("skimage", reason="scikit-image (dev extra) is not installed")
    rng = np.random.default_rng(99)
    pictures = neg.skimage_pictures(neg.SKIMAGE_TEST, neg.FACES_TEST)
    crops = [neg.crop_of(pictures[i % len(pictures)], rng) for i in range(120)]
    assert np.mean([check_image(c, bundle)[0] for c in crops]) >= 0.9


def test_unstable_answer_is_flagged_with_its_reason(bundle):
    film = np.zeros((100, 100), np.float32)  # blank: flagged for its look first
    assert check_image(film, bundle, spread_sd=1.0) == (True, REASONS["not_hand"])
    assert check_image(None, bundle, spread_sd=spread_limit(bundle) + 1) == (
        True, REASONS["unstable"])
    assert check_image(None, bundle, spread_sd=0.1) == (False, "")


def _validation_films(rsna_100px, count: int) -> list[np.ndarray]:
    """RSNA films the classifier was not fitted on, read as the app reads them."""
    with np.load(DEFAULT_BUNDLE_DIR / CHECK_FILE) as stored:
        fitted = {str(i) for i in stored["fit_ids"]}
    with (rsna_100px / "boneage-training-dataset.csv").open() as handle:
        ids = [row["id"] for row in csv.DictReader(handle) if row["id"] not in fitted]
    picked = np.random.default_rng(7).choice(ids, count, replace=False)
    folder = rsna_100px / "boneage-training-dataset"
    return [read_grayscale(folder / f"{i}.png") for i in picked]


def test_shared_films_pass_and_turned_or_inverted_ones_are_flagged(bundle, rsna_100px):
    films = _validation_films(rsna_100px, 40)
    upright = [check_image(f, bundle)[0] for f in films]
    assert sum(upright) <= 1
    upside_down = [check_image(f[::-1, ::-1], bundle) for f in films]
    inverted = [check_image(1.0 - f, bundle) for f in films]
    assert sum(r == (True, REASONS["upside_down"]) for r in upside_down) >= 36
    assert sum(r == (True, REASONS["inverted"]) for r in inverted) >= 36


@pytest.mark.parametrize("folder", ["rsna-fullres-samples", "rsna-fullres-raw"])
def test_full_resolution_films_pass_after_the_predictor_s_reduction(bundle, folder):
    images = sorted((SHARED_DATA / folder / "images").glob("*.png"))[:12]
    if not images:
        pytest.skip(f"shared full-resolution films not found in {SHARED_DATA / folder}")
    flagged = [check_image(read_grayscale(p), bundle)[0] for p in images]
    assert sum(flagged) <= 1


def test_predictor_flags_noise_and_reports_why():
    predictor = Predictor()
    noise = np.random.default_rng(5).random((300, 240)).astype(np.float32)
    result = predictor.predict_image(noise, "male")
    assert result.check_image and result.check_reason == REASONS["not_hand"]


def test_a_replaced_check_file_is_refused(tmp_path):
    folder = tmp_path / "bundle"
    shutil.copytree(DEFAULT_BUNDLE_DIR, folder)
    assert json.loads((folder / "bundle.json").read_text())["image_check"]["file"] == CHECK_FILE
    data = bytearray((folder / CHECK_FILE).read_bytes())
    data[-1] ^= 0xFF
    (folder / CHECK_FILE).write_bytes(bytes(data))
    with pytest.raises(ModelBundleError, match="checksum"):
        load_checker(load_bundle(folder))
    with pytest.raises(ModelBundleError, match="checksum"):
        Predictor(folder)
