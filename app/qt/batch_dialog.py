"""File > Batch: a folder and its sexes CSV in, a results CSV out, with a cancellable progress
dialog. The work is app.batch (Qt-free), one image at a time in the worker thread."""

from __future__ import annotations

import csv
from pathlib import Path

from PyQt5.QtCore import QObject, QRunnable, Qt, pyqtSignal
from PyQt5.QtWidgets import QProgressDialog, QWidget

from app.batch import OUTPUT_COLUMNS, BatchItem, predict_item
from model.predictor import Predictor


class BatchSignals(QObject):
    progress = pyqtSignal(int)
    done = pyqtSignal(int, int, bool)  # images done, with an error, cancelled


class BatchTask(QRunnable):
    def __init__(self, predictor: Predictor, items: list[BatchItem], out_csv: Path) -> None:
        super().__init__()
        self.predictor, self.items, self.out_csv = predictor, items, out_csv
        self.signals = BatchSignals()
        self.cancelled = False

    def run(self) -> None:
        done = failed = 0
        with self.out_csv.open("w", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=OUTPUT_COLUMNS)
            writer.writeheader()
            for item in self.items:
                if self.cancelled:
                    break
                row = predict_item(self.predictor, item)
                writer.writerow(row)
                handle.flush()  # what is done is kept even if the user cancels
                done += 1
                failed += bool(row["error"])
                self.signals.progress.emit(done)
        self.signals.done.emit(done, failed, self.cancelled)


def progress_dialog(parent: QWidget, total: int) -> QProgressDialog:
    dialog = QProgressDialog("Estimating bone ages...", "Cancel", 0, total, parent)
    dialog.setWindowTitle("BoneAge: batch")
    dialog.setWindowModality(Qt.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    return dialog
