"""DICOM radiographs: pixels as the reader would display them, and the patient fields that
pre-fill the case (name, ID, sex, date of birth, exam date), so a film never inherits the
previous patient's details.

The display pipeline follows the standard: modality LUT (rescale slope/intercept), then the VOI
LUT or window, then inversion for MONOCHROME1 (where high values are dark), then scaling to
[0, 1]. pydicom does the LUT work.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from model.errors import ImageReadError
from model.i18n import QT_TRANSLATE_NOOP
from model.image_io import check_size

DICOM_EXTENSIONS = (".dcm", ".dicom")
#: Modalities that can hold a hand radiograph; anything else (CT, MR, US...) is refused.
RADIOGRAPH_MODALITIES = {"CR", "DX", "RG", "DR", "OT", ""}


@dataclass(frozen=True)
class DicomInfo:
    sex: str | None  # "female" / "male" / None
    birth_date: date | None
    exam_date: date | None
    patient_name: str = ""  # "Family, Given Middle" from the PN value; "" when absent
    patient_id: str = ""


def _person_name(value: object) -> str:
    """A DICOM person name (``Family^Given^Middle^Prefix^Suffix``) as a reader writes it."""
    parts = [p.strip() for p in str(value or "").split("=")[0].split("^")]
    parts += [""] * (5 - len(parts))
    family, given, middle, prefix, suffix = parts[:5]
    first = " ".join(p for p in (prefix, given, middle) if p)
    name = ", ".join(p for p in (family, first) if p)
    return f"{name} {suffix}".strip() if suffix else name


def is_dicom(data: bytes) -> bool:
    return len(data) >= 132 and data[128:132] == b"DICM"


def _parse_date(value: object) -> date | None:
    text = str(value or "").strip()
    if len(text) != 8 or not text.isdigit():
        return None
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None


def read_dicom(path: str | Path) -> tuple[np.ndarray, DicomInfo]:
    """Float32 grayscale in [0, 1] plus the patient fields. Raises ImageReadError."""
    import pydicom
    from pydicom.errors import InvalidDicomError
    from pydicom.pixels import apply_modality_lut, apply_voi_lut

    path = Path(path)
    try:
        ds = pydicom.dcmread(path)
    except (InvalidDicomError, OSError, EOFError, ValueError) as exc:
        raise ImageReadError(path, QT_TRANSLATE_NOOP(
            "ImageReadError", "this is not a readable DICOM file ({detail})"), detail=exc) from None
    modality = str(ds.get("Modality", "")).upper()
    if modality not in RADIOGRAPH_MODALITIES:
        raise ImageReadError(path, QT_TRANSLATE_NOOP(
            "ImageReadError", "this DICOM is a {modality} study, not a radiograph"),
            modality=modality)
    if "PixelData" not in ds:
        raise ImageReadError(path, QT_TRANSLATE_NOOP(
            "ImageReadError", "this DICOM file has no image (no pixel data)"))
    check_size(path, (int(ds.get("Columns", 0)), int(ds.get("Rows", 0))))
    if int(ds.get("SamplesPerPixel", 1)) != 1 or int(ds.get("NumberOfFrames", 1) or 1) != 1:
        raise ImageReadError(path, QT_TRANSLATE_NOOP(
            "ImageReadError", "only single-frame grayscale DICOM radiographs are supported"))
    try:
        raw = ds.pixel_array
    except Exception as exc:  # pydicom raises many types for unsupported or broken pixel data
        raise ImageReadError(path, QT_TRANSLATE_NOOP(
            "ImageReadError", "the DICOM pixel data cannot be decoded ({detail})"),
            detail=exc) from None
    values = apply_modality_lut(raw, ds)
    values = apply_voi_lut(values, ds) if ("WindowCenter" in ds or "VOILUTSequence" in ds) \
        else values
    values = np.asarray(values, np.float64)
    lo, hi = float(values.min()), float(values.max())
    pixels = (values - lo) / (hi - lo) if hi > lo else np.zeros_like(values)
    if str(ds.get("PhotometricInterpretation", "")).upper() == "MONOCHROME1":
        pixels = 1.0 - pixels
    sex = {"F": "female", "M": "male"}.get(str(ds.get("PatientSex", "")).strip().upper())
    exam = _parse_date(ds.get("StudyDate")) or _parse_date(ds.get("AcquisitionDate"))
    info = DicomInfo(sex, _parse_date(ds.get("PatientBirthDate")), exam,
                     _person_name(ds.get("PatientName")), str(ds.get("PatientID", "")).strip())
    return pixels.astype(np.float32), info
