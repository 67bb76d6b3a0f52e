"""페이지마다 (빌드된 사이트의 모든 페이지, 노트북 페이지와 404 포함; 방문은 conftest.py의 visits가 한 번만):
콘솔 오류, 다른 호스트로 가는 요청, 실패한 요청이 없어야 하고, 페이지에 있는 기능만 골라 수식(KaTeX),
코드 복사 버튼, 애드모니션, 탭, 용어 툴팁, 그림, 노트북 출력이 DOM에서 제대로 그려졌는지 봅니다.
같은 방문에서 어두운 테마로 바꿔 글자가 보이는지(노트북 페이지는 대표 둘만: axe.COLOUR_NOTEBOOKS), 폭 375px 화면에서
본문이 가로로 넘치지 않는지도 봅니다.
실패 메시지는 "페이지: 문제" 줄입니다.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import urlopen

import notebooks
from project import PRINT_PAGE

from .axe import NOT_AUDITED, colour_audited
from .sweep import DESKTOP, MIN_CONTRAST_LARGE, MIN_CONTRAST_TEXT, Visit, fail_if, nav_pages, problems, small_search_index


def test_every_page_was_opened(visits):
    missing = [p for p in nav_pages() if p not in visits]
    assert not missing, f"nav에 있는데 빌드된 사이트에 없는 페이지: {missing}"
    fail_if(problems(visits, lambda v: [] if v.status == 200 else [f"HTTP {v.status}"]), "열리지 않은 페이지:")


def test_no_console_errors(visits):
    fail_if(problems(visits, lambda v: v.console_errors), "콘솔 오류가 난 페이지:")


def test_no_request_to_other_hosts(visits):
    fail_if(problems(visits, lambda v: [f"다른 호스트로 요청: {u}" for u in v.external]), "다른 호스트에 요청한 페이지:")


def test_every_request_succeeds(visits):
    fail_if(problems(visits, lambda v: v.failed), "실패한 요청 (없는 파일 따위):")


def test_math_is_rendered_by_katex(visits):
    fail_if(problems(visits, lambda v: v.problems["math"]), "수식이 그려지지 않은 페이지:")
    assert any(v.features.get("math") for v in visits.values()), "수식이 있는 페이지가 하나도 없습니다 (검사가 헛돎)"


def test_code_blocks_have_copy_buttons(visits):
    fail_if(problems(visits, lambda v: v.problems["copy"]), "코드 복사 버튼 문제:")
    assert any(v.features.get("code") for v in visits.values()), "코드 블록이 있는 페이지가 하나도 없습니다"


def test_admonitions_are_visible(visits):
    fail_if(problems(visits, lambda v: v.problems["admonitions"]), "애드모니션 문제:")


def test_tabs_switch(visits):
    fail_if(problems(visits, lambda v: v.problems["tabs"] + ([v.tab_click] if v.tab_click else [])), "탭 문제:")


def test_glossary_tooltips_appear_on_hover(visits):
    fail_if(problems(visits, lambda v: [v.tooltip] if v.tooltip else []), "용어 툴팁 문제:")
    assert any(v.features.get("abbr") for v in visits.values()), "용어 툴팁이 있는 페이지가 하나도 없습니다"


def test_images_and_figures_render(visits):
    fail_if(problems(visits, lambda v: v.problems["images"] + v.problems["figures"]), "그림 문제:")


def contrast_problems(v: Visit) -> list[str]:
    out = [v.dark_problem] if v.dark_problem else []
    if colour_audited(v.path) and v.path not in NOT_AUDITED and not v.dark and not v.dark_problem:
        out.append("어두운 테마에서 글자 대비를 재지 못했습니다")
    for mode, result in (("밝은", v.light), ("어두운", v.dark)):
        for s in result.get("samples", []):
            need = MIN_CONTRAST_TEXT if s["kind"] == "text" else MIN_CONTRAST_LARGE
            if s["ratio"] < need:
                out.append(f"{mode} 테마에서 글자 대비 {s['ratio']:.2f} < {need} ({s['sel']}: {s['text']!r})")
    return out


def test_text_is_readable_in_light_and_dark_mode(visits):
    fail_if(problems(visits, contrast_problems), "테마 문제:")


def phone_problems(v: Visit) -> list[str]:
    if v.path == PRINT_PAGE:
        # 인쇄용 페이지는 휴대폰으로 읽는 페이지가 아니므로 훑기가 휴대폰 폭으로 재지 않습니다 (종이 폭은 test_print.py).
        return []
    ph = v.phone
    out = []
    if ph["docWidth"] > ph["width"] + 1:
        out.append(f"폭 {ph['width']}px 화면에서 문서 폭이 {ph['docWidth']}px (가로 스크롤)")
    out += [f"폭 {ph['width']}px에서 넘치는 본문: {b}" for b in ph["bad"]]
    return out


def test_phone_width_has_no_horizontal_scroll(visits):
    fail_if(problems(visits, phone_problems), "휴대폰 화면 문제:")


# ---------------------------------------------------------------- 노트북


def _get(url: str) -> bytes:
    with urlopen(url, timeout=10) as r:
        return r.read()


def test_notebook_pages_show_outputs_and_right_links(visits, site_base_url):
    import nbformat

    import project

    repo = project.github_repo(environ={})  # built_site는 GITHUB_REPOSITORY 없이 빌드합니다 (site_checks.build_site)
    pages = {p.stem for p in notebooks.hands_on_pages() if notebooks.notebook_path(p).exists()}
    found = []
    for stem in sorted(pages):
        colab = project.colab_url(repo, f"{stem}.ipynb") if repo else None  # 저장소가 없으면 코랩 링크도 없어야 합니다
        nb_file = notebooks.EXAMPLES / f"{stem}.ipynb"
        nb = nbformat.read(nb_file, as_version=4)
        with_output = sum(1 for c in nb.cells if c.cell_type == "code" and c.get("outputs"))
        # 노트북 페이지: 출력이 그려지고, 내려받기 링크는 바로 그 .ipynb, Colab 링크는 저장소의 그 파일
        nb_page = visits.get(f"notebooks/{stem}/")
        if nb_page is None or nb_page.crash:
            found.append(f"notebooks/{stem}/: 노트북 페이지를 열지 못했습니다")
        else:
            f = nb_page.features
            if f.get("nb_cells_with_output", 0) != with_output or not f.get("notebook"):
                found.append(
                    f"notebooks/{stem}/: 노트북에서 출력이 있는 셀은 {with_output}개인데 페이지에는 {f.get('nb_cells_with_output', 0)}개"
                )
            found += [f"notebooks/{stem}/: {p}" for p in nb_page.problems["notebook"]]
            found += _link_problems(f"notebooks/{stem}/", f.get("nb_links", []), nb_file, colab, site_base_url, None, 1)
        # 절 페이지 맨 위(제목 아래)와 끝의 노트북 링크 셋
        page = visits.get(f"ch14/{stem}/")
        if page is not None and not page.crash:
            found += _link_problems(
                f"ch14/{stem}/", page.features.get("nb_links", []), nb_file, colab, site_base_url, f"notebooks/{stem}/", 2
            )
    assert pages, "노트북이 있는 페이지가 하나도 없습니다"
    fail_if(found, "노트북 페이지·링크 문제:")


def _link_problems(where, links, nb_file: Path, colab: str | None, base: str, nb_page: str | None, copies: int) -> list[str]:
    """copies: 링크 셋이 몇 번 있어야 하는가 (절 페이지는 맨 위와 끝에 두 번, 노트북 페이지는 한 번).
    colab이 None이면(저장소가 정해지지 않은 빌드) 코랩 링크가 없어야 합니다."""
    out = []
    downloads = [a for a in links if a["download"]]
    if len(downloads) != copies:
        out.append(f"{where}: 내려받기 링크가 {len(downloads)}개")
    for a in downloads:
        if not a["href"].startswith(base) or unquote(urlsplit(a["href"]).path).rsplit("/", 1)[-1] != nb_file.name:
            out.append(f"{where}: 내려받기 링크가 {nb_file.name}가 아님: {a['href']}")
        elif _get(a["href"]) != nb_file.read_bytes():
            out.append(f"{where}: 내려받은 파일이 examples/{nb_file.name}와 다름: {a['href']}")
    colabs = [a["href"] for a in links if "colab.research.google.com" in a["href"]]
    if colabs != ([colab] * copies if colab else []):
        out.append(f"{where}: Colab 링크 {colabs} ≠ {colab}")
    if nb_page is not None:
        views = [a["href"] for a in links if not a["download"] and a["href"].startswith(base)]
        if views != [base + nb_page] * copies:
            out.append(f"{where}: '노트북으로 보기' 링크 {views} ≠ {base + nb_page}")
    return out


# ---------------------------------------------------------------- 코드 복사 (한 페이지에서 실제로 눌러 봄)


def test_copy_button_copies_the_code(browser, site_base_url, visits):
    path = next((p for p, v in visits.items() if v.features.get("code") and not v.crash), None)
    assert path is not None, "코드 블록이 있는 페이지가 없습니다"
    context = browser.new_context(viewport=DESKTOP, locale="ko-KR")
    small_search_index(context)
    try:
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        page = context.new_page()
        page.goto(site_base_url + path, wait_until="load")
        code = page.locator(".md-content pre > code").first
        expected = code.inner_text()
        block = page.locator(".md-content div.highlight").first
        block.hover()
        block.locator("[data-md-type=copy], .md-clipboard").first.click()
        copied = page.evaluate("navigator.clipboard.readText()")
    finally:
        context.close()
    assert copied.strip() == expected.strip(), f"{path}: 복사된 글이 코드와 다릅니다:\n{copied[:200]!r}\n≠\n{expected[:200]!r}"
