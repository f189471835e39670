"""Render the window with a real result and save it (docs/screenshot.png), offscreen.

Uses a full-resolution RSNA sample from ../shared when present, else a synthetic image.
Usage: QT_QPA_PLATFORM=offscreen python scripts/screenshot.py [IMAGE] [--sex female|male]
       [--birth YYYY-MM-DD --exam YYYY-MM-DD] (typed into the form, as a user does)
docs/screenshot.png is made under Xvfb (DISPLAY=:99 QT_QPA_PLATFORM=xcb), which renders as a
desktop does; the offscreen platform uses larger fonts, and its grab of a chart half scrolled
out of view can show the chart shifted.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PyQt5.QtCore import QEventLoop, QTimer
from PyQt5.QtWidgets import QApplication

from app.qt.controller import Controller
from app.qt.main_window import MainWindow
from app.service import PredictorService

REPO = Path(__file__).resolve().parent.parent
DEFAULT_IMAGE = REPO.parent / "shared/data/rsna-fullres-samples/images/1437.png"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("image", nargs="?", default=str(DEFAULT_IMAGE))
    parser.add_argument("--sex", default="female", choices=("female", "male"))
    parser.add_argument("--birth", default="2014-01-10", help="date of birth ('' for none)")
    parser.add_argument("--exam", default="2025-03-10")
    parser.add_argument("--out", default=str(REPO / "docs" / "screenshot.png"))
    args = parser.parse_args()
    app = QApplication(sys.argv)
    window = MainWindow()
    controller = Controller(window, PredictorService())
    window.resize(1150, 860)
    window.show()
    if not controller.load_model(show_dialog=False) or not controller.open_path(args.image):
        print(controller.model_error or controller.case.error, file=sys.stderr)
        return 1
    window.exam_date.edit.setText(args.exam)
    window.birth_date.edit.setText(args.birth)
    for field in (window.exam_date, window.birth_date):
        field.edit.editingFinished.emit()
    (window.female if args.sex == "female" else window.male).setChecked(True)
    loop = QEventLoop()
    controller.result_shown.connect(lambda _r: loop.quit())
    controller.prediction_failed.connect(lambda _m: loop.quit())
    QTimer.singleShot(15000, loop.quit)
    controller.predict()
    loop.exec_()
    settle = QEventLoop()  # let the layout place the redrawn chart before the grab
    QTimer.singleShot(500, settle.quit)
    settle.exec_()
    app.processEvents()
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(args.out)
    panel = window.result_panel
    print(f"{args.out}: {panel.age.text()} ({panel.months.text()}); {panel.interval.text()}; "
          f"{panel.check.text() or 'not flagged'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
