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
