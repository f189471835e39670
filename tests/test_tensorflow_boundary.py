"""The runtime stays TensorFlow-free: only ``model/training/`` may import TensorFlow or Keras
(or PyTorch, which only the one-time EfficientNet-Lite0 weight conversion there uses).

The app, the predictor and the frozen exe run the ONNX network; one stray import would pull
hundreds of megabytes into the exe and make the app need the ``train`` extra.
"""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import REPO

TF_IMPORT = re.compile(r"^\s*(from|import)\s+(tensorflow|keras|tf2onnx|torch)\b",
                       re.MULTILINE)
TRAINING = ("model", "training")


def test_only_model_training_imports_tensorflow():
    offenders = []
    for path in [*REPO.glob("model/**/*.py"), *REPO.glob("app/**/*.py")]:
        if path.relative_to(REPO).parts[:2] == TRAINING:
            continue
        if TF_IMPORT.search(path.read_text()):
            offenders.append(str(path.relative_to(REPO)))
    assert offenders == []


def test_the_check_would_catch_a_stray_import():
    assert TF_IMPORT.search("import numpy\nimport tensorflow as tf\n")
    assert TF_IMPORT.search("    from keras import layers\n")
    assert TF_IMPORT.search("        import torch\n")
    assert not TF_IMPORT.search("# the predictor never imports tensorflow\n")


def test_every_runtime_module_imports_with_tensorflow_blocked():
    modules = sorted(
        ".".join(p.relative_to(REPO).with_suffix("").parts)
        for p in [*REPO.glob("model/*.py"), *REPO.glob("app/*.py")]
        if p.name not in ("__main__.py",))
    code = ("import sys\n"
            "for blocked in ('tensorflow', 'keras', 'tf2onnx', 'torch'):\n"
            "    sys.modules[blocked] = None\n"
            f"import importlib\nfor name in {modules!r}:\n"
            "    importlib.import_module(name.removesuffix('.__init__'))\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
