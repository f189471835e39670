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
    from PyQt5.QtCore import QDate

    w.exam_date.setDate(QDate(2025, 3, 10))
    assert w.exam_date.text() == "10/03/2025"  # French date order
    bad = tmp_path / "vide.png"
    bad.write_bytes(b"")
    app.controller.open_path(str(bad))
    assert w.error.text() == "Impossible de lire « vide.png » : le fichier est vide"

    again = BoneAgeApp(PredictorService(), app.settings)  # next start: still French
    qtbot.addWidget(again.window)
    assert again.language == "fr" and again.window.predict_button.text() == "Estimer"
