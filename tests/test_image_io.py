"""Every supported encoding reads to the same gray array; every bad file raises ImageReadError
with a reason that names the problem."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from model.errors import ImageReadError
from model.image_io import MAX_SIDE, image_size, read_grayscale
from tests.conftest import synthetic_radiograph


@pytest.fixture()
def gray8() -> np.ndarray:
    return synthetic_radiograph()


def _write(path: Path, pixels: np.ndarray) -> Path:
    assert cv2.imwrite(str(path), pixels)
    return path


def test_8bit_gray_reads_to_unit_range(tmp_path, gray8):
    img = read_grayscale(_write(tmp_path / "a.png", gray8))
    assert img.dtype == np.float32 and img.shape == gray8.shape
    np.testing.assert_allclose(img, gray8 / 255.0, atol=1e-7)


@pytest.mark.parametrize("variant", ["16bit", "rgb", "rgba", "palette"])
def test_encodings_match_8bit_gray(tmp_path, gray8, variant):
    reference = read_grayscale(_write(tmp_path / "ref.png", gray8))
    path = tmp_path / f"{variant}.png"
    if variant == "16bit":
        _write(path, gray8.astype(np.uint16) * 257)
    elif variant == "rgb":
        _write(path, cv2.cvtColor(gray8, cv2.COLOR_GRAY2BGR))
    elif variant == "rgba":
        _write(path, cv2.cvtColor(gray8, cv2.COLOR_GRAY2BGRA))
    else:
        Image.fromarray(gray8).convert("P").save(path)  # gray palette, as in two shared films
        assert Image.open(path).mode == "P"
    np.testing.assert_allclose(read_grayscale(path), reference, atol=1e-6)


def test_jpeg_reads_close_to_source(tmp_path, gray8):
    path = tmp_path / "a.jpg"
    cv2.imwrite(str(path), gray8, [cv2.IMWRITE_JPEG_QUALITY, 98])
    img = read_grayscale(path)
    assert img.shape == gray8.shape
    assert np.abs(img - gray8 / 255.0).mean() < 0.01
    assert image_size(path.read_bytes()) == (gray8.shape[1], gray8.shape[0])


def test_png_with_wrong_extension_is_read_by_content(tmp_path, gray8):
    path = _write(tmp_path / "a.png", gray8).rename(tmp_path / "really_a_png.jpg")
    assert read_grayscale(path).shape == gray8.shape


def test_transparent_pixels_read_as_black(tmp_path, gray8):
    bgra = cv2.cvtColor(gray8, cv2.COLOR_GRAY2BGRA)
    bgra[:10, :, 3] = 0
    img = read_grayscale(_write(tmp_path / "a.png", bgra))
    assert np.all(img[:10] == 0)
    np.testing.assert_allclose(img[10:], gray8[10:] / 255.0, atol=1e-6)


def _png_header_only(width: int, height: int) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + chunk
            + struct.pack(">I", zlib.crc32(chunk)))


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.png", b"", "empty"),
        ("notes.png", b"patient notes, not an image\n", "not a PNG, JPEG or DICOM"),
        ("zero.png", _png_header_only(0, 100), "zero size"),
        ("huge.png", _png_header_only(30000, 30000), "too large"),
        ("wide.png", _png_header_only(MAX_SIDE + 1, 10), "too large"),
        ("header_only.png", _png_header_only(100, 100), "damaged or truncated"),
        ("short.png", b"\x89PNG\r\n\x1a\n\x00\x00", "damaged"),
    ],
)
def test_bad_files_raise_one_typed_error(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImageReadError, match=reason) as info:
        read_grayscale(path)
    assert name in str(info.value)


@pytest.mark.parametrize("ext", [".png", ".jpg"])
def test_truncated_image_is_refused(tmp_path, gray8, ext):
    _, buf = cv2.imencode(ext, gray8)
    path = tmp_path / f"cut{ext}"
    path.write_bytes(buf.tobytes()[: len(buf) // 2])
    with pytest.raises(ImageReadError, match="damaged or truncated"):
        read_grayscale(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ImageReadError, match="does not exist"):
        read_grayscale(tmp_path / "nope.png")
    with pytest.raises(ImageReadError, match="folder"):
        read_grayscale(tmp_path)
