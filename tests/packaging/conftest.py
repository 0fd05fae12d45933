"""Start the editable install (tests/packaging/background.py) as soon as collection has chosen its test."""

from __future__ import annotations

import os
import sys

import pytest

from tests.packaging.background import EditableInstall

EDITABLE_INSTALL = pytest.StashKey[EditableInstall]()
EDITABLE_TEST = "test_an_editable_install_with_the_pip_python_311_bundles"


def pytest_collection_finish(session: pytest.Session) -> None:
    # Under pytest-xdist every worker collects every test, but only one runs it: there the
    # fixture starts the install when the test comes, while the other worker runs the rest.
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return
    if any(item.name == EDITABLE_TEST for item in session.items):
        session.config.stash[EDITABLE_INSTALL] = EditableInstall(sys.executable).start()


def pytest_sessionfinish(session: pytest.Session) -> None:
    install = session.config.stash.get(EDITABLE_INSTALL, None)
    if install is not None:
        install.remove()


@pytest.fixture
def editable_install(request: pytest.FixtureRequest) -> EditableInstall:
    """The background install of this session (started here if collection did not start it)."""
    install = request.config.stash.get(EDITABLE_INSTALL, None)
    if install is None:
        install = request.config.stash[EDITABLE_INSTALL] = EditableInstall(sys.executable).start()
    return install
