"""Work that runs off the GUI thread and hands its result back through signals."""

from __future__ import annotations

import numpy as np
from PyQt5.QtCore import QCoreApplication, QObject, QRunnable, pyqtSignal

from app.service import PredictorService
from model.errors import BoneAgeError


class TaskSignals(QObject):
    finished = pyqtSignal(int, object)  # generation, result
    failed = pyqtSignal(int, str)  # generation, message


class PredictionTask(QRunnable):
    """Bone age plus its test-time-augmentation spread, for one case generation."""

    def __init__(self, service: PredictorService, image: np.ndarray, sex: str,
                 generation: int) -> None:
        super().__init__()
        self.service, self.image, self.sex, self.generation = service, image, sex, generation
        self.signals = TaskSignals()

    def compute(self) -> object:
        return self.service.predict_with_spread(self.image, self.sex)

    def run(self) -> None:
        try:
            result = self.compute()
        except (BoneAgeError, ValueError) as exc:
            self.signals.failed.emit(self.generation, str(exc))
        except Exception as exc:  # a worker must never die silently: report it in the window
            self.signals.failed.emit(self.generation, QCoreApplication.translate(
                "Worker", "The computation failed ({0}: {1}); the case is kept, try again or "
                "open another film.").format(type(exc).__name__, exc))
        else:
            self.signals.finished.emit(self.generation, result)


class HeatmapTask(PredictionTask):
    """The occlusion-sensitivity overlay (about a hundred network runs, batched)."""

    def compute(self) -> object:
        return self.service.heatmap_overlay(self.image, self.sex)
