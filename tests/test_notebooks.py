"""노트북은 페이지에서 생성됩니다. 페이지와 노트북, 노트북과 그림이 어긋나면 실패합니다.

- 셀 구성(소스, 태그, 그림 메타데이터)이 페이지에서 새로 만든 것과 같아야 합니다.
- 노트북이 보여 주는 출력(표준 출력과 마지막 식의 값)이 페이지의 그 블록 바로 아래 기대 출력과 같아야 합니다
  (기대 출력에 허용 오차가 있으면 숫자는 그 안에서). 그림이 아닌 표시 출력(display_data)은 있으면 안 됩니다.
  pytest는 페이지의 출력을 실제 실행과 비교하므로, 이것으로 노트북 실행(nbclient)과 페이지 검사(pytest)가 같은
  결과를 낸다는 것이 보장됩니다.
- 메모리 주소(`at 0x…`)처럼 실행마다 바뀌는 글자나 오류·경고(stderr)가 출력에 없어야 합니다.
- 페이지의 그림 파일은 노트북의 해당 코드 셀이 그린 그림과 바이트 단위로 같아야 합니다.

고치는 방법은 언제나 같습니다: `python tools/make_notebooks.py 페이지.md`
"""

import base64

import nbformat
import pytest

import notebooks
from project import EXAMPLES, FIGURES, ROOT

HANDS_ON = notebooks.hands_on_pages()
REGENERATE = "python tools/make_notebooks.py {}"


def _id(page):
    return page.name


def _read(page):
    return nbformat.read(notebooks.notebook_path(page), as_version=4)


def test_every_notebook_has_a_page():
    pages = {notebooks.notebook_path(p).name for p in HANDS_ON}
    orphans = sorted(p.name for p in EXAMPLES.glob("*.ipynb") if p.name not in pages)
    assert not orphans, f"페이지가 없는(또는 코드가 없는) 노트북: {orphans}"


@pytest.mark.parametrize("page", HANDS_ON, ids=_id)
def test_notebook_matches_page(page):
    rel = page.relative_to(ROOT)
    path = notebooks.notebook_path(page)
    assert path.exists(), f"{rel}: 노트북이 없습니다. {REGENERATE.format(rel)}"
    saved = _read(page)
    fresh = notebooks.page_to_notebook(page)
    expected, actual = notebooks.cell_signature(fresh), notebooks.cell_signature(saved)
    for i, (want, got) in enumerate(zip(expected, actual)):
        assert want == got, f"{rel}: 노트북 셀 {i}가 페이지와 다릅니다. {REGENERATE.format(rel)}\n페이지: {want}\n노트북: {got}"
    assert len(expected) == len(actual), f"{rel}: 셀 수가 다릅니다 ({len(expected)} ≠ {len(actual)}). {REGENERATE.format(rel)}"
    assert [c.id for c in saved.cells] == [c.id for c in fresh.cells], f"{rel}: 셀 id가 내용에서 만든 것과 다릅니다"


def output_problems(page, nb) -> list[str]:
    """노트북 셀의 출력과 페이지 블록의 기대 출력이 다른 곳 ("페이지:줄: 이유")."""
    rel = page.relative_to(ROOT)
    problems = []
    for cell, block in notebooks.code_cells_with_blocks(nb, page):
        if notebooks.SKIP in cell.metadata.get("tags", []):
            continue
        shown = notebooks.shown_output(cell)
        expected = block.output.text if block.output else ""
        where = f"{rel}:{block.output.line if block.output else block.line}"
        if block.output is not None:
            why = block.output.mismatch(shown)  # 허용 오차가 있으면 숫자는 그 안에서 (다른 CPU에서 만든 노트북)
            why = why and why[1]
        else:
            why = "페이지에 기대 출력이 없습니다" if shown else None
        if why:
            problems.append(f"{where}: 노트북의 출력이 페이지와 다릅니다: {why}\n--- 페이지\n{expected}--- 노트북\n{shown}---")
        for o in cell.outputs:
            text = o.get("text", "") + "".join(str(v) for k, v in o.get("data", {}).items() if k.startswith("text/"))
            if " at 0x" in text:
                problems.append(f"{rel}:{block.line}: 출력에 메모리 주소가 있습니다 (실행마다 바뀜): {text.strip()[:80]}")
            if o.output_type == "stream" and o.name == "stderr":
                problems.append(f"{rel}:{block.line}: 노트북에 경고·오류 출력(stderr)이 있습니다: {o.text.strip()[:200]}")
            if o.output_type == "display_data" and "image/png" not in o.get("data", {}):
                problems.append(f"{rel}:{block.line}: 페이지에 없는 표시 출력(display_data: "
                                f"{', '.join(o.get('data', {}))})이 노트북에 있습니다")
            if o.output_type == "error":
                problems.append(f"{rel}:{block.line}: 셀에서 오류: {o.get('ename')}: {o.get('evalue')}")
    return problems


@pytest.mark.parametrize("page", HANDS_ON, ids=_id)
def test_notebook_shows_exactly_the_page_outputs(page):
    problems = output_problems(page, _read(page))
    assert not problems, "\n".join(problems) + f"\n{REGENERATE.format(page.relative_to(ROOT))}"


@pytest.mark.parametrize("page", HANDS_ON, ids=_id)
def test_notebook_was_executed(page):
    nb = _read(page)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and notebooks.SKIP not in cell.metadata.get("tags", []):
            assert cell.execution_count is not None, f"{page.name}: 셀 {i}가 실행되지 않았습니다"


@pytest.mark.parametrize("page", HANDS_ON, ids=_id)
def test_figures_are_the_notebook_outputs(page):
    """페이지의 그림 파일은 노트북의 해당 코드 셀이 그린 그림과 바이트 단위로 같아야 합니다."""
    for name, png in notebooks.figure_outputs(_read(page)).items():
        figure = FIGURES / name
        assert figure.exists(), f"{page.name}: 그림 {name}이 없습니다. {REGENERATE.format(page.relative_to(ROOT))}"
        assert figure.read_bytes() == base64.b64decode(png), f"{page.name}: 그림 {name}이 노트북 출력과 다릅니다"


def test_every_figure_file_is_used():
    used = set()
    for page in HANDS_ON:
        used |= set(notebooks.figure_outputs(_read(page)))
    unused = sorted(p.name for p in FIGURES.glob("*.png") if p.name not in used)
    assert not unused, f"어떤 페이지도 만들지 않는 그림 파일: {unused}"


@pytest.mark.parametrize("page", HANDS_ON, ids=_id)
def test_notebook_footnotes_read_as_references(page):
    """노트북(Jupyter, 코랩)에는 각주 문법이 없으므로 날 [^이름]이 없어야 하고, 참조마다 참고 문헌 항목이 있습니다."""
    import re

    nb = _read(page)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    raw = re.findall(r"\[\^[\w-]+\]", text)
    assert not raw, f"{page.name}: 노트북에 날 각주 표시 {len(raw)}개: {raw[:5]}. {REGENERATE.format(page.relative_to(ROOT))}"
    targets = set(re.findall(r'<a href="#(fn-[\w-]+)">', text))
    anchors = set(re.findall(r'<a id="(fn-[\w-]+)"></a>', text))
    assert targets <= anchors, f"{page.name}: 참고 문헌에 없는 각주 {sorted(targets - anchors)}"


def test_first_code_cell_checks_minimum_versions(monkeypatch, capsys):
    """노트북의 첫 코드 셀은 오래된 텐서플로·케라스(예: 코랩의 케라스 3.4)에서 무엇을 할지 알려 줍니다."""
    import sys
    import types

    from project import MINIMUM_VERSIONS

    for page in HANDS_ON:
        first = next(c for c in _read(page).cells if c.cell_type == "code")
        assert notebooks.VERSION_CHECK in first.metadata.get("tags", []), f"{page.name}: 첫 코드 셀이 버전 확인이 아닙니다"
    old = types.SimpleNamespace(__version__="2.15.1", keras=types.SimpleNamespace(version=lambda: "3.4.1"))
    monkeypatch.setitem(sys.modules, "tensorflow", old)
    exec(notebooks.version_check_source(), {})
    out = capsys.readouterr().out
    assert "버전이 낮습니다: 텐서플로 2.15.1 (필요: 2.16 이상), 케라스 3.4.1 (필요: 3.8 이상)" in out, out
    assert "%pip install -U tensorflow keras" in out
    new = types.SimpleNamespace(__version__=f"{MINIMUM_VERSIONS['tensorflow']}.0",
                                keras=types.SimpleNamespace(version=lambda: f"{MINIMUM_VERSIONS['keras']}.0"))
    monkeypatch.setitem(sys.modules, "tensorflow", new)
    exec(notebooks.version_check_source(), {})
    assert capsys.readouterr().out.startswith("버전 확인: 텐서플로 2.16.0, 케라스 3.8.0")
