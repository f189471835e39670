"""Images the "check image" classifier must flag, made on demand: synthetic patterns, sample
photographs, and hand films turned or inverted. Used by scripts/fit_image_check.py to train and
measure the check, and by the tests; never by the app.

Every maker takes a NumPy generator, so a training set and a test set drawn with different
seeds hold different images.
"""

from __future__ import annotations

import string
from collections.abc import Callable

import cv2
import numpy as np

#: scikit-image sample pictures (bundled in its wheel, no download) split once: the check is
#: fitted on the first list and measured on the second, which it never saw.
SKIMAGE_FIT = ("camera", "cat", "cell", "checkerboard", "clock", "brick", "colorwheel", "grass",
               "horse", "immunohistochemistry", "logo", "microaneurysms", "page", "rocket",
               "shepp_logan_phantom", "stereo_motorcycle")
SKIMAGE_TEST = ("astronaut", "chelsea", "coffee", "coins", "gravel", "hubble_deep_field",
                "moon", "retina", "text")
#: Faces of scikit-image's LFW subset (200 of 25x25): the first 140 to fit, the rest to test.
FACES_FIT = range(0, 140)
FACES_TEST = range(140, 200)


def _size(rng: np.random.Generator) -> tuple[int, int]:
    """A random (height, width) between a thumbnail and a photograph."""
    h = int(rng.integers(48, 640))
    return h, int(np.clip(h * rng.uniform(0.6, 1.7), 48, 800))


def noise(rng: np.random.Generator) -> np.ndarray:
    h, w = _size(rng)
    kind = rng.integers(3)
    if kind == 0:
        img = rng.random((h, w))
    elif kind == 1:
        img = rng.normal(rng.uniform(0.2, 0.8), rng.uniform(0.05, 0.3), (h, w))
    else:  # smooth noise: blobs of random scale
        small = rng.random((max(2, h // int(rng.integers(4, 40))),
                            max(2, w // int(rng.integers(4, 40)))))
        img = cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC)
    return np.clip(img, 0, 1).astype(np.float32)


def gradient(rng: np.random.Generator) -> np.ndarray:
    h, w = _size(rng)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    if rng.random() < 0.5:
        angle = rng.uniform(0, 2 * np.pi)
        img = np.cos(angle) * xx / w + np.sin(angle) * yy / h
    else:
        cy, cx = rng.uniform(0, h), rng.uniform(0, w)
        img = np.hypot(yy - cy, xx - cx) / np.hypot(h, w)
    img = (img - img.min()) / (np.ptp(img) + 1e-6)
    low, high = sorted(rng.uniform(0, 1, 2))
    return (low + (high - low) * img).astype(np.float32)


def checkerboard(rng: np.random.Generator) -> np.ndarray:
    h, w = _size(rng)
    square = int(rng.integers(2, max(3, min(h, w) // 2)))
    yy, xx = np.mgrid[0:h, 0:w]
    board = ((yy // square + xx // square) % 2).astype(np.float32)
    a, b = rng.uniform(0, 1, 2)
    return (a + (b - a) * board).astype(np.float32)


def stripes(rng: np.random.Generator) -> np.ndarray:
    h, w = _size(rng)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    angle = rng.uniform(0, np.pi)
    period = rng.uniform(3, max(4, min(h, w) / 2))
    phase = (np.cos(angle) * xx + np.sin(angle) * yy) / period
    wave = np.sin(2 * np.pi * phase) if rng.random() < 0.5 else (np.floor(phase) % 2) * 2 - 1
    a, b = rng.uniform(0, 1, 2)
    return (a + (b - a) * (wave + 1) / 2).astype(np.float32)


def text(rng: np.random.Generator) -> np.ndarray:
    h, w = _size(rng)
    dark_on_light = rng.random() < 0.6
    back, ink = (rng.uniform(0.75, 1), rng.uniform(0, 0.3))
    if not dark_on_light:
        back, ink = rng.uniform(0, 0.25), rng.uniform(0.7, 1)
    img = np.full((h, w), round(255 * back), np.uint8)  # OpenCV draws text on 8 bits
    fonts = (cv2.FONT_HERSHEY_SIMPLEX, cv2.FONT_HERSHEY_PLAIN, cv2.FONT_HERSHEY_DUPLEX,
             cv2.FONT_HERSHEY_COMPLEX, cv2.FONT_HERSHEY_TRIPLEX, cv2.FONT_HERSHEY_SCRIPT_SIMPLEX)
    scale = rng.uniform(0.3, 2.5) * min(h, w) / 200
    letters = list(string.ascii_letters + string.digits + "  .,:")
    y = int(rng.integers(5, max(6, h // 4)))
    while y < h:
        line = "".join(rng.choice(letters, int(rng.integers(3, 40))))
        font = int(rng.choice(fonts))
        thickness = int(rng.integers(1, 4))
        cv2.putText(img, line, (int(rng.integers(0, max(1, w // 5))), y), font, scale,
                    round(255 * ink), thickness, cv2.LINE_AA)
        y += int(max(8, 30 * scale * rng.uniform(0.8, 1.6)))
    return img.astype(np.float32) / 255.0


def blank(rng: np.random.Generator) -> np.ndarray:
    h, w = _size(rng)
    level = float(rng.choice([0.0, 1.0, rng.uniform(0, 1)]))
    img = np.full((h, w), level, np.float32)
    if rng.random() < 0.5:  # a scanner's faint noise
        img = img + rng.normal(0, rng.uniform(0.001, 0.02), (h, w)).astype(np.float32)
    return np.clip(img, 0, 1)


def shapes(rng: np.random.Generator) -> np.ndarray:
    """Bright random ellipses, rectangles and lines on a dark ground: a drawing, not a hand."""
    h, w = _size(rng)
    img = np.full((h, w), round(255 * rng.uniform(0, 0.3)), np.uint8)
    for _ in range(int(rng.integers(1, 12))):
        colour = round(255 * rng.uniform(0.3, 1))
        centre = (int(rng.integers(0, w)), int(rng.integers(0, h)))
        if rng.random() < 0.4:
            axes = (int(rng.integers(2, max(3, w // 3))), int(rng.integers(2, max(3, h // 3))))
            cv2.ellipse(img, centre, axes, float(rng.uniform(0, 180)), 0, 360, colour, -1)
        elif rng.random() < 0.5:
            other = (int(rng.integers(0, w)), int(rng.integers(0, h)))
            cv2.rectangle(img, centre, other, colour, -1)
        else:
            other = (int(rng.integers(0, w)), int(rng.integers(0, h)))
            cv2.line(img, centre, other, colour, int(rng.integers(1, max(2, w // 20))))
    return img.astype(np.float32) / 255.0


SYNTHETIC: dict[str, Callable[[np.random.Generator], np.ndarray]] = {
    "noise": noise, "gradient": gradient, "checkerboard": checkerboard, "stripes": stripes,
    "text": text, "blank": blank, "shapes": shapes,
}


def to_gray(image: np.ndarray) -> np.ndarray:
    """A scikit-image picture (gray, RGB, RGBA, bool or float) as float32 gray in [0, 1], as
    the app's reader makes it (transparent pixels over black)."""
    img = np.asarray(image)
    if img.dtype == bool:
        img = img.astype(np.float32)
    elif img.dtype == np.uint8:
        img = img.astype(np.float32) / 255.0
    img = np.nan_to_num(img.astype(np.float32))
    if img.ndim == 3 and img.shape[2] == 4:
        img = img[:, :, :3] * img[:, :, 3:4]
    if img.ndim == 3:
        img = cv2.cvtColor(np.ascontiguousarray(img[:, :, :3]), cv2.COLOR_RGB2GRAY)
    if img.max() > 1.0 or img.min() < 0.0:
        img = (img - img.min()) / (np.ptp(img) + 1e-6)
    return np.clip(img, 0, 1)


def skimage_pictures(names: tuple[str, ...], faces: range) -> list[np.ndarray]:
    """The named scikit-image samples and the chosen LFW faces, gray (dev extra only)."""
    import skimage.data

    pictures = []
    for name in names:
        got = getattr(skimage.data, name)()
        for picture in got if isinstance(got, tuple) else (got,):
            if isinstance(picture, np.ndarray) and picture.ndim >= 2:
                pictures.append(to_gray(picture))
    lfw = skimage.data.lfw_subset()
    pictures.extend(to_gray(lfw[i]) for i in faces)
    return pictures


def crop_of(picture: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A random crop of a picture, mirrored or not, resized to a random size: one more
    photograph-like negative from a handful of pictures."""
    h, w = picture.shape
    ch = int(h * rng.uniform(0.4, 1.0))
    cw = int(np.clip(ch * rng.uniform(0.6, 1.6), 8, w))
    ch = max(8, min(ch, h))
    top, left = int(rng.integers(0, h - ch + 1)), int(rng.integers(0, w - cw + 1))
    crop = picture[top:top + ch, left:left + cw]
    if rng.random() < 0.5:
        crop = crop[:, ::-1]
    size = _size(rng)
    return cv2.resize(np.ascontiguousarray(crop), (size[1], size[0]),
                      interpolation=cv2.INTER_AREA if size[0] < ch else cv2.INTER_LINEAR)


def jitter_film(film: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A hand film slightly moved, scaled, turned, mirrored, with another exposure: the range
    of real films the check must accept (and, turned or inverted after this, must flag)."""
    h, w = film.shape
    # Zoomed out as far as a small hand on a large film, turned as far as a tilted hand.
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), float(rng.uniform(-15, 15)),
                                     float(rng.uniform(0.65, 1.12)))
    matrix[:, 2] += rng.uniform(-0.05, 0.05, 2) * (w, h)
    out = cv2.warpAffine(film, matrix, (w, h), flags=cv2.INTER_LINEAR,
                         borderMode=cv2.BORDER_REPLICATE)
    if rng.random() < 0.5:
        out = out[:, ::-1]
    gamma = float(np.exp(rng.uniform(-0.35, 0.35)))
    out = np.clip(out, 0, 1) ** gamma
    contrast = rng.uniform(0.55, 1.1)  # a flat, grey film as well as a crisp one
    out = (out - out.mean()) * contrast + out.mean() + rng.uniform(-0.08, 0.08)
    return np.clip(out, 0, 1).astype(np.float32)


TURNS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "rotated_180": lambda f: f[::-1, ::-1],
    "flipped_upside_down": lambda f: f[::-1, :],
    "inverted": lambda f: 1.0 - f,
    "rotated_90": lambda f: np.rot90(f, 1),
    "rotated_270": lambda f: np.rot90(f, -1),
}
#: The classifier's class for each turned film.
TURN_CLASS = {"rotated_180": "upside_down", "flipped_upside_down": "upside_down",
              "inverted": "inverted", "rotated_90": "sideways", "rotated_270": "sideways"}
