"""A headless Debian chromium driven over the DevTools protocol, for the page tests and the benchmark.

Chosen over selenium because it needs only the `chromium` binary and one websocket client, and
the protocol reports exactly what the tests assert: console errors, uncaught exceptions, every
request the page makes, and any alert/confirm dialog (which is how an injected script shows).
"""

from __future__ import annotations

import base64
import itertools
import json
import shutil
import subprocess
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from websockets.sync.client import ClientConnection, connect

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--mute-audio",
    "--hide-scrollbars",
    "--window-size=1280,900",
    "--remote-debugging-port=0",
)
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}


def chromium_path() -> str | None:
    """The chromium binary, or None where it is not installed (CI installs Debian's)."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def is_local(url: str) -> bool:
    """Whether loading this URL stays on this machine."""
    parts = urlsplit(url)
    if parts.scheme in {"data", "blob", "about", "file", "chrome-error"}:
        return True
    return parts.scheme in {"http", "https", "ws", "wss"} and (parts.hostname or "") in LOCAL_HOSTS


@dataclass
class PageLog:
    """What one page did while it loaded and drew."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    @property
    def remote_requests(self) -> list[str]:
        return [url for url in self.requests if not is_local(url)]


class Chromium:
    """One headless chromium with a fresh profile and one tab; a context manager."""

    def __init__(self, binary: str, timeout_s: float = 20.0) -> None:
        self.profile = Path(tempfile.mkdtemp(prefix="ecograph-chromium-"))
        self.timeout_s = timeout_s
        self.process = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        self._ids = itertools.count(1)
        self.log = PageLog()
        self._stack = ExitStack()
        self._stack.callback(self._stop)
        self.ws: ClientConnection = self._stack.enter_context(
            connect(self._browser_endpoint(), max_size=None, proxy=None, open_timeout=self.timeout_s)
        )
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.call(f"{domain}.enable", session=True)

    def _browser_endpoint(self) -> str:
        """Chromium writes the port it picked and the browser's websocket path into the profile."""
        marker = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + self.timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"chromium exited with code {self.process.returncode}")
            lines = marker.read_text().split() if marker.exists() else []
            if len(lines) == 2:
                return f"ws://127.0.0.1:{lines[0]}{lines[1]}"
            time.sleep(0.05)
        raise TimeoutError("chromium did not open its DevTools port")

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._stack.close()

    def _stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)

    def call(self, method: str, *, session: bool = False, **params: Any) -> dict[str, Any]:
        """Send one protocol command and return its result, recording the events that arrive meanwhile."""
        msg_id = next(self._ids)
        message: dict[str, Any] = {"id": msg_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        self.ws.send(json.dumps(message))
        deadline = time.monotonic() + self.timeout_s
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no answer to {method}")
            reply = json.loads(self.ws.recv(timeout=remaining))
            if reply.get("id") == msg_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return dict(reply.get("result", {}))
            if "method" in reply:
                self._event(reply["method"], reply.get("params", {}))

    def _event(self, method: str, params: dict[str, Any]) -> None:
        if method == "Network.requestWillBeSent":
            self.log.requests.append(params["request"]["url"])
        elif method == "Runtime.consoleAPICalled" and params["type"] in {"error", "assert"}:
            self.log.errors.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params["args"]))
        elif method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            self.log.errors.append(details.get("exception", {}).get("description", details.get("text", "")))
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            self.log.errors.append(params["entry"]["text"])
        elif method == "Page.javascriptDialogOpening":
            self.log.dialogs.append(params["message"])
            message = {"id": next(self._ids), "method": "Page.handleJavaScriptDialog",
                       "params": {"accept": True}, "sessionId": self.session}
            self.ws.send(json.dumps(message))

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (JSON-serialisable values only)."""
        result = self.call("Runtime.evaluate", session=True, expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def open(self, url: str, ready: str = "document.readyState === 'complete'") -> PageLog:
        """Load a URL with a fresh log and wait until the `ready` expression is true."""
        self.log = PageLog()
        self.call("Page.navigate", session=True, url=url)
        self.wait_for(ready)
        return self.log

    def wait_for(self, expression: str) -> None:
        deadline = time.monotonic() + self.timeout_s
        while not self.evaluate(f"Boolean({expression})"):
            if time.monotonic() > deadline:
                raise TimeoutError(f"page never satisfied {expression}; errors: {self.log.errors}")
            time.sleep(0.05)

    def screenshot(self, path: Path) -> Path:
        data = self.call("Page.captureScreenshot", session=True, format="png")["data"]
        path.write_bytes(base64.b64decode(data))
        return path
