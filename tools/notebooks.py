"""페이지(Markdown) → 노트북 변환 규칙. 페이지는 tools/page.py의 페이지 모델로 읽습니다.

make_notebooks.py(생성·실행), hooks.py(사이트의 노트북 링크), tests/test_notebooks.py(드리프트·출력 일치 검사)가
모두 이 모듈을 씁니다. 규칙:

- 페이지의 ```python 블록 하나가 코드 셀 하나가 됩니다. 접힌 상자(`??? example "추가 코드: …"`, `??? success
  "풀이"`) 안의 블록도 코드 셀이 되며, "extra-code" 태그와 JupyterLab에서 접히는 메타데이터가 붙습니다.
- pytest-codeblocks 주석과 기대 출력 펜스는 노트북에서 뺍니다 (노트북은 실제 출력을 보여 주고, 그 출력이 페이지의
  기대 출력과 같은지는 tests/test_notebooks.py가 확인합니다).
- download 표시가 붙은 체인의 셀에는 "skip-execution" 태그를 달아 실행하지 않습니다.
- 그림 참조 `![...](../assets/figures/X.png)`는 노트북에서 빼고 셀 메타데이터 "figures"에 적어 둡니다.
  make_notebooks.py가 바로 앞 코드 셀들이 그린 그림을 그 경로에 저장합니다.
- 제목의 `{ #id }`, 애드모니션(!!!, ???), 캡션 블록(///), 사이트 내부 링크는 Jupyter에서 읽히는 모양으로 바꿉니다.
- 사이트 내부 링크는 정식 사이트(mkdocs.yml의 extra.github_repo → https://OWNER.github.io/NAME/)의 절대 주소가
  됩니다. 노트북은 저장소에 커밋되는 생성물이므로 GITHUB_REPOSITORY(빌드하는 저장소)는 보지 않습니다: 포크가
  빌드해도 노트북은 다시 만들지 않고, 노트북의 링크는 정식 사이트(내용이 같은 곳)를 가리킵니다. 정식 저장소가
  정해지지 않았으면(빈 문자열) 사이트의 노트북 페이지(notebooks/<이름>/)에서 본 상대 링크가 됩니다: 어느 주소에
  공개한 사이트에서도 맞지만, 내려받거나 코랩에서 연 노트북에서는 열리지 않습니다. 정식 저장소를 정하면
  `python tools/make_notebooks.py`로 글만 다시 씁니다 (코드가 같으면 실행하지 않음).
- 각주: Jupyter와 코랩의 Markdown에는 각주가 없으므로, 참조 `[^a]`는 위 첨자 번호 링크가 되고 정의는 맨 끝의
  "참고 문헌" 셀에 번호 목록으로 모입니다 (번호는 페이지의 정의 순서).
- 첫 코드 셀은 버전 확인입니다: 텐서플로·케라스가 project.MINIMUM_VERSIONS보다 낮으면 무엇을 할지 출력합니다
  (코랩의 오래된 런타임 등). 페이지에는 없는 셀입니다.
- 글 속 버전 자리표시(`{{ keras_version }}` …)는 requirements.txt의 버전으로 바꿉니다 (project.fill_versions).
- 셀 id는 셀 내용에서 만듭니다 (다시 만들어도 diff가 생기지 않도록).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import nbformat

import page as page_model
import project
from project import CHAPTER, DOCS, EXAMPLES, ROOT

FIGURE_FILE = re.compile(r"^(?:\.\./)+assets/figures/([^/]+\.png)$")  # 그림 주소 → 파일 이름
EXTRA_CODE = "extra-code"
VERSION_CHECK = "version-check"  # 노트북 첫 코드 셀: 최소 버전 확인 (페이지에는 없는 셀)
SKIP = "skip-execution"


def notebook_path(page: Path) -> Path:
    """docs/ch14/14-02-x.md → examples/14-02-x.ipynb"""
    return EXAMPLES / (page.stem + ".ipynb")


def hands_on_pages() -> list[Path]:
    """코드 블록이 있는 페이지 = 노트북이 있어야 하는 페이지."""
    return sorted(p for p in CHAPTER.glob("*.md") if page_model.load(p).blocks)


def canonical_site_url() -> str:
    """노트북 속 링크의 기준: 정식 사이트 주소 (mkdocs.yml만 봄, 없으면 빈 문자열 → 상대 링크)."""
    return project.pages_url(project.github_repo(environ={}))


def site_url(config_site_url: str, page: Path, target: str, anchor: str | None) -> str:
    """페이지 안의 상대 .md 링크를 사이트 주소로 바꿉니다: config_site_url이 있으면 절대 주소 (노트북은 코랩에서도
    열리므로), 비어 있으면 사이트의 노트북 페이지(notebooks/<이름>/)에서 본 상대 주소."""
    rel = (page.parent / target).resolve().relative_to(DOCS.resolve())
    url = rel.with_suffix("").as_posix()
    if url.endswith("index"):
        url = url[: -len("index")]
    else:
        url += "/"
    base = config_site_url.rstrip("/") if config_site_url else "../.."
    return base + "/" + url + (anchor or "")


def _cell_id(kind: str, source: str, seen: dict[str, int]) -> str:
    base = hashlib.sha1(f"{kind}\n{source}".encode()).hexdigest()[:10]
    seen[base] = seen.get(base, 0) + 1
    return base if seen[base] == 1 else f"{base}-{seen[base]}"


def code_hash(nb: nbformat.NotebookNode) -> str:
    """실행 결과를 바꿀 수 있는 것(실행하는 코드 셀의 소스와 태그)의 해시. 같으면 다시 실행하지 않아도 됩니다.
    실행하지 않는 셀(download 체인)은 자리만 셉니다."""
    h = hashlib.sha256()
    for c in nb.cells:
        if c.cell_type == "code":
            tags = c.metadata.get("tags", [])
            source = "(실행하지 않음)" if SKIP in tags else c.source
            h.update(source.encode() + b"\0" + ",".join(tags).encode() + b"\1")
    return h.hexdigest()


def page_to_notebook(path: Path, base_url: str | None = None) -> nbformat.NotebookNode:
    """페이지를 (실행 전) 노트북으로 바꿉니다. 같은 페이지는 언제나 같은 노트북이 됩니다."""
    base_url = canonical_site_url() if base_url is None else base_url
    pg = page_model.load(path)
    lines = pg.lines
    rel = pg.path.relative_to(ROOT).as_posix()

    def relink(text: str) -> str:
        return page_model.rewrite_md_links(text, lambda target, anchor: site_url(base_url, pg.path, target, anchor))

    figure_at = {n: FIGURE_FILE.match(f.url).group(1) for n, f in pg.figure_lines().items() if FIGURE_FILE.match(f.url)}

    # 줄마다 무엇인가: 코드 블록 줄, 빼는 줄(주석, 기대 출력), 애드모니션 깊이
    block_at = {b.line: b for b in pg.blocks}
    dropped: set[int] = set()
    for b in pg.blocks:
        dropped.update(range(b.line, b.end_line + 1))
        if b.output:
            dropped.update(range(b.output.line, b.output.end_line + 1))
    for n, raw in enumerate(lines, 1):
        if page_model.CODEBLOCKS_COMMENT.match(raw.strip()) or page_model.MARK_COMMENT.match(raw.strip()):
            dropped.add(n)
    number = {label: k for k, label in enumerate(pg.footnotes, 1)}
    for note in pg.footnotes.values():
        dropped.update(range(note.line, note.end_line + 1))

    def footnote_refs(text: str) -> str:
        return page_model.FOOTNOTE_REF.sub(
            lambda m: (f'<sup><a href="#fn-{page_model.footnote_label(m)}">{number[page_model.footnote_label(m)]}</a></sup>'
                       if page_model.footnote_label(m) in number else m.group()), text)
    depth = [0] * (len(lines) + 2)
    title_at: dict[int, page_model.Admonition] = {}
    for box in pg.admonitions:
        title_at[box.line] = box
        for n in range(box.line + 1, box.end_line + 1):
            depth[n] += 1
    chain_of = {id(b): c for c in pg.chains for b in c.blocks}

    cells: list[nbformat.NotebookNode] = []
    buf: list[str] = []
    figures: list[str] = []

    def flush() -> None:
        while buf and buf[-1].strip(" >") == "":
            buf.pop()
        while buf and buf[0].strip(" >") == "":
            buf.pop(0)
        text = "\n".join(buf)
        if text.strip() or figures:
            cell = nbformat.v4.new_markdown_cell(text)
            if figures:
                cell.metadata["figures"] = list(figures)
            cells.append(cell)
        buf.clear()
        figures.clear()

    for n, raw in enumerate(lines, 1):
        if n in block_at:
            block = block_at[n]
            flush()
            cell = nbformat.v4.new_code_cell(block.code.rstrip("\n"))
            tags = []
            if chain_of[id(block)].mark("download"):
                tags.append(SKIP)
            if block.folded:
                tags.append(EXTRA_CODE)
                cell.metadata["jupyter"] = {"source_hidden": True}
            if tags:
                cell.metadata["tags"] = tags
            cells.append(cell)
            continue
        if n in dropped:
            continue
        d = depth[n]
        line = raw[4 * d:] if raw[: 4 * d].strip() == "" else raw.lstrip()
        quote = "> " * d
        if n in title_at:
            box = title_at[n]
            buf.append(quote.rstrip())
            buf.append(f"{quote}> **{box.title}**" if box.title else f"{quote}> **{box.kind}**")
            buf.append(f"{quote}>")
            continue
        m = page_model.HEADING_ID.match(line)
        if line.startswith("#") and m:
            buf.append(f'{quote}<a id="{m.group(2)}"></a>')
            buf.append(quote.rstrip())
            buf.append(quote + m.group(1))
            continue
        if n in figure_at:
            figures.append(figure_at[n])
            continue
        if line.strip() == "///" or line.strip().startswith("/// caption"):
            continue
        line = project.fill_versions(footnote_refs(line))
        buf.append((quote + relink(line)).rstrip() if line.strip() else quote.rstrip())
    flush()
    if pg.footnotes:
        buf.append("## 참고 문헌")
        buf.append("")
        buf.extend(f'{k}. <a id="fn-{note.label}"></a>{project.fill_versions(relink(footnote_refs(note.text)))}'
                   for k, note in enumerate(pg.footnotes.values(), 1))
        flush()

    header = (
        f"> 이 노트북은 [`{rel}`]({site_url(base_url, pg.path, pg.path.name, None)}) 페이지에서 "
        "`python tools/make_notebooks.py`로 생성·실행한 것입니다. 직접 고치지 말고 페이지를 고치세요. "
        "접힌 셀(추가 코드)은 그림 그리기처럼 본문을 돕는 코드입니다.\n>\n"
        "> 코랩에서 연다면 그림 속 한글 글꼴을 위해 먼저 새 셀에서 `%pip install koreanize-matplotlib`을 실행하세요. "
        "꽃 사진을 쓰는 절은 코랩에서 전체 데이터셋(3,670장)을 내려받으므로 출력의 숫자가 페이지(500장)와 다릅니다."
    )
    nb = nbformat.v4.new_notebook()
    check = nbformat.v4.new_code_cell(version_check_source())
    check.metadata["tags"] = [VERSION_CHECK]
    nb.cells = [nbformat.v4.new_markdown_cell(header), check, *cells]
    seen: dict[str, int] = {}
    for cell in nb.cells:
        cell.id = _cell_id(cell.cell_type, cell.source, seen)
    nb.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
        "source_page": rel,
    }
    nb.metadata["code_hash"] = code_hash(nb)
    return nb


def version_check_source() -> str:
    """노트북의 첫 코드 셀: 텐서플로·케라스가 project.MINIMUM_VERSIONS보다 낮으면 무엇을 할지 알려 줍니다."""
    tf_min, keras_min = project.MINIMUM_VERSIONS["tensorflow"], project.MINIMUM_VERSIONS["keras"]
    return f"""# 버전 확인: 이 노트북의 코드는 텐서플로 {tf_min} 이상, 케라스 {keras_min} 이상에서 그대로 돌아갑니다
import tensorflow as tf

found = {{"텐서플로": tf.__version__, "케라스": tf.keras.version()}}
minimum = {{"텐서플로": "{tf_min}", "케라스": "{keras_min}"}}
old = [name for name in minimum
       if tuple(int(x) for x in found[name].split(".")[:2]) < tuple(int(x) for x in minimum[name].split("."))]
if old:
    print("버전이 낮습니다:", ", ".join(f"{{name}} {{found[name]}} (필요: {{minimum[name]}} 이상)" for name in old))
    print("새 셀에서 `%pip install -U tensorflow keras`를 실행한 뒤 런타임(커널)을 다시 시작하세요.")
else:
    print("버전 확인:", ", ".join(f"{{name}} {{version}}" for name, version in found.items()))"""


def code_cells_with_blocks(nb: nbformat.NotebookNode, path: Path):
    """(코드 셀, 페이지의 블록) 짝. 셀과 블록은 순서가 같습니다 (버전 확인 셀은 페이지에 없으므로 뺍니다)."""
    cells = [c for c in nb.cells if c.cell_type == "code" and VERSION_CHECK not in c.metadata.get("tags", [])]
    return list(zip(cells, page_model.load(path).blocks))


def shown_output(cell: nbformat.NotebookNode) -> str:
    """노트북 셀이 독자에게 보여 주는 글자 출력 (표준 출력과 마지막 식의 값)."""
    parts = []
    for o in cell.get("outputs", []):
        if o.output_type == "stream" and o.name == "stdout":
            parts.append(o.text)
        elif o.output_type == "execute_result":
            parts.append(o.get("data", {}).get("text/plain", "") + "\n")
    return "".join(parts)


def cell_signature(nb: nbformat.NotebookNode) -> list[tuple[str, str, dict]]:
    """드리프트 비교용: 셀 종류, 소스, 변환이 정한 메타데이터만 봅니다 (실행 결과는 제외)."""
    sig = []
    for c in nb.cells:
        meta = {k: c.metadata[k] for k in ("tags", "figures") if k in c.metadata}
        sig.append((c.cell_type, c.source, meta))
    return sig


def figure_alts() -> dict[str, str]:
    """그림 파일 이름 → 절 페이지에서 그 그림에 단 대체 텍스트 (노트북 페이지의 같은 그림에도 같은 글을 답니다)."""
    alts: dict[str, str] = {}
    for path in sorted(CHAPTER.glob("*.md")):
        for figure in page_model.load(path).figures:
            m = FIGURE_FILE.match(figure.url)
            if m:
                alts.setdefault(m.group(1), figure.text)
    return alts


def figure_outputs(nb: nbformat.NotebookNode) -> dict[str, str]:
    """그림 경로 → 그 그림을 그린 코드 셀의 PNG(base64). 앞 코드 셀들이 그린 순서대로 짝짓습니다."""
    pending: list[str] = []
    result: dict[str, str] = {}
    for c in nb.cells:
        if c.cell_type == "code":
            for o in c.get("outputs", []):
                if "data" in o and "image/png" in o["data"]:
                    pending.append(o["data"]["image/png"])
        for name in c.metadata.get("figures", []):
            if not pending:
                raise ValueError(f"{nb.metadata.get('source_page')}: 그림 {name} 앞에 그림을 그린 코드 셀이 없습니다")
            result[name] = pending.pop(0)
    if pending:
        raise ValueError(f"{nb.metadata.get('source_page')}: 페이지에 싣지 않은 그림이 {len(pending)}개 있습니다")
    return result
