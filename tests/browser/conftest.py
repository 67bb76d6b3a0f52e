"""브라우저 검사의 픽스처. 다른 검사 파일도 `browser`와 `site_base_url`을 그대로 쓸 수 있습니다.

- browser: 세션에 하나인 Playwright Browser (sync API, 시스템 Chromium을 executable_path로). Chromium이나
  playwright가 없으면 로컬에서는 이유를 출력하며 건너뛰고, CI(`CI=true`)에서는 실패합니다 (chromium.py).
- site_server: 빌드된 사이트(tests/conftest.py의 built_site)를 보내며 보낸 바이트를 세는 서버 (server.py).
- site_base_url: 그 서버의 사이트 주소 (str, 끝에 /). site_url의 경로 아래에 띄웁니다:
  http://127.0.0.1:포트/cnn-ch14-study/ — 실제 배포처럼 절대 경로도 맞도록.
- visits: 모든 페이지를 한 번씩 방문한 결과 (페이지 주소 → sweep.Visit). 세션에 한 번만 훑습니다.
"""

from __future__ import annotations

import os
import shutil
import time

import pytest

from .chromium import CHROMIUM_ARGS, require_chromium, unavailable
from .report import report
from .server import start_server
from .sweep import SCREENSHOTS, Tab, site_pages, sweep


@pytest.fixture(scope="session")
def browser():
    """시스템 Chromium을 띄운 Playwright Browser (세션에 하나)."""
    chromium = require_chromium(os.environ)
    from playwright.sync_api import Error, sync_playwright

    pw = sync_playwright().start()
    try:
        launched = pw.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
    except Error as e:
        launched, reason = None, f"Chromium을 띄우지 못했습니다 ({chromium}): {str(e).splitlines()[0]}"
    if launched is None:
        pw.stop()
        unavailable(reason, os.environ)
    yield launched
    launched.close()
    pw.stop()


@pytest.fixture(scope="session")
def site_server(built_site, tmp_path_factory):
    """빌드된 사이트를 보내며 보낸 바이트를 세는 서버 (server.CountingServer: url, sent_bytes())."""
    site = start_server(built_site, tmp_path_factory.mktemp("serve"))
    yield site
    site.stop()


@pytest.fixture(scope="session")
def site_base_url(site_server) -> str:
    """빌드된 사이트의 주소 (끝에 /): 예) http://127.0.0.1:포트/cnn-ch14-study/"""
    return site_server.url


@pytest.fixture(scope="session")
def visits(browser, site_server, built_site, request):
    """빌드된 사이트의 모든 페이지(노트북 페이지와 404 포함)를 한 번씩 방문합니다 (페이지 주소 → sweep.Visit)."""
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    tab = Tab(browser, site_server)
    try:
        result = sweep(tab, site_pages(built_site), SCREENSHOTS)
    finally:
        tab.close()
    r = report(request.config)
    r.visits, r.sweep_s, r.shots = result, time.perf_counter() - started, SCREENSHOTS
    return result
