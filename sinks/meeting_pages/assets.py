"""The third-party files the pages load, installed from npm by ``make setup`` (web/package.json, pinned
by web/package-lock.json) into ``build/web/node_modules``. Only the files listed here are served."""

from __future__ import annotations

from pathlib import Path

from newswatch.errors import NewswatchError

#: URL name under /static/vendor/ -> path inside node_modules.
VENDOR_FILES = {
    "d3.min.js": "d3/dist/d3.min.js",
    "topojson-client.min.js": "topojson-client/dist/topojson-client.min.js",
    "countries-110m.json": "world-atlas/countries-110m.json",
}
#: Read by the server only (regions and ISO numeric codes), not served.
WORLD_COUNTRIES = "world-countries/countries.json"

CHECKOUT_ASSETS = Path(__file__).resolve().parents[2] / "build" / "web" / "node_modules"


class AssetsMissingError(NewswatchError):
    """The pages' JavaScript or map data is not installed."""


def assets_dir(configured: Path | None) -> Path:
    """The node_modules folder to serve from; raises when any file the pages need is missing."""
    root = configured or CHECKOUT_ASSETS
    missing = [rel for rel in [*VENDOR_FILES.values(), WORLD_COUNTRIES] if not (root / rel).is_file()]
    if missing:
        raise AssetsMissingError(
            f"the pages' assets are missing from {root} ({', '.join(missing)}): run `make setup` "
            "(npm ci into build/web), set serve.assets_dir, or set serve.pages = false for the API alone")
    return root
