"""Run a prediction off the GUI thread and hand the result back through signals."""

from __future__ import annotations

import numpy as np
from PyQt5.QtCore import QObject, QRunnable, pyqtSignal

from app.service import PredictorService
from model.errors import BoneAgeError


class PredictionSignals(QObject):
    finished = pyqtSignal(int, object)  # generation, Prediction
    failed = pyqtSignal(int, str)  # generation, message


class PredictionTask(QRunnable):
    def __init__(self, service: PredictorService, image: np.ndarray, sex: str,
                 generation: int) -> None:
        super().__init__()
        self.service, self.image, self.sex, self.generation = service, image, sex, generation
        self.signals = PredictionSignals()

    def run(self) -> None:
        try:
            result = self.service.predict(self.image, self.sex)
        except (BoneAgeError, ValueError) as exc:
            self.signals.failed.emit(self.generation, str(exc))
        except Exception as exc:
            self.signals.failed.emit(self.generation, f"Prediction failed: {exc}")
        else:
            self.signals.finished.emit(self.generation, result)
