"""A clinician's full-resolution film reaches the network as its 100 px training copy did.

The RSNA 100 px copies were made from the scanner's films with Pillow's nearest-neighbour
resize; the predictor must reproduce that step, or it shows the network a picture it never saw.
"""

from __future__ import annotations

import csv
import dataclasses

import numpy as np
import pytest

from model.image_io import read_grayscale
from model.preprocessing import (
    PreprocessConfig,
    nearest_indices,
    prepare_image,
    prepare_variants,
    reduce_like_training,
    rotate_prepared,
    sampling_grid_offsets,
    trim_margins,
    uniform_margins,
)
from tests.conftest import RSNA_100PX, SHARED_DATA

RAW = SHARED_DATA / "rsna-fullres-raw"
#: 10009's file in the public repository it came from is not the film its 100 px copy was made
#: from (Pillow's own NEAREST misses it by a median 2 gray levels too): a re-exported copy.
NOT_THE_SCANNER_ORIGINAL = {"10009"}
CONFIG = PreprocessConfig(input_size=100, resize_mode="stretch", source_size=(100, 100))


@pytest.fixture(scope="module")
def raw_pairs() -> list[tuple[str, np.ndarray, np.ndarray]]:
    if not (RAW / "labels.csv").exists() or not RSNA_100PX.exists():
        pytest.skip(f"shared raw full-resolution films not found at {RAW}")
    with (RAW / "labels.csv").open(newline="") as handle:
        ids = [row["id"] for row in csv.DictReader(handle)]
    return [(i, read_grayscale(RAW / "images" / f"{i}.png"),
             read_grayscale(RSNA_100PX / "boneage-training-dataset" / f"{i}.png")) for i in ids]


def test_raw_film_prepares_as_its_100px_copy(raw_pairs):
    checked = 0
    for image_id, raw, copy in raw_pairs:
        if image_id in NOT_THE_SCANNER_ORIGINAL:
            continue
        assert raw.shape[0] > 100 and raw.shape[1] > 100
        gray_levels = np.abs(prepare_image(raw, CONFIG) - prepare_image(copy, CONFIG)) * 255
        assert gray_levels.max() <= 1.0, image_id
        checked += 1
    assert checked == 31


def test_area_averaging_is_not_what_training_saw(raw_pairs):
    """The guard behind the test above: the old reduction misses the copies by far more."""
    area = PreprocessConfig(input_size=100, source_size=(100, 100), source_resample="area")
    diffs = [np.median(np.abs(prepare_image(raw, area) - copy)) * 255
             for _, raw, copy in raw_pairs]
    assert np.median(diffs) >= 1.0


def test_training_copies_and_small_images_pass_unchanged():
    rng = np.random.default_rng(0)
    copy = rng.random((100, 100)).astype(np.float32)
    assert np.array_equal(reduce_like_training(copy, CONFIG), copy)
    small = rng.random((60, 140)).astype(np.float32)  # narrower than the copies: not reduced
    assert reduce_like_training(small, CONFIG) is small
    assert prepare_variants(copy, PreprocessConfig(input_size=100, source_size=(100, 100),
                                                   sampling_offsets=4)).shape == (1, 100, 100)


def test_sampling_grids_are_fixed_and_cover_the_pixel():
    offsets = sampling_grid_offsets(8)
    assert offsets[0] == (0.0, 0.0) and len(offsets) == 9
    assert offsets == sampling_grid_offsets(8)  # the same grids film after film
    assert all(-0.5 <= dy < 0.5 and -0.5 <= dx < 0.5 for dy, dx in offsets)
    film = np.random.default_rng(1).random((1000, 800)).astype(np.float32)
    cfg = PreprocessConfig(input_size=100, source_size=(100, 100), sampling_offsets=8)
    variants = prepare_variants(film, cfg)
    assert variants.shape == (9, 100, 100)
    # Every grid samples real pixels of the film (point sampling), none blends them.
    assert np.isin(variants[3], film).all()


def test_nearest_indices_follow_pixel_centres():
    assert nearest_indices(1000, 100).tolist()[:3] == [5, 15, 25]
    shifted = nearest_indices(1000, 100, offset=-0.5)
    assert shifted[0] == 0 and shifted[-1] == 990


TRIM = PreprocessConfig(input_size=100, resize_mode="stretch", source_size=(100, 100),
                        trim_margins=True)


def _film(h: int = 1200, w: int = 900, seed: int = 2) -> np.ndarray:
    """A film-like image: noise everywhere, so no edge line is uniform by chance."""
    return np.random.default_rng(seed).uniform(0.1, 0.9, (h, w)).astype(np.float32)


def test_a_uniform_frame_is_trimmed_before_the_reduction():
    film = _film()
    framed = np.pad(film, ((60, 60), (45, 45)), constant_values=0.0)
    assert uniform_margins(framed) == (60, 60, 45, 45)
    assert np.array_equal(prepare_image(framed, TRIM), prepare_image(film, TRIM))
    # A frame of another gray level and uneven sides is no different.
    white = np.pad(film, ((10, 90), (0, 30)), constant_values=1.0)
    assert np.array_equal(prepare_image(white, TRIM), prepare_image(film, TRIM))
    # Every sampling grid sees the trimmed film.
    grids = dataclasses.replace(TRIM, sampling_offsets=3)
    assert np.array_equal(prepare_variants(framed, grids), prepare_variants(film, grids))


def test_a_jpeg_frame_is_trimmed_within_its_tolerance():
    film = _film(seed=3)
    framed = np.pad(film, 50, constant_values=0.0)
    framed[:50] += np.float32(2 / 255)  # faint ringing in the frame, as a JPEG leaves it
    assert uniform_margins(framed) == (50, 50, 50, 50)


def test_what_is_not_a_frame_is_kept():
    film = _film(seed=4)
    assert uniform_margins(film) == (0, 0, 0, 0)
    # The scanner's own one-pixel edge line is part of what the training copies showed.
    edged = film.copy()
    edged[0] = 0.0
    assert uniform_margins(edged) == (0, 0, 0, 0)
    assert trim_margins(edged, TRIM) is edged
    # A blank film is not cropped to nothing, and a bundle that does not ask is not trimmed.
    blank = np.zeros((800, 600), np.float32)
    assert trim_margins(blank, TRIM) is blank
    framed = np.pad(film, 40)
    assert trim_margins(framed, CONFIG) is framed
    # The training copies themselves pass untouched, frame and all.
    copy = np.pad(_film(90, 90), 5)
    assert reduce_like_training(copy, TRIM) is copy


def test_raw_films_with_the_bundle_setting_still_prepare_as_their_copies(raw_pairs):
    """Trimming removes added frames only: no raw scanner film loses a line to it."""
    for image_id, raw, copy in raw_pairs:
        if image_id in NOT_THE_SCANNER_ORIGINAL:
            continue
        gray_levels = np.abs(prepare_image(raw, TRIM) - prepare_image(copy, TRIM)) * 255
        assert gray_levels.max() <= 1.0, image_id


KEEP_BLANK = dataclasses.replace(TRIM, blank_margin=None)


def _background_removed(seed: int = 5) -> tuple[np.ndarray, tuple[slice, slice]]:
    """A hand-like half ellipse of film on pure black, widest where it runs off the bottom
    edge as a forearm does; with the box around the film."""
    rows, cols = np.mgrid[0:1200, 0:900]
    inside = ((rows - 1200) / 900.0) ** 2 + ((cols - 450) / 200.0) ** 2 <= 1
    film = np.where(inside, _film(1200, 900, seed), 0).astype(np.float32)
    r, c = np.nonzero(inside)
    return film, (slice(r.min(), r.max() + 1), slice(c.min(), c.max() + 1))


def test_a_border_around_a_scanner_film_is_cut_when_blank_backgrounds_are_kept():
    film = _film(seed=6)
    framed = np.pad(film, ((60, 60), (45, 45)), constant_values=0.0)
    assert np.array_equal(prepare_image(framed, KEEP_BLANK), prepare_image(film, KEEP_BLANK))


def test_a_blank_background_is_kept_or_refitted_as_the_bundle_says():
    removed, (rows, cols) = _background_removed()
    # Kept: the film reaches the network with the framing it came with.
    assert trim_margins(removed, KEEP_BLANK) is removed
    # Refitted: cut at the hand and given back 5 % of its extent on the blanked sides (top,
    # left, right); the bottom, where the forearm runs off the film, has no frame.
    refitted = trim_margins(removed, TRIM)
    height, width = rows.stop - rows.start, cols.stop - cols.start
    top, side = round(0.05 * height), round(0.05 * width)
    assert refitted.shape == (height + top, width + 2 * side)
    assert np.array_equal(refitted[top:, side:-side], removed[rows, cols])
    assert not refitted[:top].any() and not refitted[:, :side].any()


def test_a_side_where_the_film_meets_a_frame_is_cut_and_a_blank_one_kept():
    """A background-removed film with a border: the border below the forearm surrounds film
    and goes; the blank around the hand cannot be told from the border and stays."""
    removed, _ = _background_removed(seed=7)
    framed = np.pad(removed, 50, constant_values=0.0)
    assert np.array_equal(trim_margins(framed, KEEP_BLANK), framed[:-50])


def test_no_shared_background_removed_film_is_changed_when_blanks_are_kept():
    """The setting that cuts a scanner film's border leaves every background-removed film as
    it was, so their accuracy cannot move with it."""
    samples = SHARED_DATA / "rsna-fullres-samples"
    if not (samples / "labels.csv").exists():
        pytest.skip(f"shared background-removed films not found at {samples}")
    with (samples / "labels.csv").open(newline="") as handle:
        ids = [row["id"] for row in csv.DictReader(handle)]
    for image_id in ids:
        film = read_grayscale(samples / "images" / f"{image_id}.png")
        assert np.array_equal(prepare_image(film, KEEP_BLANK), prepare_image(film, CONFIG)), (
            image_id)


def test_a_click_trims_the_film_once_and_answers_as_the_untrimmed_paths_did(monkeypatch):
    """The window's path cuts a film's frame once, for the network's grids and the image check
    alike, and gives the answer that trimming inside each step gave."""
    import model.predictor
    import model.preprocessing
    from app.service import predict_with_stability
    from model.bundle import load_bundle
    from model.image_check import check_image
    from model.predictor import Predictor

    predictor = Predictor(load_bundle())
    if not predictor.config.trim_margins:
        pytest.skip("the bundled model does not trim frames")
    framed = np.pad(_film(1300, 1000, seed=5), ((70, 40), (30, 60)), constant_values=0.0)
    values, centre = predictor.rotation_values(framed, 1.0)  # each step trims for itself
    expected = predictor.prediction(centre, "male", framed, float(values.std(ddof=1)))
    calls = []
    original = model.preprocessing.trim_margins

    def counting(image, config):
        calls.append(image.shape)
        return original(image, config)

    monkeypatch.setattr(model.preprocessing, "trim_margins", counting)
    monkeypatch.setattr(model.predictor, "trim_margins", counting)
    prediction, spread = predict_with_stability(predictor, framed, "male")
    assert calls == [framed.shape]
    assert prediction.bone_age_months == pytest.approx(spread.centre_months)
    assert prediction.bone_age_months == pytest.approx(expected.bone_age_months, abs=1e-4)
    assert (prediction.check_image, prediction.check_reason) == (
        expected.check_image, expected.check_reason)
    assert (prediction.interval_low_months, prediction.interval_high_months) == pytest.approx(
        (expected.interval_low_months, expected.interval_high_months), abs=1e-4)
    calls.clear()
    assert predictor.predict_image(framed, "male").bone_age_months == pytest.approx(
        expected.bone_age_months, abs=1e-4)
    assert calls == [framed.shape]
    assert check_image(framed, predictor.bundle) == check_image(
        predictor.trim(framed), predictor.bundle, trimmed=True)


def test_rotations_on_the_first_grid_take_five_passes_and_keep_the_spread_one_grid(tmp_path):
    """With ``rotations_on_first_grid`` a film reduced on three grids takes five network
    passes (each flip-averaged): the rotations on Pillow's grid, the other two grids unturned,
    each grid a third of the bone age. The rotations' spread is then that of one grid, as on
    the 100 px copies its limit was measured on; the window's path and the batch path agree;
    a film of the copies' own size, which has one grid, reads as before."""
    import cv2

    from model.bundle import load_bundle
    from model.predictor import Predictor

    crossed = Predictor(load_bundle())
    cfg = crossed.config
    if not (cfg.sampling_offsets and cfg.rotation_tta_degrees and cfg.source_size):
        pytest.skip("the bundled model averages over no grids or no rotations")
    paired = Predictor(load_bundle())
    paired.config = dataclasses.replace(cfg, rotations_on_first_grid=True)
    crossed.config = dataclasses.replace(cfg, rotations_on_first_grid=False)
    sizes = []
    run = paired.backend.run

    def counting(images, sexes):
        sizes.append(len(images))
        return run(images, sexes)

    paired.backend.run = counting
    film = _film(1300, 1000, seed=7)
    values, centre = paired.rotation_values(film, 0.0)
    grids = paired.prepare_variants(film)
    angles = list(cfg.rotation_tta_degrees)
    assert len(grids) == len(angles) == 3 and angles[1] == 0.0
    assert sizes[0] == 5 * (2 if cfg.flip_tta else 1)

    def one(grid: int, angle: float) -> float:
        return paired.run_network(rotate_prepared(grids[grid], angle)[None], np.zeros(1))[0]

    expected = [one(0, a) for a in angles]  # the spread is Pillow's grid's alone
    np.testing.assert_allclose(values, expected, atol=1e-4)
    # Each grid weighs a third: Pillow's grid by its mean over the rotations.
    grid_means = [np.mean(expected), one(1, 0.0), one(2, 0.0)]
    assert centre == pytest.approx(float(np.mean(grid_means)), abs=1e-4)
    # Not the crossed answer (nine passes), but within a few months of it on noise.
    assert abs(centre - crossed.rotation_values(film, 0.0)[1]) < 12
    path = tmp_path / "film.png"
    cv2.imwrite(str(path), np.round(film * 65535).astype(np.uint16))
    from_file = paired.predict_file(path, "female").bone_age_months
    assert paired.predict_files([path], ["female"])[0] == pytest.approx(from_file, abs=1e-4)
    small = _film(100, 100, seed=8)
    assert paired.rotation_values(small, 1.0)[1] == pytest.approx(
        crossed.rotation_values(small, 1.0)[1], abs=1e-5)
