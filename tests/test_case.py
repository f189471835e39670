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
    case.load_image(image_file)
    case.set_sex("female")
    case.set_sex("female")  # no change, no notification
    assert calls == [None, "female"]
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


def _predicted(case: Case, result: Prediction) -> None:
    case.finish_prediction(case.start_prediction(), result)


def test_a_new_film_starts_a_new_patient(image_file, tmp_path):
    from datetime import date

    case = Case()
    case.load_image(image_file)
    case.set_sex("female")
    case.set_patient("Previous Girl", "ID-1")
    case.set_dates(date(2015, 3, 10), date(2025, 3, 10))
    _predicted(case, _result())
    other = tmp_path / "boy.png"
    cv2.imwrite(str(other), synthetic_radiograph(seed=5))
    assert case.load_image(other)
    assert case.sex is None and not case.can_predict  # the sex is chosen for every film
    assert (case.patient_name, case.patient_id, case.birth_date) == ("", "", None)
    assert case.exam_date == date.today() and case.exam_date_source == "today"
    assert case.result is None


def test_a_dicom_fills_its_own_patient_and_nothing_else_follows(image_file, tmp_path):
    pytest.importorskip("pydicom")
    from datetime import date

    from tests.test_dicom_io import make_dicom

    case = Case()
    case.load_image(image_file)
    case.set_sex("male")
    case.set_patient("Previous Boy", "ID-1")
    case.set_dates(date(2012, 1, 1), date(2024, 1, 1))
    with_tags = make_dicom(tmp_path / "tags.dcm", synthetic_radiograph(60, 50))
    assert case.load_image(with_tags)
    assert (case.sex, case.patient_name, case.patient_id) == ("female", "Martin, Chloé Anne",
                                                              "P-0042")
    assert case.birth_date == date(2015, 3, 10)
    assert case.exam_date == date(2025, 4, 12) and case.exam_date_source == "DICOM StudyDate"
    bare = make_dicom(tmp_path / "bare.dcm", synthetic_radiograph(60, 50), tags=False)
    assert case.load_image(bare)  # no PatientSex: the previous sex must not stay
    assert case.sex is None and case.patient_name == "" and case.birth_date is None
    assert case.exam_date_source == "today"


def test_new_patient_empties_the_case(image_file):
    from datetime import date

    case = Case()
    case.load_image(image_file)
    case.set_sex("male")
    case.set_patient("A", "B")
    case.set_dates(date(2015, 3, 10), date(2025, 3, 10))
    _predicted(case, _result())
    case.new_patient()
    assert case.image is None and case.result is None and case.sex is None
    assert (case.patient_name, case.patient_id, case.birth_date) == ("", "", None)
    assert case.missing == "Open a radiograph and choose the sex."


def test_dates_that_cannot_be_right_are_refused(image_file):
    from datetime import date, timedelta

    case = Case()
    case.load_image(image_file)
    case.set_dates(date(2015, 3, 10), date.today() + timedelta(days=1))
    assert case.date_problem == "The exam date is in the future."
    assert case.chronological_months is None
    case.set_dates(date.today() + timedelta(days=3), None)
    assert case.date_problem == "The date of birth is in the future."
    case.set_dates(date(2015, 3, 10), date(2025, 3, 10))
    assert case.date_problem is None and case.exam_date_source == "entered"


def test_summary_carries_interval_flag_and_undecided_class(image_file):
    from datetime import date

    case = Case()
    case.load_image(image_file)
    case.set_sex("male")
    case.set_dates(date(2015, 3, 10), date(2025, 3, 10))  # 120 months: +2 SD at 145.26
    _predicted(case, Prediction(140.0, "male", "m 1", 120.0, 160.0, True,
                                "the film looks inverted"))
    text = case.summary()
    assert "Bone age: 11 years 8 months (140.0 months)" in text
    assert "90 % interval: 120–160 months (10 years 0 months to 13 years 4 months)" in text
    assert "CHECK IMAGE: the film looks inverted" in text
    assert "Chronological age: 10 years 0 months (120.0 months)" in text
    assert "cannot tell normal from advanced" in text
    assert "Exam date: 2025-03-10 (entered)" in text


def test_summary_without_interval_says_so(image_file):
    case = Case()
    case.load_image(image_file)
    case.set_sex("female")
    _predicted(case, _result())
    assert "90 % interval: not available for this model" in case.summary()
    assert "CHECK IMAGE" not in case.summary()


def test_summary_in_french(image_file):
    from app.wording import Wording

    french = {"{0} years": "{0} ans", "{0} months": "{0} mois", "Bone age": "Âge osseux"}
    wording = Wording(lambda _c, t: french.get(t, t), lambda v, d: f"{v:.{d}f}".replace(".", ","),
                      "dd/MM/yyyy")
    case = Case()
    case.load_image(image_file)
    case.set_sex("female")
    _predicted(case, _result(136.0))
    assert "Âge osseux: 11 ans 4 mois (136,0 mois)" in case.summary(wording)
