"""``pip install .`` (not editable) gives the same app as the checkout: the wheel carries the
model bundle, the reference table, the translation and the icon, and the installed ``boneage``
answers from a folder that is not the checkout.

Offline: the wheel is built with this environment's setuptools (no build isolation, no
download), and the throwaway venv borrows this environment's dependencies instead of
installing them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import cv2
import pytest

from tests.conftest import REPO, synthetic_radiograph

pytest.importorskip("setuptools", reason="building the wheel needs setuptools")
pytest.importorskip("wheel", reason="building the wheel needs the wheel package")
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="venv layout of Linux/macOS")


def _shipped_resources() -> list[str]:
    """Every resource file the installed app needs, as its path inside the wheel."""
    res = REPO / "resources"
    files = [p for p in (res / "model").iterdir() if p.is_file()]
    files += [res / "reference" / "greulich-pyle-brush.csv", res / "reference" / "README.md",
              res / "icons" / "boneage.png"]
    files += sorted((res / "translations").glob("*.qm"))
    return sorted("boneage_resources/" + p.relative_to(res).as_posix() for p in files)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from a copy of the sources (setuptools writes build/ and *.egg-info
    where it builds, and build/ here holds the build scripts)."""
    work = tmp_path_factory.mktemp("wheel")
    src = work / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.ts")
    for name in ("app", "model", "resources"):
        shutil.copytree(REPO / name, src / name, ignore=ignore)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "--no-index", "-q", "-w", str(work / "dist"), str(src)],
                   check=True, capture_output=True, timeout=300)
    (built,) = (work / "dist").glob("boneage-*.whl")
    return built


def test_wheel_carries_the_resources(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in _shipped_resources() if name not in names]
    assert not missing, f"not in the wheel: {missing}"
    assert "app/qt/main_window.py" in names and "model/predictor.py" in names
    assert not any(n.startswith(("tests/", "scripts/", "build/", "resources/")) for n in names)
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "boneage = app.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_installed_wheel_works_from_another_folder(wheel, tmp_path):
    """A fresh venv holding only the wheel (its dependencies borrowed from this environment
    through a .pth file, which does not run this environment's editable-install hook)."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True,
                   timeout=120)
    python = venv / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()"
                           "['purelib'])"], check=True, capture_output=True, text=True
                          ).stdout.strip()
    borrowed = [p for p in sys.path if p.endswith("site-packages")]
    Path(site, "borrowed-dependencies.pth").write_text("\n".join(borrowed) + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
                    "--no-deps", "--no-index", str(wheel)], check=True, capture_output=True,
                   timeout=300)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    boneage = str(venv / "bin" / "boneage")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([boneage, *args], cwd=elsewhere, env=env, capture_output=True,
                              text=True, timeout=180)

    where = subprocess.run([str(python), "-c", "import model.resources as r, app; "
                            "print(r.resources_dir()); print(app.__file__)"],
                           cwd=elsewhere, env=env, capture_output=True, text=True, check=True)
    resources, app_file = where.stdout.split()
    assert resources.startswith(site) and resources.endswith("boneage_resources")
    assert app_file.startswith(site), "the checkout, not the installed copy, was imported"

    installed = run("self-test")
    assert installed.returncode == 0, installed.stderr
    result = json.loads(installed.stdout.strip().splitlines()[-1])
    source = subprocess.run([sys.executable, "-m", "app", "self-test"], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=180, check=True)
    expected = json.loads(source.stdout.strip().splitlines()[-1])
    assert result["ok"] and result["reference_sds_ok"] and result["model"] == expected["model"]
    assert result["female_months"] == expected["female_months"]

    cv2.imwrite(str(elsewhere / "hand.png"), synthetic_radiograph())
    predicted = run("predict", "hand.png", "--sex", "female", "--json")
    assert predicted.returncode == 0, predicted.stderr
    assert json.loads(predicted.stdout)["bone_age_months"] is not None

    window = run("gui", "--quit-after", "0.2")
    assert window.returncode == 0, window.stdout + window.stderr
    assert "model loaded" in window.stdout and "chart drawn" in window.stdout
