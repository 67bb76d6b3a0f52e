"""접근성: 모든 페이지를 axe-core로 밝은 테마와 어두운 테마에서 감사해 심각(serious)·치명(critical) 위반이 없어야
합니다 (감사는 페이지 훑기의 방문마다 한 번: browser/axe.py). 색 규칙 밖의 규칙은 모든 페이지에서, 색 규칙은 두 테마로
색 조합마다 요소 둘씩 봅니다. 노트북 페이지의 색 규칙은 대표 두 페이지에서만 (axe.COLOUR_NOTEBOOKS: 까닭은 거기에). 실패 메시지는
"페이지 (감사): 규칙 — 마디 …" 줄입니다.
인쇄용 페이지(print_page/)는 이유를 적고 빠집니다 (axe.NOT_AUDITED).
"""

from __future__ import annotations

from .axe import NOT_AUDITED, expected_runs
from .sweep import Visit, fail_if, problems

IMPACTS = {"serious", "critical"}


def axe_problems(v: Visit) -> list[str]:
    if v.path in NOT_AUDITED:
        return []
    if set(v.axe) != expected_runs(v.path):
        return [f"axe 감사를 마치지 못했습니다 ({v.axe_problem or '까닭 모름'})"]
    out = []
    for run, violations in v.axe.items():
        for x in violations:
            if x["impact"] in IMPACTS:
                more = f" 외 {len(x['nodes']) - 3}개" if len(x["nodes"]) > 3 else ""
                out.append(f"({run}) {x['id']} [{x['impact']}] {x['help']} — {', '.join(x['nodes'][:3])}{more}")
    return out


def test_axe_finds_no_serious_violations_in_light_and_dark(visits):
    audited = [v for v in visits.values() if v.path not in NOT_AUDITED]
    assert audited, "감사한 페이지가 없습니다"
    fail_if(problems(visits, axe_problems), f"axe 위반 (심각·치명, 페이지 {len(audited)}개 × 두 테마):")
