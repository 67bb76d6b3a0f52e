"""axe-core 접근성 감사 (axe-playwright-python이 함께 주는 axe.min.js: 내려받지 않음, 오프라인).

페이지 훑기(sweep.visit_page)가 한 번의 방문 끝에 부릅니다: 따로 페이지를 다시 열지 않아 빠릅니다. 그때 페이지는
어두운 테마이므로 먼저 색에 달린 규칙(THEME_RULES)만 돌리고, 테마 버튼으로 밝은 테마로 돌아와 모든 규칙(TAGS)을 돌립니다
(나머지 규칙은 테마와 무관). 색 규칙은 감사 시간의 4분의 3쯤을 차지합니다. COLOUR_NOTEBOOKS 밖의 노트북 페이지는 색
규칙을 빼고 나머지 모든 규칙만 (테마를 바꾸지 않고) 돌립니다: 까닭은 COLOUR_NOTEBOOKS에. 감사 전에
probes/axe_prepare.js가 되풀이되는 마디를 줄입니다 (색 조합은 모두 남김). 결과는 Visit.axe에 {실행 이름: 위반 목록}
(expected_runs), 위반마다 {id, impact, help, nodes}. 검사는 test_a11y.py.
"""

from __future__ import annotations

import time
from functools import cache
from pathlib import Path

from project import PRINT_PAGE

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
THEME_RULES = ["color-contrast", "link-in-text-block"]  # 어두운 테마에서 돌리는 규칙
# 영향이 늘 "보통"이나 "작음"이라 심각·치명 위반을 낼 수 없고 느린 모범 사례 규칙: 돌리지 않습니다
NEVER_SERIOUS = ["region", "hidden-content", "landmark-one-main", "page-has-heading-one", "heading-order"]
# 감사하지 않는 페이지와 그 까닭
NOT_AUDITED = {PRINT_PAGE: "인쇄용 페이지: 내용은 13개 절 페이지와 같고(거기서 감사) 화면으로 읽는 페이지가 아닙니다"}
# 색 규칙(THEME_RULES)은 노트북 페이지 가운데 이 둘에서만 두 테마로 돌립니다 (나머지 모든 규칙은 모든 페이지에서).
# 노트북 페이지의 글은 절 페이지와 같은 Markdown에서 나오고(절 페이지에서 두 테마로 감사), 노트북만의 색(셀, 출력,
# 프롬프트)은 모든 노트북 페이지가 같은 CSS(tools/jupyter_css.py)를 씁니다: 출력·그림·표가 가장 많은 두 페이지가 그 색
# 조합을 모두 담습니다. 모든 페이지의 글자 대비는 두 테마에서 probes/contrast.js로도 잽니다.
COLOUR_NOTEBOOKS = {"notebooks/14-05-cnn-architectures/", "notebooks/14-13-exercises/"}
DARK, LIGHT, NO_COLOUR = "어두운 테마, 색 규칙", "밝은 테마, 모든 규칙", "모든 규칙 (색 규칙 빼고)"


def colour_audited(path: str) -> bool:
    return not path.startswith("notebooks/") or path in COLOUR_NOTEBOOKS


def expected_runs(path: str) -> set[str]:
    """이 페이지에서 돌리는 감사 (Visit.axe의 열쇠)."""
    return {DARK, LIGHT} if colour_audited(path) else {NO_COLOUR}


_TOGGLE = "form[data-md-component=palette] label.md-header__button:not([hidden])"


@cache
def axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def _run(page, run_only, disabled=()) -> list[dict]:
    options = {"resultTypes": ["violations"], "preload": False, "runOnly": run_only,
               "rules": {rule: {"enabled": False} for rule in [*NEVER_SERIOUS, *disabled]}}
    return page.evaluate(
        """options => axe.run(document, options).then(r => r.violations.map(v => ({
             id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))})))""",
        options,
    )


def audit(page, prepare_js: str, wait_ms: int, colour: bool = True) -> tuple[dict[str, list[dict]], float]:
    """지금 어두운 테마로 열린 page를 감사합니다: ({실행 이름: 위반}, 걸린 ms). colour=False이면 색 규칙을 빼고 한 번만."""
    started = time.perf_counter()
    page.evaluate(prepare_js)
    page.evaluate(axe_source())
    all_rules = {"type": "tag", "values": TAGS}
    if not colour:
        return {NO_COLOUR: _run(page, all_rules, disabled=THEME_RULES)}, (time.perf_counter() - started) * 1000
    result = {DARK: _run(page, THEME_RULES)}
    page.locator(_TOGGLE).first.click(timeout=wait_ms)
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'", timeout=wait_ms)
    page.mouse.move(1, 1)
    result[LIGHT] = _run(page, all_rules)
    return result, (time.perf_counter() - started) * 1000
