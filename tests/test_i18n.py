"""English and French: every visible string is translated, and the language switches live."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import cv2
import pytest

pytest.importorskip("PyQt5", reason="PyQt5 is not installed")

from PyQt5.QtCore import QSettings

from tests.conftest import REPO, synthetic_radiograph

TS = REPO / "resources" / "translations" / "boneage_fr.ts"


def _sources(ts_text: str) -> set[str]:
    return set(re.findall(r"<source>(.*?)</source>", ts_text, re.S))


def test_every_marked_string_has_a_french_translation(tmp_path):
    text = TS.read_text()
    assert 'type="unfinished"' not in text and "<translation></translation>" not in text
    pylupdate = shutil.which("pylupdate5") or str(Path(sys.executable).parent / "pylupdate5")
    if not Path(pylupdate).exists():
        pytest.skip("pylupdate5 (from PyQt5) is not on this machine")
    fresh = tmp_path / "fresh.ts"
    files = sorted(str(p) for p in [*REPO.glob("app/**/*.py"), *REPO.glob("model/**/*.py")])
    subprocess.run([pylupdate, "-noobsolete", *files, "-ts", str(fresh)], check=True,
                   capture_output=True)
    missing = _sources(fresh.read_text()) - _sources(text)
    assert not missing, f"run scripts/update_translations.sh: {sorted(missing)[:5]}"
    qm = TS.with_suffix(".qm")
    assert qm.exists() and qm.stat().st_mtime >= TS.stat().st_mtime - 1


@pytest.fixture()
def boneage_app(qtbot, tmp_path):
    from model.bundle import DEFAULT_BUNDLE_DIR

    if not (DEFAULT_BUNDLE_DIR / "bundle.json").exists():
        pytest.skip("the bundled model is not in resources/model")
    from app.qt.application import BoneAgeApp
    from app.service import PredictorService

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    app = BoneAgeApp(PredictorService(), settings)
    qtbot.addWidget(app.window)
    app.window.show()
    assert app.controller.load_model(show_dialog=False)
    yield app
    app.set_language("en")


def test_switch_to_french_keeps_the_case_and_is_remembered(qtbot, boneage_app, tmp_path):
    from app.qt.application import BoneAgeApp
    from app.service import PredictorService

    app = boneage_app
    image = tmp_path / "hand.png"
    cv2.imwrite(str(image), synthetic_radiograph(260, 200))
    app.controller.open_path(str(image))
    app.window.male.setChecked(True)
    with qtbot.waitSignal(app.controller.result_shown, timeout=10000) as blocker:
        app.window.predict_button.click()
    months = blocker.args[0].bone_age_months
    assert app.window.predict_button.text() == "Predict"

    app.language_action = app.window.language_actions["fr"]
    app.language_action.trigger()
    w = app.window
    assert w.predict_button.text() == "Estimer"
    assert w.male.text() == "Garçon" and w.male.isChecked()
    assert app.controller.case.result is not None  # the case survived the switch
    expected = f"{months:.1f}".replace(".", ",") + " mois"
    assert w.result_panel.months.text() == expected  # French decimal comma
    assert " ans " in w.result_panel.age.text() or " an " in w.result_panel.age.text()
    assert "date de naissance" in w.result_panel.comparison.text()
    w.exam_date.edit.setText("2025-03-10")  # ISO is read in every language...
    w.exam_date.edit.editingFinished.emit()
    assert w.exam_date.edit.text() == "10/03/2025"  # ...and shown in French date order
    w.birth_date.edit.setText("10/03/2015")
    assert "Âge chronologique : 10 ans 0 mois (120,0 mois)" in w.result_panel.comparison.text()
    bad = tmp_path / "vide.png"
    bad.write_bytes(b"")
    app.controller.open_path(str(bad))
    assert w.error.text() == "Impossible de lire « vide.png » : le fichier est vide"

    again = BoneAgeApp(PredictorService(), app.settings)  # next start: still French
    qtbot.addWidget(again.window)
    assert again.language == "fr" and again.window.predict_button.text() == "Estimer"
    again._install("en")  # its translators would otherwise outlive the test


def test_french_reaches_chart_report_batch_and_about(qtbot, tmp_path, monkeypatch):
    import csv

    from PyQt5.QtWidgets import QMessageBox

    from app.qt.application import BoneAgeApp
    from app.service import PredictorService
    from model.bundle import DEFAULT_BUNDLE_DIR
    from model.predictor import Prediction

    pypdf = pytest.importorskip("pypdf")
    if not (DEFAULT_BUNDLE_DIR / "bundle.json").exists():
        pytest.skip("the bundled model is not in resources/model")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    settings.setValue("language", "fr")  # chosen in an earlier session
    app = BoneAgeApp(PredictorService(), settings)
    qtbot.addWidget(app.window)
    app.window.show()
    assert app.controller.load_model(show_dialog=False)
    w, controller = app.window, app.controller
    service = controller.service
    real = service.predict_with_spread
    flagged = Prediction(140.0, "male", "boneage-test 1", 120.0, 160.0, True,
                         "the estimate is unusually unstable under small rotations "
                         "(positioning, exposure, or not a left hand?)")
    monkeypatch.setattr(service, "predict_with_spread",
                        lambda image, sex: (flagged, real(image, sex)[1]))
    import app.batch as batch_module

    monkeypatch.setattr(batch_module, "predict_with_stability",
                        lambda _p, image, sex: (flagged, real(image, sex)[1]))
    image = tmp_path / "main.png"
    cv2.imwrite(str(image), synthetic_radiograph(260, 200))
    controller.open_path(str(image))
    w.exam_date.edit.setText("10/03/2025")
    w.birth_date.edit.setText("10/03/2015")
    w.male.setChecked(True)
    with qtbot.waitSignal(controller.result_shown, timeout=10000):
        w.predict_button.click()
    ax = controller._chart.figure.axes[0]
    assert ax.get_title() == "Référence Greulich & Pyle / Brush, garçons"
    assert ax.get_xlabel() == "Âge chronologique (ans)"
    assert w.result_panel.interval.text().startswith("Intervalle à 90 % : 120–160 mois")
    assert w.result_panel.check.text().startswith("Vérifiez l’image : l’estimation est")
    assert "impossible de trancher entre normal et avancé" in w.result_panel.comparison.text()
    text = " ".join(pypdf.PdfReader(str(controller.export_report(str(tmp_path / "cr.pdf"))))
                    .pages[0].extract_text().split())
    for expected in ("Compte rendu d’âge osseux", "11 ans 8 mois (140,0 mois)",
                     "Intervalle à 90 %", "VÉRIFIEZ L’IMAGE", "10 ans 0 mois (120,0 mois)",
                     "Interprétation (lecteur)", "10/03/2015"):
        assert expected in text, expected
    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda *a: shown.append(a[2]))
    controller.show_about()
    assert "Entraîné sur les données du RSNA" in shown[0]
    folder = tmp_path / "clichés"
    folder.mkdir()
    cv2.imwrite(str(folder / "a.png"), synthetic_radiograph())
    sexes = tmp_path / "sexes.csv"
    sexes.write_text("file,sex,birth_date\na.png,F,20/07/2015\nb.png,F,2015-07-20\n")
    out = tmp_path / "résultats.csv"
    with qtbot.waitSignal(controller.batch_finished, timeout=30000):
        controller.run_batch(str(folder), str(sexes), str(out))
        assert controller.batch_dialog.labelText() == "Estimation des âges osseux..."
    lines = out.read_text(encoding="utf-8").splitlines()
    a, b = list(csv.DictReader(lines[:-1], delimiter=";"))
    assert a["check_image"] == "oui" and a["bone_age"] == "11 ans 8 mois"
    assert a["bone_age_months"] == "140,0" and a["exam_date_source"].startswith("aujourd’hui")
    assert "n’existe pas" in b["error"] or "b.png" in b["error"]
    assert lines[-1].startswith("# 2 lignes traitées sur 2")
    app._install("en")  # the next tests run in English
    from PyQt5.QtCore import QLocale

    assert QLocale().decimalPoint() == "."
