"""용어집이 정한 표기만 씁니다: '쓰지 않는 표기' 열의 변형이 페이지 본문에 남아 있으면 실패합니다."""

import re

import pytest

import glossary
from project import ROOT

TERMS = glossary.load()
PAGES = sorted(p for p in (ROOT / "docs").rglob("*.md") if p != glossary.GLOSSARY)


def test_glossary_has_terms_with_english():
    assert len(TERMS) >= 30
    missing = [t.korean for t in TERMS if not t.english]
    assert not missing, f"영어 원어가 없는 용어: {missing}"


def _prose_lines(path):
    """코드 블록 밖의 줄만 (코드 식별자와 출력은 검사하지 않음)."""
    in_fence = False
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if re.match(r"^\s*(`{3,}|~{3,})", line):
            in_fence = not in_fence
            continue
        if not in_fence:
            yield n, re.sub(r"`[^`]*`", "", line)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_rejected_spelling(page):
    problems = []
    for n, line in _prose_lines(page):
        for term in TERMS:
            for variant in term.rejected:
                if variant in line:
                    problems.append(f"{page.relative_to(ROOT)}:{n}: '{variant}' 대신 '{term.korean}'")
    assert not problems, "\n".join(problems)
