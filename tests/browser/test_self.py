"""검사 자체의 검사.

- 일부러 망가뜨린 페이지를 같은 방법으로 열어, 페이지 검사들이 정말 문제를 잡는지 봅니다 (헛도는 검사 방지).
- Chromium이나 playwright가 없을 때: CI(`CI=true`)에서는 실패하고, 로컬에서는 이유를 출력하며 건너뛰는지.
  찾기 함수(chromium.require_chromium)를 직접 부르고, browser 픽스처를 쓰는 검사 하나를 작은 pytest로 돌려 봅니다.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from project import ROOT

from . import axe, sweep
from .chromium import INSTALL, BrowserMissing, find_chromium, require_chromium
from .server import start_server
from .sweep import MAX_LOAD_MS, MIN_CONTRAST_TEXT, Tab, Visit, budget_problems, visit_page

MISSING = "/nonexistent/chromium"
# Chromium 쪽만 볼 때는 playwright 대신 늘 있는 모듈을 넘깁니다 (playwright가 없는 컴퓨터에서도 같은 결과가 나오도록).
PRESENT = "json"


# ---------------------------------------------------------------- 브라우저가 뜨는가


def test_chromium_starts(browser):
    """browser 픽스처가 정말 Chromium을 띄웁니다 (아래 하위 실행이 이 검사를 씁니다)."""
    assert browser.is_connected()
    assert browser.version, "Chromium 버전을 읽지 못했습니다"


# ---------------------------------------------------------------- Chromium이 없을 때


def test_missing_chromium_fails_in_ci():
    with pytest.raises(pytest.fail.Exception) as failed:
        require_chromium({"CI": "true", "CHROMIUM": MISSING}, module=PRESENT)
    message = str(failed.value)
    assert MISSING in message and INSTALL in message, message


def test_missing_chromium_skips_locally_with_reason(capsys):
    with pytest.raises(pytest.skip.Exception) as skipped:
        require_chromium({"CHROMIUM": MISSING}, module=PRESENT)
    assert MISSING in str(skipped.value) and INSTALL in str(skipped.value), skipped.value
    assert f"[browser] 건너뜀: Chromium이 없습니다: {MISSING}" in capsys.readouterr().out


def test_missing_playwright_fails_in_ci_and_skips_locally():
    with pytest.raises(pytest.fail.Exception) as failed:
        require_chromium({"CI": "true"}, module="playwright_does_not_exist")
    assert "playwright_does_not_exist 패키지가 없습니다" in str(failed.value) and INSTALL in str(failed.value)
    with pytest.raises(pytest.skip.Exception) as skipped:
        require_chromium({"CI": "false"}, module="playwright_does_not_exist")
    assert "playwright_does_not_exist 패키지가 없습니다" in str(skipped.value)


def test_chromium_path_comes_from_environment():
    env = {"CHROMIUM": sys.executable}  # 있는 파일이면 무엇이든: 찾기는 띄우지 않습니다
    assert str(find_chromium(env, module=PRESENT)) == sys.executable


def test_browser_fixture_fails_in_ci_and_skips_locally():
    """browser 픽스처를 쓰는 검사(test_chromium_starts)를 CHROMIUM=/nonexistent/chromium으로 돌립니다:
    CI=true이면 오류(ERROR, 실행이 실패), CI가 없으면 이유를 찍으며 건너뜀. 두 실행을 함께 돌립니다."""
    node = "tests/browser/test_self.py::test_chromium_starts"
    base = {k: v for k, v in os.environ.items() if k not in ("CI", "PYTEST_ADDOPTS")}
    with pytest.raises(BrowserMissing) as missing:  # 이 컴퓨터에서 나올 이유 (playwright가 없으면 그 이유)
        find_chromium({"CHROMIUM": MISSING})
    reason = str(missing.value)
    runs = {
        ci: subprocess.Popen(
            [sys.executable, "-m", "pytest", node, "-p", "no:cacheprovider", "-o", "addopts=", "-rfEs", "-q"],
            cwd=ROOT,
            env={**base, "CHROMIUM": MISSING, **({"CI": "true"} if ci else {})},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for ci in (True, False)
    }
    out = {ci: p.communicate(timeout=120)[0] for ci, p in runs.items()}
    assert runs[True].returncode != 0, f"CI=true인데 Chromium이 없어도 실행이 성공했습니다:\n{out[True]}"
    assert "1 error" in out[True] and "skipped" not in out[True], out[True]
    assert reason in out[True] and INSTALL in out[True], out[True]
    assert "During handling" not in out[True], f"실패 메시지에 예외 사슬이 붙었습니다:\n{out[True]}"
    assert runs[False].returncode == 0, f"CI 없이 Chromium이 없으면 건너뛰어야 합니다:\n{out[False]}"
    assert "1 skipped" in out[False], out[False]
    assert "SKIPPED [1] tests/browser/test_self.py" in out[False] and reason in out[False], out[False]


# ---------------------------------------------------------------- 로드 시간 예산: 느린 페이지는 한 번 더 잼


def test_slow_page_is_measured_again_before_the_budget_fails(monkeypatch):
    """훑기에서 한도를 넘은 페이지만 끝에 한 번 더 재고(브라우저 없이 가짜 탭으로), 예산은 빠른 쪽을 봅니다."""
    slow = MAX_LOAD_MS * 2
    first = {"fast/": 300.0, "spike/": slow, "slow/": slow}
    again = {"spike/": 900.0, "slow/": slow + 100}

    class Page:
        def set_viewport_size(self, size):
            pass

        def goto(self, url, **kw):
            self.path = url.removeprefix("http://x/")

        def evaluate(self, expression):
            return again[self.path]

    class FakeTab:
        site, page = type("Site", (), {"url": "http://x/"}), Page()

    monkeypatch.setattr(sweep, "visit_page", lambda tab, path, shots: Visit(path, bytes=1000, load_ms=first[path]))
    visits = sweep.sweep(FakeTab(), list(first), None)
    assert {p: v.load_retry_ms for p, v in visits.items()} == {"fast/": None, "spike/": 900.0, "slow/": slow + 100}
    assert budget_problems(visits["fast/"]) == [] and budget_problems(visits["spike/"]) == []
    assert budget_problems(visits["slow/"]) == [f"로드 {slow:.0f} ms, 다시 재도 {slow + 100:.0f} ms > {MAX_LOAD_MS} ms"]


# ---------------------------------------------------------------- 망가뜨린 페이지


def test_checks_catch_a_broken_page(browser, built_site, tmp_path):
    """일부러 망가뜨린 페이지를 같은 방법으로 열어, 페이지 검사들이 정말 문제를 잡는지 봅니다."""
    broken = tmp_path / "site"
    shutil.copytree(built_site, broken)
    page = broken / "ch14" / "14-02-convolutional-layers" / "index.html"
    html = page.read_text(encoding="utf-8")
    for old, new in [
        # 수식을 그리는 스크립트를 빼면 \( \)가 날것으로 남습니다
        ('<script src="../../assets/javascripts/katex-init.js"></script>', ""),
        # 복사 버튼과 툴팁 기능을 끕니다
        ('"content.code.copy", ', ""),
        ('"content.tooltips", ', ""),
        (
            "</article>",
            '<script>console.error("일부러 낸 오류")</script>'
            '<img src="https://example.com/x.png" alt="외부 그림"><img src="missing.png" alt="없는 그림">'
            '<p><span style="display:inline-block;width:900px">화면보다 넓은 글</span></p>'
            '<div class="admonition note" style="visibility:hidden"><p class="admonition-title">숨은 상자</p></div>'
            '<div class="tabbed-set tabbed-alternate"><div class="tabbed-labels"><label>가</label><label>나</label></div>'
            '<div class="tabbed-content"><div class="tabbed-block"><p>가</p></div><div class="tabbed-block"><p>나</p></div></div></div>'
            # 밝은 테마에서만 희미한 글자 하나: 되풀이되지 않는 색 조합도 axe의 색 규칙이 봅니다 (axe_colour_samples.js)
            '<p>아주 <span style="color:#d4d4d4">희미한 글자</span></p>'
            "<style>[data-md-color-scheme=slate] .md-typeset p { color: #2a2a33 !important }</style></article>",
        ),
    ]:
        assert old in html, f"망가뜨릴 곳을 찾지 못했습니다 (빌드 결과가 바뀜?): {old}"
        html = html.replace(old, new, 1)
    page.write_text(html, encoding="utf-8")

    site = start_server(broken, tmp_path / "serve")
    tab = Tab(browser, site)
    try:
        # 툴팁은 일부러 꺼 두었으므로 오래 기다리지 않습니다 (기다림이 짧아도 "나타나지 않음"은 그대로 잡힘)
        v = visit_page(tab, "ch14/14-02-convolutional-layers/", None, tooltip_ms=1_500)
    finally:
        tab.close()
        site.stop()
    assert v.crash is None, v.crash
    dark_low = [s for s in v.dark.get("samples", []) if s["kind"] == "text" and s["ratio"] < MIN_CONTRAST_TEXT]
    caught = {
        "콘솔 오류": any("일부러 낸 오류" in e for e in v.console_errors),
        "외부 요청": any("example.com" in u for u in v.external),
        "실패한 요청": any("missing.png" in f for f in v.failed),
        "수식": bool(v.problems["math"]),
        "복사 버튼": bool(v.problems["copy"]),
        "툴팁": v.tooltip is not None,
        "그림": any("missing.png" in p for p in v.problems["images"]),
        "애드모니션": bool(v.problems["admonitions"]),
        "탭": bool(v.problems["tabs"]) and v.tab_click is not None,
        "어두운 테마 대비": bool(dark_low),
        "axe 색 대비 (어두운 테마)": any(x["id"] == "color-contrast" for x in v.axe.get(axe.DARK, [])),
        "axe 색 대비 (밝은 테마, 하나뿐인 조합)": any(
            x["id"] == "color-contrast" and any("span" in n for n in x["nodes"]) for x in v.axe.get(axe.LIGHT, [])
        ),
        "휴대폰 폭": bool(v.phone.get("bad")),
        "예산": bool(budget_problems(v, max_bytes=1000, max_ms=0.001)),
    }
    missed = [name for name, ok in caught.items() if not ok]
    assert not missed, f"망가뜨린 페이지에서 잡지 못한 문제: {missed}\n{v}"
