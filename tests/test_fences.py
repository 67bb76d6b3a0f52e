"""펜스 규칙: 파이썬처럼 보이는 코드 블록은 모두 pytest-codeblocks가 실행하는 맨 ```python 블록이어야 합니다.

pytest-codeblocks는 ```py, ```python title=…, ~~~python 같은 펜스를 조용히 건너뛰므로, 실행되지 않는
예제가 페이지에 숨어들 수 있습니다. 이 검사가 그것을 막습니다. 실패 메시지는 "파일:줄: 이유"입니다.
"""

import re

import pytest
from pytest_codeblocks.main import extract_from_file

from project import ROOT

PAGES = sorted((ROOT / "docs").rglob("*.md"))
FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*(.*)$")
PYTHONISH = re.compile(r"^\{?\.?(py|python|python3|ipython|ipython3|pycon)\b", re.IGNORECASE)
SHELL = re.compile(r"^(sh|bash|zsh)\b")
MARK = re.compile(r"^<!--\s*(pytest\.mark\.\w+.*?|pytest-codeblocks:[\w-]+.*?)\s*-->$")


def fence_problems(path):
    problems = []
    lines = path.read_text(encoding="utf-8").splitlines()
    in_fence = None
    for n, line in enumerate(lines, 1):
        m = FENCE.match(line)
        if in_fence:
            if m and m.group(2)[0] == in_fence[0] and len(m.group(2)) >= len(in_fence) and not m.group(3):
                in_fence = None
            continue
        if m:
            indent, ticks, info = m.groups()
            in_fence = ticks
            if PYTHONISH.match(info) and (info != "python" or indent or ticks != "```"):
                problems.append(f"{n}: 실행되지 않는 파이썬 펜스 {line.strip()!r} — 맨 왼쪽의 ```python 만 쓰세요")
            if SHELL.match(info):
                problems.append(f"{n}: ```{info} 블록은 pytest-codeblocks가 셸에서 실행합니다 — 명령 예시는 ```console 로")
            continue
        s = line.strip()
        mark = MARK.match(s)
        if not mark:
            continue
        following = next((x.strip() for x in lines[n:] if x.strip()), "")
        if s.startswith("<!--pytest.mark.") and re.match(r"^<!--[-\s]*pytest-codeblocks:cont", following):
            problems.append(f"{n}: {s} — cont 블록 앞의 표시는 다음 체인에 붙습니다. 체인의 첫 블록 앞에 두세요")
        body = mark.group(1)
        if body.startswith("pytest-codeblocks:") and body.split(":", 1)[1].split("(")[0] in {"skip", "skipif", "expect-exception", "expect-error", "importorskip"}:
            problems.append(f"{n}: {s} — 이유가 출력되지 않습니다. <!--pytest.mark.skip(reason=\"…\")--> 를 쓰세요")
        if body.startswith("pytest.mark.") and re.match(r"pytest\.mark\.(skip|skipif|xfail|download)\b", body):
            if "reason=" not in body:
                problems.append(f"{n}: {s} — reason=\"…\" 이 필요합니다")
    return problems


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_python_fences_are_collected(page):
    problems = fence_problems(page)
    assert not problems, "\n".join(f"{page.relative_to(ROOT)}:{p}" for p in problems)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_python_fence_runs(page):
    """맨 ```python 펜스 수 = pytest-codeblocks가 모은 체인 수 + 이어 붙인(cont) 블록 수."""
    text = page.read_text(encoding="utf-8")
    fences = sum(1 for line in text.splitlines() if line.rstrip() == "```python")
    conts = sum(1 for line in text.splitlines() if re.match(r"^<!--[-\s]*pytest-codeblocks:cont", line.strip()))
    chains = [b for b in extract_from_file(page) if b.syntax == "python"]
    assert fences == len(chains) + conts, f"{page.relative_to(ROOT)}: 펜스 {fences}개 중 pytest-codeblocks가 모은 것은 {len(chains) + conts}개"
