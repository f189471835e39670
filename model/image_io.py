"""Read any supported radiograph file into one float32 grayscale array in [0, 1].

Why this module sniffs headers itself: the size of an image must be known *before* it is
decoded, so that a 30000x30000 file is refused instead of allocating gigabytes (OpenCV's own
limit is about a gigapixel). The file type is decided by content, not by extension, so a PNG
saved as ``.jpg`` still opens while a text file named ``.png`` is refused with its reason.
"""

from __future__ import annotations

import struct
from pathlib import Path

import cv2
import numpy as np

from model.errors import ImageReadError
from model.i18n import QT_TRANSLATE_NOOP

# Damaged files are reported through ImageReadError; OpenCV's own warnings would only add noise.
cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)

#: Largest accepted side and area. A large computed-radiography film is about 3500x4300
#: (15 MP); these limits leave room for scanners at higher resolution while keeping the
#: decoded image under 400 MB even at 16 bits.
MAX_SIDE = 16384
MAX_PIXELS = 200_000_000
#: Extensions offered in file dialogs. Content decides what is actually read.
SUPPORTED_EXTENSIONS = (".png", ".jpg", ".jpeg", ".dcm")

_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_JPEG_MAGIC = b"\xff\xd8\xff"
# Start-of-frame markers that carry the image size (all SOFn except DHT, JPG and DAC).
_JPEG_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def sniff_format(data: bytes) -> str | None:
    """Return ``"png"``, ``"jpeg"`` or None from the first bytes of a file."""
    if data.startswith(_PNG_MAGIC):
        return "png"
    if data.startswith(_JPEG_MAGIC):
        return "jpeg"
    return None


def _png_size(data: bytes) -> tuple[int, int] | None:
    if len(data) < 24 or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        if marker in _JPEG_SOF:
            if pos + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[pos + 5 : pos + 9])
            return width, height
        pos += 2 + length
    return None


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a PNG or JPEG header, or None when the header is unreadable."""
    fmt = sniff_format(data)
    if fmt == "png":
        return _png_size(data)
    if fmt == "jpeg":
        return _jpeg_size(data)
    return None


def check_size(path: Path, size: tuple[int, int] | None) -> None:
    """Refuse zero, missing or absurd dimensions before any pixel is decoded."""
    if size is None:
        raise ImageReadError(path, QT_TRANSLATE_NOOP("ImageReadError",
                                                     "the image header is damaged (no size found)"))
    width, height = size
    if width == 0 or height == 0:
        raise ImageReadError(path, QT_TRANSLATE_NOOP(
            "ImageReadError", "the image has zero size ({width}x{height})"),
            width=width, height=height)
    if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
        raise ImageReadError(path, QT_TRANSLATE_NOOP(
            "ImageReadError", "the image is too large ({width}x{height}); the limit is "
            "{max_side} pixels a side and {max_mp} megapixels"),
            width=width, height=height, max_side=MAX_SIDE, max_mp=MAX_PIXELS // 1_000_000)


def to_gray_unit(pixels: np.ndarray) -> np.ndarray:
    """Any decoded OpenCV array (gray, BGR, BGRA; 8 or 16 bit) to float32 gray in [0, 1].

    Scaling by the dtype's maximum makes a 16-bit copy of an 8-bit image (v * 257) land on
    exactly the same values. Transparent pixels are composited over black, which is how an
    unexposed film area looks.
    """
    if pixels.dtype == np.uint8:
        scale = 255.0
    elif pixels.dtype == np.uint16:
        scale = 65535.0
    else:
        raise ValueError(f"unsupported pixel type {pixels.dtype}")
    img = pixels.astype(np.float32) / scale
    if img.ndim == 3 and img.shape[2] == 1:
        img = img[:, :, 0]
    elif img.ndim == 3 and img.shape[2] == 4:
        alpha = img[:, :, 3:4]
        img = cv2.cvtColor(np.ascontiguousarray(img[:, :, :3] * alpha), cv2.COLOR_BGR2GRAY)
    elif img.ndim == 3 and img.shape[2] == 3:
        img = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
    elif img.ndim != 2:
        raise ValueError(f"unsupported pixel layout {pixels.shape}")
    return np.clip(img, 0.0, 1.0)


def read_grayscale(path: str | Path) -> np.ndarray:
    """Read a PNG, JPEG or DICOM radiograph as float32 grayscale in [0, 1], shape (h, w).

    Raises ImageReadError, naming the file and the reason, for anything that is not a
    readable image of a sensible size.
    """
    path = Path(path)
    if path.is_dir():
        raise ImageReadError(path, QT_TRANSLATE_NOOP("ImageReadError",
                                                     "this is a folder, not an image file"))
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImageReadError(path, QT_TRANSLATE_NOOP("ImageReadError",
                                                     "the file does not exist")) from None
    except OSError as exc:
        raise ImageReadError(path, QT_TRANSLATE_NOOP(
            "ImageReadError", "the file cannot be opened ({detail})"),
            detail=exc.strerror or exc) from None
    if not data:
        raise ImageReadError(path, QT_TRANSLATE_NOOP("ImageReadError", "the file is empty"))
    fmt = sniff_format(data)
    if fmt is None and data[128:132] == b"DICM":
        from model.dicom_io import read_dicom

        return read_dicom(path)[0]
    if fmt is None:
        raise ImageReadError(path, QT_TRANSLATE_NOOP("ImageReadError",
                                                     "this is not a PNG, JPEG or DICOM image"))
    check_size(path, image_size(data))
    pixels = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_UNCHANGED)
    if pixels is None:
        raise ImageReadError(path, QT_TRANSLATE_NOOP(
            "ImageReadError", "the {format} data is damaged or truncated"), format=fmt.upper())
    try:
        return to_gray_unit(pixels)
    except ValueError as exc:
        raise ImageReadError(path, "{detail}", detail=exc) from None
