"""Import TensorFlow only where a command really needs it, with a one-line hint otherwise.

The app and the predictor run on ONNX Runtime; TensorFlow is the ``train`` extra.
"""

from __future__ import annotations

import os
from types import ModuleType

from model.errors import MissingExtraError


def import_tensorflow() -> ModuleType:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    try:
        import tensorflow as tf
    except ImportError:
        raise MissingExtraError("TensorFlow", "train") from None
    return tf
