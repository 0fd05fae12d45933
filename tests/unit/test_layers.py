"""The code runs one way: composition (CLI, demo, status, whole-app settings) -> stages -> core.

The core (schema, Kafka I/O, stream loop, config base, metrics, logs, broker) imports no stage and no
composition module; a stage (collectors, processors, sinks) imports the core only, never another
stage and never the composition. Checked on the source's import statements, including imports
inside functions, and on what a fresh interpreter actually loads."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STAGES = {"collectors": "newswatch.collectors", "processors": "newswatch.processors", "sinks": "newswatch.sinks"}
COMPOSITION = ("newswatch.cli", "newswatch.demo", "newswatch.status", "newswatch.settings", "newswatch.stages",
               "newswatch.__main__", "newswatch.console")


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[0] in STAGES:
        parts = STAGES[parts[0]].split(".") + parts[1:]
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def _layer(module: str) -> str:
    for stage in STAGES.values():
        if module == stage or module.startswith(stage + "."):
            return stage
    if any(module == c or module.startswith(c + ".") for c in COMPOSITION):
        return "composition"
    if module == "newswatch" or module.startswith("newswatch."):
        return "core"
    return "outside"


def _sources() -> list[Path]:
    folders = [ROOT / "newswatch", *(ROOT / folder for folder in STAGES)]
    return sorted(p for folder in folders for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def test_no_layer_imports_against_the_flow():
    wrong = []
    for path in _sources():
        me = _layer(_module_name(path))
        for target in _imports(path):
            other = _layer(target)
            if other == "outside" or other == me or other == "core":
                continue
            if me == "composition":
                continue  # the composition may use every stage
            wrong.append(f"{path.relative_to(ROOT)} ({me}) imports {target} ({other})")
    assert not wrong, "\n".join(wrong)


def test_the_checker_sees_a_wrong_import(tmp_path):
    bad = ROOT / "newswatch" / "schema.py"
    assert _layer(_module_name(bad)) == "core"
    assert _layer("newswatch.sinks.router") == "newswatch.sinks"
    assert _layer(_module_name(ROOT / "sinks" / "run.py")) == "newswatch.sinks"
    assert _layer("newswatch.cli.common") == "composition"


def test_importing_the_core_loads_no_stage():
    code = ("import sys, newswatch.schema, newswatch.kafka_io, newswatch.stream, newswatch.config, "
            "newswatch.metrics, newswatch.logs, newswatch.lag, newswatch.broker\n"
            "print(sorted(m for m in sys.modules if m.startswith(('newswatch.collectors', 'newswatch.processors', "
            "'newswatch.sinks', 'newswatch.cli', 'newswatch.settings', 'newswatch.stages'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "[]", out.stdout


def test_every_package_folder_is_installed():
    import tomllib

    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(setuptools["packages"])
    present = {_module_name(init) for init in _sources() if init.name == "__init__.py"}
    assert present == listed, f"missing from pyproject: {present - listed}; listed but absent: {listed - present}"


def test_organisation_codes_have_one_source():
    """The tagger's organisation gazetteers name only codes the core knows (``newswatch.countries``)."""
    from newswatch.countries import ORGANIZATION_NAMES
    from newswatch.schema import ORGANIZATIONS

    assert set(ORGANIZATION_NAMES) == ORGANIZATIONS
    gazetteers = list((ROOT / "processors").rglob("organizations.tsv"))
    assert gazetteers
    for path in gazetteers:
        codes = {line.split("\t")[0] for line in path.read_text(encoding="utf-8").splitlines()
                 if line.strip() and not line.startswith("#")}
        assert codes <= ORGANIZATIONS, f"{path}: {codes - ORGANIZATIONS}"


def test_every_config_section_shares_one_base():
    """Frozen and unknown keys rejected, the same way in every section (one base class, in the core)."""
    import pydantic

    from newswatch.config import Frozen
    from newswatch.settings import Settings

    def sections(model: type[pydantic.BaseModel]):
        for field in model.model_fields.values():
            kind = field.annotation
            if isinstance(kind, type) and issubclass(kind, pydantic.BaseModel):
                yield kind
                yield from sections(kind)

    found = set(sections(Settings))
    assert len(found) >= 8
    assert all(issubclass(kind, Frozen) for kind in found), [k for k in found if not issubclass(k, Frozen)]


def test_stages_and_core_import_at_the_top():
    """An import inside a function in the core or a stage usually hides an import circle; only the
    composition (the CLI keeps start-up quick by importing a command's stage when it runs) may."""
    hidden = []
    for path in _sources():
        if _layer(_module_name(path)) == "composition":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for func in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)):
            for node in ast.walk(func):
                if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("newswatch"):
                    hidden.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.module}")
    assert not hidden, "\n".join(hidden)
