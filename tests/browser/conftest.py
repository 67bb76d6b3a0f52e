"""임시(TEMPORARY) conftest: tests/browser/ 패키지의 진짜 conftest.py가 병합될 때 이 파일을 대신합니다.

그 conftest가 줄 두 세션 픽스처만 최소한으로 흉내 냅니다.
- browser: 시스템 Chromium(/usr/bin/chromium, 환경 변수 CHROMIUM)을 headless로 띄운 Playwright 동기 Browser
- site_base_url: 빌드한 사이트(tests/conftest.py의 built_site)를 127.0.0.1에 http.server로 띄운 주소 (끝에 /)
"""

from __future__ import annotations

import functools
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright 패키지가 없습니다")
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium이 없습니다: {CHROMIUM}")
    pw = sync_playwright().start()
    browser = pw.chromium.launch(
        executable_path=str(CHROMIUM),
        args=["--headless", "--no-sandbox", "--disable-gpu",
              "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"],
    )
    yield browser
    browser.close()
    pw.stop()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def site_base_url(built_site):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(built_site)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()
