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
}


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
            raise MissingWeightsError(
                f"ImageNet weights for {name} are not in the Keras cache ({path}) and are "
                "never downloaded here; copy the file there, or train with --weights none"
            )
        weights_arg = str(path)
    shape = (input_size, input_size, 3)
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


#: Layers that fine-tuning opens after the head ("the last block"), by architecture: the last
#: convolution block of the custom CNN, the last stage of each application.
LAST_BLOCK_PREFIXES: dict[str, tuple[str, ...]] = {
    "custom_cnn": ("b4_",),
    "vgg16": ("block5_",),
    "efficientnetb0": ("block7a_", "top_"),
    "mobilenetv2": ("block_16_", "Conv_1"),
}
#: The regression head and sex branch shared by every architecture.
HEAD_LAYERS = ("sex_dense", "head_dense", "head_dropout", "bone_age", "concat")


def build_model(name: str, **kwargs: Any) -> keras.Model:
    if name not in ARCHITECTURES:
        known = ", ".join(sorted(ARCHITECTURES))
        raise ValueError(f"unknown architecture {name!r}; known: {known}")
    return ARCHITECTURES[name](**kwargs)
