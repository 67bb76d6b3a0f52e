"""용어집이 정한 표기만 씁니다: '쓰지 않는 표기' 열의 변형이 페이지 본문에 남아 있으면 실패합니다."""

import pytest

import glossary
import page as page_model
from project import ROOT

TERMS = glossary.load()
PAGES = sorted(p for p in (ROOT / "docs").rglob("*.md") if p != glossary.GLOSSARY)


def test_glossary_has_terms_with_english():
    assert len(TERMS) >= 30
    missing = [t.korean for t in TERMS if not t.english]
    assert not missing, f"영어 원어가 없는 용어: {missing}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_rejected_spelling(page):
    problems = []
    for n, line in page_model.load(page).prose:
        for term in TERMS:
            for variant in term.rejected:
                if variant in line:
                    problems.append(f"{page.relative_to(ROOT)}:{n}: '{variant}' 대신 '{term.korean}'")
    assert not problems, "\n".join(problems)
