"""File > Batch: a folder and its sexes CSV in, a results CSV out, with a cancellable progress
dialog. The work is app.batch (Qt-free), one row at a time in the worker thread; whatever goes
wrong there comes back as a signal, never as an exception that would take the window down."""

from __future__ import annotations

from pathlib import Path

from PyQt5.QtCore import QCoreApplication, QObject, QRunnable, Qt, pyqtSignal
from PyQt5.QtWidgets import QProgressDialog, QWidget

from app.batch import BatchItem, run_batch
from app.wording import ENGLISH, Wording
from model.predictor import Predictor


class BatchSignals(QObject):
    progress = pyqtSignal(int)
    done = pyqtSignal(int, int, bool)  # rows done, with an error, cancelled
    failed = pyqtSignal(str)  # the batch itself stopped (e.g. the output cannot be written)


class BatchTask(QRunnable):
    def __init__(self, predictor: Predictor, items: list[BatchItem], out_csv: Path,
                 wording: Wording = ENGLISH) -> None:
        super().__init__()
        self.predictor, self.items, self.out_csv = predictor, items, out_csv
        self.wording = wording
        self.signals = BatchSignals()
        self.cancelled = False

    def run(self) -> None:
        try:
            summary = run_batch(self.predictor, self.items, self.out_csv, wording=self.wording,
                                stop=lambda: self.cancelled, on_row=self.signals.progress.emit)
        except Exception as exc:  # rows never raise; this is the file or the disk
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.signals.done.emit(summary.done, summary.failed, summary.cancelled)


def progress_dialog(parent: QWidget, total: int) -> QProgressDialog:
    translate = QCoreApplication.translate
    dialog = QProgressDialog(translate("BatchDialog", "Estimating bone ages..."),
                             translate("BatchDialog", "Cancel"), 0, total, parent)
    dialog.setWindowTitle(translate("BatchDialog", "BoneAge: batch"))
    dialog.setWindowModality(Qt.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    return dialog
