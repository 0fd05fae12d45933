"""The pages' fixtures: one real pipeline run into PostgreSQL, one server over it, one headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.pages.browser import Browser, available
from tests.pages.pipeline import run_pipeline
from tests.pages.server import serving


@pytest.fixture(scope="session")
def pipeline_database(kafka, tagger, postgres_server, tmp_path_factory) -> str:
    """A PostgreSQL database holding what the real pipeline made of the known data set."""
    url = postgres_server.create_database("pages_pipeline")
    run_pipeline(kafka, tagger, url, tmp_path_factory.mktemp("pages-feed"))
    return url


@pytest.fixture(scope="session")
def pages_url(pipeline_database) -> Iterator[str]:
    with serving(pipeline_database) as base:
        yield base


@pytest.fixture(scope="session")
def browser(tmp_path_factory) -> Iterator[Browser]:
    """One headless Chromium for the whole session."""
    missing = available()
    if missing:
        pytest.fail(missing)
    chromium = Browser(tmp_path_factory.mktemp("chromium-profile"))
    yield chromium
    chromium.quit()
