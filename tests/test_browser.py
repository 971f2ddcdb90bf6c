"""The HTML report in a real browser: headless Chromium driven over the Chrome DevTools Protocol.

Every page is opened from disk; the test reads the DOM, and fails on a console error, an uncaught exception, a
Content-Security-Policy violation or any request that is not for a local file. Screenshots (desktop and phone
width) go to ``$COVERAGE_SCREENSHOTS`` when set (``make browser-test`` sets ``out/screenshots``), else to the
test's temporary folder. Chromium is Debian's ``chromium`` package, which ``make browser-test`` installs; without
it these tests skip.
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from coverage import HashingEmbedder, Settings, compare
from coverage.report.html import write_html

from .conftest import DEMO

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
LOCAL_SCHEMES = ("file:", "data:", "about:")


def _browser() -> str | None:
    found = (shutil.which(name) for name in BROWSERS)
    return next((path for path in found if path), None)


class Browser:
    """One headless Chromium and one page, driven over the DevTools protocol (websocket-client)."""

    def __init__(self, executable: str, profile: Path) -> None:
        import websocket

        self.process = subprocess.Popen(
            [
                executable,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--remote-debugging-port=0",
                "--remote-allow-origins=*",
                f"--user-data-dir={profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.exists() and port_file.read_text().strip()):
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.close()
                raise RuntimeError("chromium did not start")
            time.sleep(0.1)
        port = int(port_file.read_text().split()[0])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as response:
            targets = json.load(response)
        page = next(t for t in targets if t["type"] == "page")
        self.socket = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30, suppress_origin=True)
        self.ids = itertools.count(1)
        self.events: list[dict[str, Any]] = []
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable")

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        """Send one command and wait for its answer; events that arrive meanwhile are kept in :attr:`events`."""
        call = next(self.ids)
        self.socket.send(json.dumps({"id": call, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == call:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return dict(message.get("result", {}))
            self.events.append(message)

    def wait_for(self, method: str, timeout: float = 30) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            message = json.loads(self.socket.recv())
            self.events.append(message)
            if message.get("method") == method:
                return message
        raise TimeoutError(method)

    def open(self, path: Path) -> None:
        self.send("Page.navigate", url=path.resolve().as_uri())
        self.wait_for("Page.loadEventFired")

    def eval(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")

    def screenshot(self, path: Path, width: int, height: int, mobile: bool = False) -> None:
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=mobile,
        )
        data = self.send("Page.captureScreenshot", format="png")["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        self.send("Emulation.clearDeviceMetricsOverride")

    def problems(self) -> list[str]:
        """Console errors, uncaught exceptions, CSP and other logged errors, and requests for non-local URLs."""
        out = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                out.append(f"console error: {params.get('args')}")
            elif method == "Runtime.exceptionThrown":
                out.append(f"exception: {params.get('exceptionDetails')}")
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                out.append(f"log: {params['entry'].get('text')}")
            elif method == "Network.requestWillBeSent":
                url = params["request"]["url"]
                if not url.startswith(LOCAL_SCHEMES):
                    out.append(f"request leaving the machine: {url}")
        return out

    def close(self) -> None:
        socket = getattr(self, "socket", None)
        if socket is not None:
            socket.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    executable = _browser()
    if executable is None:
        pytest.skip("no chromium: `make browser-test` installs it (apt-get install -y chromium)")
    pytest.importorskip("websocket", reason="websocket-client is a test dependency")
    instance = Browser(executable, tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield instance
    finally:
        instance.close()


def _screenshots(tmp_path: Path) -> Path:
    return Path(os.environ.get("COVERAGE_SCREENSHOTS") or tmp_path / "screenshots")


def test_the_harness_sees_errors_and_remote_requests(browser: Browser, tmp_path: Path) -> None:
    """Without this, a broken listener would let every other test here pass."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html><body><img src="http://192.0.2.1/x.png" alt="">'
        '<script>console.error("boom"); undefinedFunction();</script></body></html>'
    )
    browser.events.clear()
    browser.open(page)
    problems = browser.problems()
    browser.events.clear()
    assert any("request leaving the machine: http://192.0.2.1/x.png" in p for p in problems)
    assert any(p.startswith("console error") for p in problems)
    assert any(p.startswith("exception") for p in problems)


HOSTILE = (
    'Rioters wrote <script>alert("x")</script> and <img src="https://example.invalid/t.png" onerror="alert(2)">'
    " on the wall; 5,800 people were detained."
)
P = [
    "The interior ministry said on Sunday that 5,800 people had been detained after the unrest in Almaty.",
    "President Tokayev asked a Russian-led alliance to send troops, which arrived within a day of the request.",
    "Internet access was cut across the country for most of the week, leaving residents without news.",
]


def test_hostile_text_renders_as_text_with_no_request(browser: Browser, write, tmp_path: Path) -> None:
    corpus = write(
        {
            "alpha/a.txt": "Unrest in Kazakhstan\n\n" + "\n\n".join([*P, HOSTILE]),
            "beta/b.json": {"title": '<b onmouseover="alert(3)">Kazakhstan</b>', "text": "\n\n".join(P[:2])},
        }
    )
    settings = Settings().replace(embedding={"cache": False}, events={"threshold": 0.05})
    result = compare(corpus, settings, embedder=HashingEmbedder())
    paths = write_html(result, tmp_path / "html")
    browser.events.clear()
    for path in paths:
        browser.open(path)
        assert browser.eval("document.querySelectorAll('img, iframe, object, embed').length") == 0
        assert browser.eval("document.scripts.length") == 1
    assert "<script>" in browser.eval("document.body.textContent") or "<b onmouseover" in browser.eval(
        "document.body.textContent"
    )
    browser.screenshot(_screenshots(tmp_path) / "hostile-event.png", 1280, 900)
    assert browser.problems() == []


@pytest.mark.slow
def test_demo_report_in_chromium(browser: Browser, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every event page, every fact row and every omission with its closest sentence; no error, no request."""
    cache = tmp_path_factory.mktemp("demo-cache")
    result = compare(DEMO, Settings().replace(embedding={"cache_dir": str(cache)}))
    folder = tmp_path / "html"
    index, *pages = write_html(result, folder)
    shots = _screenshots(tmp_path)
    browser.events.clear()

    browser.open(index)
    links = browser.eval("[...document.querySelectorAll('table.events tbody a')].map(a => a.getAttribute('href'))")
    assert links == [p.name for p in pages]
    assert len(links) == len(result.events)
    browser.screenshot(shots / "index-desktop.png", 1280, 800)
    browser.screenshot(shots / "index-phone.png", 390, 844, mobile=True)
    # the outlet filter and sorting work
    shown = browser.eval(
        """(() => { const s = document.querySelector('#outlet-filter select');
        s.value = 'Morning Ledger'; s.dispatchEvent(new Event('change'));
        return [...document.querySelectorAll('table.events tbody tr')].filter(r => !r.hidden).length; })()"""
    )
    assert shown == sum(1 for e in result.events if "Morning Ledger" in e.outlets)

    for event, page in zip(result.events, pages, strict=True):
        browser.open(page)
        assert browser.eval("document.querySelector('h1').textContent") == f"{event.id}: {event.title}"
        rows = browser.eval("document.querySelectorAll('table.matrix tbody tr.fact-row').length")
        assert rows == len(event.facts)
        cells = browser.eval("document.querySelectorAll('table.matrix td.v a').length")
        assert cells == len(event.facts) * len(event.outlets)
        for outlet, ids in event.omissions.items():
            for fact_id in ids:
                fact = event.fact(fact_id)
                check = fact.check(outlet)
                assert check is not None and check.closest is not None
                cell = f"{fact_id.rsplit('-', 1)[-1]}-o{event.outlets.index(outlet) + 1}"
                text = browser.eval(f"document.getElementById({json.dumps(cell)}).textContent")
                assert "omits" in text and check.closest.sentence in text
        shown = browser.eval("document.querySelectorAll('.side li.p').length")
        assert shown == sum(len(a.paragraphs) for a in event.articles)
        if event.id == "E1":
            browser.screenshot(shots / "event-desktop.png", 1280, 1000)
        if event.facts:
            # a click on an omission cell shows the closest sentence inside its paragraph
            opened = browser.eval(
                """(() => { const a = document.querySelector('table.matrix td.v.omits a')
                || document.querySelector('table.matrix td.v a'); a.click();
                const d = document.querySelector('tr.detail'); return d ? d.textContent : ''; })()"""
            )
            assert opened
        if event.id == "E1":
            browser.eval("document.querySelector('tr.detail').scrollIntoView()")
            browser.screenshot(shots / "event-cell-open.png", 1280, 900)
            browser.eval("document.getElementById('figures').scrollIntoView()")
            browser.screenshot(shots / "event-figures.png", 1280, 1000)
            browser.eval("document.getElementById('texts').scrollIntoView()")
            browser.screenshot(shots / "event-texts.png", 1280, 900)
            browser.eval("window.scrollTo(0, 0)")
            browser.screenshot(shots / "event-phone.png", 390, 844, mobile=True)
    assert browser.problems() == []
