"""The window, driven like a user would (pytest-qt, offscreen, no network)."""

from __future__ import annotations

import unicodedata

import cv2
import numpy as np
import pytest

pytest.importorskip("PyQt5", reason="PyQt5 is not installed")
pytest.importorskip("pytestqt", reason="pytest-qt is not installed")

from PyQt5.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QTimer, QUrl
from PyQt5.QtGui import QDropEvent
from PyQt5.QtWidgets import QApplication, QMessageBox

from app.qt.controller import Controller
from app.qt.main_window import MainWindow
from app.service import PredictorService
from model.bundle import DEFAULT_BUNDLE_DIR
from tests.conftest import synthetic_radiograph


@pytest.fixture()
def images(tmp_path):
    good = tmp_path / "hand.png"
    cv2.imwrite(str(good), synthetic_radiograph(260, 200))
    other = tmp_path / "other.jpg"
    cv2.imwrite(str(other), synthetic_radiograph(200, 160, seed=3))
    return good, other


@pytest.fixture()
def app_window(qtbot, tmp_path):
    if not (DEFAULT_BUNDLE_DIR / "bundle.json").exists():
        pytest.skip("the bundled model is not in resources/model")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    window = MainWindow()
    qtbot.addWidget(window)
    controller = Controller(window, PredictorService(), settings)
    window.show()
    assert controller.load_model(show_dialog=False)
    return window, controller


def _choose(qtbot, radio):
    """Click on the radio button's label, where a user clicks (its centre may be empty)."""
    qtbot.mouseClick(radio, Qt.LeftButton, pos=QPoint(8, radio.height() // 2))
    assert radio.isChecked()


def _type_date(qtbot, field, text):
    """Type a date in full, as a user does (not through the calendar)."""
    field.edit.clear()
    qtbot.keyClicks(field.edit, text)


def _predict_and_wait(qtbot, window, controller):
    with qtbot.waitSignal(controller.result_shown, timeout=10000) as blocker:
        qtbot.mouseClick(window.predict_button, Qt.LeftButton)
    return blocker.args[0]


def test_open_choose_sex_predict_shows_result(qtbot, app_window, images):
    window, controller = app_window
    assert not window.predict_button.isEnabled()
    assert window.hint.text() == "Open a radiograph and choose the sex."
    assert controller.open_path(str(images[0]))
    assert not window.predict_button.isEnabled() and window.hint.text() == "Choose the sex."
    _choose(qtbot, window.female)
    assert window.predict_button.isEnabled()
    result = _predict_and_wait(qtbot, window, controller)
    assert window.result_panel.age.text() == result.years_months
    assert window.result_panel.months.text() == f"{result.bone_age_months:.1f} months"
    assert "boneage" in window.result_panel.model.text()
    # The same number as the command-line predictor on the same file.
    expected = PredictorService().predictor.predict_file(images[0], "female")
    assert result.bone_age_months == pytest.approx(expected.bone_age_months, abs=0.01)
    window.result_panel.copy.click()
    assert "hand.png" in QApplication.clipboard().text()


def test_changing_inputs_clears_result(qtbot, app_window, images):
    window, controller = app_window
    controller.open_path(str(images[0]))
    _choose(qtbot, window.male)
    _predict_and_wait(qtbot, window, controller)
    assert window.result_panel.age.text() != "–"
    _choose(qtbot, window.female)
    assert window.result_panel.age.text() == "–"
    _predict_and_wait(qtbot, window, controller)
    controller.open_path(str(images[1]))
    assert window.result_panel.age.text() == "–" and not window.result_panel.copy.isEnabled()


def _drop(window, path):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(50, 50), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    window.dropEvent(event)


def test_drag_and_drop_then_predict(qtbot, app_window, images):
    window, controller = app_window
    _drop(window, images[1])
    assert controller.case.image is not None and controller.case.image.path == images[1]
    assert "other.jpg" in window.image_info.text()
    _choose(qtbot, window.male)
    result = _predict_and_wait(qtbot, window, controller)
    assert window.result_panel.age.text() == result.years_months


@pytest.mark.parametrize("kind", ["empty", "text", "truncated", "huge", "folder", "missing"])
def test_bad_input_shows_message_and_app_stays_usable(qtbot, app_window, images, tmp_path, kind):
    window, controller = app_window
    controller.open_path(str(images[0]))
    _choose(qtbot, window.female)
    _predict_and_wait(qtbot, window, controller)
    shown = window.result_panel.age.text()
    bad = tmp_path / f"bad_{kind}.png"
    if kind == "empty":
        bad.write_bytes(b"")
    elif kind == "text":
        bad.write_text("this is a letter, not a radiograph")
    elif kind == "truncated":
        _, buf = cv2.imencode(".png", synthetic_radiograph())
        bad.write_bytes(buf.tobytes()[:200])
    elif kind == "huge":
        import struct
        import zlib
        ihdr = b"IHDR" + struct.pack(">IIBBBBB", 30000, 30000, 8, 0, 0, 0, 0)
        bad.write_bytes(b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + ihdr
                        + struct.pack(">I", zlib.crc32(ihdr)))
    elif kind == "folder":
        bad = tmp_path / "a_folder"
        bad.mkdir()
    _drop(window, bad) if kind == "folder" else controller.open_path(str(bad))
    assert bad.name in window.error.text()
    # The previous case is intact: same image, same result, still predictable.
    assert controller.case.image.path == images[0]
    assert window.result_panel.age.text() == shown
    assert window.predict_button.isEnabled()
    controller.open_path(str(images[1]))
    assert window.error.text() == ""
    _choose(qtbot, window.female)  # a new film is a new patient: the sex is chosen again
    _predict_and_wait(qtbot, window, controller)


def test_gui_thread_keeps_running_during_prediction(qtbot, app_window, images, monkeypatch):
    window, controller = app_window
    controller.open_path(str(images[0]))
    _choose(qtbot, window.female)
    service = controller.service
    real_predict = service.predict_with_spread

    def slow_predict(image, sex):
        import time

        time.sleep(0.5)  # a slow machine
        return real_predict(image, sex)

    monkeypatch.setattr(service, "predict_with_spread", slow_predict)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    with qtbot.waitSignal(controller.result_shown, timeout=10000):
        qtbot.mouseClick(window.predict_button, Qt.LeftButton)
        assert window.busy.isVisibleTo(window) and not window.predict_button.isEnabled()
    timer.stop()
    assert len(ticks) >= 10  # the event loop kept turning while the worker ran
    assert not window.busy.isVisibleTo(window)


def test_network_view_toggle_shows_model_input(qtbot, app_window, images):
    window, controller = app_window
    controller.open_path(str(images[0]))
    pixmap = window.image_view._item.pixmap()
    assert (pixmap.width(), pixmap.height()) == (200, 260)
    window.network_toggle.setChecked(True)
    size = controller.service.predictor.config.input_size
    pixmap = window.image_view._item.pixmap()
    assert (pixmap.width(), pixmap.height()) == (size, size)


def test_last_folder_is_remembered(app_window, images):
    _, controller = app_window
    controller.open_path(str(images[0]))
    assert controller.settings.value("last_folder") == str(images[0].parent)


def test_missing_model_gives_clear_error(qtbot, tmp_path, monkeypatch):
    window = MainWindow()
    qtbot.addWidget(window)
    controller = Controller(window, PredictorService(tmp_path / "no_model"),
                            QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: shown.append(a[2]))
    assert not controller.load_model()
    assert shown and "No model bundle" in shown[0]
    img = tmp_path / "hand.png"
    cv2.imwrite(str(img), synthetic_radiograph())
    controller.open_path(str(img))
    window.female.setChecked(True)
    assert not window.predict_button.isEnabled()
    assert "model could not be loaded" in window.hint.text()
    assert np.isfinite(controller.case.image.pixels.mean())
    assert not controller.run_batch(str(tmp_path), str(tmp_path / "s.csv"), str(tmp_path / "o"))
    assert "model could not be loaded" in window.error.text()


def test_dates_show_chronological_age_and_sds(qtbot, app_window, images):
    window, controller = app_window
    controller.open_path(str(images[0]))
    _choose(qtbot, window.male)
    _predict_and_wait(qtbot, window, controller)
    assert "date of birth (YYYY-MM-DD)" in window.result_panel.comparison.text()
    assert window.result_panel.range.text().startswith("Stability check: small rotations")
    assert "not the precision" in window.result_panel.range.text()
    _type_date(qtbot, window.exam_date, "2025-03-10")
    _type_date(qtbot, window.birth_date, "2015-03-10")
    text = window.result_panel.comparison.text()
    assert "Chronological age: 10 years 0 months (120.0 months)" in text
    assert "SDS" in text and "Greulich & Pyle" in text
    assert controller.case.result is not None  # dates never clear the bone age
    _type_date(qtbot, window.birth_date, "2025-06-01")
    assert "before the date of birth" in window.result_panel.comparison.text()


def test_dicom_prefills_sex_and_dates(qtbot, app_window, tmp_path):
    pytest.importorskip("pydicom")
    from tests.test_dicom_io import make_dicom

    window, controller = app_window
    path = make_dicom(tmp_path / "hand.dcm", synthetic_radiograph(260, 200))
    assert controller.open_path(str(path))
    assert window.female.isChecked()
    assert window.birth_date.edit.text() == "2015-03-10"
    assert window.exam_date.edit.text() == "2025-04-12"
    assert window.exam_source.text() == "from the DICOM StudyDate"
    assert window.patient_name.text() == "Martin, Chloé Anne"
    assert window.patient_id.text() == "P-0042"
    assert window.predict_button.isEnabled()
    _choose(qtbot, window.male)  # the user can still change it
    assert controller.case.sex == "male"


def test_heatmap_overlay_in_worker(qtbot, app_window, images):
    window, controller = app_window
    controller.open_path(str(images[0]))
    assert not window.heatmap_toggle.isEnabled()
    _choose(qtbot, window.female)
    _predict_and_wait(qtbot, window, controller)
    with qtbot.waitSignal(controller.heatmap_shown, timeout=20000):
        window.heatmap_toggle.setChecked(True)
    image = window.image_view._item.pixmap().toImage()
    assert (image.width(), image.height()) == (200, 260)
    assert not image.isGrayscale()
    _choose(qtbot, window.male)  # new inputs: the old map is not shown over the new case
    assert window.image_view._item.pixmap().toImage().isGrayscale()


def test_growth_chart_follows_the_case(qtbot, app_window, images):
    window, controller = app_window
    assert controller._chart is None
    controller.open_path(str(images[0]))
    _choose(qtbot, window.female)
    chart = controller._chart
    assert chart is not None and "girls" in chart.figure.axes[0].get_title()
    _predict_and_wait(qtbot, window, controller)
    _type_date(qtbot, window.exam_date, "2025-03-10")
    _type_date(qtbot, window.birth_date, "2015-03-10")
    labels = [line.get_label() for line in controller._chart.figure.axes[0].lines]
    assert "patient" in labels
    _choose(qtbot, window.male)
    assert "boys" in controller._chart.figure.axes[0].get_title()


def test_pdf_report_reads_back(qtbot, app_window, images, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    window, controller = app_window
    controller.open_path(str(images[0]))
    assert not window.report_action.isEnabled()
    window.patient_name.setText("Test Child")
    window.patient_id.setText("ID-42")
    _type_date(qtbot, window.exam_date, "2025-03-10")
    _type_date(qtbot, window.birth_date, "2015-03-10")
    _choose(qtbot, window.male)
    result = _predict_and_wait(qtbot, window, controller)
    assert window.report_action.isEnabled()
    path = controller.export_report(str(tmp_path / "report.pdf"))
    reader = pypdf.PdfReader(str(path))
    assert len(reader.pages) == 1
    # NFKC undoes the typographic ligatures the PDF's text layer keeps ("ﬃ" in "efficientnet").
    text = unicodedata.normalize("NFKC", " ".join(reader.pages[0].extract_text().split()))
    for expected in ("Bone age report", "Test Child", "ID-42", "2015-03-10", "2025-03-10",
                     result.years_months, f"{result.bone_age_months:.1f} months",
                     "10 years 0 months (120.0 months)", "SDS (Greulich & Pyle)", "Gaskin",
                     "RSNA", "Not a medical device", result.model_label, "90 % interval",
                     "Stability check", "Interpretation (reader)",
                     "Name, signature and date", "The radiograph as read"):
        assert expected in text, expected
    # The synthetic film may or may not be flagged; either way the report says which.
    assert ("CHECK IMAGE" if result.check_image else "Check image") in text


def _batch_folder(tmp_path, n):
    folder = tmp_path / "films"
    folder.mkdir()
    lines = ["file,sex"]
    for i in range(n):
        cv2.imwrite(str(folder / f"{i:03d}.png"), synthetic_radiograph(seed=i))
        lines.append(f"{i:03d}.png,{'male' if i % 2 else 'female'}")
    (tmp_path / "sexes.csv").write_text("\n".join(lines) + "\n")
    return folder, tmp_path / "sexes.csv"


def test_batch_dialog_runs_in_worker(qtbot, app_window, tmp_path):
    import csv

    window, controller = app_window
    folder, sexes = _batch_folder(tmp_path, 4)
    out = tmp_path / "out.csv"
    assert "batch finished" not in window.statusBar().currentMessage().lower()
    with qtbot.waitSignal(controller.batch_finished, timeout=30000) as blocker:
        assert controller.run_batch(str(folder), str(sexes), str(out))
    assert blocker.args == [4, 0, False]
    lines = out.read_text().splitlines()
    rows = list(csv.DictReader(lines[:-1]))
    assert [r["file"] for r in rows] == ["000.png", "001.png", "002.png", "003.png"]
    assert lines[-1] == "# 4 of 4 rows done: 4 answered; 0 with an error"
    assert all(float(r["bone_age_months"]) > 0 for r in rows)
    assert "Batch finished: 4 of 4 rows" in window.statusBar().currentMessage()


def test_batch_can_be_cancelled(qtbot, app_window, tmp_path, monkeypatch):
    import time

    window, controller = app_window
    assert window.batch_action.isEnabled()
    folder, sexes = _batch_folder(tmp_path, 30)
    import app.batch as batch

    real = batch.predict_item
    monkeypatch.setattr(batch, "predict_item",
                        lambda p, item, wording: (time.sleep(0.05), real(p, item, wording))[1])
    with qtbot.waitSignal(controller.batch_finished, timeout=30000) as blocker:
        controller.run_batch(str(folder), str(sexes), str(tmp_path / "out.csv"))
        qtbot.waitUntil(lambda: controller.batch_dialog.value() >= 1, timeout=20000)
        from PyQt5.QtWidgets import QPushButton

        qtbot.mouseClick(controller.batch_dialog.findChild(QPushButton), Qt.LeftButton)
    done, failed, cancelled = blocker.args
    assert cancelled and 0 < done < 30 and failed == 0
    assert window.isVisible()


def _calibrated_copy(folder):
    """The bundled model with a recalibration line: a different model with known numbers."""
    import shutil

    from model.bundle import load_bundle, write_bundle
    from model.recalibration import SexCalibration

    shutil.copytree(DEFAULT_BUNDLE_DIR, folder)
    base = load_bundle(folder)
    site = SexCalibration(female=(1.0, 12.0), male=(1.0, 12.0))
    stored = base.metadata.get("calibration")
    line = SexCalibration.from_dict(stored).then(site) if stored else site
    write_bundle(folder, "site-adapted", "9", base.architecture, base.preprocessing,
                 {"calibration": line.to_dict()})
    return folder


def test_open_model_switches_and_repredicts(qtbot, app_window, images, tmp_path, monkeypatch):
    window, controller = app_window
    controller.open_path(str(images[0]))
    _choose(qtbot, window.female)
    before = _predict_and_wait(qtbot, window, controller)
    other = _calibrated_copy(tmp_path / "site_model")
    with qtbot.waitSignal(controller.result_shown, timeout=10000) as blocker:
        assert controller.open_model(str(other))
    after = blocker.args[0]
    assert after.bone_age_months == pytest.approx(before.bone_age_months + 12.0, abs=0.01)
    assert "site-adapted 9" in window.result_panel.model.text()
    assert controller.settings.value("model_dir") == str(other)
    # A folder that is not a model: a dialog, and the model in use stays.
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
    assert not controller.open_model(str(tmp_path))
    assert warned and "No model bundle" in warned[0]
    assert controller.service.predictor.bundle.name == "site-adapted"
    assert window.result_panel.age.text() == after.years_months
    # Back to the bundled model.
    with qtbot.waitSignal(controller.result_shown, timeout=10000) as blocker:
        assert controller.open_model(None)
    assert blocker.args[0].bone_age_months == pytest.approx(before.bone_age_months, abs=0.01)
    assert controller.settings.value("model_dir") is None


def test_model_opened_last_time_is_used_or_reported(qtbot, tmp_path):
    import shutil

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)
    other = _calibrated_copy(tmp_path / "site_model")
    settings.setValue("model_dir", str(other))
    window = MainWindow()
    qtbot.addWidget(window)
    controller = Controller(window, PredictorService(), settings)
    assert controller.load_model(show_dialog=False)
    assert controller.service.predictor.bundle.name == "site-adapted"
    shutil.rmtree(other)
    window2 = MainWindow()
    qtbot.addWidget(window2)
    controller2 = Controller(window2, PredictorService(), settings)
    assert controller2.load_model(show_dialog=False)
    assert controller2.service.predictor.bundle.name != "site-adapted"
    assert "cannot be loaded" in window2.statusBar().currentMessage()
    assert settings.value("model_dir") is None


# -- issue 11: one patient per film, an honest interval, a batch that never dies, the form ------

def test_a_new_film_clears_the_previous_patient(qtbot, app_window, images):
    window, controller = app_window
    controller.open_path(str(images[0]))
    window.patient_name.setText("Previous Girl")
    window.patient_id.setText("ID-1")
    _type_date(qtbot, window.birth_date, "2015-03-10")
    _choose(qtbot, window.female)
    _predict_and_wait(qtbot, window, controller)
    _drop(window, images[1])  # the next child's film
    assert controller.case.image.path == images[1]
    assert not window.female.isChecked() and not window.male.isChecked()
    assert window.patient_name.text() == "" and window.patient_id.text() == ""
    assert window.birth_date.edit.text() == "" and controller.case.birth_date is None
    assert window.exam_source.text() == "today, no exam date given"
    assert not window.predict_button.isEnabled() and window.hint.text() == "Choose the sex."
    assert window.result_panel.age.text() == "–"
    _choose(qtbot, window.male)
    result = _predict_and_wait(qtbot, window, controller)
    assert result.sex == "male"


def test_file_new_patient_empties_the_window(qtbot, app_window, images):
    window, controller = app_window
    controller.open_path(str(images[0]))
    window.patient_name.setText("Someone")
    _choose(qtbot, window.male)
    _predict_and_wait(qtbot, window, controller)
    window.new_patient_action.trigger()
    assert controller.case.image is None and not window.image_view.has_image()
    assert window.patient_name.text() == "" and not window.male.isChecked()
    assert window.result_panel.age.text() == "–" and not window.copy_action.isEnabled()
    assert window.hint.text() == "Open a radiograph and choose the sex."


def test_a_worker_error_keeps_the_app_up(qtbot, app_window, images, monkeypatch):
    window, controller = app_window
    controller.open_path(str(images[0]))
    _choose(qtbot, window.female)
    service = controller.service
    real = service.predict_with_spread

    def broken(image, sex):
        raise KeyError("F")  # what the reference comparison raised in the bug report

    monkeypatch.setattr(service, "predict_with_spread", broken)
    with qtbot.waitSignal(controller.prediction_failed, timeout=10000):
        qtbot.mouseClick(window.predict_button, Qt.LeftButton)
    assert window.isVisible() and "KeyError" in window.error.text()
    assert "the case is kept" in window.error.text()
    assert controller.case.image.path == images[0] and window.predict_button.isEnabled()
    monkeypatch.setattr(service, "predict_with_spread", real)
    assert _predict_and_wait(qtbot, window, controller).sex == "female"


def test_an_escaped_exception_is_said_not_fatal(qtbot, tmp_path, monkeypatch):
    from app.qt.application import BoneAgeApp

    if not (DEFAULT_BUNDLE_DIR / "bundle.json").exists():
        pytest.skip("the bundled model is not in resources/model")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    app = BoneAgeApp(PredictorService(), settings)
    qtbot.addWidget(app.window)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    try:
        raise ValueError("boom")
    except ValueError as exc:
        app.report_unexpected(ValueError, exc, exc.__traceback__)
    assert shown and "ValueError: boom" in shown[0]
    assert "ValueError: boom" in app.window.error.text()


def _flagged(months=140.0, low=120.0, high=160.0):
    from model.predictor import Prediction

    return Prediction(months, "male", "boneage-test 1", low, high, True,
                      "this does not look like a hand radiograph")


def test_interval_and_flag_reach_window_copy_and_report(qtbot, app_window, images, tmp_path,
                                                       monkeypatch):
    pypdf = pytest.importorskip("pypdf")
    window, controller = app_window
    service = controller.service
    real = service.predict_with_spread
    monkeypatch.setattr(service, "predict_with_spread",
                        lambda image, sex: (_flagged(), real(image, sex)[1]))
    controller.open_path(str(images[0]))
    _type_date(qtbot, window.exam_date, "2025-03-10")
    _type_date(qtbot, window.birth_date, "2015-03-10")  # 120 months: +2 SD at 145.3 months
    _choose(qtbot, window.male)
    _predict_and_wait(qtbot, window, controller)
    panel = window.result_panel
    assert panel.interval.text() == ("90 % interval: 120–160 months (10 years 0 months to "
                                     "13 years 4 months)")
    assert panel.check.text() == "Check image: this does not look like a hand radiograph"
    assert "cannot tell normal from advanced" in panel.comparison.text()
    window.result_panel.copy.click()
    copied = QApplication.clipboard().text()
    assert "CHECK IMAGE: this does not look like a hand radiograph" in copied
    assert "90 % interval: 120–160 months" in copied
    path = controller.export_report(str(tmp_path / "report.pdf"))
    text = " ".join(pypdf.PdfReader(str(path)).pages[0].extract_text().split())
    for expected in ("CHECK IMAGE", "this does not look like a hand radiograph",
                     "120–160 months", "cannot tell normal from advanced",
                     "10 years 0 months (120.0 months)"):
        assert expected in text, expected


def test_typed_dates_future_exam_and_words_for_outside_the_reference(qtbot, app_window, images):
    from datetime import date, timedelta

    window, controller = app_window
    controller.open_path(str(images[0]))
    _choose(qtbot, window.female)
    _predict_and_wait(qtbot, window, controller)
    _type_date(qtbot, window.birth_date, "2015-07-")  # not finished yet
    assert "cannot be read" in window.result_panel.comparison.text()
    assert "YYYY-MM-DD" in window.result_panel.comparison.text()
    qtbot.keyClicks(window.birth_date.edit, "20")
    assert controller.case.birth_date == date(2015, 7, 20)  # the whole date, year included
    future = (date.today() + timedelta(days=30)).isoformat()
    _type_date(qtbot, window.exam_date, future)
    assert window.result_panel.comparison.text() == "The exam date is in the future."
    assert controller.case.chronological_months is None
    _type_date(qtbot, window.exam_date, "2035-01-01")
    assert "future" in window.result_panel.comparison.text()
    _type_date(qtbot, window.exam_date, "2025-03-10")
    _type_date(qtbot, window.birth_date, "2025-01-10")  # two months old: below the table
    text = window.result_panel.comparison.text()
    assert "outside the reference" in text and "no SDS" in text
    window.birth_date.edit.clear()
    assert "Enter the date of birth" in window.result_panel.comparison.text()


def test_enter_predicts(qtbot, app_window, images):
    window, controller = app_window
    controller.open_path(str(images[0]))
    _choose(qtbot, window.male)
    window.patient_name.setFocus()
    with qtbot.waitSignal(controller.result_shown, timeout=10000):
        qtbot.keyClick(window.patient_name, Qt.Key_Return)
    assert controller.case.result is not None


def test_notice_and_chart_labels_stay_in_view(qtbot, app_window, images):
    window, controller = app_window
    window.resize(1150, 860)
    controller.open_path(str(images[0]))
    _type_date(qtbot, window.exam_date, "2025-03-10")
    _type_date(qtbot, window.birth_date, "2015-03-10")
    _choose(qtbot, window.female)
    _predict_and_wait(qtbot, window, controller)
    qtbot.wait(50)
    notice = window.notice
    assert notice.isVisible() and "Not a medical device" in notice.text()
    top_left = notice.mapTo(window, QPoint(0, 0))
    assert top_left.y() >= 0 and top_left.y() + notice.height() <= window.height()
    canvas = controller._chart
    canvas.draw()
    renderer = canvas.figure.canvas.get_renderer()
    width, height = canvas.figure.bbox.width, canvas.figure.bbox.height
    ax = canvas.figure.axes[0]
    for text in (ax.xaxis.label, ax.yaxis.label, ax.title):
        box = text.get_window_extent(renderer)
        assert box.x0 >= 0 and box.y0 >= 0 and box.x1 <= width and box.y1 <= height, \
            text.get_text()


def test_batch_with_bad_rows_finishes_and_says_so(qtbot, app_window, tmp_path):
    import csv

    window, controller = app_window
    folder = tmp_path / "films"
    folder.mkdir()
    for name in ("a.png", "b.png", "c.png"):
        cv2.imwrite(str(folder / name), synthetic_radiograph(seed=len(name)))
    sexes = tmp_path / "sexes.csv"
    sexes.write_text("file,sex,birth_date,exam_date\na.png,F,2015-03-10,2025-03-10\n"
                     "b.png,m,20/07/2015,\nmissing.png,F,,\nc.png,girl,,\n")
    out = tmp_path / "out.csv"
    with qtbot.waitSignal(controller.batch_finished, timeout=30000) as blocker:
        assert controller.run_batch(str(folder), str(sexes), str(out))
    assert blocker.args == [4, 3, False]
    lines = out.read_text().splitlines()
    rows = list(csv.DictReader(lines[:-1]))
    assert [r["file"] for r in rows] == ["a.png", "b.png", "missing.png", "c.png"]
    assert rows[0]["error"] == "" and rows[0]["sds"]
    assert lines[-1] == "# 4 of 4 rows done: 1 answered; 3 with an error"
    assert window.isVisible() and "3 with an error" in window.error.text()


def test_a_batch_that_cannot_write_is_said(qtbot, app_window, tmp_path, monkeypatch):
    window, controller = app_window
    folder, sexes = _batch_folder(tmp_path, 2)
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
    with qtbot.waitSignal(controller.batch_finished, timeout=30000):
        controller.run_batch(str(folder), str(sexes), str(tmp_path / "no_such_dir" / "o.csv"))
    assert warned and "The batch stopped" in warned[0] and window.isVisible()


def test_calendar_still_picks_a_date_and_never_a_future_one(qtbot, app_window, images):
    from datetime import date

    from PyQt5.QtCore import QDate

    window, controller = app_window
    controller.open_path(str(images[0]))
    field = window.birth_date
    assert field.calendar.maximumDate() == QDate.currentDate()
    field.calendar.clicked.emit(QDate(2015, 3, 10))
    assert field.edit.text() == "2015-03-10" and controller.case.birth_date == date(2015, 3, 10)
    field.edit.setText("10/03/2015")  # not the English form: said, not guessed
    assert controller.case.birth_date is None
    assert "“10/03/2015” is not a date written YYYY-MM-DD" in \
        window.result_panel.comparison.text()
