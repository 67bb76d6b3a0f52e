"""페이지 규칙: 페이지 모델(tools/page.py)이 찾은 문제가 없고, 실행되지 않는 예제도 최소한 검사됩니다.

- 규칙(실행되지 않는 파이썬 펜스, 셸 펜스, 쓸 수 없는 표시, 이유 없는 download, 자리가 틀린 주석)은
  page.py에 한 번만 있습니다. 코드 블록이 있는 페이지에서는 수집할 때도 같은 문제로 실패합니다.
- pytest-codeblocks의 파서도 같은 체인을 보는지 확인합니다 (주석 문법이 그대로인지).
- download 체인은 오프라인에서 실행되지 않으므로 컴파일하고 pyflakes로 검사합니다.
- 페이지에 제어 문자(탭 등)가 없어야 합니다 (수식 안의 탭은 보이지 않게 수식을 깨뜨립니다).
"""

import io
import re

import pytest
from pyflakes.api import check as pyflakes_check
from pyflakes.reporter import Reporter
from pytest_codeblocks.main import extract_from_buffer

import page as page_model
from project import DOCS, ROOT

PAGES = sorted(DOCS.rglob("*.md"))
ids = [str(p.relative_to(ROOT)) for p in PAGES]


@pytest.mark.parametrize("path", PAGES, ids=ids)
def test_page_follows_the_rules(path):
    pg = page_model.load(path)
    assert not pg.problems, "\n".join(f"{path.relative_to(ROOT)}:{p}" for p in pg.problems)


def _without_mid_chain_outputs(pg: page_model.Page) -> str:
    """pytest-codeblocks는 체인 끝의 기대 출력 하나만 받으므로, 마지막 블록이 아닌 블록의 기대 출력을 지운 본문.
    기대 출력 주석의 허용 오차(우리 문법, pytest-codeblocks는 모름)도 뺍니다."""
    lines = list(pg.lines)
    drop = set()
    for chain in pg.chains:
        for block in chain.blocks:
            if block.output and block.output.tolerance:
                i = block.output.line - 1
                lines[i] = lines[i].replace(" " + block.output.tolerance.comment_args, "")
        for block in chain.blocks[:-1]:
            if block.output:
                drop.update(range(block.output.line, block.output.end_line + 1))
    return "\n".join("" if n in drop else line for n, line in enumerate(lines, 1)) + "\n"


@pytest.mark.parametrize("path", PAGES, ids=ids)
def test_pytest_codeblocks_sees_the_same_chains(path):
    """페이지 모델과 pytest-codeblocks의 파서가 같은 체인(첫 줄, 이어 붙인 코드, 표시)을 봅니다."""
    pg = page_model.load(path)
    theirs = [b for b in extract_from_buffer(io.StringIO(_without_mid_chain_outputs(pg))) if b.syntax == "python"]
    rel = path.relative_to(ROOT)
    assert [b.lineno for b in theirs] == [c.line for c in pg.chains], f"{rel}: 체인의 첫 줄이 다릅니다"
    for block, chain in zip(theirs, pg.chains):
        # pytest-codeblocks는 들여 쓴 펜스 안의 (공백 없는) 빈 줄을 버리므로 빈 줄은 빼고 비교합니다
        ours = [ln for ln in chain.code.splitlines() if ln.strip()]
        assert [ln for ln in block.code.splitlines() if ln.strip()] == ours, f"{rel}:{chain.line}: 체인의 코드가 다릅니다"
        assert block.marks == [f"pytest.mark.{m.name}({m.args})" for m in chain.marks], f"{rel}:{chain.line}: 표시가 다릅니다"
        last = chain.blocks[-1].output
        assert block.expected_output == (last.text if last else None), f"{rel}:{chain.line}: 마지막 기대 출력이 다릅니다"


DOWNLOAD_CHAINS = [
    (path, chain) for path in PAGES for chain in page_model.load(path).chains if chain.mark("download")
]


@pytest.mark.parametrize("path,chain", DOWNLOAD_CHAINS,
                         ids=[f"{p.relative_to(ROOT)}:{c.line}" for p, c in DOWNLOAD_CHAINS])
def test_download_chains_compile_and_lint(path, chain):
    """오프라인에서 실행하지 않는 체인도 문법 오류, 정의되지 않은 이름, 쓰지 않는 import가 없어야 합니다."""
    where = f"{path.relative_to(ROOT)}"
    source = chain.source_at_page_lines()
    compile(source, where, "exec")
    out, err = io.StringIO(), io.StringIO()
    count = pyflakes_check(source, where, Reporter(out, err))
    assert count == 0, f"{where}:{chain.line}: pyflakes\n{out.getvalue()}{err.getvalue()}"


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@pytest.mark.parametrize("path", PAGES, ids=ids)
def test_no_control_characters(path):
    bad = [f"{path.relative_to(ROOT)}:{n}: 제어 문자 {m.group()!r} (칸 {m.start() + 1})"
           for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
           for m in CONTROL.finditer(line)]
    assert not bad, "\n".join(bad)
