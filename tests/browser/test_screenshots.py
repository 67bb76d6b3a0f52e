"""스크린숏: 사람이 눈으로 볼 몇몇 페이지(sweep.SCREENSHOT_PAGES)를 방문하면서 build/screenshots/에 찍습니다
(데스크톱 밝은 테마, 데스크톱 어두운 테마, 폭 375px 어두운 테마). 경로는 출력 끝에 찍힙니다.
여기서는 찍혔는지(파일이 있고 PNG인지)만 봅니다."""

from __future__ import annotations

from .sweep import SCREENSHOT_KINDS, SCREENSHOT_PAGES, SCREENSHOTS, fail_if


def test_screenshots_were_taken(visits):
    wanted = [(path, name) for path, name in SCREENSHOT_PAGES.items() if path in visits]
    assert wanted, f"스크린숏을 찍을 페이지가 사이트에 하나도 없습니다: {list(SCREENSHOT_PAGES)}"
    found = []
    for path, name in wanted:
        for kind in SCREENSHOT_KINDS:
            file = SCREENSHOTS / f"{name}-{kind}.png"
            if visits[path].crash:
                found.append(f"{path or '(홈)'}: 페이지를 검사하지 못해 스크린숏이 없습니다: {visits[path].crash}")
                break
            if not file.is_file() or not file.read_bytes().startswith(b"\x89PNG"):
                found.append(f"{path or '(홈)'}: 스크린숏이 없거나 PNG가 아닙니다: {file}")
    fail_if(found, "스크린숏 문제:")


# 수업 페이지 전체 모습: 접힌 블록과 새 그림이 보이는지 사람이 확인할 수 있게 페이지 전체를 찍습니다.
LESSON_PAGES = {
    "ch14/14-02-convolutional-layers/": "lesson-14-02",
    "ch14/14-05-cnn-architectures/": "lesson-14-05",
    "ch14/14-10-object-detection/": "lesson-14-10",
    "ch14/14-13-exercises/": "lesson-14-13",
}
LESSON_VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}


def test_lesson_pages_full_screenshots(browser, site_base_url):
    """접힌 상자(추가 코드, 심화, 답·풀이)가 닫힌 채로 보이고 그림이 그려진 페이지 전체를 두 폭으로 찍습니다."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    found = []
    for kind, viewport in LESSON_VIEWPORTS.items():
        page = browser.new_page(viewport=viewport)
        try:
            for path, name in LESSON_PAGES.items():
                page.goto(site_base_url + path, wait_until="load")
                folded = page.evaluate("document.querySelectorAll('article details:not([open])').length")
                broken = page.evaluate(
                    "[...document.querySelectorAll('article img')].filter(i => !i.complete || !i.naturalWidth).length")
                file = SCREENSHOTS / f"{name}-{kind}.png"
                page.screenshot(path=str(file), full_page=True)
                if not folded:
                    found.append(f"{path}: 접힌 상자가 하나도 없습니다")
                if broken:
                    found.append(f"{path}: 그려지지 않은 그림 {broken}개")
                if not file.read_bytes().startswith(b"\x89PNG"):
                    found.append(f"{path}: 스크린숏이 PNG가 아닙니다: {file}")
        finally:
            page.close()
    fail_if(found, "수업 페이지 스크린숏 문제:")
