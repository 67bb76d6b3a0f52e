"""용어집(docs/glossary.md)의 표를 읽습니다. 용어집이 유일한 출처입니다.

hooks.py는 이 표로 모든 페이지에 툴팁(약어 정의)을 붙이고, tests/test_glossary.py는
'쓰지 않는 표기' 열에 적힌 변형이 페이지에 남아 있지 않은지 검사합니다.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from project import DOCS

GLOSSARY = DOCS / "glossary.md"
HEADER = ("한국어", "English", "설명", "쓰지 않는 표기")


@dataclass(frozen=True)
class Term:
    korean: str
    english: str
    meaning: str
    rejected: tuple[str, ...]

    @property
    def tooltip(self) -> str:
        return f"{self.english} — {self.meaning}" if self.meaning else self.english


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def load(path: Path = GLOSSARY) -> list[Term]:
    terms: list[Term] = []
    in_table = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            in_table = False
            continue
        cells = _cells(line)
        if tuple(cells) == HEADER:
            in_table = True
            continue
        if not in_table or set("".join(cells)) <= set("-: "):
            continue
        korean, english, meaning, rejected = (cells + ["", "", "", ""])[:4]
        variants = tuple(v.strip() for v in rejected.split(",") if v.strip() and v.strip() != "-")
        terms.append(Term(korean.strip("*"), english, meaning, variants))
    if not terms:
        raise ValueError(f"{path}: 용어 표(머리글 {' | '.join(HEADER)})를 찾지 못했습니다")
    return terms


def abbreviations(terms: list[Term]) -> str:
    """Python-Markdown abbr 확장의 정의 줄들. 한 글자 용어(층, 편향 …이 아닌 '층')는 너무 흔해 뺍니다."""
    lines = []
    for t in terms:
        if len(t.korean) >= 2:
            lines.append(f"*[{t.korean}]: {t.tooltip}")
    return "\n".join(lines)
