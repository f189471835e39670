"""Network architectures, registered by name so that a run's config can rebuild any of them.

Adding an architecture is one decorated builder function; the training code never changes.
Every builder takes the same two inputs (a (size, size, 1) image before normalisation and the
sex code) and returns a Keras model with one output: age / age_scale_months.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from model.tf_support import import_tensorflow

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


def build_model(name: str, **kwargs: Any) -> keras.Model:
    if name not in ARCHITECTURES:
        known = ", ".join(sorted(ARCHITECTURES))
        raise ValueError(f"unknown architecture {name!r}; known: {known}")
    return ARCHITECTURES[name](**kwargs)
