"""용어집이 정한 표기만 씁니다: '쓰지 않는 표기' 열의 변형이 페이지 본문에 남아 있으면 실패합니다."""

import re

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
                if re.search(rf"(?<![\w]){re.escape(variant)}", line):
                    problems.append(f"{page.relative_to(ROOT)}:{n}: '{variant}' 대신 '{term.korean}'")
    assert not problems, "\n".join(problems)


def test_glossary_is_sorted():
    names = [t.korean.lower() for t in TERMS]
    out_of_order = [f"{a} > {b}" for a, b in zip(names, names[1:]) if a > b]
    assert not out_of_order, "용어집이 가나다순이 아닙니다: " + ", ".join(out_of_order[:10])
    assert len(set(names)) == len(names), "같은 용어가 두 번 있습니다"


def test_section_column_is_where_the_term_first_appears():
    """"처음 나오는 절" 열 = 그 용어가 절 페이지의 글에 처음 나오는 곳 (툴팁과 같은 규칙으로 셈)."""
    found = glossary.first_sections(TERMS)
    wrong = [f"{t.korean}: 표는 {t.section or '-'}, 페이지는 {found[t.korean]}" for t in TERMS if (t.section or "-") != found[t.korean]]
    assert not wrong, "용어집의 '처음 나오는 절'이 페이지와 다릅니다 (python tools/glossary.py로 다시 씀):\n" + "\n".join(wrong)


def test_glossary_itself_uses_the_chosen_spellings():
    bad = [f"{t.korean}의 설명에 '{v}' (쓰지 않는 표기, {u.korean})" for t in TERMS for u in TERMS for v in u.rejected
           if re.search(rf"(?<![\w]){re.escape(v)}", t.meaning)]
    assert not bad, "\n".join(bad)


def test_tooltips_match_terms_with_particles_only():
    terms = [glossary.Term("특성 맵", "feature map", "", ()), glossary.Term("배치", "batch", "", ())]
    html = "<p>특성 맵은 크고, 배치를 나눕니다. 층을 배치할 때. <code>특성 맵</code></p><h2>특성 맵</h2>"
    out = glossary.add_tooltips(html, terms)
    assert out.count("<abbr") == 2, out
    assert '<abbr title="feature map">특성 맵</abbr>은' in out and '<abbr title="batch">배치</abbr>를' in out
    assert "배치할" in out and "<code>특성 맵</code>" in out and "<h2>특성 맵</h2>" in out
