"""DICOM files built in the test with pydicom: both photometric interpretations, 8 and 16 bit,
with and without the patient tags."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

pydicom = pytest.importorskip("pydicom", reason="pydicom is not installed")

from pydicom.dataset import FileMetaDataset  # noqa: E402
from pydicom.uid import ExplicitVRLittleEndian, generate_uid  # noqa: E402

from model.dicom_io import is_dicom, read_dicom  # noqa: E402
from model.errors import ImageReadError  # noqa: E402
from tests.conftest import synthetic_radiograph  # noqa: E402


def make_dicom(path, pixels, photometric="MONOCHROME2", modality="DX", tags=True,
               slope=1.0, intercept=0.0, window=None, with_pixels=True):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.1.1"
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = pydicom.Dataset()
    ds.file_meta = meta
    ds.SOPClassUID = meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.Modality = modality
    if tags:
        ds.PatientSex = "F"
        ds.PatientBirthDate = "20150310"
        ds.StudyDate = "20250412"
        ds.PatientName = "Martin^Chloé^Anne"
        ds.PatientID = "P-0042"
    ds.Rows, ds.Columns = pixels.shape
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = photometric
    bits = 8 if pixels.dtype == np.uint8 else 16
    ds.BitsAllocated = bits
    ds.BitsStored = 12 if bits == 16 else 8
    ds.HighBit = ds.BitsStored - 1
    ds.PixelRepresentation = 0
    ds.RescaleSlope, ds.RescaleIntercept = slope, intercept
    if window:
        ds.WindowCenter, ds.WindowWidth = window
    if with_pixels:
        ds.PixelData = pixels.tobytes()
    ds.save_as(path, enforce_file_format=True)
    return path


@pytest.fixture()
def gray8():
    return synthetic_radiograph(60, 50)


def _unit(a):
    a = a.astype(np.float64)
    return (a - a.min()) / (a.max() - a.min())


def test_monochrome2_8bit_with_tags(tmp_path, gray8):
    path = make_dicom(tmp_path / "a.dcm", gray8)
    assert is_dicom(path.read_bytes())
    pixels, info = read_dicom(path)
    np.testing.assert_allclose(pixels, _unit(gray8), atol=1e-6)
    assert info.sex == "female"
    assert info.birth_date == date(2015, 3, 10) and info.exam_date == date(2025, 4, 12)
    assert info.patient_name == "Martin, Chloé Anne" and info.patient_id == "P-0042"


def test_monochrome1_16bit_is_inverted_and_rescaled(tmp_path, gray8):
    stored = (4095 - gray8.astype(np.uint16) * 16).astype(np.uint16)  # 12-bit, inverted scale
    path = make_dicom(tmp_path / "b.dcm", stored, photometric="MONOCHROME1", tags=False,
                      slope=2.0, intercept=-100.0)
    pixels, info = read_dicom(path)
    np.testing.assert_allclose(pixels, _unit(gray8), atol=1e-6)
    assert info.sex is None and info.birth_date is None and info.exam_date is None
    assert info.patient_name == "" and info.patient_id == ""


def test_voi_window_is_applied(tmp_path):
    ramp = np.tile(np.arange(0, 4000, 40, dtype=np.uint16), (10, 1))
    path = make_dicom(tmp_path / "w.dcm", ramp, window=(2000, 1000))
    pixels, _ = read_dicom(path)
    row = pixels[0]
    assert row[:35].max() == 0 and row[-35:].min() == 1  # clipped outside the window
    assert 0 < row[50] < 1


@pytest.mark.parametrize(("kwargs", "reason"), [
    ({"modality": "CT"}, "not a radiograph"),
    ({"with_pixels": False}, "no image"),
])
def test_unusable_dicom_is_refused(tmp_path, gray8, kwargs, reason):
    path = make_dicom(tmp_path / "bad.dcm", gray8, **kwargs)
    with pytest.raises(ImageReadError, match=reason):
        read_dicom(path)


def test_read_grayscale_opens_dicom_by_content(tmp_path, gray8):
    from model.image_io import read_grayscale

    path = make_dicom(tmp_path / "hand.img", gray8)
    np.testing.assert_allclose(read_grayscale(path), _unit(gray8), atol=1e-6)


def test_non_dicom_file(tmp_path):
    path = tmp_path / "x.dcm"
    path.write_bytes(b"hello")
    with pytest.raises(ImageReadError, match="not a readable DICOM"):
        read_dicom(path)


@pytest.mark.parametrize(("value", "shown"), [
    ("DOE^JOHN", "DOE, JOHN"), ("Doe", "Doe"), ("^Ann", "Ann"), ("", ""),
    ("Smith^John^^Dr^Jr", "Smith, Dr John Jr"), ("Yamada^Tarou=山田^太郎", "Yamada, Tarou")])
def test_person_name_reads_as_written(value, shown):
    from model.dicom_io import _person_name

    assert _person_name(value) == shown
