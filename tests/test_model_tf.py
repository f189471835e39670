"""TensorFlow side: architecture shapes, the ONNX export matching Keras, a tiny training run."""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest

pytest.importorskip("tensorflow", reason="the train extra (TensorFlow) is not installed")

from model.predictor import Predictor
from model.preprocessing import unscale_age, zscore
from model.training.architectures import ARCHITECTURES, PerImageZScore, build_model
from model.training.export import load_keras
from tests.conftest import synthetic_radiograph


def test_registry_and_shapes():
    assert "custom_cnn" in ARCHITECTURES
    model = build_model("custom_cnn", input_size=64, convs_per_block=(1, 1, 2, 2))
    assert [tuple(i.shape) for i in model.inputs] == [(None, 64, 64, 1), (None, 1)]
    assert tuple(model.output.shape) == (None, 1)
    convs = [layer.name for layer in model.layers if layer.name.startswith("b4_conv")]
    assert convs == ["b4_conv1", "b4_conv2"]
    out = model([np.zeros((3, 64, 64, 1), np.float32), np.ones((3, 1), np.float32)])
    assert out.shape == (3, 1)


def test_unknown_architecture():
    with pytest.raises(ValueError, match="unknown architecture"):
        build_model("resnet9000")


def test_zscore_layer_matches_reference():
    rng = np.random.default_rng(0)
    x = rng.random((2, 16, 16, 1)).astype(np.float32) * 3 + 1
    out = np.asarray(PerImageZScore()(x))
    for i in range(2):
        np.testing.assert_allclose(out[i, :, :, 0], zscore(x[i, :, :, 0]), atol=1e-5)


def test_onnx_predictor_matches_keras(tiny_bundle):
    keras_model = load_keras(tiny_bundle.keras_path)
    predictor = Predictor(tiny_bundle)
    images = [synthetic_radiograph(seed=s) / 255.0 for s in range(4)]
    prepared = np.stack([predictor.prepare(img) for img in images])
    sexes = np.array([0.0, 1.0, 0.0, 1.0])
    x = prepared[..., None].astype(np.float32)
    s = sexes[:, None].astype(np.float32)
    keras_out = keras_model.predict([x, s], verbose=0)[:, 0]
    keras_flip = keras_model.predict([x[:, :, ::-1], s], verbose=0)[:, 0]
    expected = unscale_age((keras_out + keras_flip) / 2, predictor.config)
    np.testing.assert_allclose(predictor.run_prepared(prepared, sexes), expected, atol=0.01)


def test_an_application_with_input_normalisation_exports_two_inputs(tmp_path):
    """EfficientNetB0's Normalization layer once came out of the ONNX export as two extra
    graph inputs, and the bundle refused the file after a 45-minute run."""
    import onnx

    from model.bundle import write_bundle
    from model.preprocessing import PreprocessConfig
    from model.training.export import export_onnx

    network = build_model("efficientnetb0", input_size=32, weights="none")
    export_onnx(network, tmp_path / "model.onnx")
    assert [i.name for i in onnx.load(tmp_path / "model.onnx").graph.input] == ["image", "sex"]
    network.save(tmp_path / "model.keras")
    config = PreprocessConfig(input_size=32, resize_mode="stretch", flip_tta=False)
    bundle = write_bundle(tmp_path, "b0", "0", "efficientnetb0", config)
    x = np.random.default_rng(3).random((2, 32, 32)).astype(np.float32)
    s = np.array([0.0, 1.0], np.float32)
    expected = unscale_age(network.predict([x[..., None], s[:, None]], verbose=0)[:, 0], config)
    np.testing.assert_allclose(Predictor(bundle).run_prepared(x, s), expected, atol=0.01)


def test_bundled_onnx_matches_its_keras_original():
    from model.bundle import load_bundle

    bundle = load_bundle()
    keras_model = load_keras(bundle.keras_path)
    predictor = Predictor(bundle)
    size = bundle.preprocessing.input_size
    rng = np.random.default_rng(3)
    prepared = np.stack([predictor.prepare(synthetic_radiograph(seed=i) / 255.0) for i in range(3)])
    sexes = np.array([0.0, 1.0, 1.0])
    x = prepared[..., None].astype(np.float32)
    s = sexes[:, None].astype(np.float32)
    raw = keras_model.predict([x, s], verbose=0)[:, 0]
    if bundle.preprocessing.flip_tta:
        raw = (raw + keras_model.predict([x[:, :, ::-1], s], verbose=0)[:, 0]) / 2
    # The network itself: the bundle's calibration and rotation averaging come after it.
    predictor.calibration = None
    np.testing.assert_allclose(
        predictor.run_network(prepared, sexes), unscale_age(raw, predictor.config), atol=0.01)
    assert rng is not None and size == x.shape[1]


def _tiny_rsna_set(folder, n=24):
    import cv2

    images = folder / "images"
    images.mkdir()
    with (folder / "labels.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "boneage", "male"])
        for i in range(n):
            age = 12 + 8 * i
            img = synthetic_radiograph(100, 100, seed=i)
            # Make age visible: brighter with age, so a few steps can learn something.
            img = np.clip(img.astype(np.int32) + age // 4, 0, 255).astype(np.uint8)
            cv2.imwrite(str(images / f"{1000 + i}.png"), img)
            writer.writerow([1000 + i, age, bool(i % 2)])
    return folder / "labels.csv", images


class _Interrupt(Exception):
    pass


def test_tiny_training_run_learns_and_resumes(tmp_path):
    import keras

    from model.training.run import TrainConfig, train

    class StopAfterSecondEpoch(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            if epoch == 1:
                raise _Interrupt  # like a session killed mid-run

    labels, images = _tiny_rsna_set(tmp_path)
    run = tmp_path / "run"
    cfg = TrainConfig(csv=str(labels), images=str(images), out=str(run), img_size=32,
                      epochs=5, batch_size=4, val_fraction=0.25, loss="mse",
                      convs_per_block=[1, 1, 1, 1], patience=10)
    with pytest.raises(_Interrupt):
        train(cfg, callbacks=[StopAfterSecondEpoch()])
    assert (run / "backup").exists()
    # A run begun by an older version lacks the settings added since: they had their defaults.
    saved = json.loads((run / "config.json").read_text())
    for key in ("weights", "steps_per_epoch", "schedule"):
        saved.pop(key)
    (run / "config.json").write_text(json.dumps(saved))
    metrics = train(cfg)  # resumes at the third epoch
    with (run / "history.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    assert [int(r["epoch"]) for r in rows] == [0, 1, 2, 3, 4]
    losses = [float(r["loss"]) for r in rows]
    assert losses[-1] < losses[0]
    for name in ("config.json", "split.csv", "history.png", "best.keras", "val_metrics.json",
                 "bundle/model.onnx", "bundle/bundle.json", "validation/predictions.csv",
                 "validation/predicted_vs_true.png", "validation/bland_altman.png"):
        assert (run / name).exists(), name
    assert metrics["n"] == 6 and np.isfinite(metrics["mae_months"])
    assert json.loads((run / "config.json").read_text())["img_size"] == 32
    with pytest.raises(SystemExit, match="finished run"):
        train(cfg)


def test_a_run_killed_in_its_export_resumes_with_the_export(tmp_path, monkeypatch):
    import model.training.export as export
    from model.training.run import TrainConfig, train

    labels, images = _tiny_rsna_set(tmp_path)
    run = tmp_path / "run"
    cfg = TrainConfig(csv=str(labels), images=str(images), out=str(run), img_size=32,
                      epochs=2, batch_size=4, val_fraction=0.25, loss="mse",
                      convs_per_block=[1, 1, 1, 1], patience=10)
    real_export = export.export_bundle

    def failing_export(*args, **kwargs):
        raise _Interrupt  # like a session killed while the bundle was written

    monkeypatch.setattr(export, "export_bundle", failing_export)
    with pytest.raises(_Interrupt):
        train(cfg)
    assert (run / "fitted.json").exists() and not (run / "val_metrics.json").exists()
    trained = (run / "best.keras").read_bytes()
    monkeypatch.setattr(export, "export_bundle", real_export)
    metrics = train(cfg)
    with (run / "history.csv").open() as handle:
        assert [int(r["epoch"]) for r in csv.DictReader(handle)] == [0, 1]  # not fitted again
    assert (run / "best.keras").read_bytes() == trained
    assert (run / "bundle/model.onnx").exists() and metrics["n"] == 6


def test_opencv_backend_matches_onnxruntime(tiny_bundle):
    pytest.importorskip("onnxruntime", reason="ONNX Runtime (dev extra) is not installed")
    ort_predictor = Predictor(tiny_bundle, backend="onnxruntime")
    cv_predictor = Predictor(tiny_bundle, backend="opencv")
    prepared = np.stack([ort_predictor.prepare(synthetic_radiograph(seed=s) / 255.0)
                         for s in range(5)])
    sexes = np.array([0.0, 1.0, 1.0, 0.0, 1.0])
    np.testing.assert_allclose(cv_predictor.run_prepared(prepared, sexes),
                               ort_predictor.run_prepared(prepared, sexes), atol=0.01)
    with pytest.raises(ValueError, match="unknown backend"):
        Predictor(tiny_bundle, backend="tensorrt")


def test_init_from_another_input_size(tmp_path):
    from model.training.run import TrainConfig, train

    labels, images = _tiny_rsna_set(tmp_path)
    first = TrainConfig(csv=str(labels), images=str(images), out=str(tmp_path / "a"), img_size=32,
                        epochs=1, batch_size=4, val_fraction=0.25, convs_per_block=[1, 1, 1, 1])
    train(first)
    second = TrainConfig(csv=str(labels), images=str(images), out=str(tmp_path / "b"),
                         img_size=48, epochs=1, batch_size=4, val_fraction=0.25,
                         convs_per_block=[1, 1, 1, 1], learning_rate=0.0,
                         init_from=str(tmp_path / "a" / "best.keras"))
    train(second)
    a = load_keras(tmp_path / "a" / "best.keras")
    b = load_keras(tmp_path / "b" / "best.keras")
    conv_a, conv_b = a.get_layer("b1_conv1").get_weights(), b.get_layer("b1_conv1").get_weights()
    np.testing.assert_array_equal(conv_a[0], conv_b[0])  # learning rate 0: weights carried over
    assert b.inputs[0].shape[1] == 48


def test_weight_average_is_the_mean_of_its_epochs_and_survives_a_resume(tmp_path):
    import keras

    from model.training.run import WeightAverage, load_average

    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
    path = tmp_path / "average.npz"

    def epoch_with(value: float, epoch: int, callback: WeightAverage) -> None:
        model.set_weights([np.full_like(w, value) for w in model.get_weights()])
        callback.on_epoch_end(epoch)

    first = WeightAverage(path, start_epoch=1)
    first.set_model(model)
    epoch_with(100.0, 0, first)  # before the window: not averaged
    assert not path.exists()
    epoch_with(1.0, 1, first)
    epoch_with(2.0, 2, first)
    # The session dies; the resumed run redoes epoch 2 (its backup was older) and goes on.
    resumed = WeightAverage(path, start_epoch=1)
    resumed.set_model(model)
    epoch_with(50.0, 2, resumed)  # already in the mean: not counted twice
    epoch_with(6.0, 3, resumed)
    mean, count, last = load_average(path)
    assert (count, last) == (3, 3)
    for weights in mean:
        np.testing.assert_allclose(weights, 3.0)  # (1 + 2 + 6) / 3


def test_a_better_weight_average_is_what_the_run_exports(tmp_path):
    from model.training.run import TrainConfig, train

    labels, images = _tiny_rsna_set(tmp_path)
    run = tmp_path / "run"
    cfg = TrainConfig(csv=str(labels), images=str(images), out=str(run), img_size=32,
                      epochs=3, batch_size=4, val_fraction=0.25, convs_per_block=[1, 1, 1, 1],
                      average_from_epoch=1)
    train(cfg)
    report = json.loads((run / "average.json").read_text())
    assert report["epochs_averaged"] == 2 and report["last_epoch"] == 2
    assert report["adopted"] == (report["val_mae"] < report["best_single_epoch_val_mae"])
    assert (run / "average.keras").exists() == report["adopted"]
    exported = json.loads((run / "bundle" / "bundle.json").read_text())
    assert exported["trained_with"]["config"]["average_from_epoch"] == 1


def test_age_balanced_weights_favour_the_rare_ages():
    from model.training.run import age_balanced_weights

    ages = [6.0] * 2 + [100.0] * 50 + [110.0] * 48 + [230.0] * 4  # months
    weights = age_balanced_weights(ages, 0.5)
    assert weights.mean() == pytest.approx(1.0)
    infant, middle, oldest = weights[0], weights[10], weights[-1]
    assert infant > oldest > middle
    assert weights.max() / weights.min() <= 16 + 1e-9  # held within 1/4-4 before renormalising
    np.testing.assert_allclose(age_balanced_weights(ages, 0.0), 1.0)


def test_weighted_training_batches_carry_one_weight_per_film(tmp_path):
    from model.dataset import read_labels
    from model.preprocessing import PreprocessConfig
    from model.training.pipeline import make_dataset

    labels, images = _tiny_rsna_set(tmp_path)
    records = read_labels(labels, images)
    weights = np.arange(1, len(records) + 1, dtype=np.float32)
    ds = make_dataset(records, PreprocessConfig(input_size=32), batch_size=len(records),
                      training=True, sample_weights=weights, export_augment=True)
    (image, sex), age, weight = next(iter(ds))
    assert image.shape[0] == sex.shape[0] == age.shape[0] == weight.shape[0] == len(records)
    # Shuffled together: each film keeps its own weight (its age tells which film it is).
    by_age = {round(r.bone_age_months / 240, 5): w for r, w in zip(records, weights, strict=True)}
    for a, w in zip(age.numpy().ravel(), weight.numpy().ravel(), strict=True):
        assert by_age[round(float(a), 5)] == pytest.approx(float(w))


def test_augment_scale_narrows_every_augmentation_but_the_flip(tmp_path):
    from model.dataset import read_labels
    from model.preprocessing import PreprocessConfig
    from model.training.pipeline import make_dataset

    labels, images = _tiny_rsna_set(tmp_path)
    records = read_labels(labels, images)
    config = PreprocessConfig(input_size=32)
    clean = next(iter(make_dataset(records, config, len(records), training=False)))
    by_age = {round(float(a), 5): im for a, im in zip(clean[1].numpy().ravel(),
                                                      clean[0][0].numpy(), strict=True)}

    def largest_change(scale: float) -> float:
        ds = make_dataset(records, config, len(records), training=True, export_augment=True,
                          augment_scale=scale, seed=3)
        (image, _), age = next(iter(ds))
        change = 0.0
        for a, im in zip(age.numpy().ravel(), image.numpy(), strict=True):
            plain = by_age[round(float(a), 5)]
            change = max(change, min(np.abs(im - plain).max(), np.abs(im - plain[:, ::-1]).max()))
        return change

    assert largest_change(0.0) < 1e-5  # nothing but the flip is left
    assert largest_change(1.0) > 0.1


def test_an_ensemble_run_reads_as_the_mean_of_its_members(tmp_path):
    from model.training.ensemble import make_ensemble_run, score_ensemble_run
    from model.training.run import TrainConfig, train

    labels, images = _tiny_rsna_set(tmp_path)
    common = dict(csv=str(labels), images=str(images), img_size=32, epochs=1, batch_size=4,
                  val_fraction=0.25, convs_per_block=[1, 1, 1, 1])
    for name, rate in (("a", 1e-3), ("b", 3e-3)):
        train(TrainConfig(out=str(tmp_path / name), learning_rate=rate, **common))
    run = make_ensemble_run([tmp_path / "a", tmp_path / "b"], tmp_path / "both")
    metrics = score_ensemble_run(run)
    assert metrics["n"] == 6 and (run / "bundle/model.onnx").exists()
    members = [Predictor(tmp_path / name / "bundle") for name in ("a", "b")]
    both = Predictor(run / "bundle")
    assert both.bundle.architecture == "custom_cnn"
    assert [m["run"] for m in both.bundle.metadata["ensemble"]["members"]] == [
        str(tmp_path / "a"), str(tmp_path / "b")]
    films = np.stack([both.prepare(synthetic_radiograph(seed=s) / 255.0)
                      for s in range(4)])[..., None].astype(np.float32)
    sexes = np.array([[0.0], [1.0], [0.0], [1.0]], np.float32)
    # The raw outputs (before the clip to 0-240 months, which untrained networks reach).
    mean = np.mean([m.backend.run(films, sexes) for m in members], axis=0)
    np.testing.assert_allclose(both.backend.run(films, sexes), mean, atol=1e-4)
    # Members validated on other splits are refused: their figures would not compare.
    train(TrainConfig(out=str(tmp_path / "c"), seed=7, **common))
    with pytest.raises(ValueError, match="split differently"):
        make_ensemble_run([tmp_path / "a", tmp_path / "c"], tmp_path / "other")
    # Another seed on the first one's split is a member like any other.
    train(TrainConfig(out=str(tmp_path / "d"), seed=7, split_seed=42, **common))
    assert (tmp_path / "d/split.csv").read_bytes() == (tmp_path / "a/split.csv").read_bytes()
    make_ensemble_run([tmp_path / "a", tmp_path / "d"], tmp_path / "seeds")
    # Without the mirrored pass: the bundle says so and reads each film once.
    unflipped = make_ensemble_run([tmp_path / "a", tmp_path / "d"], tmp_path / "once",
                                  flip_tta=False)
    score_ensemble_run(unflipped)
    once = Predictor(unflipped / "bundle")
    assert both.config.flip_tta and not once.config.flip_tta
    calls = []
    run_backend = once.backend.run
    once.backend.run = lambda x, s: calls.append(len(x)) or run_backend(x, s)
    once.run_network(films[..., 0], sexes.ravel())
    assert calls == [len(films)]
