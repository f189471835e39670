"""The running application: translations, the chosen language, and the window it rebuilds
when the language changes (the case being read is kept across the switch)."""

from __future__ import annotations

import os
import sys
import time
import traceback
from types import TracebackType

from PyQt5.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QtFatalMsg,
    QTimer,
    QTranslator,
    qInstallMessageHandler,
)
from PyQt5.QtGui import QIcon
from PyQt5.QtWidgets import QApplication, QMessageBox

from app.case import Case
from app.display import platform_failure
from app.qt.controller import Controller
from app.qt.main_window import MainWindow
from app.service import PredictorService
from model.resources import resource_path

TRANSLATIONS_DIR = resource_path("translations")
LANGUAGES = {"en": QLocale.English, "fr": QLocale.French}


class BoneAgeApp:
    def __init__(self, service: PredictorService, settings: QSettings | None = None) -> None:
        self.qapp = QApplication.instance() or QApplication(sys.argv)
        self.service = service
        self.settings = settings or QSettings("BoneAge", "BoneAge")
        self._translators: list[QTranslator] = []
        self.language = str(self.settings.value("language", "en"))
        if self.language not in LANGUAGES:
            self.language = "en"
        self._install(self.language)
        self.window, self.controller = self._build(None)

    def report_unexpected(self, kind: type[BaseException], exc: BaseException,
                          tb: TracebackType | None) -> None:
        """sys.excepthook while the window is up. PyQt5 ends the process on an exception
        that escapes a slot, which took the window and the case with it; instead the error is
        printed, said in the window, and the app stays up with the case as it was."""
        traceback.print_exception(kind, exc, tb)
        if issubclass(kind, KeyboardInterrupt):
            self.qapp.quit()
            return
        message = QCoreApplication.translate(
            "Application", "Something went wrong ({0}: {1}). The case is kept; please report "
            "this with what you did.").format(kind.__name__, exc)
        self.controller.case.report_error(message)
        QMessageBox.warning(self.window, "BoneAge", message)

    def _install(self, code: str) -> None:
        for translator in self._translators:
            self.qapp.removeTranslator(translator)
        self._translators = []
        QLocale.setDefault(QLocale(LANGUAGES[code]))
        if code == "en":
            return
        ours = QTranslator()
        if ours.load(f"boneage_{code}", str(TRANSLATIONS_DIR)):
            self._translators.append(ours)
        qt_own = QTranslator()  # Qt's standard dialogs and buttons
        if qt_own.load(f"qtbase_{code}", QLibraryInfo.location(QLibraryInfo.TranslationsPath)):
            self._translators.append(qt_own)
        for translator in self._translators:
            self.qapp.installTranslator(translator)

    def _build(self, case: Case | None) -> tuple[MainWindow, Controller]:
        window = MainWindow()
        controller = Controller(window, self.service, self.settings, case=case)
        for code, action in window.language_actions.items():
            action.setChecked(code == self.language)
            action.triggered.connect(lambda _checked, c=code: self.set_language(c))
        return window, controller

    def set_language(self, code: str) -> None:
        """Switch the interface language now and remember it."""
        if code == self.language or code not in LANGUAGES:
            return
        self.language = code
        self.settings.setValue("language", code)
        self._install(code)
        old_window, old_controller = self.window, self.controller
        old_controller.detach()
        self.window, self.controller = self._build(old_controller.case)
        self.window.resize(old_window.size())
        self.window.show()
        self.controller.model_error = old_controller.model_error
        self.controller.render()
        self.controller.show_image()
        old_window.close()
        old_window.deleteLater()


def start_qt() -> QApplication:
    """The QApplication, or one line and exit status 1 where Qt would abort because no
    platform plugin starts (a display that does not answer, missing system libraries)."""
    messages: list[str] = []

    def hook(kind: int, _context: object, message: str) -> None:
        if kind == QtFatalMsg:
            print(f"boneage: {platform_failure(messages)}", file=sys.stderr, flush=True)
            os._exit(1)  # Qt aborts once this returns
        messages.append(message)

    previous = qInstallMessageHandler(hook)
    try:
        qapp = QApplication.instance() or QApplication(sys.argv)
    finally:
        qInstallMessageHandler(previous)
    for message in messages:  # it started after all: Qt's warnings, as Qt would print them
        print(message, file=sys.stderr)
    return qapp


def run_gui(bundle_dir: str | None = None, quit_after: float | None = None) -> int:
    """Open the window; ``quit_after`` (seconds) is the frozen build's smoke test."""
    started = time.perf_counter()
    start_qt()
    app = BoneAgeApp(PredictorService(bundle_dir))
    app.qapp.setApplicationName("BoneAge")
    app.qapp.setOrganizationName("BoneAge")
    icon = resource_path("icons", "boneage.png")
    app.qapp.setWindowIcon(QIcon(str(icon)))
    sys.excepthook = app.report_unexpected
    app.window.show()
    loaded = app.controller.load_model(show_dialog=quit_after is None)
    app.qapp.processEvents()
    if quit_after is not None:
        ready = time.perf_counter() - started
        app.window.female.setChecked(True)  # draws the reference chart through Qt too
        chart = app.controller._chart is not None
        print(f"window ready in {ready:.2f} s (model {'loaded' if loaded else 'NOT loaded'}, "
              f"chart {'drawn' if chart else 'NOT drawn'})", flush=True)
        QTimer.singleShot(int(quit_after * 1000), app.qapp.quit)
        code = app.qapp.exec_()
        return code if loaded and chart else 1
    return app.qapp.exec_()
