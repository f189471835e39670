"""Desktop-app timings, printed: start-up to a usable window with the model loaded (fresh
process, from source), and click-on-Predict to result on screen for a 100 px image and a
1600x2080 film. Usage: QT_QPA_PLATFORM=offscreen python benchmarks/gui_benchmark.py
[--bundle DIR] [--skip-startup] (another bundle: to time a candidate before installing it)"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parent.parent

STARTUP = """
import time; t0 = time.perf_counter()
from PyQt5.QtWidgets import QApplication
from app.qt.controller import Controller
from app.qt.main_window import MainWindow
from app.service import PredictorService
app = QApplication([])
w = MainWindow(); c = Controller(w, PredictorService()); w.show()
assert c.load_model(show_dialog=False); app.processEvents()
print(time.perf_counter() - t0)
"""


def startup_seconds(runs: int = 5) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", STARTUP], cwd=REPO, check=True,
                       capture_output=True, text=True)
        times.append(time.perf_counter() - start)
    return times


def click_to_result_ms(path: Path, repeats: int = 15, bundle: str | None = None) -> list[float]:
    from PyQt5.QtCore import QEventLoop
    from PyQt5.QtWidgets import QApplication

    from app.qt.controller import Controller
    from app.qt.main_window import MainWindow
    from app.service import PredictorService

    app = QApplication.instance() or QApplication([])
    window = MainWindow()
    controller = Controller(window, PredictorService(bundle))
    window.show()
    controller.load_model(show_dialog=False)
    controller.open_path(str(path))
    times = []
    for i in range(repeats + 2):
        window.male.setChecked(i % 2 == 0)
        window.female.setChecked(i % 2 == 1)
        loop = QEventLoop()
        controller.result_shown.connect(loop.quit)
        start = time.perf_counter()
        window.predict_button.click()
        loop.exec_()
        app.processEvents()
        controller.result_shown.disconnect(loop.quit)
        if i >= 2:  # warm-up
            times.append((time.perf_counter() - start) * 1000)
    window.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", default=None, help="bundle for the clicks (default: bundled)")
    parser.add_argument("--skip-startup", action="store_true")
    args = parser.parse_args()
    shared = REPO.parent / "shared" / "data"
    with tempfile.TemporaryDirectory() as tmp:
        small = shared / "rsna-boneage-100px/boneage-training-dataset/1377.png"
        large = shared / "rsna-fullres-samples/images/1437.png"
        if not (small.exists() and large.exists()):
            rng = np.random.default_rng(0)
            small, large = Path(tmp) / "s.png", Path(tmp) / "l.png"
            cv2.imwrite(str(small), (rng.random((100, 100)) * 255).astype(np.uint8))
            cv2.imwrite(str(large), (rng.random((2080, 1600)) * 255).astype(np.uint8))
        if not args.skip_startup:
            starts = startup_seconds()
            print(f"Start-up to usable window with model loaded (process start included), s: "
                  f"median {statistics.median(starts):.2f}, best {min(starts):.2f}, "
                  f"n={len(starts)}")
        for label, path in (("100x100 image", small), ("1600x2080 film", large)):
            ms = click_to_result_ms(path, bundle=args.bundle)
            print(f"Click Predict to result on screen, {label}, ms: "
                  f"median {statistics.median(ms):.1f}, worst {max(ms):.1f}, n={len(ms)}")


if __name__ == "__main__":
    main()
