"""The package a user installs works, not only the editable checkout the other tests run against.

Regression: the wheel left out the tagger's ``*.txt`` data files (``newswatch tag`` died with
FileNotFoundError), and ``pip install -e .`` with the pip that Python 3.11 bundles (23.2) gave a tool
that could not start (``lxml.html.clean`` missing). Both installs run ``newswatch tag`` on the seed
from a folder outside the checkout and must give its exact answer."""

from __future__ import annotations

import json
import site
import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging.background import clean_environment

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_93b1d132296354fd.txt"
SEED_COUNTERPARTS = ["AE", "CA", "CM", "FI", "JP", "MN", "MY", "NATO"]

pytestmark = pytest.mark.packaging


def _run(args: list[str], cwd: Path, timeout: float = 600, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          env={**clean_environment(), **(env or {})})
    assert done.returncode == 0, f"{args[:3]} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
    return done.stdout


def _tags_the_seed(venv: Path, workdir: Path) -> str:
    seed_copy = workdir / SEED.name
    seed_copy.write_bytes(SEED.read_bytes())  # the checkout itself is not the input either
    out = _run([str(venv / "bin" / "newswatch"), "tag", str(seed_copy)], cwd=workdir)
    tagged = json.loads(out.splitlines()[0])
    assert tagged["is_defense_ministerial_meeting"] is True
    assert tagged["host_country"] == "KR"
    assert sorted(tagged["counterpart_countries"]) == SEED_COUNTERPARTS
    where = _run([str(venv / "bin" / "python"), "-c",
                  "import newswatch.processors.tag_meetings as t; print(t.__file__)"],
                 cwd=workdir)
    return where.strip()


def test_a_wheel_built_from_the_sdist_works_outside_the_checkout(tmp_path):
    """sdist first, then the wheel from the sdist: both must carry every module and data file."""
    sdists = tmp_path / "sdist"
    _run([sys.executable, "-c", "from setuptools import setup; setup()", "-q", "sdist", "-d", str(sdists)], cwd=ROOT)
    (sdist,) = sdists.glob("newswatch-*.tar.gz")
    wheels = tmp_path / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(sdist)], cwd=tmp_path)
    (wheel,) = wheels.glob("newswatch-*.whl")
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=tmp_path)
    _run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "-q", "--no-deps",
          str(wheel)], cwd=tmp_path)
    # The dependencies (spaCy & co.) come from the test environment's site-packages through a plain path
    # entry: its .pth files, the editable install's finder among them, are not processed from there.
    (purelib,) = [p for p in (venv / "lib").glob("python3.*/site-packages")]
    (purelib / "deps.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    work = tmp_path / "elsewhere"
    work.mkdir()
    module = _tags_the_seed(venv, work)
    assert module.startswith(str(venv)), module  # from the wheel, not from the checkout


def test_an_editable_install_with_the_pip_python_311_bundles(editable_install, tmp_path):
    """The install itself started with the session (tests/packaging/background.py); here it is checked."""
    for step in editable_install.wait(timeout=1200):
        assert step.returncode == 0, f"{step.args[:4]} failed:\n{step.stdout[-2000:]}\n{step.stderr[-4000:]}"
    version = editable_install.steps[2].stdout
    venv = editable_install.venv
    work = tmp_path / "elsewhere"
    work.mkdir()
    module = _tags_the_seed(venv, work)
    assert module.startswith(str(ROOT)), module
    assert version.split()[1] == _bundled_pip(), version


def _bundled_pip() -> str:
    import ensurepip

    return ensurepip.version()
