"""The Qt-free case state: what the window shows is decided here."""

from __future__ import annotations

import cv2
import pytest

from app.case import Case
from model.predictor import Prediction
from tests.conftest import synthetic_radiograph


@pytest.fixture()
def image_file(tmp_path):
    path = tmp_path / "hand.png"
    cv2.imwrite(str(path), synthetic_radiograph())
    return path


def _result(months: float = 120.0) -> Prediction:
    return Prediction(months, "female", "test 0 (abc)")


def test_predict_needs_image_and_sex(image_file):
    case = Case()
    assert not case.can_predict and case.missing == "Open a radiograph and choose the sex."
    case.set_sex("female")
    assert case.missing == "Open a radiograph."
    case.set_sex(None)
    assert case.load_image(image_file)
    assert case.missing == "Choose the sex." and not case.can_predict
    case.set_sex("male")
    assert case.missing is None and case.can_predict


def test_changing_inputs_clears_the_result_and_drops_stale_results(image_file, tmp_path):
    case = Case()
    case.load_image(image_file)
    case.set_sex("female")
    gen = case.start_prediction()
    assert case.busy and not case.can_predict
    assert case.finish_prediction(gen, _result())
    assert case.result is not None and not case.busy
    case.set_sex("male")
    assert case.result is None  # never a stale number next to a new case
    gen = case.start_prediction()
    case.load_image(image_file)  # the user opens another image while it runs
    assert not case.finish_prediction(gen, _result())
    assert case.result is None


def test_bad_file_keeps_previous_case(image_file, tmp_path):
    case = Case()
    case.load_image(image_file)
    case.set_sex("female")
    gen = case.start_prediction()
    case.finish_prediction(gen, _result())
    bad = tmp_path / "broken.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n garbage")
    assert not case.load_image(bad)
    assert "broken.png" in case.error
    assert case.image is not None and case.image.path == image_file
    assert case.result is not None  # the previous result still belongs to the shown image
    assert case.load_image(image_file) and case.error is None


def test_listeners_and_summary(image_file):
    case = Case()
    calls = []
    case.subscribe(lambda c: calls.append(c.sex))
    case.set_sex("female")
    case.set_sex("female")  # no change, no notification
    assert calls == ["female"]
    case.load_image(image_file)
    case.finish_prediction(case.start_prediction(), _result(136.0))
    text = case.summary()
    assert "hand.png" in text and "11 years 4 months" in text and "136.0 months" in text
    with pytest.raises(ValueError):
        case.set_sex("unknown")


def test_failed_prediction_reports_and_unblocks(image_file):
    case = Case()
    case.load_image(image_file)
    case.set_sex("male")
    gen = case.start_prediction()
    case.fail_prediction(gen, "model exploded")
    assert case.error == "model exploded" and not case.busy and case.can_predict


def test_dates_give_sds_without_clearing_the_bone_age(image_file):
    from datetime import date

    case = Case()
    case.load_image(image_file)
    case.set_sex("male")
    case.finish_prediction(case.start_prediction(), Prediction(125.68, "male", "m"))
    assert case.assessment is None  # no date of birth yet
    case.set_dates(date(2015, 3, 10), date(2025, 3, 10))
    assert case.result is not None
    assert case.chronological_months == 120.0
    assert case.assessment.sds == pytest.approx(0.0, abs=1e-9)
    assert "SDS (Greulich & Pyle): +0.00, normal" in case.summary()
    case.set_dates(date(2025, 3, 10), date(2015, 3, 10))
    assert case.assessment is None and "before the date of birth" in case.date_problem


def test_dicom_fills_sex_and_dates(tmp_path):
    pytest.importorskip("pydicom")
    from datetime import date

    from tests.test_dicom_io import make_dicom

    path = make_dicom(tmp_path / "hand.dcm", synthetic_radiograph(60, 50))
    case = Case()
    assert case.load_image(path)
    assert case.sex == "female"
    assert case.birth_date == date(2015, 3, 10) and case.exam_date == date(2025, 4, 12)
