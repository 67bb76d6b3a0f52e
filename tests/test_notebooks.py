"""노트북은 페이지에서 생성됩니다. 페이지와 노트북, 노트북과 그림이 어긋나면 실패합니다.

고치는 방법은 언제나 같습니다: `python tools/make_notebooks.py 페이지.md`
"""

import base64

import nbformat
import pytest

import notebooks
from project import ROOT

HANDS_ON = notebooks.hands_on_pages()
REGENERATE = "python tools/make_notebooks.py {}"


def _id(page):
    return page.name


def test_every_notebook_has_a_page():
    pages = {notebooks.notebook_path(p).name for p in HANDS_ON}
    orphans = sorted(p.name for p in notebooks.EXAMPLES.glob("*.ipynb") if p.name not in pages)
    assert not orphans, f"페이지가 없는(또는 코드가 없는) 노트북: {orphans}"


@pytest.mark.parametrize("page", HANDS_ON, ids=_id)
def test_notebook_matches_page(page):
    rel = page.relative_to(ROOT)
    path = notebooks.notebook_path(page)
    assert path.exists(), f"{rel}: 노트북이 없습니다. {REGENERATE.format(rel)}"
    saved = nbformat.read(path, as_version=4)
    fresh = notebooks.page_to_notebook(page, notebooks.mkdocs_config()["site_url"])
    expected, actual = notebooks.cell_signature(fresh), notebooks.cell_signature(saved)
    for i, (want, got) in enumerate(zip(expected, actual)):
        assert want == got, f"{rel}: 노트북 셀 {i}가 페이지와 다릅니다. {REGENERATE.format(rel)}\n페이지: {want}\n노트북: {got}"
    assert len(expected) == len(actual), f"{rel}: 셀 수가 다릅니다 ({len(expected)} ≠ {len(actual)}). {REGENERATE.format(rel)}"


@pytest.mark.parametrize("page", HANDS_ON, ids=_id)
def test_notebook_was_executed_without_errors(page):
    nb = nbformat.read(notebooks.notebook_path(page), as_version=4)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if "skip-execution" in cell.metadata.get("tags", []):
            continue
        assert cell.execution_count is not None, f"{page.name}: 셀 {i}가 실행되지 않았습니다"
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert not errors, f"{page.name}: 셀 {i}에서 오류: {errors[0].get('ename')}: {errors[0].get('evalue')}"


@pytest.mark.parametrize("page", HANDS_ON, ids=_id)
def test_figures_are_the_notebook_outputs(page):
    """페이지의 그림 파일은 노트북의 해당 코드 셀이 그린 그림과 바이트 단위로 같아야 합니다."""
    nb = nbformat.read(notebooks.notebook_path(page), as_version=4)
    for name, png in notebooks.figure_outputs(nb).items():
        figure = notebooks.FIGURES / name
        assert figure.exists(), f"{page.name}: 그림 {name}이 없습니다. {REGENERATE.format(page.relative_to(ROOT))}"
        assert figure.read_bytes() == base64.b64decode(png), f"{page.name}: 그림 {name}이 노트북 출력과 다릅니다"


def test_every_figure_file_is_used():
    used = set()
    for page in HANDS_ON:
        nb = nbformat.read(notebooks.notebook_path(page), as_version=4)
        used |= set(notebooks.figure_outputs(nb))
    unused = sorted(p.name for p in notebooks.FIGURES.glob("*.png") if p.name not in used)
    assert not unused, f"어떤 페이지도 만들지 않는 그림 파일: {unused}"
