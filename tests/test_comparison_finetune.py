"""The other architectures, the comparison study and local fine-tuning, on tiny inputs."""

from __future__ import annotations

import itertools
import json
import shutil

import numpy as np
import pytest

pytest.importorskip("tensorflow", reason="the train extra (TensorFlow) is not installed")

import keras

from model.bundle import load_bundle, write_bundle
from model.errors import MissingWeightsError
from model.predictor import Predictor
from model.training.architectures import build_model, imagenet_weights_file
from tests.conftest import synthetic_radiograph
from tests.test_model_tf import _tiny_rsna_set

APPLICATIONS = ("vgg16", "efficientnetb0", "mobilenetv2")


@pytest.mark.parametrize("name", APPLICATIONS)
def test_application_builds_and_takes_a_training_step(name):
    model = build_model(name, input_size=32)
    assert [tuple(i.shape) for i in model.inputs] == [(None, 32, 32, 1), (None, 1)]
    assert tuple(model.output.shape) == (None, 1)
    assert {"sex_dense", "concat", "bone_age"} <= {layer.name for layer in model.layers}
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="mse")
    rng = np.random.default_rng(0)
    x = rng.random((4, 32, 32, 1)).astype(np.float32)
    s = np.array([[0.0], [1.0], [0.0], [1.0]], np.float32)
    y = np.array([[0.2], [0.4], [0.6], [0.8]], np.float32)
    before = [w.copy() for w in model.get_weights()]
    loss = float(model.train_on_batch([x, s], y))
    assert np.isfinite(loss)
    assert any(not np.array_equal(a, b) for a, b in zip(before, model.get_weights(), strict=True))


def test_builder_refuses_unknown_settings():
    with pytest.raises(TypeError):
        build_model("vgg16", input_size=32, convs_per_block=(1, 1, 1, 1))


def test_imagenet_weights_are_never_downloaded(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    mobilenet = "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_96_no_top.h5"
    assert imagenet_weights_file("mobilenetv2", 96) == tmp_path / "models" / mobilenet
    assert imagenet_weights_file("mobilenetv2", 80).name.endswith("_224_no_top.h5")
    vgg = "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"
    assert imagenet_weights_file("vgg16", 64).name == vgg
    with pytest.raises(MissingWeightsError, match="never downloaded here") as info:
        build_model("efficientnetb0", input_size=64, weights="imagenet")
    assert str(tmp_path / "models" / "efficientnetb0_notop.h5") in str(info.value)
    with pytest.raises(ValueError, match="unknown weights"):
        build_model("vgg16", input_size=32, weights="random")


def test_cli_imagenet_without_cache_is_one_line(tmp_path, monkeypatch, capsys):
    from app.cli import main

    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "empty"))
    labels, images = _tiny_rsna_set(tmp_path)
    code = main(["train", "--csv", str(labels), "--images", str(images), "--out",
                 str(tmp_path / "run"), "--arch", "vgg16", "--weights", "imagenet",
                 "--img-size", "32", "--epochs", "1"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and "ImageNet weights for vgg16" in err


def test_time_cosine_schedule_shape():
    from model.training.run import TimeCosineSchedule

    schedule = TimeCosineSchedule(1e-3, minutes=10)
    rates = [schedule.rate(t) for t in (0, 150, 300, 450, 600, 900)]
    assert rates[0] == pytest.approx(1e-3)
    assert rates[2] == pytest.approx(1e-3 * (0.01 + 0.99 * 0.5))
    assert rates[4] == pytest.approx(1e-5) and rates[5] == pytest.approx(1e-5)
    assert all(a > b for a, b in itertools.pairwise(rates[:5]))


def test_compare_end_to_end_keeps_the_prose(tmp_path, capsys):
    from app.cli import main

    labels, images = _tiny_rsna_set(tmp_path, n=30)
    doc = tmp_path / "comparison.md"
    doc.write_text("# Study\n\nOur discussion.\n")
    args = ["compare", "--csv", str(labels), "--images", str(images), "--out",
            str(tmp_path / "cmp"), "--archs", "custom_cnn,mobilenetv2", "--img-size", "32",
            "--minutes", "0.05", "--steps-per-epoch", "2", "--batch-size", "4",
            "--doc", str(doc)]
    assert main(args) == 0
    rows = (tmp_path / "cmp" / "comparison.csv").read_text().splitlines()
    assert len(rows) == 3 and rows[0].startswith("architecture,val_mae_months")
    text = doc.read_text()
    assert "Our discussion." in text and "| mobilenetv2 |" in text and "| custom_cnn |" in text
    assert doc.with_suffix(".csv").read_text() == (tmp_path / "cmp" / "comparison.csv").read_text()
    for arch in ("custom_cnn", "mobilenetv2"):
        run = tmp_path / "cmp" / arch
        seconds = [float(line.split(",")[1])
                   for line in (run / "epoch_seconds.csv").read_text().splitlines()[1:]]
        assert 0 < sum(seconds) < 60
        assert json.loads((run / "config.json").read_text())["schedule"] == "cosine-time"
    # A rerun reuses the finished runs and rewrites only the results block.
    doc.write_text(doc.read_text() + "\nMore prose.\n")
    assert main(args) == 0
    text = doc.read_text()
    assert text.count("| custom_cnn |") == 1 and "More prose." in text
    assert "custom_cnn" in capsys.readouterr().out


def test_kfold_assignments_are_balanced():
    from model.dataset import Record
    from model.training.finetune import kfold_assignments

    records = [Record(str(i), None, float(5 * i), bool(i % 2)) for i in range(53)]
    folds = kfold_assignments(records, 5, seed=3)
    sizes = np.bincount(folds)
    assert sizes.max() - sizes.min() <= 1 and sizes.sum() == 53
    for k in range(5):
        members = [r for r, f in zip(records, folds, strict=True) if f == k]
        assert {r.male for r in members} == {False, True}
    np.testing.assert_array_equal(folds, kfold_assignments(records, 5, seed=3))
    with pytest.raises(ValueError):
        kfold_assignments(records[:3], 5, seed=0)


def test_set_trainable_opens_head_and_last_block_only(tiny_bundle):
    from model.training.architectures import HEAD_LAYERS, LAST_BLOCK_PREFIXES
    from model.training.export import load_keras
    from model.training.finetune import _set_trainable

    model = load_keras(tiny_bundle.keras_path)
    _set_trainable(model, HEAD_LAYERS)
    names = {v.path.split("/")[0] for v in model.trainable_weights}
    assert names == {"sex_dense", "head_dense", "bone_age"}
    _set_trainable(model, HEAD_LAYERS + LAST_BLOCK_PREFIXES["custom_cnn"])
    names = {v.path.split("/")[0] for v in model.trainable_weights}
    assert names == {"sex_dense", "head_dense", "bone_age", "b4_conv1", "b4_conv2"}


def test_predictor_applies_a_bundle_calibration(tiny_bundle, tmp_path):
    from model.recalibration import SexCalibration

    plain = Predictor(tiny_bundle)
    folder = tmp_path / "calibrated"
    shutil.copytree(tiny_bundle.directory, folder)
    calibration = SexCalibration(female=(1.2, 5.0), male=(0.8, -3.0))
    write_bundle(folder, "tiny-calibrated", "0", "custom_cnn", tiny_bundle.preprocessing,
                 {"calibration": calibration.to_dict()})
    calibrated = Predictor(folder)
    prepared = np.stack([plain.prepare(synthetic_radiograph(seed=s) / 255.0) for s in range(4)])
    sexes = np.array([0.0, 1.0, 0.0, 1.0])
    raw = plain.run_prepared(prepared, sexes)
    expected = np.where(sexes > 0, 0.8 * raw - 3.0, 1.2 * raw + 5.0)
    np.testing.assert_allclose(calibrated.run_prepared(prepared, sexes), expected, atol=1e-6)
    # A line that would cross zero (or the top of the scale) is held at the ends.
    write_bundle(folder, "tiny-extreme", "0", "custom_cnn", tiny_bundle.preprocessing,
                 {"calibration": SexCalibration(female=(1.0, -1000.0),
                                                male=(1.0, 1000.0)).to_dict()})
    extreme = Predictor(folder).run_prepared(prepared, sexes)
    np.testing.assert_array_equal(extreme, np.where(sexes > 0, 240.0, 0.0))


def test_finetune_end_to_end_writes_a_bundle_the_predictor_loads(tiny_bundle, tmp_path, capsys):
    from app.cli import main
    from model.training.finetune import METHODS

    labels, images = _tiny_rsna_set(tmp_path, n=30)
    out = tmp_path / "local"
    import model.training.finetune as finetune

    original = finetune.FinetuneSettings
    # Tiny epochs so the test stays quick; the defaults are exercised by the real study.
    finetune.FinetuneSettings = lambda **kw: original(head_epochs=2, block_epochs=2, **kw)
    try:
        code = main(["finetune", "--base", str(tiny_bundle.directory), "--csv", str(labels),
                     "--images", str(images), "--out", str(out), "--folds", "3", "--json"])
    finally:
        finetune.FinetuneSettings = original
    assert code == 0
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["chosen"] in METHODS and summary["folds"] == 3
    for method in METHODS:
        assert np.isfinite(summary["fold_mae_summary"][method]["mean"])
    bundle = load_bundle(out)
    assert bundle.metadata["adapted_from"]["model"] == tiny_bundle.label
    assert len(bundle.metadata["adapted_from"]["fold_mae_months"]["fine-tuned"]) == 3
    assert "cross-validation" in (out / "MODEL_CARD.md").read_text()
    result = Predictor(out).predict_file(images / "1000.png", "male")
    assert np.isfinite(result.bone_age_months)
