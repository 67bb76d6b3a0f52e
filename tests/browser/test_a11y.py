"""접근성: 모든 페이지를 axe-core(axe-playwright-python이 함께 주는 axe.min.js, 오프라인)로 밝은 테마와 어두운 테마에서
감사해 심각(serious)·치명(critical) 위반이 없어야 합니다. 실패 메시지는 "페이지 (테마): 규칙 — 마디 …" 줄입니다.

빠르게 (세션의 browser·site_server 픽스처와 탭 하나):
- 밝은 테마에서 모든 규칙(WCAG 2.x A·AA와 모범 사례)을, 테마 버튼으로 어두운 테마로 바꾼 뒤 색에 달린 규칙만
  (color-contrast, link-in-text-block) 다시 돌립니다. 나머지 규칙은 테마와 무관합니다.
- 코드 블록의 구문 강조 토큰은 같은 클래스 조합마다 하나만 남기고 감사합니다 (probes/axe_prepare.js: 색 조합은
  모두 남고, 마디 수가 1/5 이하로 줄어 감사 시간이 그만큼 줄어듭니다).
- 인쇄용 페이지(print_page/)는 감사하지 않습니다: 내용은 13개 절 페이지와 같고(그 페이지들에서 감사), 화면으로 읽는
  페이지가 아니라 인쇄하는 페이지입니다 (tests/browser/test_print.py).
"""

from __future__ import annotations

import time
from functools import cache
from pathlib import Path

from .report import report
from .sweep import DESKTOP, fail_if, probe, site_pages

IMPACTS = {"serious", "critical"}
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
THEME_RULES = ["color-contrast", "link-in-text-block"]  # 어두운 테마에서 다시 돌리는 규칙
NOT_AUDITED = {"print_page/": "인쇄용: 13개 절 페이지와 내용이 같음"}


@cache
def axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def _run(page, options: str) -> list[dict]:
    return page.evaluate(
        "axe.run(document, " + options + ").then(r => r.violations.map(v => ({id: v.id, impact: v.impact, "
        "help: v.help, nodes: v.nodes.map(n => n.target.join(' '))})))"
    )


def audit(page, url: str) -> dict[str, list[dict]]:
    """url을 열어 밝은 테마와 어두운 테마의 위반을 돌려줍니다 ({"밝은": […], "어두운": […]})."""
    page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    page.evaluate(probe("axe_prepare"))
    page.evaluate(axe_source())
    light = _run(page, "{resultTypes: ['violations'], runOnly: {type: 'tag', values: %s}}" % TAGS)
    page.locator("form[data-md-component=palette] label.md-header__button:not([hidden])").first.click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.mouse.move(1, 1)  # 버튼의 툴팁을 치웁니다
    dark = _run(page, "{resultTypes: ['violations'], runOnly: %s}" % THEME_RULES)
    page.evaluate("localStorage.clear(); sessionStorage.clear()")  # 다음 페이지는 다시 밝은 테마로
    return {"밝은": light, "어두운": dark}


def test_axe_finds_no_serious_violations_in_light_and_dark(browser, site_base_url, built_site, request):
    pages = [p for p in site_pages(built_site) if p not in NOT_AUDITED]
    context = browser.new_context(viewport=DESKTOP, locale="ko-KR", color_scheme="light", service_workers="block")
    found, started = [], time.perf_counter()
    try:
        page = context.new_page()
        for path in pages:
            for theme, violations in audit(page, site_base_url + path).items():
                for v in violations:
                    if v["impact"] in IMPACTS:
                        nodes = ", ".join(v["nodes"][:3]) + (f" 외 {len(v['nodes']) - 3}개" if len(v["nodes"]) > 3 else "")
                        found.append(f"{path or '(홈)'} ({theme} 테마): {v['id']} [{v['impact']}] {v['help']} — {nodes}")
    finally:
        context.close()
    report(request.config).axe = (len(pages), time.perf_counter() - started, len(found))
    fail_if(found, f"axe 위반 (심각·치명, 페이지 {len(pages)}개 × 두 테마):")
