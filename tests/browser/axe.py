"""axe-core 접근성 감사 (axe-playwright-python이 함께 주는 axe.min.js: 내려받지 않음, 오프라인).

페이지 훑기(sweep.visit_page)가 한 번의 방문 끝에 부릅니다: 따로 페이지를 다시 열지 않아 빠릅니다. 그때 페이지는
(colour_audited인 페이지면) 어두운 테마입니다. 먼저 색 규칙(THEME_RULES)을 뺀 모든 규칙(TAGS: 이름, ARIA, 구조 …,
테마와 무관)을 모든 페이지에서 한 번 돌립니다 (NO_COLOUR). 색 규칙은 어두운 테마(DARK)와, 테마 버튼으로 바꾼 밝은 테마(LIGHT)에서 돌립니다. 색 규칙은
글자 요소마다 배경을 찾으므로 감사 시간의 대부분을 차지합니다: 그 앞에서 probes/axe_colour_samples.js가 색 조합
(글자색·크기·굵기·배경·불투명도)마다 처음 COLOUR_SAMPLES개만 남기고 나머지 요소의 글자를 비웁니다. 두 테마 어디서든 새로운 조합은
모두 감사되고, 색 규칙 밖의 규칙은 줄이지 않은 DOM에서 돕니다. COLOUR_NOTEBOOKS 밖의 노트북 페이지는 색 규칙을 돌리지
않습니다: 까닭은 COLOUR_NOTEBOOKS에. 감사 전에 probes/axe_prepare.js가 되풀이되는 마디를 줄입니다 (색 조합은 모두 남김).
결과는 Visit.axe에 {실행 이름: 위반 목록} (expected_runs), 위반마다 {id, impact, help, nodes}. 검사는 test_a11y.py.
"""

from __future__ import annotations

import time
from functools import cache
from pathlib import Path

from project import PRINT_PAGE

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
THEME_RULES = ["color-contrast", "link-in-text-block"]  # 색 규칙: 두 테마에서 돌림
# 영향이 늘 "보통"이나 "작음"이라 심각·치명 위반을 낼 수 없고 느린 모범 사례 규칙: 돌리지 않습니다
NEVER_SERIOUS = ["region", "hidden-content", "landmark-one-main", "page-has-heading-one", "heading-order"]
# 감사하지 않는 페이지와 그 까닭
NOT_AUDITED = {PRINT_PAGE: "인쇄용 페이지: 내용은 13개 절 페이지와 같고(거기서 감사) 화면으로 읽는 페이지가 아닙니다"}
# 노트북 페이지 가운데 이 둘만 두 테마로 봅니다: 색 규칙(THEME_RULES)의 감사, 어두운 테마의 글자 대비(probes/contrast.js)와
# 스크린숏. 나머지 노트북 페이지는 밝은 테마에서 글자 대비와 색 규칙 밖의 모든 규칙을 봅니다 (sweep.visit_page).
# 노트북 페이지의 글은 절 페이지와 같은 Markdown에서 나오고(절 페이지에서 두 테마로 감사), 노트북만의 색(셀, 출력,
# 프롬프트)은 모든 노트북 페이지가 같은 CSS(tools/jupyter_css.py)를 씁니다: 출력·그림·표가 가장 많은 두 페이지가 그 색
# 조합을 모두 담습니다. 테마를 바꾸면 브라우저가 페이지의 모든 요소의 스타일을 다시 계산하고, 노트북 페이지(요소 1~2만 개)
# 에서는 그것만으로 페이지마다 0.7초쯤 듭니다.
COLOUR_NOTEBOOKS = {"notebooks/14-05-cnn-architectures/", "notebooks/14-13-exercises/"}
COLOUR_SAMPLES = 2  # 색 조합마다 색 규칙이 보는 요소 수 (probes/axe_colour_samples.js)
DARK, LIGHT, NO_COLOUR = "어두운 테마, 색 규칙", "밝은 테마, 색 규칙", "색 규칙 밖의 모든 규칙"


def colour_audited(path: str) -> bool:
    return not path.startswith("notebooks/") or path in COLOUR_NOTEBOOKS


def expected_runs(path: str) -> set[str]:
    """이 페이지에서 돌리는 감사 (Visit.axe의 열쇠)."""
    return {NO_COLOUR, DARK, LIGHT} if colour_audited(path) else {NO_COLOUR}


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


def audit(page, prepare_js: str, samples_js: str, wait_ms: int, colour: bool = True) -> tuple[dict[str, list[dict]], float]:
    """page를 감사합니다: ({실행 이름: 위반}, 걸린 ms). colour=True이면 page는 지금 어두운 테마이고, 어두운 테마와 밝은
    테마에서 색 규칙까지 돌립니다. colour=False이면 테마와 무관한, 색 규칙 밖의 규칙만 (지금 테마 그대로).
    samples_js: probes/axe_colour_samples.js (색 규칙 앞에서 색 조합마다 요소를 COLOUR_SAMPLES개만 남김)."""
    started = time.perf_counter()
    page.evaluate(prepare_js)
    page.evaluate(axe_source())
    result = {NO_COLOUR: _run(page, {"type": "tag", "values": TAGS}, disabled=THEME_RULES)}
    if colour:
        page.evaluate(samples_js, COLOUR_SAMPLES)
        result[DARK] = _run(page, THEME_RULES)
        page.locator(_TOGGLE).first.click(timeout=wait_ms)
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'", timeout=wait_ms)
        page.mouse.move(1, 1)
        page.evaluate(samples_js, COLOUR_SAMPLES)  # 밝은 테마에서만 새로운 조합도 남깁니다
        result[LIGHT] = _run(page, THEME_RULES)
    return result, (time.perf_counter() - started) * 1000
