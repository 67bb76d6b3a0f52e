"""페이지 모델: Markdown 페이지 하나를 한 번 읽어 필요한 모든 것을 꺼냅니다. 페이지를 읽는 곳은 여기뿐입니다.

markdown-it-py 토큰(CommonMark + 표 + MkDocs 식 애드모니션 `!!!`/`???`/`???+`)에서 다음을 만듭니다.

- 코드 블록(`Block`): 맨 ```` ```python ```` 펜스. 접힌 상자(`??? example "추가 코드: …"`) 안의 들여 쓴 펜스도
  똑같이 코드 블록입니다. 블록 바로 뒤의 `<!--pytest-codeblocks:expected-output-->` + 펜스가 그 블록의
  기대 출력(`Output`)입니다. 기대 출력은 체인의 어느 블록 뒤에나 올 수 있습니다.
- 체인(`Chain`): `<!--pytest-codeblocks:cont-->`로 이어진 블록들. 같은 이름 공간에서 차례로 실행됩니다.
- 표시(`Mark`): 체인 첫 블록 앞의 `<!--pytest.mark.NAME(...)-->`.
- 애드모니션(`Admonition`: 종류, 제목, 접힘 여부, 본문), 제목(`Heading`: 수준, 글, `{ #id }`), 링크와 그림(`Link`).
- 문제(`problems`): 규칙에 어긋난 곳을 "줄: 이유"로. 수집기와 검사가 이것을 그대로 보고합니다.

pytest 수집기(tools/pageblocks.py), 노트북 생성기(tools/notebooks.py), MkDocs 훅, 용어집·Keras 3 모음,
tests/의 검사가 모두 이 모듈을 씁니다.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.footnote import footnote_plugin

# pytest-codeblocks의 주석 문법을 그대로 씁니다.
CODEBLOCKS_COMMENT = re.compile(r"^<!--[-\s]*pytest-codeblocks:([\w-]+)(.*?)-->\s*$")
MARK_COMMENT = re.compile(r"^<!--[-\s]*pytest\.mark\.(\w+)(\(.*\))?\s*-->\s*$", re.S)
KNOWN_KEYWORDS = {"cont", "expected-output"}  # 출력 주석은 한 가지 뜻: 글자는 그대로, 숫자는 허용 오차 안에서 같음
# 기대 출력 주석의 허용 오차: <!--pytest-codeblocks:expected-output tolerance=0.03 spread=0.02-->
# tolerance는 출력의 숫자마다 허용하는 차이(절댓값, 또는 "5%"처럼 상대값), spread는 CPU 변형과 시드로 잰 실제 폭
# (tools/tolerances.py가 재고 제안). 주석 없는 기본은 글자 그대로 같음입니다.
TOLERANCE_ARGS = re.compile(r"^tolerance=(?P<tol>\d[\d.eE+-]*%?)\s+spread=(?P<spread>\d[\d.eE+-]*%?)$")
# 출력 속 숫자: 앞에 글자가 붙은 숫자(conv2d_3, 에포크3)와 뒤에 로마자가 붙은 숫자(3x3)는 글자로 봅니다. 뒤에 붙은
# 한글 단위·조사("215장", "1.0픽셀", "3개")는 숫자 뒤의 글자입니다.
NUMBER = re.compile(r"(?<![\w.])[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?(?![\d.A-Za-z_])")
ALLOWED_MARKS = {"download"}  # 문서 페이지에서 쓸 수 있는 표시 (이유를 출력하며 건너뜀)
# 상자(애드모니션)의 종류별로 쓸 수 있는 제목. "Keras 3" 상자는 모음 페이지(docs/keras3.md)가 제목으로 찾으므로
# 오타("Keras3")가 나면 조용히 빠지지 않도록 여기서 막습니다. 팁(tip)의 제목은 자유입니다.
ADMONITION_TITLES = {
    "abstract": r"이 절에서 (배울|할) 것.*",
    "example": r"추가 코드: .+",
    "info": r"Keras 3",
    "note": r"참고(: .+)?|심화: .+",
    "success": r"답|풀이",
    "tip": r".+",
    "warning": r"주의(: .+)?",
}
KERAS_LIKE = re.compile(r"(?i)\s*(keras|케라스)\s*-?\s*3\s*")
HEADING_ID = re.compile(r"^(.*?)\s*\{\s*#([\w-]+)\s*\}\s*$")
PYTHONISH = re.compile(r"^\{?\.?(py|python|python3|ipython|ipython3|pycon)\b", re.IGNORECASE)
SHELL = re.compile(r"^(sh|bash|zsh)\b")


@dataclass
class Tolerance:
    text: str  # 쓴 그대로: "0.03" 또는 "5%"
    spread: str  # 잰 폭, 쓴 그대로

    @staticmethod
    def _value(text: str) -> tuple[float, bool]:
        return (float(text[:-1]) / 100, True) if text.endswith("%") else (float(text), False)

    def allows(self, expected: float, actual: float) -> bool:
        amount, relative = self._value(self.text)
        limit = amount * abs(expected) if relative else amount
        return abs(actual - expected) <= limit * (1 + 1e-9) + 1e-15

    @property
    def comment_args(self) -> str:
        return f"tolerance={self.text} spread={self.spread}"


@dataclass
class Output:
    line: int  # 주석 줄 (1부터)
    fence_line: int  # 출력 펜스가 시작하는 줄
    end_line: int  # 출력 펜스가 닫히는 줄
    text: str
    tolerance: Tolerance | None = None

    def mismatch(self, actual: str) -> tuple[int, str] | None:
        """실제 출력이 이 기대 출력과 다르면 (페이지의 줄, 무엇이 다른지), 같으면 None.
        허용 오차가 없으면 글자 그대로 비교합니다(줄 = 주석 줄). 있으면 숫자 아닌 글자는 그대로(연이은 공백은 하나로),
        숫자는 하나씩 허용 오차 안에서 비교합니다(줄 = 다른 숫자나 글자가 있는 줄)."""
        if self.tolerance is None:
            return None if actual == self.text else (self.line, "글자가 다릅니다")
        want, got = _split_numbers(self.text), _split_numbers(actual)
        if [w for w, _ in want] != [g for g, _ in got]:
            masked = [NUMBER.sub("#", re.sub(r"[ \t]+", " ", t)).splitlines() for t in (self.text, actual)]
            k = next((i for i, (a, b) in enumerate(zip(*masked)) if a != b), min(map(len, masked)))
            return (self.fence_line + k + 1,
                    f"숫자 아닌 글자가 다릅니다 (숫자만 허용 오차 ±{self.tolerance.text} 안에서 비교합니다)")
        for k, ((_, (w_text, w_line)), (_, (g_text, _))) in enumerate(zip(want, got)):
            if w_text is not None and not self.tolerance.allows(float(w_text), float(g_text)):
                return (self.fence_line + w_line,
                        f"{k + 1}번째 숫자가 허용 오차를 넘었습니다: 페이지 {w_text}, 실제 {g_text}, "
                        f"허용 오차 ±{self.tolerance.text} (잰 폭 {self.tolerance.spread})")
        return None


def _split_numbers(text: str) -> list[tuple[str, tuple[str | None, int]]]:
    """글을 (숫자 아닌 조각, (뒤따르는 숫자 또는 None, 그 숫자의 줄 위치)) 목록으로 나눕니다."""
    out = []
    pos = 0
    for m in NUMBER.finditer(text):
        out.append((re.sub(r"[ \t]+", " ", text[pos:m.start()]), (m.group(), text.count("\n", 0, m.start()) + 1)))
        pos = m.end()
    out.append((re.sub(r"[ \t]+", " ", text[pos:]), (None, 0)))
    return out


@dataclass
class Mark:
    name: str
    args: str  # 괄호 안 (없으면 "")
    line: int

    def arg(self, name: str) -> str:
        m = re.search(name + r"\s*=\s*(['\"])(.*?)\1", self.args, re.S)
        return m.group(2) if m else ""

    @property
    def reason(self) -> str:
        return self.arg("reason")


@dataclass
class Admonition:
    kind: str  # note, info, example, success …
    title: str
    collapsible: bool  # ??? 또는 ???+
    line: int  # 시작 줄
    end_line: int  # 마지막 줄 (포함)
    body: str  # 들여쓰기를 뺀 본문 Markdown
    parent: Admonition | None = None

    @property
    def folded(self) -> bool:
        return self.collapsible


@dataclass
class Block:
    line: int  # 여는 펜스의 줄 (1부터)
    end_line: int  # 닫는 펜스의 줄
    indent: int
    code: str
    cont: bool = False
    marks: list[Mark] = field(default_factory=list)
    output: Output | None = None
    admonition: Admonition | None = None  # 이 블록을 감싼 가장 안쪽 애드모니션

    @property
    def folded(self) -> bool:
        """접힌 상자 안에 있는가 (추가 코드, 풀이)."""
        box = self.admonition
        while box is not None:
            if box.collapsible:
                return True
            box = box.parent
        return False


@dataclass
class Chain:
    blocks: list[Block]

    @property
    def line(self) -> int:
        return self.blocks[0].line

    @property
    def marks(self) -> list[Mark]:
        return self.blocks[0].marks

    def mark(self, name: str) -> Mark | None:
        return next((m for m in self.marks if m.name == name), None)

    @property
    def code(self) -> str:
        return "".join(b.code for b in self.blocks)

    def source_at_page_lines(self) -> str:
        """체인의 코드를, 각 줄이 페이지의 같은 줄 번호에 오도록 빈 줄로 채운 것 (오류 메시지가 페이지 줄을 가리키게)."""
        out = ""
        for b in self.blocks:
            out += "\n" * max(b.line - out.count("\n"), 0) + b.code
        return out


@dataclass
class Heading:
    level: int
    text: str  # { #id }를 뺀 글
    anchor: str | None
    line: int


@dataclass
class Link:
    line: int
    kind: str  # "link" 또는 "image"
    url: str
    text: str = ""  # 그림이면 대체 텍스트


@dataclass
class Footnote:
    label: str
    line: int  # 정의가 시작하는 줄
    end_line: int  # 정의의 마지막 줄 (포함)
    text: str  # "[^label]: "를 뺀 정의 (이어지는 줄은 들여쓰기를 빼고 한 줄로)


# 본문의 각주 참조 [^label]. 줄 맨 앞의 "[^label]:"(정의)는 빼고, 줄 가운데의 "[^label]:"(참조 뒤 쌍점)은 참조입니다.
FOOTNOTE_REF = re.compile(r"(?<!^)\[\^(?P<label>[\w-]+)\]|^\[\^(?P<first>[\w-]+)\](?!:)", re.M)


def footnote_label(m: re.Match) -> str:
    return m.group("label") or m.group("first")


@dataclass
class Table:
    line: int  # 머리글 줄
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (줄, 칸의 Markdown 원문; 이스케이프한 \|는 |로)


@dataclass
class Fence:
    line: int
    info: str
    indent: int
    ticks: str


@dataclass
class Page:
    path: Path
    text: str
    blocks: list[Block]
    chains: list[Chain]
    admonitions: list[Admonition]
    headings: list[Heading]
    links: list[Link]
    fences: list[Fence]
    problems: list[str]  # "줄: 이유"
    prose: list[tuple[int, str]]  # (줄, 코드와 HTML 주석을 뺀 본문 한 줄)
    footnotes: dict[str, Footnote] = field(default_factory=dict)  # 이름 → 정의 (정의 순서)
    tables: list[Table] = field(default_factory=list)

    @property
    def h1_line(self) -> int | None:
        h1 = next((h for h in self.headings if h.level == 1), None)
        return h1.line if h1 else None

    def figure_lines(self) -> dict[int, Link]:
        """그림만 있는 줄(`![대체 텍스트](주소)` 한 줄) → 그 그림."""
        lines = self.lines
        return {f.line: f for f in self.figures if re.fullmatch(r"\s*!\[[^\]]*\]\([^)]*\)\s*", lines[f.line - 1])}

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    @property
    def title(self) -> str:
        h1 = next((h for h in self.headings if h.level == 1), None)
        return h1.text if h1 else self.path.stem

    def heading_before(self, line: int) -> Heading | None:
        before = [h for h in self.headings if h.line <= line]
        return before[-1] if before else None

    @property
    def figures(self) -> list[Link]:
        return [link for link in self.links if link.kind == "image"]


@functools.lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # footnote_tail을 끄면 각주 정의가 제자리에 줄 번호(map)와 함께 남습니다
    return (MarkdownIt("commonmark", {"html": True}).enable("table").use(admon_plugin).use(footnote_plugin)
            .disable("footnote_tail"))


def _inline_links(token, line: int):
    offset = 0
    for child in token.children or []:
        if child.type in ("softbreak", "hardbreak"):
            offset += 1
        elif child.type == "link_open":
            yield Link(line + offset, "link", child.attrs.get("href", ""))
        elif child.type == "image":
            yield Link(line + offset, "image", child.attrs.get("src", ""), child.content)


def _fence_end(lines: list[str], start: int, ticks: str) -> int:
    """start(0부터)에서 열린 펜스가 닫히는 줄(0부터)."""
    for i in range(start + 1, len(lines)):
        s = lines[i].strip()
        if s.startswith(ticks[0] * len(ticks)) and not s.strip(ticks[0]):
            return i
    return len(lines) - 1


def _keep_blank_lines_indented(lines: list[str]) -> str:
    """상자(!!!, ???) 안의 빈 줄에 앞뒤 줄의 들여쓰기를 채웁니다. Python-Markdown은 들여 쓴 동안 상자가 이어지지만,
    markdown-it의 애드모니션 규칙은 빈 줄 두 개에서 상자를 닫기 때문입니다 (PEP 8의 두 줄 띄우기 등)."""
    indents = [len(ln) - len(ln.lstrip()) if ln.strip() else None for ln in lines]
    out = list(lines)
    prev = None
    for i, ind in enumerate(indents):
        if ind is not None:
            prev = ind
            continue
        nxt = next((x for x in indents[i + 1:] if x is not None), None)
        if prev and nxt and min(prev, nxt) >= 4:
            out[i] = " " * (min(prev, nxt) // 4 * 4)
    return "\n".join(out) + "\n"


# 페이지 안의 상대 .md 링크 "](x.md#a)" (노트북과 모음 페이지가 주소를 바꿀 때). 주소에는 괄호·대괄호가 없습니다
# (각주 참조 "[^a]([14.5절](x.md))"의 "[^a]("를 링크로 읽지 않도록).
MD_LINK = re.compile(r"\]\((?!https?://|#)([^)\s\[\]()]+?\.md)(#[\w-]+)?\)")


def rewrite_md_links(text: str, target) -> str:
    """text의 상대 .md 링크마다 target(경로, "#앵커" 또는 None)이 돌려준 주소로 바꿉니다."""
    return MD_LINK.sub(lambda m: "](" + target(m.group(1), m.group(2)) + ")", text)


def _tolerance(args: str, n: int, problems: list[str]) -> Tolerance | None:
    """기대 출력 주석에 덧붙인 "tolerance=… spread=…"를 읽습니다 (없으면 None = 글자 그대로 비교)."""
    if not args:
        return None
    t = TOLERANCE_ARGS.match(args)
    if t is None:
        problems.append(f"{n}: 기대 출력 주석의 허용 오차는 'tolerance=0.03 spread=0.02' 꼴로 씁니다 "
                        f"(spread = 잰 폭, tools/tolerances.py): {args!r}")
        return None
    tolerance = Tolerance(t.group("tol"), t.group("spread"))
    (tol, tol_rel), (spread, spread_rel) = map(Tolerance._value, (tolerance.text, tolerance.spread))
    if tol_rel != spread_rel or spread > tol:
        problems.append(f"{n}: 허용 오차(tolerance={tolerance.text})가 잰 폭(spread={tolerance.spread})보다 작거나 단위가 다릅니다")
    return tolerance


def parse_text(text: str, path: Path) -> Page:
    lines = text.splitlines()
    tokens = _parser().parse(_keep_blank_lines_indented(lines))
    blocks: list[Block] = []
    chains: list[Chain] = []
    admonitions: list[Admonition] = []
    headings: list[Heading] = []
    links: list[Link] = []
    fences: list[Fence] = []
    problems: list[str] = []
    stack: list[Admonition] = []
    pending_marks: list[Mark] = []
    pending_cont: int | None = None  # cont 주석의 줄
    pending_output: tuple[int, Tolerance | None] | None = None  # (주석 줄, 허용 오차)
    last_block: Block | None = None
    code_lines: set[int] = set()
    footnotes: dict[str, Footnote] = {}
    tables: list[Table] = []

    for i, tok in enumerate(tokens):
        if tok.type == "thead_open":
            tables.append(Table(tok.map[0] + 1 if tok.map else 0, [], []))
            continue
        if tok.type == "tr_open" and tables and tok.map:
            tables[-1].rows.append((tok.map[0] + 1, []))
            continue
        if tok.type in ("th_open", "td_open") and tables:
            cell = tokens[i + 1].content.replace("\\|", "|").strip()
            (tables[-1].header if tok.type == "th_open" else tables[-1].rows[-1][1]).append(cell)
            continue
        if tok.type == "footnote_reference_open" and tok.map:
            start, end = tok.map
            body = [lines[start].split("]:", 1)[1].strip()] + [ln.strip() for ln in lines[start + 1 : end]]
            footnotes[tok.meta["label"]] = Footnote(tok.meta["label"], start + 1, end, " ".join(x for x in body if x))
            continue
        if tok.type == "admonition_open":
            start, end = tok.map
            markup = tok.markup
            title = tok.meta.get("title") if isinstance(tok.meta, dict) else None
            m = re.match(r'^\s*(?:!!!|\?\?\?\+?)\s*([\w-]+)(?:\s+"(.*)")?\s*$', lines[start])
            kind = m.group(1) if m else tok.info.split()[0]
            title = m.group(2) if m and m.group(2) is not None else (title or kind)
            base = len(lines[start]) - len(lines[start].lstrip())
            body = [ln[base + 4 :] if ln.strip() else "" for ln in lines[start + 1 : end]]
            box = Admonition(kind, title, markup.startswith("?"), start + 1, end, "\n".join(body).strip("\n"),
                             stack[-1] if stack else None)
            allowed = ADMONITION_TITLES.get(kind)
            if allowed is None or not re.fullmatch(allowed, title) or (KERAS_LIKE.fullmatch(title) and (kind, title) != ("info", "Keras 3")):
                problems.append(f"{start + 1}: 상자 {kind} \"{title}\"는 쓸 수 없습니다 — 종류별 제목: "
                                + "; ".join(f"{k} \"{v}\"" for k, v in ADMONITION_TITLES.items())
                                + " (케라스 3의 차이는 정확히 !!! info \"Keras 3\")")
            admonitions.append(box)
            stack.append(box)
            continue
        if tok.type == "admonition_close":
            stack.pop()
            continue
        if tok.type == "heading_open":
            inline = tokens[i + 1]
            m = HEADING_ID.match(inline.content)
            text_, anchor = (m.group(1), m.group(2)) if m else (inline.content, None)
            headings.append(Heading(int(tok.tag[1]), text_.strip(), anchor, tok.map[0] + 1))
            continue
        if tok.type == "inline" and tok.map:
            links.extend(_inline_links(tok, tok.map[0] + 1))
            continue
        if tok.type == "html_block":
            for n, raw in enumerate(tok.content.splitlines(), tok.map[0] + 1):
                if re.match(r"^\s*(`{3,}|~{3,})", raw):
                    problems.append(f"{n}: HTML 블록(<div markdown> 등) 안의 펜스는 사이트에는 보이지만 실행되지 않습니다 — "
                                    "HTML 블록 밖으로 옮기세요")
            for n, raw in enumerate(tok.content.splitlines(), tok.map[0] + 1):
                s = raw.strip()
                m = CODEBLOCKS_COMMENT.match(s)
                if m:
                    keyword, args = m.group(1), m.group(2).strip()
                    if keyword not in KNOWN_KEYWORDS:
                        problems.append(f"{n}: 알 수 없는 pytest-codeblocks 주석 {s!r} (cont, expected-output만 씁니다)")
                    elif keyword == "cont":
                        if args:
                            problems.append(f"{n}: cont 주석에는 덧붙일 것이 없습니다: {args!r}")
                        if last_block is None:
                            problems.append(f"{n}: cont 앞에 코드 블록이 없습니다")
                        pending_cont = n
                    else:
                        if last_block is None:
                            problems.append(f"{n}: 기대 출력 앞에 코드 블록이 없습니다")
                        elif last_block.output is not None:
                            problems.append(f"{n}: 블록(줄 {last_block.line})에 기대 출력이 이미 있습니다")
                        pending_output = (n, _tolerance(args, n, problems))
                    continue
                m = MARK_COMMENT.match(s)
                if m:
                    mark = Mark(m.group(1), (m.group(2) or "")[1:-1], n)
                    if mark.name not in ALLOWED_MARKS:
                        problems.append(
                            f"{n}: 표시 pytest.mark.{mark.name}는 쓸 수 없습니다. 페이지에서는 "
                            + ", ".join(f"pytest.mark.{a}(reason=\"…\")" for a in sorted(ALLOWED_MARKS))
                            + "만 씁니다 (예제는 실행되거나, 이유를 출력하며 건너뜁니다)"
                        )
                    elif not mark.reason:
                        problems.append(f"{n}: {s} — reason=\"…\"이 필요합니다")
                    pending_marks.append(mark)
                elif s.startswith("<!--") and re.search(r"pytest[-.]", s):
                    problems.append(f"{n}: 읽을 수 없는 표시 주석 {s!r}")
            continue
        if tok.type in ("fence", "code_block"):
            start, end = tok.map
            code_lines.update(range(start + 1, end + 1))
            if tok.type == "code_block":
                if re.search(r"^\s*```", tok.content, re.M):
                    problems.append(f"{start + 1}: 들여 쓴 코드 안에 펜스가 있습니다 — 상자 제목 줄 다음에 빈 줄을 두었는지 보세요")
                continue
            raw = lines[start]
            indent = len(raw) - len(raw.lstrip())
            ticks = re.match(r"^\s*(`{3,}|~{3,})", raw).group(1)
            info = tok.info.strip()
            fences.append(Fence(start + 1, info, indent, ticks))
            end_line = _fence_end(lines, start, ticks) + 1
            if pending_output is not None:
                comment, tolerance = pending_output
                pending_output = None
                if last_block is not None and last_block.output is None:
                    last_block.output = Output(comment, start + 1, end_line, tok.content, tolerance)
                    if tolerance is not None and not NUMBER.search(tok.content):
                        problems.append(f"{comment}: 허용 오차가 있지만 기대 출력에 숫자가 없습니다")
                if info:
                    problems.append(f"{start + 1}: 기대 출력 펜스에는 언어를 적지 않습니다 (```{info})")
                continue
            if PYTHONISH.match(info) and (info != "python" or ticks != "```"):
                problems.append(f"{start + 1}: 실행되지 않는 파이썬 펜스 {raw.strip()!r} — ```python 만 씁니다")
            if SHELL.match(info):
                problems.append(f"{start + 1}: ```{info} 블록은 셸 명령으로 실행됩니다 — 명령 예시는 ```console 로")
            if info != "python" and re.search(r"^\s*(>>>|In \[\d*\]:)\s", tok.content, re.M):
                problems.append(f"{start + 1}: ```{info} 블록 안의 파이썬 대화 기록(>>>)은 실행되지 않으므로 결과를 믿을 수 "
                                "없습니다 — ```python 블록과 그 아래 기대 출력으로 쓰세요")
            if not info:
                problems.append(f"{start + 1}: 언어가 없는 펜스 — 실행할 코드는 ```python, 보여 주기만 하는 것은 ```text나 ```console"
                                " (언어 없는 펜스는 기대 출력에만 씁니다)")
            if info != "python" or ticks != "```":
                if pending_marks or pending_cont:
                    problems.append(f"{start + 1}: 표시나 cont 주석 다음에 ```python 블록이 아닌 펜스가 있습니다")
                pending_marks, pending_cont = [], None
                continue
            block = Block(start + 1, end_line, indent, tok.content, cont=pending_cont is not None,
                          marks=pending_marks, admonition=stack[-1] if stack else None)
            if block.cont and pending_marks:
                problems.append(f"{pending_marks[0].line}: cont 블록 앞의 표시는 체인 전체에 붙지 않습니다. 체인의 첫 블록 앞에 두세요")
            if block.cont and chains:
                chains[-1].blocks.append(block)
            else:
                chains.append(Chain([block]))
            blocks.append(block)
            last_block = block
            pending_marks, pending_cont = [], None
            continue
    for mark in pending_marks:
        problems.append(f"{mark.line}: 표시 다음에 코드 블록이 없습니다")
    if pending_output is not None:
        problems.append(f"{pending_output[0]}: 기대 출력 주석 다음에 펜스가 없습니다")

    prose = []
    for n, raw in enumerate(lines, 1):
        if n in code_lines or raw.strip().startswith("<!--"):
            continue
        prose.append((n, re.sub(r"`[^`]*`", "", raw)))
        if re.search(r"\[\^[\w-]+\]\(", prose[-1][1]):
            problems.append(f"{n}: 각주 표시 바로 뒤에 '('가 오면 링크로 읽힙니다 — 괄호를 각주 앞으로 옮기세요")
    for table in tables:
        table.rows = [row for row in table.rows if row[1]]  # 머리글 줄(th)은 rows에서 뺍니다
    return Page(path, text, blocks, chains, admonitions, headings, links, fences, problems, prose, footnotes, tables)


@functools.lru_cache(maxsize=None)
def _load_cached(path: Path, mtime_ns: int, size: int) -> Page:
    return parse_text(path.read_text(encoding="utf-8"), path)


def load(path: Path) -> Page:
    """페이지를 읽습니다. 같은 파일은 바뀌지 않은 한 한 번만 파싱합니다."""
    path = Path(path).resolve()
    stat = path.stat()
    return _load_cached(path, stat.st_mtime_ns, stat.st_size)
