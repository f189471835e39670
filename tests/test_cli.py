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


def _rows(path):
    """The output CSV's rows, and its closing summary line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return list(csv.DictReader(lines[:-1])), lines[-1]


def test_predict_folder_with_sex_table(tmp_path, capsys):
    folder = tmp_path / "films"
    folder.mkdir()
    for name in ("a.png", "b.png", "c.png", "e.png", "f.png", "g.png"):
        cv2.imwrite(str(folder / name), synthetic_radiograph(seed=len(name)))
    (folder / "d.png").write_text("not an image")
    table = tmp_path / "sexes.csv"
    table.write_text("file,sex,birth_date,exam_date\n"
                     "a.png,F,2015-03-10,2025-03-10\n"  # the row that killed the batch before
                     "b.png,male,,\n"
                     "d.png,m,,\n"
                     "e.png,Female,20/07/2015,\n"  # not the English form: this row's error
                     "f.png,x,,\n"
                     "gone.png,M,,\n"
                     "g.png,MALE,2015-03-10,\n"
                     "a.png,f,2015-03-10,2025-03-10\n")  # listed twice: answered twice
    out = tmp_path / "out.csv"
    rc = main(["predict", str(folder), "--sexes", str(table), "--out", str(out)])
    assert rc == 1
    rows, summary = _rows(out)
    assert [r["file"] for r in rows] == ["a.png", "b.png", "d.png", "e.png", "f.png",
                                         "gone.png", "g.png", "a.png", "c.png"]
    for column in ("file", "sex", "birth_date", "exam_date", "bone_age_months",
                   "interval_low_months", "interval_high_months", "check_image",
                   "check_reason", "chronological_age_months", "sds", "classification",
                   "model", "error"):
        assert column in rows[0], column
    a, b, d, e, f, gone, g, a2, c = rows
    assert a["error"] == "" and a["sex"] == "female" and a2 == a
    assert float(a["chronological_age_months"]) == pytest.approx(120.0)
    # Signed numbers a spreadsheet reads back (ASCII minus, not the typographic one).
    assert float(a["difference_months"]) == pytest.approx(
        float(a["bone_age_months"]) - float(a["chronological_age_months"]), abs=0.11)
    assert abs(float(a["sds"])) < 20
    assert a["classification"] in ("delayed", "normal", "advanced") or \
        a["classification"].startswith("cannot tell")
    assert a["exam_date_source"] == "CSV" and a["model"].startswith("boneage-")
    assert float(a["stability_low_months"]) <= float(a["stability_high_months"])
    assert a["check_image"] in ("yes", "no")
    assert b["error"] == "" and b["sex"] == "male" and b["sds"] == "" and b["bone_age"]
    assert b["exam_date_source"] == "today (none given)"
    assert "not a PNG" in d["error"] and "d.png" in d["error"]
    assert "“20/07/2015” is not a date written YYYY-MM-DD" in e["error"]
    assert e["birth_date"] == "20/07/2015" and e["bone_age_months"] == ""
    assert "sex “x” is not F, M, female or male" in f["error"]
    assert "does not exist" in gone["error"]
    assert g["error"] == "" and g["sex"] == "male" and g["chronological_age_months"]
    assert "no row in the sexes CSV" in c["error"]
    assert summary == "# 9 of 9 rows done: 4 answered; 5 with an error"
    assert "9 rows, 4 answered, 5 with an error" in capsys.readouterr().out


def test_batch_rows_in_french(tmp_path):
    from app.batch import read_sex_table, run_batch
    from app.wording import Wording
    from model.predictor import Predictor

    folder = tmp_path / "films"
    folder.mkdir()
    cv2.imwrite(str(folder / "a.png"), synthetic_radiograph())
    table = tmp_path / "sexes.csv"
    table.write_text("file;sex;birth_date;exam_date\na.png;f;10/03/2015;10/03/2025\n"
                     "b.png;F;2015-13-45;\n", encoding="utf-8-sig")  # Excel's BOM and ';'
    french = {"{0} years": "{0} ans", "{0} months": "{0} mois", "YYYY": "AAAA", "DD": "JJ",
              "yes": "oui", "no": "non", "CSV": "CSV"}
    wording = Wording(lambda _c, t: french.get(t, t),
                      lambda v, d: f"{v:.{d}f}".replace(".", ","), "dd/MM/yyyy", ";")
    items = read_sex_table(table, folder, wording)
    out = tmp_path / "out.csv"
    summary = run_batch(Predictor(), items, out, wording=wording)
    assert (summary.total, summary.done, summary.failed) == (2, 2, 1)
    lines = out.read_text(encoding="utf-8").splitlines()
    a, b = list(csv.DictReader(lines[:-1], delimiter=";"))
    assert a["chronological_age_months"] == "120,0" and "," in a["bone_age_months"]
    assert " ans " in a["bone_age"] and a["bone_age"].endswith(" mois")
    assert a["birth_date"] == "10/03/2015" and a["check_image"] in ("oui", "non")
    assert "is not a date written JJ/MM/AAAA" in b["error"]


def test_batch_stop_keeps_rows_done_and_says_so(tmp_path):
    from app.batch import BatchItem, run_batch
    from model.predictor import Predictor

    films = []
    for i in range(3):
        films.append(tmp_path / f"{i}.png")
        cv2.imwrite(str(films[-1]), synthetic_radiograph(seed=i))
    items = [BatchItem(path, "female") for path in films]
    out = tmp_path / "out.csv"
    done: list[int] = []
    summary = run_batch(Predictor(), items, out, stop=lambda: len(done) >= 2,
                        on_row=done.append)
    rows, last = _rows(out)
    assert len(rows) == 2 and summary.cancelled
    assert last == "# cancelled after 2 of 3 rows: 2 answered; 0 with an error"


def test_a_row_that_raises_anything_gets_its_error(tmp_path, monkeypatch):
    import app.batch as batch
    from model.predictor import Predictor

    image = tmp_path / "a.png"
    cv2.imwrite(str(image), synthetic_radiograph())

    def broken(*_args):
        raise KeyError("F")

    monkeypatch.setattr(batch, "predict_with_stability", broken)
    row = batch.predict_item(Predictor(), batch.BatchItem(image, "female"))
    assert row["error"] == "unexpected error (KeyError): 'F'" and row["file"] == "a.png"


def test_sexes_csv_without_its_columns_is_one_clear_error(tmp_path, capsys):
    folder = tmp_path / "films"
    folder.mkdir()
    table = tmp_path / "sexes.csv"
    table.write_text("name,gender\na.png,F\n")
    assert main(["predict", str(folder), "--sexes", str(table)]) == 1
    assert "needs the columns file and sex" in capsys.readouterr().err


@pytest.mark.parametrize("extra", [[], ["--sex", "female"], ["--out", "x.csv"]])
def test_a_folder_without_sexes_says_to_pass_it(tmp_path, capsys, extra):
    out_dir = tmp_path / "films"
    out_dir.mkdir()
    assert main(["predict", str(out_dir), *extra]) == 1
    err = capsys.readouterr().err
    assert "is a folder" in err and "--sexes CSV" in err and "file,sex" in err
    assert ("--out needs" in err) == ("--out" in extra)


def test_predict_json_carries_interval_and_flag(tmp_path, capsys):
    image = tmp_path / "hand.png"
    cv2.imwrite(str(image), synthetic_radiograph(260, 200))
    assert main(["predict", str(image), "--sex", "female", "--json"]) == 0
    row = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    for key in ("interval_low_months", "interval_high_months", "check_image", "check_reason"):
        assert key in row, key
    assert isinstance(row["check_image"], bool)
    if row["interval_low_months"] is not None:
        assert row["interval_low_months"] <= row["bone_age_months"] <= row["interval_high_months"]


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


def test_batch_blank_exam_date_takes_the_dicom_study_date(tmp_path):
    pytest.importorskip("pydicom")
    from app.batch import read_sex_table, run_batch
    from model.predictor import Predictor
    from tests.test_dicom_io import make_dicom

    folder = tmp_path / "films"
    folder.mkdir()
    make_dicom(folder / "hand.dcm", synthetic_radiograph(130, 100))  # StudyDate 2025-04-12
    table = tmp_path / "sexes.csv"
    table.write_text("file,sex,birth_date,exam_date\nhand.dcm,F,2015-03-10,\n")
    out = tmp_path / "out.csv"
    run_batch(Predictor(), read_sex_table(table, folder), out)
    (row,), _ = _rows(out)
    assert row["error"] == "" and row["exam_date"] == "2025-04-12"
    assert row["exam_date_source"] == "DICOM StudyDate"
    assert row["chronological_age_months"] == "121.1"  # 1 month 2 days after 10 years
