"""The one preprocessing used by training and inference.

The deterministic part (resize into a square canvas, scaling to [0, 1]) runs here in NumPy/OpenCV
for both training (it fills the tf.data cache) and inference (the predictor). The per-image
z-score is the network's first layer, so it travels inside the exported ONNX graph and cannot
drift between the two. Augmentation happens only in training, after this step.

Every setting lives in :class:`PreprocessConfig`, which is written into the model bundle and
read back by the predictor, so a model never runs with other settings than it was trained with.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any, Literal

import cv2
import numpy as np

ResizeMode = Literal["pad", "stretch"]
SourceResample = Literal["pillow-nearest", "area"]
SOURCE_RESAMPLERS = ("pillow-nearest", "area")
SEX_CODES = {"female": 0, "male": 1}


@dataclass(frozen=True)
class PreprocessConfig:
    """Settings that must be identical in training and inference.

    ``resize_mode``: ``"pad"`` keeps the aspect ratio and pads to a square with black;
    ``"stretch"`` resizes straight to the square, as the 100 px training films were made.
    ``source_aspect``: when set, a square training image is first stretched back to this
    width/height ratio (the films' original portrait aspect) before ``resize_mode`` applies;
    it only ever applies to images that are exactly square.
    ``age_scale_months``: the network predicts age / age_scale_months, which keeps the target
    in [0, 1] for the whole RSNA range (1-228 months).
    ``rotation_tta_degrees``: when set, the bone age is the mean of the predictions for the
    prepared image rotated by each of these angles (empty: the image as it is). It changes the
    numbers, so it is part of the bundle like every other setting here.
    ``source_size``: (width, height) to which the training films were reduced before anything
    else, with ``source_resample``; a larger film is reduced the same way first, so that a
    clinician's full-resolution film reaches the network as its training copy would have.
    The RSNA copies used here were made with Pillow's nearest-neighbour sampling: a smoother
    reduction (area averaging) is a picture the network never saw and reads children older.
    ``sampling_offsets``: for a film reduced that way, the bone age is also averaged over this
    many sub-pixel positions of the sampling grid (0: Pillow's grid only). Each position gives
    an equally plausible training-like copy; averaging makes the answer indifferent to which
    one a given export produced (scale, compression).
    ``trim_margins``: before that reduction, a film larger than the training copies loses the
    uniform frame around it (rows and columns of one gray level at its edges: a black border
    added by an export, a padded canvas, a blank collimated field). Such a frame says nothing
    about the hand but changes how much of the square the hand fills, which moved the bone age
    by months; trimmed, a film reads the same with or without it. The training copies
    themselves pass untouched (they are what the network learnt). ``blank_margin``: how much
    blank is put back beside the hand of a background-removed film (see :func:`trim_margins`);
    None leaves such a blanked background as it is, frame and all: the network reads those
    films best at the framing they came with, and a border around them cannot be told from
    their own blank.
    ``rotations_on_first_grid``: with both sampling grids and rotations, the rotations are read
    on Pillow's grid only and each extra grid once, unturned, instead of every grid at every
    rotation (five network passes instead of nine). The bone age is the mean over the grids
    of each grid's mean, so every grid weighs the same, and the spread under rotations (the
    stability check) is Pillow's grid's, measured as on a 100 px copy, which has one grid
    (see :func:`tta_pairs`).
    """

    input_size: int = 128
    resize_mode: ResizeMode = "stretch"
    source_aspect: float | None = None
    normalisation: str = "per-image z-score (in the network's first layer)"
    age_scale_months: float = 240.0
    flip_tta: bool = True
    rotation_tta_degrees: tuple[float, ...] = ()
    source_size: tuple[int, int] | None = None
    source_resample: SourceResample = "pillow-nearest"
    sampling_offsets: int = 0
    trim_margins: bool = False
    blank_margin: float | None = 0.05
    rotations_on_first_grid: bool = False

    def __post_init__(self) -> None:
        # JSON gives a list; keep the frozen config hashable and comparable.
        object.__setattr__(self, "rotation_tta_degrees",
                           tuple(float(d) for d in self.rotation_tta_degrees))
        if self.source_size is not None:
            width, height = (int(v) for v in self.source_size)
            if width < 1 or height < 1:
                raise ValueError(f"source_size must be positive, not {self.source_size!r}")
            object.__setattr__(self, "source_size", (width, height))
        if self.source_resample not in SOURCE_RESAMPLERS:
            raise ValueError(f"unknown source_resample {self.source_resample!r}")
        if int(self.sampling_offsets) < 0:
            raise ValueError("sampling_offsets must be 0 or more")

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["rotation_tta_degrees"] = list(self.rotation_tta_degrees)
        data["source_size"] = list(self.source_size) if self.source_size else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PreprocessConfig:
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            # A bundle from a newer version may need a step this code does not know:
            # refusing is safer than silently running a different preprocessing.
            raise ValueError(f"unknown preprocessing settings: {sorted(unknown)}")
        return cls(**data)


def _interpolation(src_shape: tuple[int, int], dst_shape: tuple[int, int]) -> int:
    shrinking = dst_shape[0] * dst_shape[1] < src_shape[0] * src_shape[1]
    return cv2.INTER_AREA if shrinking else cv2.INTER_LINEAR


def fit_to_square(
    image: np.ndarray, size: int, mode: ResizeMode = "pad", source_aspect: float | None = None
) -> np.ndarray:
    """Place a 2-D grayscale image in a ``size`` x ``size`` float32 canvas.

    With ``mode="pad"`` the image is scaled so its longer side is ``size`` and centred on black,
    so anatomy keeps its proportions. With ``mode="stretch"`` it fills the square.
    """
    if image.ndim != 2:
        raise ValueError(f"expected a 2-D grayscale image, got shape {image.shape}")
    img = image.astype(np.float32, copy=False)
    h, w = img.shape
    if source_aspect is not None and h == w:
        # Undo a square squash: widen or heighten to the original aspect ratio.
        if source_aspect < 1:
            h = round(w / source_aspect)
        else:
            w = round(h * source_aspect)
        img = cv2.resize(img, (w, h), interpolation=cv2.INTER_LINEAR)
    if mode == "stretch":
        return cv2.resize(img, (size, size), interpolation=_interpolation((h, w), (size, size)))
    if mode != "pad":
        raise ValueError(f"unknown resize mode {mode!r}")
    scale = size / max(h, w)
    new_w = max(1, round(w * scale))
    new_h = max(1, round(h * scale))
    resized = cv2.resize(img, (new_w, new_h), interpolation=_interpolation((h, w), (new_h, new_w)))
    canvas = np.zeros((size, size), np.float32)
    top = (size - new_h) // 2
    left = (size - new_w) // 2
    canvas[top : top + new_h, left : left + new_w] = resized
    return canvas


def nearest_indices(source: int, target: int, offset: float = 0.0) -> np.ndarray:
    """Source indices Pillow's NEAREST resize reads for each of ``target`` output pixels
    (the pixel under each output pixel's centre), with the grid shifted by ``offset`` output
    pixels (-0.5 to 0.5) for the sub-pixel variants."""
    centres = (np.arange(target, dtype=np.float64) + 0.5 + offset) * (source / target)
    return np.clip(np.floor(centres).astype(np.int64), 0, source - 1)


def reduce_like_training(image: np.ndarray, config: PreprocessConfig,
                         offset: tuple[float, float] = (0.0, 0.0),
                         trimmed: bool = False) -> np.ndarray:
    """A film larger than the training copies, reduced to ``source_size`` as they were made.

    Films no larger than the training copies in both directions are returned unchanged (they
    are the training copies, or smaller, and take the ordinary resize after this).
    ``trimmed``: the caller has already applied :func:`trim_margins` (once for all grids).
    """
    if not _larger_than_copies(image.shape, config):
        return image
    if not trimmed:
        image = trim_margins(image, config)
    if not _larger_than_copies(image.shape, config):
        return image
    width, height = config.source_size
    h, w = image.shape[:2]
    if config.source_resample == "area":
        return cv2.resize(image.astype(np.float32, copy=False), (width, height),
                          interpolation=cv2.INTER_AREA)
    if offset == (0.0, 0.0):
        # OpenCV's exact nearest neighbour reproduces Pillow's NEAREST pixel for pixel
        # (its own fixed-point arithmetic included), which the plain formula does not always.
        return cv2.resize(image, (width, height), interpolation=cv2.INTER_NEAREST_EXACT)
    rows = nearest_indices(h, height, offset[0])
    cols = nearest_indices(w, width, offset[1])
    return np.ascontiguousarray(image[rows[:, None], cols[None, :]])


#: A margin line is uniform when its gray levels span at most this much of [0, 1]: exact for a
#: lossless export, tolerant of the faint ringing a JPEG leaves in a flat frame.
MARGIN_TOLERANCE = 3 / 255
#: Frames thinner than this fraction of the side (and than 2 px) are left alone: a scanner's
#: own edge line is part of what the training copies showed.
MIN_MARGIN_FRACTION = 0.005
#: A film whose content would be less than this fraction of a side is blank, not framed.
MIN_CONTENT_FRACTION = 0.25


#: Edge lines looked at first on each side; a side uniform that deep is measured over the whole
#: film (one reduction per axis, a few ms even on a background-removed film, where a scan
#: that grows from the edge took tens).
EDGE_PROBE = 32


def _run_length(flat: np.ndarray) -> int:
    """Leading True values of a 1-D mask."""
    return len(flat) if flat.all() else int(np.argmin(flat))


def _line_spans(image: np.ndarray, axis: int) -> np.ndarray:
    """Gray-level span (max - min) of every row (``axis`` 1) or every column (``axis`` 0)."""
    return image.max(axis=axis) - image.min(axis=axis)


def uniform_margins(image: np.ndarray, tolerance: float = MARGIN_TOLERANCE,
                    minimum: bool = True) -> tuple[int, int, int, int]:
    """Thickness in pixels of the uniform frame on each side (top, bottom, left, right).

    Each side counts the edge lines whose gray levels span at most ``tolerance``; with
    ``minimum``, a side is not counted when its frame is thinner than
    :data:`MIN_MARGIN_FRACTION` of the side.
    """
    img = np.asarray(image)
    h, w = img.shape[:2]
    rows, cols = min(EDGE_PROBE, h), min(EDGE_PROBE, w)
    probes = (_line_spans(img[:rows], 1), _line_spans(img[h - rows:], 1)[::-1],
              _line_spans(img[:, :cols], 0), _line_spans(img[:, w - cols:], 0)[::-1])
    full: dict[int, np.ndarray] = {}
    sides = []
    for side, (probe, size) in enumerate(zip(probes, (h, h, w, w), strict=True)):
        run = _run_length(probe <= tolerance)
        if run == len(probe) < size:  # uniform as deep as the probe looked: measure it all
            axis = 1 if side < 2 else 0
            if axis not in full:
                full[axis] = _line_spans(img, axis) <= tolerance
            run = _run_length(full[axis] if side % 2 == 0 else full[axis][::-1])
        sides.append(run if not minimum or run >= max(2, MIN_MARGIN_FRACTION * size) else 0)
    return sides[0], sides[1], sides[2], sides[3]


def trim_margins(image: np.ndarray, config: PreprocessConfig) -> np.ndarray:
    """The film without its uniform frame, when the bundle asks for it and the film is larger
    than the training copies (see :class:`PreprocessConfig`); otherwise the film itself.

    A frame (a side whose uniform run is at least :data:`MIN_MARGIN_FRACTION` of the side) is
    judged by the first line inside it. Where that line is mostly film, the frame is removed
    and nothing put back: a film with a border added around it becomes the film again. Where
    it is mostly the frame's own gray level, the frame is a blanked background running into
    the hand, as in a background-removed film: it is cut at the hand and given
    ``blank_margin`` of the hand's extent, so the hand fills the square the same way however
    much blank, border included, surrounded it; with ``blank_margin`` None that side is left
    as it is. A side without a frame is left as it is (a scanner's edge line is often one gray
    level for most of its length: that is film).
    """
    if not config.trim_margins or not _larger_than_copies(image.shape, config):
        return image
    runs = uniform_margins(image, minimum=False)
    h, w = image.shape[:2]
    top, bottom, left, right = runs
    if (h - top - bottom < MIN_CONTENT_FRACTION * h
            or w - left - right < MIN_CONTENT_FRACTION * w):
        return image  # blank or nearly: the image check speaks for it, not a crop
    content = image[top : h - bottom, left : w - right]
    ch, cw = content.shape[:2]
    # (run, side length, frame line, first content line, blank to put back) per side
    margin = config.blank_margin
    keep_blank = margin is None
    sides = ((top, h, image[0], content[0], ch),
             (bottom, h, image[-1], content[-1], ch),
             (left, w, image[:, 0], content[:, 0], cw),
             (right, w, image[:, -1], content[:, -1], cw))
    cuts, pads, values = [], [], []
    for run, size, frame, inner, extent in sides:
        value = float(frame.min() + frame.max()) / 2  # a frame line is uniform: its midpoint
        framed = run >= max(2, MIN_MARGIN_FRACTION * size)
        blanked = framed and np.mean(np.abs(inner - value) <= MARGIN_TOLERANCE) >= 0.5
        cuts.append(run if framed and not (blanked and keep_blank) else 0)
        pads.append(round(margin * extent) if blanked and not keep_blank else 0)
        values.append(value)
    if not any(cuts):
        return image
    kept = image[cuts[0] : h - cuts[1], cuts[2] : w - cuts[3]]
    if not any(pads):
        return kept
    return np.pad(kept, ((pads[0], pads[1]), (pads[2], pads[3])),
                  constant_values=((values[0], values[1]), (values[2], values[3])))


def _larger_than_copies(image_shape: tuple[int, ...], config: PreprocessConfig) -> bool:
    if config.source_size is None:
        return False
    width, height = config.source_size
    h, w = image_shape[:2]
    return (h, w) != (height, width) and h >= height and w >= width


def is_reduced(image_shape: tuple[int, ...], config: PreprocessConfig) -> bool:
    """Whether :func:`reduce_like_training` samples this film (so that offsets apply)."""
    return config.source_resample == "pillow-nearest" and _larger_than_copies(image_shape, config)


def sampling_grid_offsets(count: int) -> list[tuple[float, float]]:
    """Pillow's own grid first, then ``count`` fixed sub-pixel shifts spread over the pixel
    (a 2-D Halton sequence), so that the average is reproducible film after film."""

    def halton(index: int, base: int) -> float:
        result, fraction = 0.0, 1.0
        while index:
            fraction /= base
            index, digit = divmod(index, base)
            result += digit * fraction
        return result

    return [(0.0, 0.0)] + [(halton(i, 2) - 0.5, halton(i, 3) - 0.5)
                           for i in range(1, count + 1)]


def prepare_image(image: np.ndarray, config: PreprocessConfig,
                  offset: tuple[float, float] = (0.0, 0.0), trimmed: bool = False) -> np.ndarray:
    """Grayscale [0, 1] image to the network's (size, size) input, before the in-graph z-score."""
    reduced = reduce_like_training(image, config, offset, trimmed)
    return fit_to_square(reduced, config.input_size, config.resize_mode, config.source_aspect)


def prepare_variants(image: np.ndarray, config: PreprocessConfig,
                     trimmed: bool = False) -> np.ndarray:
    """(K, size, size): the prepared film on Pillow's grid, then on each sub-pixel shift of it
    when the film is reduced by point sampling and the bundle asks for shifts (K = 1 else).
    ``trimmed``: the caller has already applied :func:`trim_margins`."""
    if not trimmed:
        image = trim_margins(image, config)  # once here, not once per sampling grid
    if not config.sampling_offsets or not is_reduced(image.shape, config):
        return prepare_image(image, config, trimmed=True)[None]
    return np.stack([prepare_image(image, config, o, trimmed=True)
                     for o in sampling_grid_offsets(config.sampling_offsets)])


def tta_pairs(grids: int, angles: Sequence[float], first_grid_only: bool
              ) -> list[tuple[int, int]]:
    """(grid, rotation) index of each network pass over a film's prepared grids: every
    rotation with every grid, or, ``first_grid_only``, every rotation with the first grid
    (Pillow's) and each other grid with the smallest rotation (none, as a rule). Pairing each
    grid with another rotation would cost fewer passes, but then the rotations' spread mixes
    in how the grids differ, and the stability check, whose limit was measured on one-grid
    copies, flagged 7 of the 40 background-removed films."""
    rotations = range(len(angles))
    if first_grid_only and grids > 1:
        unturned = min(rotations, key=lambda r: abs(angles[r]))
        return [(0, r) for r in rotations] + [(g, unturned) for g in range(1, grids)]
    return [(g, r) for r in rotations for g in range(grids)]


def rotate_prepared(image: np.ndarray, degrees: float) -> np.ndarray:
    """A prepared (square) image turned about its centre, corners filled with black as the
    training augmentation fills them."""
    if degrees == 0:
        return image
    size = image.shape[0]
    matrix = cv2.getRotationMatrix2D((size / 2 - 0.5, size / 2 - 0.5), degrees, 1.0)
    return cv2.warpAffine(image, matrix, (size, size), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=0.0)


def zscore(image: np.ndarray, eps: float = 1e-3) -> np.ndarray:
    """Reference implementation of the network's first layer (used by tests and the heatmap)."""
    image = image.astype(np.float32)
    return (image - image.mean()) / max(float(image.std()), eps)


def encode_sex(sex: str | bool | float) -> float:
    """0 = female, 1 = male, as in the RSNA labels' ``male`` column."""
    if isinstance(sex, str):
        key = sex.strip().lower()
        aliases = {"f": "female", "m": "male", "true": "male", "false": "female"}
        key = aliases.get(key, key)
        if key not in SEX_CODES:
            raise ValueError(f"sex must be 'female' or 'male', not {sex!r}")
        return float(SEX_CODES[key])
    if isinstance(sex, (bool, int, float, np.integer, np.floating, np.bool_)) and sex in (0, 1):
        return float(sex)
    raise ValueError(f"sex must be 'female' or 'male', not {sex!r}")


def scale_age(months: np.ndarray | float, config: PreprocessConfig) -> np.ndarray | float:
    return np.asarray(months, np.float32) / config.age_scale_months


def unscale_age(scaled: np.ndarray | float, config: PreprocessConfig) -> np.ndarray | float:
    return np.asarray(scaled, np.float64) * config.age_scale_months


def format_years_months(months: float) -> str:
    """'11 years 4 months': how clinicians read a bone age."""
    total = round(float(months))
    years, rest = divmod(max(total, 0), 12)
    y = "year" if years == 1 else "years"
    m = "month" if rest == 1 else "months"
    return f"{years} {y} {rest} {m}"
