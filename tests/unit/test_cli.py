"""The command line explains itself, and expected failures are one clear line, not a traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from newswatch.cli import _register_all, app
from tests.support.processes import stage_env

ROOT = Path(__file__).resolve().parents[2]


def newswatch(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None,
              timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newswatch", *args], capture_output=True, text=True,
                          env=stage_env(env or {}), cwd=cwd or ROOT, timeout=timeout)


def _command_paths() -> list[list[str]]:
    _register_all()
    paths: list[list[str]] = []
    for command in app.registered_commands:
        paths.append([command.name or command.callback.__name__.replace("_", "-")])
    for group in app.registered_groups:
        sub: typer.Typer = group.typer_instance
        paths.append([group.name])
        paths.extend([group.name, c.name or c.callback.__name__.replace("_", "-")] for c in sub.registered_commands)
    return paths


def test_top_level_help_lists_the_stages() -> None:
    result = newswatch("--help")
    assert result.returncode == 0
    for command in ("collect", "process", "alert", "run", "demo", "broker"):
        assert command in result.stdout


@pytest.mark.parametrize("path", _command_paths(), ids=" ".join)
def test_every_command_has_help(path: list[str]) -> None:
    result = newswatch(*path, "--help")
    assert result.returncode == 0, result.stderr
    assert "Usage:" in result.stdout
    # The first line of help text under Usage says what the command does.
    assert len(result.stdout.split("Usage:", 1)[1].strip().splitlines()) > 2
    # Rich reads [a.b] as markup and drops it: an unescaped ``[processor.tagger]`` printed as ````.
    assert "````" not in result.stdout


def _assert_one_line_error(result: subprocess.CompletedProcess[str], code: int, *needles: str) -> None:
    assert result.returncode == code, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("newswatch: error:")]
    assert len(errors) == 1, result.stderr
    for needle in needles:
        assert needle in errors[0]


def test_invalid_config_file_is_one_clear_line(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text("[kafka]\nbootstrap_servers = 5\nunknown_key = 1\n")
    result = newswatch("--config", str(config), "process")
    _assert_one_line_error(result, 2, "invalid configuration", "bad.toml", "kafka.unknown_key")


def test_unreachable_bootstrap_server_is_one_clear_line() -> None:
    result = newswatch("--bootstrap-servers", "127.0.0.1:1", "process",
                       env={"NEWSWATCH_KAFKA__CONNECT_TIMEOUT_SECONDS": "2"})
    _assert_one_line_error(result, 3, "cannot reach Kafka bootstrap servers 127.0.0.1:1")


def test_missing_java_is_named(tmp_path: Path) -> None:
    result = newswatch("broker", "start", env={"PATH": str(tmp_path), "XDG_STATE_HOME": str(tmp_path / "state")})
    _assert_one_line_error(result, 3, "Java 17+ is needed")


def test_missing_maven_is_named_when_jars_are_not_cached(tmp_path: Path) -> None:
    java = shutil.which("java")
    if java is None:
        pytest.skip("this check needs java on PATH")
    bindir = tmp_path / "bin"
    bindir.mkdir()
    (bindir / "java").symlink_to(java)
    result = newswatch("broker", "start", env={"PATH": str(bindir), "XDG_STATE_HOME": str(tmp_path / "state"),
                                               "XDG_CACHE_HOME": str(tmp_path / "cache")})
    _assert_one_line_error(result, 3, "Maven (mvn) is needed")
