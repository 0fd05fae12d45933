"""The slow part of the packaging tests, started when the session starts and run beside the others.

An editable install with the pip that Python 3.11 bundles downloads and unpacks every dependency
into a fresh virtual environment: a minute or two of mostly waiting on the disk. The other tests
mostly wait on Kafka, so the install runs in a background thread from the end of collection (at a
lower CPU priority) and its test only waits for it and checks the result.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def clean_environment() -> dict[str, str]:
    """This environment without what would leak the test run's own interpreter into a fresh venv."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "NEWSWATCH_"))}


def _lower_priority() -> None:
    os.nice(10)


@dataclass
class Step:
    args: list[str]
    returncode: int | None = None
    stdout: str = ""
    stderr: str = ""


@dataclass
class EditableInstall:
    """``python -m venv``, ``ensurepip`` (the bundled pip), ``pip install -c constraints.txt -e ROOT``."""

    python: str
    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="newswatch-editable-")))
    steps: list[Step] = field(default_factory=list)
    _thread: threading.Thread | None = None

    @property
    def venv(self) -> Path:
        return self.root / "venv"

    def start(self) -> EditableInstall:
        self._thread = threading.Thread(target=self._run, name="editable-install", daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        py = str(self.venv / "bin" / "python")
        for args in ([self.python, "-m", "venv", "--without-pip", str(self.venv)],
                     [py, "-m", "ensurepip"],
                     [py, "-m", "pip", "--version"],
                     [py, "-m", "pip", "install", "-q", "-c", str(ROOT / "constraints.txt"), "-e", str(ROOT)]):
            step = Step(args)
            self.steps.append(step)
            try:
                done = subprocess.run(args, cwd=self.root, capture_output=True, text=True, timeout=1200,
                                      env=clean_environment(), preexec_fn=_lower_priority)
            except subprocess.TimeoutExpired as exc:
                step.returncode, step.stderr = -1, f"timed out after {exc.timeout:.0f} s"
                return
            step.returncode, step.stdout, step.stderr = done.returncode, done.stdout, done.stderr
            if done.returncode != 0:
                return

    def wait(self, timeout: float) -> list[Step]:
        assert self._thread is not None, "the install was never started"
        self._thread.join(timeout)
        assert not self._thread.is_alive(), f"the editable install did not finish within {timeout:.0f} s"
        return self.steps

    def remove(self) -> None:
        if self._thread is not None:
            self._thread.join(1200)
        shutil.rmtree(self.root, ignore_errors=True)
