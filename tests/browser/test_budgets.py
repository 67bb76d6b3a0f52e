"""예산: 페이지마다 빈 캐시로 열 때의 전송 바이트(서버가 센 정확한 값)와 로드 시간을 한도와 비교합니다.
측정값은 표로 테스트 출력 끝에 찍힙니다 (report.py).

로드 시간은 컴퓨터가 바쁘면 늘어납니다. 한도(sweep.MAX_LOAD_MS)는 조용할 때 가장 느린 페이지의 세 배쯤이고,
한도를 넘은 페이지는 훑기가 끝난 뒤 한 번 더 재어 빠른 쪽을 봅니다: 순간적인 부하는 통과하고, 정말 느린 페이지는
두 번 다 느려 실패합니다. 전송 바이트는 부하와 무관하므로 다시 재지 않습니다.
"""

from __future__ import annotations

from .sweep import MAX_LOAD_MS, MAX_PAGE_BYTES, budget_problems, fail_if, problems


def test_page_weight_and_load_time_budgets(visits):
    fail_if(
        problems(visits, budget_problems),
        f"예산 초과 (한도: {MAX_PAGE_BYTES / 1e6:.1f} MB, load {MAX_LOAD_MS} ms; 측정값 표는 출력 끝에):",
    )
