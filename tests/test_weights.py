"""무게 예산 (gzip): 절 페이지 HTML ≤ 100 KB, 노트북 페이지 HTML ≤ 250 KB, 첫 방문 ≤ 500 KB (tests/weights.py).
측정값은 표로 테스트 출력 끝에 찍힙니다."""

from __future__ import annotations

import weights
from browser.sweep import site_pages


def test_gzip_weight_budgets(built_site, request):
    found = [weights.page_weight(built_site, page) for page in site_pages(built_site)]
    request.config.pluginmanager.register(weights.WeightReport(found), "weight-report")
    assert any(w.is_notebook for w in found) and any(w.page.startswith("ch14/") for w in found), "잴 페이지가 없습니다"
    problems = [f"{w.page or '(홈)'}: {p}" for w in found for p in weights.weight_problems(w)]
    assert not problems, "무게 예산 초과 (표는 출력 끝에):\n" + "\n".join(problems)
