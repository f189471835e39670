"""The one preprocessing used by training and inference.

The deterministic part (resize into a square canvas, scaling to [0, 1]) runs here in NumPy/OpenCV
for both training (it fills the tf.data cache) and inference (the predictor). The per-image
z-score is the network's first layer, so it travels inside the exported ONNX graph and cannot
drift between the two. Augmentation happens only in training, after this step.

Every setting lives in :class:`PreprocessConfig`, which is written into the model bundle and
read back by the predictor, so a model never runs with other settings than it was trained with.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any, Literal

import cv2
import numpy as np

ResizeMode = Literal["pad", "stretch"]
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
    """

    input_size: int = 128
    resize_mode: ResizeMode = "stretch"
    source_aspect: float | None = None
    normalisation: str = "per-image z-score (in the network's first layer)"
    age_scale_months: float = 240.0
    flip_tta: bool = True
    rotation_tta_degrees: tuple[float, ...] = ()

    def __post_init__(self) -> None:
        # JSON gives a list; keep the frozen config hashable and comparable.
        object.__setattr__(self, "rotation_tta_degrees",
                           tuple(float(d) for d in self.rotation_tta_degrees))

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["rotation_tta_degrees"] = list(self.rotation_tta_degrees)
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


def prepare_image(image: np.ndarray, config: PreprocessConfig) -> np.ndarray:
    """Grayscale [0, 1] image to the network's (size, size) input, before the in-graph z-score."""
    return fit_to_square(image, config.input_size, config.resize_mode, config.source_aspect)


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
