"""용어집(docs/glossary.md)의 표를 읽고, 빌드된 페이지의 용어에 툴팁을 붙입니다. 용어집이 유일한 출처입니다.

- hooks.py는 `add_tooltips`로 모든 페이지 본문의 용어에 `<abbr title="영어 — 설명">`을 씌웁니다. 한국어 용어는
  조사가 붙은 채로 쓰이므로("특성 맵은"), 용어 뒤에 조사(tools/korean.py)가 오거나 낱말이 끝날 때 용어로 봅니다.
  코드, 링크, 제목 안은 건드리지 않습니다. 한 글자 용어('층')는 너무 흔해 툴팁을 붙이지 않습니다.
- tests/test_glossary.py는 '다른 표기' 열의 변형이 페이지 본문에 남아 있지 않은지, 표가 가나다순인지,
  '절' 열이 맞는지 검사합니다.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass

import korean
from project import DOCS

GLOSSARY = DOCS / "glossary.md"
HEADER = ("한국어", "English", "설명", "다른 표기 (이 사이트에서는 쓰지 않음)", "처음 나오는 절")


@dataclass(frozen=True)
class Term:
    korean: str
    english: str
    meaning: str
    rejected: tuple[str, ...]
    section: str = ""

    @property
    def tooltip(self) -> str:
        return f"{self.english} — {self.meaning}" if self.meaning else self.english


def load(path=GLOSSARY) -> list[Term]:
    """용어 표(머리글 HEADER)의 줄마다 Term. 표는 페이지 모델(tools/page.py)이 읽습니다."""
    import page as page_model

    table = next((t for t in page_model.load(path).tables if tuple(t.header) == HEADER), None)
    if table is None:
        raise ValueError(f"{path}: 용어 표(머리글 {' | '.join(HEADER)})를 찾지 못했습니다")
    terms: list[Term] = []
    for line, cells in table.rows:
        if len(cells) != len(HEADER):
            raise ValueError(f"{path.name}:{line}: 용어 표의 칸이 {len(cells)}개입니다 ({len(HEADER)}개여야 함): {cells[:1]}")
        korean_, english, meaning, rejected, section = cells
        variants = tuple(v.strip() for v in rejected.split(",") if v.strip() and v.strip() != "-")
        terms.append(Term(korean_.strip("*"), english, meaning, variants, section.strip("[]").split("]")[0]))
    return terms


def term_pattern(terms: list[Term]) -> re.Pattern:
    """본문에서 용어를 찾는 정규식: 앞은 낱말 시작, 뒤는 조사 또는 낱말 끝."""
    names = sorted({t.korean for t in terms if len(t.korean) >= 2}, key=len, reverse=True)
    verbs = [n for n in names if n not in korean.NOT_VERBS]
    plain = [n for n in names if n in korean.NOT_VERBS]
    endings = "(?:" + "|".join(korean.VERB_ENDINGS) + ")"
    parts = [rf"(?<![\w])({'|'.join(map(re.escape, verbs))})(?=(?:{korean.particle_group()}|{endings})?(?!\w))"]
    if plain:
        parts.append(rf"(?<![\w])({'|'.join(map(re.escape, plain))})(?={korean.particle_group()}?(?!\w))")
    return re.compile("|".join(parts))


_SKIP = {"code", "pre", "a", "abbr", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style", "svg", "button",
         "summary", "label", "select", "textarea", "title", "figcaption"}
_SKIP_CLASS = re.compile(r'class="[^"]*\b(arithmatex|katex|notebook-links)\b')  # 수식(TeX 원문)과 링크 줄
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)([^>]*?)(/?)>|<!--.*?-->", re.S)


def text_segments(html: str):
    """(글 조각, 건너뛸 곳인가) 순서대로. 태그는 건너뛸 곳으로 돌려줍니다. 코드·링크·제목·수식 안은 건너뜁니다."""
    stack: list[tuple[str, bool]] = []  # (태그, 이 요소 안은 건너뛰는가)
    pos = 0
    for m in _TAG.finditer(html):
        if m.start() > pos:
            yield html[pos:m.start()], any(skip for _, skip in stack)
        tag = (m.group(2) or "").lower()
        if tag and not m.group(4) and tag not in _VOID:
            if m.group(1):  # 닫는 태그: 가장 가까운 같은 이름까지 닫습니다
                for i in range(len(stack) - 1, -1, -1):
                    if stack[i][0] == tag:
                        del stack[i:]
                        break
            else:
                stack.append((tag, tag in _SKIP or bool(_SKIP_CLASS.search(m.group(3) or ""))))
        yield m.group(0), True
        pos = m.end()
    if pos < len(html):
        yield html[pos:], any(skip for _, skip in stack)


def add_tooltips(html: str, terms: list[Term]) -> str:
    pattern = term_pattern(terms)
    tips = {t.korean: html_lib.escape(t.tooltip, quote=True) for t in terms}
    out = []
    for text, skip in text_segments(html):
        if skip:
            out.append(text)
        else:
            out.append(pattern.sub(lambda m: f'<abbr title="{tips[m.group(m.lastindex)]}">{m.group(m.lastindex)}</abbr>', text))
    return "".join(out)


# ---------------------------------------------------------------- 검색이 너그럽게: 띄어쓰기 없는 꼴과 다른 표기

SEARCH_FIELD = "keywords"  # hooks.py가 검색 색인에 더하는 필드. 화면(검색 결과)에는 그려지지 않고 색인만 봅니다


def section_of(page_stem: str) -> str:
    """절 페이지 파일 이름 → 용어집 '처음 나오는 절' 열의 꼴: "14-02-convolutional-layers" → "14.2"."""
    m = re.match(r"(\d+)-(\d+)-", page_stem)
    return f"{int(m.group(1))}.{int(m.group(2))}" if m else ""


def search_aliases(text: str, terms: list[Term], section: str | None) -> list[str]:
    """검색 색인의 한 항목(절 페이지의 한 부분) 본문에 대해, 독자가 대신 입력할 만한 꼴을 돌려줍니다.

    - 띄어 쓴 용어("특성 맵")가 나올 때마다 띄어쓰기 없는 꼴("특성맵")을 하나씩 (같은 횟수라야 순위가 원래 꼴과 같음).
    - 그 용어를 처음 가르치는 절(용어집의 '처음 나오는 절' 열 = section)이면 '다른 표기'("피처 맵")와 그 붙여 쓴 꼴도.
    조사는 따로 다루지 않습니다: 검색 구분자(tools/korean.py)가 "특성맵을"을 "특성맵" + "을"로 나눕니다.
    """
    plain = re.sub(r"<[^>]+>", " ", text)  # 툴팁의 title 속성 등 태그 안은 세지 않습니다
    aliases: list[str] = []
    for t in terms:
        count = len(re.findall(rf"(?<![\w]){re.escape(t.korean)}", plain))
        if not count:
            continue
        forms = [t.korean.replace(" ", "")] if " " in t.korean else []
        if section and t.section == section:
            for v in t.rejected:
                forms += [v, v.replace(" ", "")] if " " in v else [v]
        aliases += forms * count
    return aliases


def first_sections(terms: list[Term]) -> dict[str, str]:
    """용어 → 그 용어가 학습자가 읽는 글(코드·출력 제외)에 처음 나오는 절("14.N", 없으면 "-"). 툴팁과 같은 규칙
    (term_pattern: 조사·어미가 붙은 꼴 포함, 긴 용어 먼저)으로 찾으므로 "혼합 정밀도" 속의 "정밀도"는 세지 않습니다.
    용어집의 "처음 나오는 절" 열은 이 값이어야 합니다 (tests/test_glossary.py)."""
    import page as page_model
    from project import CHAPTER

    found = {t.korean: "-" for t in terms}
    pattern = term_pattern(terms)
    for path in sorted(CHAPTER.glob("*.md")):
        section = "14." + str(int(path.stem.split("-")[1]))
        text = "\n".join(line for _, line in page_model.load(path).prose)
        for m in pattern.finditer(text):
            name = next(g for g in m.groups() if g)
            if found.get(name) == "-":
                found[name] = section
        for t in terms:
            if len(t.korean) < 2 and found[t.korean] == "-" and re.search(rf"(?<![\w]){re.escape(t.korean)}", text):
                found[t.korean] = section
    return found


def write_first_sections(path=GLOSSARY) -> int:
    """용어집 표의 "처음 나오는 절" 열을 first_sections로 다시 씁니다. 바꾼 줄 수를 돌려줍니다.
    실행: python tools/glossary.py (페이지를 고친 뒤, tests/test_glossary.py가 열이 어긋났다고 할 때)"""
    import page as page_model

    terms = load(path)
    found = first_sections(terms)
    table = next(t for t in page_model.load(path).tables if tuple(t.header) == HEADER)
    lines = path.read_text(encoding="utf-8").splitlines()
    changed = 0
    for (line, cells), term in zip(table.rows, terms):
        section = found[term.korean]
        cell = "-" if section == "-" else f"[{section}](ch14/" + next(
            p.name for p in sorted((path.parent / "ch14").glob(f"14-{int(section.split('.')[1]):02d}-*.md"))) + ")"
        head = lines[line - 1].rstrip().rstrip("|").rstrip()
        head = head[: head.rstrip().rfind("|") + 1]
        new = f"{head} {cell} |"
        if new != lines[line - 1]:
            lines[line - 1] = new
            changed += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return changed


if __name__ == "__main__":
    print(f"처음 나오는 절: {write_first_sections()}줄을 고쳤습니다")
