"""검색: tests/search_queries.py의 한국어 질의를 실제 검색 상자에 독자처럼 입력해, 가르치는 페이지가 상위에 나오는지.
(브라우저 없이 lunr로 같은 표를 보는 검사는 tests/test_site.py.) 순위는 출력 끝의 표에 나옵니다."""

from __future__ import annotations

import json
import time
from urllib.parse import urlsplit

import pytest

from search_queries import QUERIES, TOP_N

from .report import report
from .sweep import DESKTOP, fail_if, probe, script


def _type_like_a_reader(page, cdp, text: str):
    """질의를 넣고 마지막 글자를 독자처럼 입력합니다. 영문·숫자·기호는 보통 키 입력으로, 한글은 한국어 입력기(IME)가
    하는 것처럼 keydown(Process, 229) → 글자 삽입 → keyup으로 보냅니다. (Material은 keyup 때 입력 상자의 값 전체로
    검색하므로, keyup 없는 글자 삽입만으로는 독자의 입력과 달라집니다.) 앞 글자들은 키 이벤트 없이 한 번에 넣습니다:
    독자가 한 글자씩 칠 때 글자마다 하는 중간 검색은 마지막 결과를 바꾸지 않고 시간만 듭니다 (질의마다 검색 한 번)."""
    if text[:-1]:
        cdp.send("Input.insertText", {"text": text[:-1]})
    ch = text[-1]
    if ch.isascii():
        page.keyboard.type(ch)
    else:
        key = {"key": "Process", "code": "", "windowsVirtualKeyCode": 229, "nativeVirtualKeyCode": 229}
        cdp.send("Input.dispatchKeyEvent", {"type": "rawKeyDown", **key})
        cdp.send("Input.insertText", {"text": ch})
        cdp.send("Input.dispatchKeyEvent", {"type": "keyUp", **key})


@pytest.fixture(scope="module")
def search_results(browser, site_base_url, request) -> dict[str, list[str]]:
    """홈에서 검색 상자를 눌러 질의를 하나씩 입력하고(지우고 다시 입력), 결과 페이지 주소를 순서대로 모읍니다."""
    context = browser.new_context(viewport=DESKTOP, locale="ko-KR", color_scheme="light")
    context.add_init_script(script("search_worker_spy"))  # 워커와 주고받는 검색어·결과를 셉니다
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    results: dict[str, list[str]] = {}
    base_path = urlsplit(site_base_url).path
    started = time.perf_counter()
    try:
        page.goto(site_base_url, wait_until="load")
        meta = page.locator(".md-search-result__meta")
        page.wait_for_function(
            "document.querySelector('.md-search-result__meta').textContent.trim() !== '검색 초기화'", timeout=20_000
        )
        page.locator("input.md-search__input").click()
        initial = meta.inner_text().strip()  # "검색어를 입력하세요"
        page.evaluate(probe("search_watch"))  # 결과 목록이 바뀐 마지막 시각을 기록 (결과가 멈출 때까지 기다리려고)
        for query, _, _ in QUERIES:
            page.keyboard.press("Control+A")
            page.keyboard.press("Backspace")
            page.wait_for_function(
                f"document.querySelector('.md-search-result__meta').textContent.trim() === {json.dumps(initial)}"
            )
            _type_like_a_reader(page, cdp, query)
            page.wait_for_function(probe("search_settled"), arg=query, timeout=20_000)
            hrefs = page.evaluate(probe("search_results"))
            results[query] = [h[len(base_path) :] if h.startswith(base_path) else h for h in hrefs]
    finally:
        context.close()
    r = report(request.config)
    r.search_s = time.perf_counter() - started
    for query, expected, _ in QUERIES:
        top = results.get(query, [])[:TOP_N]
        r.search.append((query, expected, top.index(expected) + 1 if expected in top else None, top))
    return results


def test_search_box_finds_the_teaching_page(search_results):
    misses = []
    for query, expected, kind in QUERIES:
        top = search_results.get(query, [])[:TOP_N]
        if expected not in top:
            misses.append(f"{query!r} ({kind}): {expected}가 상위 {TOP_N}개에 없음. 결과: {top}")
    assert len(QUERIES) >= 10
    fail_if(misses, "검색 상자에 입력한 질의가 가르치는 페이지를 찾지 못했습니다:")
