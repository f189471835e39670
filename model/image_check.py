"""The "check image" flag: does this file look like a left-hand radiograph the right way up?

A bone-age network answers every picture with a number, so it cannot be asked whether a picture
is a hand. This check is a separate, small classifier (one hidden layer, NumPy only) on simple
features of the film as the predictor receives it: the film reduced like the training copies,
then shrunk to 32x32 (where a hand film is bright bone on a dark background with the fingers
at the top), an intensity histogram, texture statistics, and gradient orientation histograms
per cell. It tells five kinds apart: a hand film upright, something else, a hand upside down,
an inverted (negative) film, a hand on its side. It does not use the bone-age network, so
retraining that network leaves it valid; its weights are their own file in the bundle, covered
by a checksum in bundle.json. scripts/fit_image_check.py trains and measures it.

The second reason, instability, comes from the rotation spread (model/tta.py): a film whose
bone age moves more under small rotations than 99 % of validation films did.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from model.bundle import ModelBundle, sha256_of
from model.errors import ModelBundleError
from model.i18n import QT_TRANSLATE_NOOP
from model.preprocessing import PreprocessConfig, reduce_like_training

CHECK_FILE = "image_check.npz"
#: Output classes of the classifier, in order.
CLASSES = ("hand", "not_hand", "upside_down", "inverted", "sideways")
#: The reasons, in the context the window translates ``check_reason`` with.
REASONS = {
    "not_hand": QT_TRANSLATE_NOOP("ImageCheck", "does not look like a hand radiograph"),
    "upside_down": QT_TRANSLATE_NOOP("ImageCheck", "looks upside down"),
    "inverted": QT_TRANSLATE_NOOP("ImageCheck", "looks inverted (negative)"),
    "sideways": QT_TRANSLATE_NOOP("ImageCheck", "looks turned on its side"),
    # The wording the window already used for this reason (app/service.py), one translation.
    "unstable": QT_TRANSLATE_NOOP(
        "ImageCheck", "the estimate is unusually unstable under small rotations (positioning, "
        "exposure, or not a left hand?)"),
}
#: The training copies' size, used when a bundle does not record it (the RSNA 100 px copies).
DEFAULT_SOURCE_SIZE = (100, 100)
#: Used when a bundle does not record the spread its validation set showed.
DEFAULT_SPREAD_LIMIT_MONTHS = 12.0
THUMB = 32
CELLS = 4
ORIENTATIONS = 8
HIST_BINS = 16


def reduce_for_check(image: np.ndarray, config: PreprocessConfig | None = None,
                     trimmed: bool = False) -> np.ndarray:
    """The film as the network's preprocessing first sees it: a film larger than the training
    copies reduced to their size with Pillow-style nearest sampling (the bundle's own setting
    when it records one), anything else as it is. ``trimmed``: the caller has already cut the
    film's frame (the predictor does it once per click, for the network and this check)."""
    if config is None or config.source_size is None:
        config = PreprocessConfig(source_size=DEFAULT_SOURCE_SIZE)
    reduced = reduce_like_training(np.asarray(image, np.float32), config, trimmed=trimmed)
    return np.clip(reduced.astype(np.float32, copy=False), 0.0, 1.0)


def features(image: np.ndarray, config: PreprocessConfig | None = None,
             trimmed: bool = False) -> np.ndarray:
    """Feature vector of one grayscale [0, 1] image (see the module docstring)."""
    if image.ndim != 2:
        raise ValueError(f"expected a 2-D grayscale image, got shape {image.shape}")
    small = reduce_for_check(image, config, trimmed)
    h, w = small.shape
    area = cv2.INTER_AREA if h * w > THUMB * THUMB else cv2.INTER_LINEAR
    thumb = cv2.resize(small, (THUMB, THUMB), interpolation=area)
    hist = np.histogram(small, bins=HIST_BINS, range=(0.0, 1.0))[0] / small.size
    mean, sd = float(small.mean()), float(small.std())
    border = np.concatenate([thumb[:3].ravel(), thumb[-3:].ravel(),
                             thumb[3:-3, :3].ravel(), thumb[3:-3, -3:].ravel()])
    work = cv2.resize(small, (64, 64), interpolation=cv2.INTER_AREA if h * w > 4096
                      else cv2.INTER_LINEAR)
    fine = float(np.abs(small - cv2.blur(small, (3, 3))).mean()) / (sd + 1e-3)
    levels = len(np.unique(np.round(small * 255))) / 256.0
    stats = np.array([mean, sd, float(border.mean()), float(border.mean()) - mean,
                      float((small < 0.05).mean()), float((small > 0.95).mean()),
                      min(fine, 3.0), levels, float(thumb[:16].mean() - thumb[16:].mean()),
                      float(thumb[:, :16].mean() - thumb[:, 16:].mean())], np.float32)
    gx = cv2.Sobel(work, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(work, cv2.CV_32F, 0, 1, ksize=3)
    magnitude = np.hypot(gx, gy)
    angle = (np.arctan2(gy, gx) + np.pi) / (2 * np.pi) * ORIENTATIONS  # signed directions
    bins = np.minimum(angle.astype(np.int64), ORIENTATIONS - 1)
    step = 64 // CELLS
    cell = (np.arange(64) // step)
    index = (cell[:, None] * CELLS + cell[None, :]) * ORIENTATIONS + bins
    hog = np.bincount(index.ravel(), magnitude.ravel(), CELLS * CELLS * ORIENTATIONS)
    hog = hog / (hog.sum() + 1e-6)
    return np.concatenate([thumb.ravel(), hist, stats, hog]).astype(np.float32)


@dataclass(frozen=True)
class ImageChecker:
    """A one-hidden-layer classifier on :func:`features`, with the threshold on the "hand"
    probability below which a film is flagged."""

    mean: np.ndarray
    scale: np.ndarray
    w1: np.ndarray
    b1: np.ndarray
    w2: np.ndarray
    b2: np.ndarray
    threshold: float

    def probabilities(self, feats: np.ndarray) -> np.ndarray:
        """(N, F) features to (N, len(CLASSES)) class probabilities."""
        x = (np.atleast_2d(feats) - self.mean) / self.scale
        hidden = np.maximum(x @ self.w1 + self.b1, 0.0)
        logits = hidden @ self.w2 + self.b2
        logits -= logits.max(axis=1, keepdims=True)
        e = np.exp(logits)
        return e / e.sum(axis=1, keepdims=True)

    def verdicts(self, probs: np.ndarray) -> list[str]:
        """Per image: "hand", or the most likely other kind when the hand probability is
        below the threshold."""
        out = []
        for p in np.atleast_2d(probs):
            out.append("hand" if p[0] >= self.threshold
                       else CLASSES[1 + int(np.argmax(p[1:]))])
        return out

    def judge(self, image: np.ndarray, config: PreprocessConfig | None = None,
              trimmed: bool = False) -> str:
        return self.verdicts(self.probabilities(features(image, config, trimmed)))[0]

    def save(self, path: str | Path) -> None:
        np.savez_compressed(path, mean=self.mean, scale=self.scale, w1=self.w1, b1=self.b1,
                            w2=self.w2, b2=self.b2, threshold=np.float32(self.threshold),
                            classes=np.array(CLASSES))

    @classmethod
    def load(cls, path: str | Path) -> ImageChecker:
        with np.load(path, allow_pickle=False) as data:
            if tuple(str(c) for c in data["classes"]) != CLASSES:
                raise ModelBundleError(f"{Path(path).name} was made for other classes")
            return cls(*(data[k].astype(np.float32) for k in
                         ("mean", "scale", "w1", "b1", "w2", "b2")),
                       threshold=float(data["threshold"]))


_cache: dict[tuple[str, str], ImageChecker] = {}
_cache_lock = threading.Lock()


def load_checker(bundle: ModelBundle) -> ImageChecker | None:
    """The bundle's image check (None for a bundle without one); its file must match the
    checksum recorded in bundle.json, like the network's."""
    entry: dict[str, Any] | None = bundle.metadata.get("image_check")
    if not entry:
        return None
    path = bundle.directory / entry.get("file", CHECK_FILE)
    key = (str(path), entry.get("sha256", ""))
    with _cache_lock:
        if key in _cache:
            return _cache[key]
        if not path.is_file():
            raise ModelBundleError(f"The image check file {path} is missing")
        if sha256_of(path) != entry.get("sha256"):
            raise ModelBundleError(f"The image check file {path.name} does not match its "
                                   "checksum: it is damaged or was replaced.")
        _cache[key] = ImageChecker.load(path)
        return _cache[key]


def spread_limit(bundle: ModelBundle) -> float:
    """Rotation spread above which the answer is called unstable: the validation set's 99th
    percentile, as recorded in the bundle."""
    return float(bundle.metadata.get("tta_sd_p99_months", DEFAULT_SPREAD_LIMIT_MONTHS))


def check_image(image: np.ndarray | None, bundle: ModelBundle,
                spread_sd: float | None = None, trimmed: bool = False) -> tuple[bool, str]:
    """(flagged, reason in words): the film's look first (when the film is given), then,
    when the rotation spread is given, its stability. A bundle without an image check judges
    stability only. ``trimmed``: the film's frame is already cut (see ``trim_margins``)."""
    checker = load_checker(bundle)
    if checker is not None and image is not None:
        verdict = checker.judge(image, bundle.preprocessing, trimmed)
        if verdict != "hand":
            return True, REASONS[verdict]
    if spread_sd is not None and spread_sd > spread_limit(bundle):
        return True, REASONS["unstable"]
    return False, ""
