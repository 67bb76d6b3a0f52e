"""스크린숏: 사람이 눈으로 볼 몇몇 페이지(sweep.SCREENSHOT_PAGES)를 방문하면서 build/screenshots/에 찍습니다
(데스크톱 밝은 테마, 데스크톱 어두운 테마, 폭 375px 어두운 테마). 경로는 출력 끝에 찍힙니다.
여기서는 찍혔는지(파일이 있고 PNG인지)만 봅니다."""

from __future__ import annotations

from .sweep import SCREENSHOT_KINDS, SCREENSHOT_PAGES, SCREENSHOTS, fail_if, small_search_index


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


def test_lesson_pages_screenshots(browser, site_base_url):
    """접힌 상자(추가 코드, 심화, 답·풀이)가 닫힌 채로 보이는 맨 위와, 첫 그림이 보이는 자리를 두 폭으로 찍습니다.
    첫 그림이 접힌 상자 안에만 있으면 그 상자를 펼쳐 찍습니다. 페이지는 한 번만 열고 화면 폭만 바꿉니다."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    found = []
    context = browser.new_context(viewport=LESSON_VIEWPORTS["desktop"])
    small_search_index(context)
    page = context.new_page()

    def shoot(file):
        page.screenshot(path=str(file), animations="disabled")  # 제목 바뀜 같은 전환은 끝난 모습으로
        if not file.read_bytes().startswith(b"\x89PNG"):
            found.append(f"스크린숏이 PNG가 아닙니다: {file}")

    try:
        for path, name in LESSON_PAGES.items():
            page.set_viewport_size(LESSON_VIEWPORTS["desktop"])
            page.goto(site_base_url + path, wait_until="load")
            if not page.evaluate("document.querySelectorAll('article details:not([open])').length"):
                found.append(f"{path}: 접힌 상자가 하나도 없습니다")
            for kind in ("desktop", "phone"):  # 맨 위 (상자는 닫힌 채)
                page.set_viewport_size(LESSON_VIEWPORTS[kind])
                page.evaluate("window.scrollTo(0, 0)")
                shoot(SCREENSHOTS / f"{name}-{kind}.png")
            # 펼쳐진 본문의 첫 그림으로 내려가 그림이 그려질 때까지 기다립니다 (그림은 스크롤할 때 불러옴)
            has_figure = page.evaluate("""() => {
                const imgs = [...document.querySelectorAll('article img')];
                // 펼쳐진 본문의 그림이 없으면(14.13처럼 모두 풀이 안에 있으면) 그 그림이 든 상자를 펼쳐서 찍습니다
                const img = imgs.find(i => !i.closest('details:not([open])')) || imgs[0];
                if (!img) return false;
                for (let d = img.closest('details'); d; d = d.parentElement.closest('details')) d.open = true;
                window.__figure = img;
                return true;
            }""")
            if not has_figure:
                found.append(f"{path}: 펼쳐진 본문에 그림이 없습니다")
                continue
            for kind in ("phone", "desktop"):
                page.set_viewport_size(LESSON_VIEWPORTS[kind])
                page.evaluate("window.__figure.scrollIntoView({block: 'center'})")
                page.wait_for_function("() => window.__figure.complete && window.__figure.naturalWidth > 0", timeout=10_000)
                shoot(SCREENSHOTS / f"{name}-{kind}-figure.png")
    finally:
        context.close()
    fail_if(found, "수업 페이지 스크린숏 문제:")
