"""The ``boneage`` command end to end, with the bundled model and the shared RSNA images."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys

import cv2
import numpy as np
import pytest

from app.cli import main
from model.image_check import REASONS
from tests.conftest import REPO, synthetic_radiograph


def test_predict_json_on_shared_films_and_a_bad_file(fullres, tmp_path, capsys):
    images = sorted((fullres / "images").glob("*.png"))[:2]
    bad = tmp_path / "notes.png"
    bad.write_text("not an image")
    rc = main(["predict", str(images[0]), str(bad), str(images[1]), "--sex", "male", "--json"])
    out, err = capsys.readouterr()
    rows = [json.loads(line) for line in out.splitlines()]
    assert rc == 1  # one file failed...
    assert [r["file"] for r in rows] == [str(images[0]), str(bad), str(images[1])]
    for good in (rows[0], rows[2]):  # ...but the others still got their results
        assert good["error"] is None and good["sex"] == "male"
        assert 0 < good["bone_age_months"] < 240 and "years" in good["bone_age"]
    assert rows[1]["bone_age_months"] is None and "not a PNG, JPEG or DICOM" in rows[1]["error"]
    assert "notes.png" in err


def test_predict_json_carries_the_interval_and_the_image_check(tmp_path, capsys):
    noise = tmp_path / "noise.png"
    cv2.imwrite(str(noise), (np.random.default_rng(0).random((300, 240)) * 255).astype("uint8"))
    assert main(["predict", str(noise), "--sex", "female", "--json"]) == 0
    row = json.loads(capsys.readouterr().out.strip())
    assert row["check_image"] is True and row["check_reason"] == REASONS["not_hand"]
    low, high = row["interval_low_months"], row["interval_high_months"]
    assert 0 <= low <= row["bone_age_months"] <= high <= 240


def test_predict_json_on_a_full_resolution_film_is_not_flagged(fullres, capsys):
    image = sorted((fullres / "images").glob("*.png"))[0]
    assert main(["predict", str(image), "--sex", "male", "--json"]) == 0
    row = json.loads(capsys.readouterr().out.strip())
    assert row["check_image"] is False and row["check_reason"] == ""
    assert row["interval_low_months"] < row["bone_age_months"] < row["interval_high_months"]


def test_predict_plain_text(fullres, capsys):
    image = sorted((fullres / "images").glob("*.png"))[0]
    assert main(["predict", str(image), "--sex", "female"]) == 0
    out = capsys.readouterr().out
    assert "years" in out and "months)" in out


def test_predict_requires_sex(tmp_path, capsys):
    image = tmp_path / "hand.png"
    cv2.imwrite(str(image), synthetic_radiograph())
    assert main(["predict", str(image)]) == 1
    assert "--sex female" in capsys.readouterr().err


def test_predict_folder_with_sex_table(tmp_path, capsys):
    folder = tmp_path / "films"
    folder.mkdir()
    for name in ("a.png", "b.png", "c.png"):
        cv2.imwrite(str(folder / name), synthetic_radiograph(seed=len(name)))
    (folder / "d.png").write_text("not an image")
    table = tmp_path / "sexes.csv"
    table.write_text("file,sex,birth_date,exam_date\n"
                     "a.png,female,2015-03-10,2025-03-10\nb.png,male,,\nd.png,male,,\n")
    out = tmp_path / "out.csv"
    rc = main(["predict", str(folder), "--sexes", str(table), "--out", str(out)])
    assert rc == 1  # d.png is broken and c.png has no sex, but every image has its row
    with out.open() as handle:
        rows = {r["file"]: r for r in csv.DictReader(handle)}
    assert sorted(rows) == ["a.png", "b.png", "c.png", "d.png"]
    a = rows["a.png"]
    assert float(a["range_low_months"]) <= float(a["bone_age_months"]) + 1e-6
    assert float(a["chronological_age_months"]) == pytest.approx(120.0)
    assert a["classification"] in ("delayed", "normal", "advanced") and a["sds"]
    assert rows["b.png"]["bone_age"] and rows["b.png"]["sds"] == ""
    assert "no sex" in rows["c.png"]["error"]
    assert "not a PNG" in rows["d.png"]["error"]
    assert "4 images, 2 with an error" in capsys.readouterr().out


def test_evaluate_on_shared_images(rsna_100px, tmp_path, capsys):
    with (rsna_100px / "boneage-training-dataset.csv").open() as handle:
        rows = list(csv.DictReader(handle))[:12]
    labels = tmp_path / "labels.csv"
    with labels.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "boneage", "male"])
        writer.writeheader()
        writer.writerows(rows)
    out_dir = tmp_path / "eval"
    rc = main(["evaluate", "--csv", str(labels), "--images",
               str(rsna_100px / "boneage-training-dataset"), "--out", str(out_dir), "--json"])
    assert rc == 0
    metrics = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert metrics["n"] == 12
    for key in ("mae_months", "rmse_months", "r2", "bias_months", "within_12_months"):
        assert isinstance(metrics[key], float)
    assert metrics["mae_months"] < 60  # a real model, not a constant
    for name in ("predictions.csv", "metrics.json", "predicted_vs_true.png", "bland_altman.png"):
        assert (out_dir / name).exists()
    with (out_dir / "predictions.csv").open() as handle:
        assert len(list(csv.DictReader(handle))) == 12


def _run_without(module: str, args: list[str]) -> subprocess.CompletedProcess:
    code = (f"import sys; sys.modules[{module!r}] = None; from app.cli import main; "
            f"sys.exit(main({args!r}))")
    return subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize("command", ["train", "compare", "finetune"])
def test_training_commands_without_tensorflow_say_which_extra(tmp_path, command):
    result = _run_without("tensorflow", [command, "--csv", "x.csv", "--images", ".",
                                         "--out", str(tmp_path / "run")])
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0  # one line, no traceback
    assert "pip install" in result.stderr and "[train]" in result.stderr


def test_only_app_qt_imports_qt():
    """The rule behind the Qt-free core, checked on the source: PyQt5 only under app/qt/."""
    offenders = []
    for path in [*REPO.glob("model/**/*.py"), *REPO.glob("app/**/*.py")]:
        if path.relative_to(REPO).parts[:2] == ("app", "qt"):
            continue
        if re.search(r"^\s*(from|import)\s+PyQt5", path.read_text(), re.MULTILINE):
            offenders.append(str(path.relative_to(REPO)))
    assert offenders == []


def test_core_never_imports_qt():
    code = ("import sys; sys.modules['PyQt5'] = None\n"
            "import model.image_io, model.preprocessing, model.predictor, model.bundle, "
            "model.metrics, model.dataset, model.evaluation, app.cli, app.case, app.service\n"
            "assert not any(m.startswith('PyQt5.') for m in sys.modules)\n"
            "assert 'tensorflow' not in sys.modules, 'the runtime path must not import TF'\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_self_test_reports_the_bundled_model(tmp_path, capsys):
    out = tmp_path / "self-test.json"
    assert main(["self-test", "--out", str(out)]) == 0
    printed = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert printed == json.loads(out.read_text())
    assert printed["ok"] and 0 < printed["female_months"] < 300
    assert printed["model"].startswith("boneage-")
