"""One real headless Chromium (Debian's ``chromium`` and ``chromium-driver``) driven by Selenium; no
browser or driver is downloaded. It records what a page did wrong: console errors, and requests that
failed or answered 4xx/5xx (from Chromium's own performance log)."""

from __future__ import annotations

import base64
import json
import shutil
import time
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.remote.webelement import WebElement

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1"]


def available() -> str | None:
    """Why the browser tests cannot run here, or None."""
    for path in (CHROMIUM, CHROMEDRIVER):
        if not shutil.which(path):
            return f"{path} is missing (scripts/install-system-deps.sh installs chromium and chromium-driver)"
    return None


class Browser:
    def __init__(self, profile: Path, width: int = 1280, height: int = 900):
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in [*FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"]:
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
        options.add_experimental_option("perfLoggingPrefs", {"enableNetwork": True, "enablePage": False})
        self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        self.driver.set_page_load_timeout(30)

    def quit(self) -> None:
        self.driver.quit()

    def open(self, url: str, *, drawn: bool = True, timeout: float = 20.0) -> None:
        """Load ``url``; for a drawing page, wait until its script says it rendered."""
        self.drain()
        self.driver.get(url)
        if drawn:
            self.wait_renders(1, timeout)

    def renders(self) -> int:
        return int(self.driver.execute_script("return Number(document.body.dataset.renders || 0)"))

    def wait_renders(self, at_least: int, timeout: float = 20.0) -> None:
        self.wait(lambda: self.renders() >= at_least, timeout, f"the page to render {at_least} time(s)")

    def wait(self, predicate: Any, timeout: float = 20.0, what: str = "a condition") -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; problems: {self.problems()}")
            time.sleep(0.05)

    def js(self, script: str, *args: Any) -> Any:
        return self.driver.execute_script(script, *args)

    def find(self, css: str) -> list[WebElement]:
        return self.driver.find_elements("css selector", css)

    def drain(self) -> None:
        """Forget what earlier pages logged."""
        self.driver.get_log("browser")
        self.driver.get_log("performance")

    def problems(self) -> list[str]:
        """Console errors and failed requests since the last ``drain``/``open``."""
        found = [f"console: {e['message']}" for e in self.driver.get_log("browser") if e["level"] == "SEVERE"]
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            params = message.get("params", {})
            if message["method"] == "Network.loadingFailed" and not params.get("canceled"):
                found.append(f"request failed: {params.get('errorText')} ({params.get('type')})")
            elif message["method"] == "Network.responseReceived" and params["response"]["status"] >= 400:
                found.append(f"HTTP {params['response']['status']}: {params['response']['url']}")
        return found

    def screenshot(self, path: Path, max_height: int = 2400) -> None:
        """The whole page (up to ``max_height`` CSS pixels), not just the window."""
        path.parent.mkdir(parents=True, exist_ok=True)
        size = self.driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
        clip = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], max_height), "scale": 1}
        shot = self.driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "clip": clip,
                                                                      "captureBeyondViewport": True})
        path.write_bytes(base64.b64decode(shot["data"]))
