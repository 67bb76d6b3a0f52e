"""인쇄용 14장 전체 페이지(print_page/, mkdocs-print-site-plugin): 13개 절이 그림·출력·수식과 함께 다 들어 있고,
A4 종이 폭의 인쇄 매체에서 쪽수가 그럴듯하며, 여백을 넘는 코드 줄과 닫힌 접힌 상자가 없어야 합니다.
실패 메시지는 "print_page/: 문제" 또는 "절 주소: 문제" 줄입니다.

배치는 브라우저 훑기가 이 페이지를 열었을 때 잽니다 (sweep.visit_page → Visit.print_layout: 8 MB짜리 페이지를 한 번만
엶). 쪽수는 A4 폭(794 CSS px)으로 배치한 인쇄 레이아웃의 높이를 A4 한 쪽의 높이(1123 CSS px)로 나눠 어림합니다. 실제
PDF(page.pdf)를 만들면 30초쯤 걸리고(검사 전체 예산의 10분의 1), 쪽 나눔 때문에 어림값보다 15%쯤 많을 뿐이므로(같은
사이트에서 어림 221쪽, PDF 260쪽) 만들지 않습니다. 인쇄는 독자가 브라우저의 인쇄(Ctrl+P)로 합니다.

이 페이지는 검색 색인에 들어가지 않고(플러그인이 빌드 끝에 쓰는 페이지), 무게 예산(tests/weights.py)과 axe 감사
(test_a11y.py)에서는 이유를 적고 빠집니다.
"""

from __future__ import annotations

import math

import page as page_model
from project import PRINT_PAGE, chapter_pages

from .sweep import A4, fail_if

# 쪽수: 13개 절의 HTML이 A4로 몇 쪽쯤인지의 넉넉한 범위 (지금 측정값은 출력 끝에). 너무 적으면 내용이 빠졌거나 잘린
# 것이고, 너무 많으면 한 줄에 한 글자씩 찍히는 따위의 배치 문제입니다.
MIN_PAGES, MAX_PAGES = 80, 600


def test_print_page_holds_the_whole_chapter_and_lays_out_on_a4(visits, request):
    from .report import report

    figures = {p.stem: len(page_model.load(p).figures) for p in chapter_pages()}
    visit = visits.get(PRINT_PAGE)
    assert visit is not None, f"빌드된 사이트에 인쇄용 페이지({PRINT_PAGE})가 없습니다"
    assert not visit.crash, f"{PRINT_PAGE}: 페이지를 검사하지 못했습니다: {visit.crash}"
    layout = visit.print_layout
    height = layout["height"]
    pages = math.ceil(height / A4["height"])
    report(request.config).printed = (pages, len(layout["sections"]))
    found = []
    by_stem = {s["id"].removeprefix("ch14-"): s for s in layout["sections"]}
    for stem, count in figures.items():
        s = by_stem.get(stem)
        if s is None:
            found.append(f"ch14/{stem}/: 인쇄용 페이지에 이 절이 없습니다")
            continue
        if s["images"] < count:
            found.append(f"ch14/{stem}/: 그림 {s['images']}개 < 페이지의 그림 {count}개")
        if s["katex"] < s["math"]:
            found.append(f"ch14/{stem}/: 수식 {s['math']}개 중 {s['katex']}개만 그려짐")
        if s["code"] == 0:
            found.append(f"ch14/{stem}/: 코드 블록이 없습니다")
    found += [f"{PRINT_PAGE}: 여백을 넘는 코드 (인쇄 매체): {c}" for c in layout["clipped"]]
    found += [f"{PRINT_PAGE}: 닫힌 접힌 상자: {c!r}" for c in layout["closed"]]
    found += [f"{PRINT_PAGE}: 그려지지 않은 그림: {c}" for c in layout["broken"]]
    found += [f"{PRINT_PAGE}: 대체 텍스트가 없는 그림: {c}" for c in layout["noAlt"]]
    if not MIN_PAGES <= pages <= MAX_PAGES:
        found.append(f"{PRINT_PAGE}: A4로 어림한 쪽수가 {pages}쪽 (그럴듯한 범위 {MIN_PAGES}–{MAX_PAGES}쪽)")
    fail_if(found, "인쇄용 페이지 문제:")
