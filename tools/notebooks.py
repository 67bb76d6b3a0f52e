"""페이지(Markdown) → 노트북 변환 규칙. 한 곳에만 둡니다.

make_notebooks.py(생성·실행), hooks.py(사이트의 노트북 링크), tests/test_notebooks.py(드리프트 검사)가
모두 이 모듈을 씁니다. 규칙:

- 맨 왼쪽에서 시작하는 ```python 펜스 하나가 코드 셀 하나가 됩니다 (페이지의 코드 블록 = 노트북의 코드 셀).
- pytest-codeblocks 주석과 그 뒤의 기대 출력 펜스는 노트북에서 뺍니다 (노트북은 실제 출력을 보여 줍니다).
- `<!--pytest.mark.download(...)-->`가 붙은 체인(이어지는 cont 블록 포함)은 "skip-execution" 태그를 달아
  실행하지 않습니다.
- 그림 참조 `![...](../assets/figures/X.png)`는 노트북에서 빼고 셀 메타데이터 "figures"에 적어 둡니다.
  make_notebooks.py가 바로 앞 코드 셀들이 그린 그림을 그 경로에 저장합니다.
- 제목의 `{ #id }`, 애드모니션(!!!), 캡션 블록(///), 사이트 내부 링크는 Jupyter에서 읽히는 모양으로 바꿉니다.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = DOCS / "ch14"
EXAMPLES = ROOT / "examples"
FIGURES = DOCS / "assets" / "figures"

FENCE_PY = "```python"
DOWNLOAD_MARK = re.compile(r"^<!--\s*pytest\.mark\.download\b.*-->\s*$")
CODEBLOCKS_COMMENT = re.compile(r"^<!--[-\s]*(pytest-codeblocks:|pytest\.mark\.).*-->\s*$")
EXPECTED_OUTPUT = re.compile(r"^<!--[-\s]*pytest-codeblocks:expected-output")
CONT = re.compile(r"^<!--[-\s]*pytest-codeblocks:cont")
FIGURE_REF = re.compile(r"^!\[[^\]]*\]\((?:\.\./)+assets/figures/([^)\s]+\.png)\)")
HEADING_ID = re.compile(r"^(#{1,6} .*?)\s*\{\s*#([\w-]+)\s*\}\s*$")
ADMONITION = re.compile(r'^(?:!!!|\?\?\?\+?)\s*\w+(?:\s+"([^"]*)")?\s*$')
MD_LINK = re.compile(r"\]\((?!https?://|#)([^)\s]+?\.md)(#[\w-]+)?\)")


def mkdocs_config() -> dict:
    """mkdocs.yml에서 site_url, repo_url 같은 값을 읽습니다 (사이트·노트북·테스트가 같은 값을 쓰도록)."""
    import yaml

    return yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


def notebook_path(page: Path) -> Path:
    """docs/ch14/14-02-x.md → examples/14-02-x.ipynb"""
    return EXAMPLES / (page.stem + ".ipynb")


def has_code(page: Path) -> bool:
    return any(line.rstrip() == FENCE_PY for line in page.read_text(encoding="utf-8").splitlines())


def hands_on_pages() -> list[Path]:
    """코드 블록이 있는 페이지 = 노트북이 있어야 하는 페이지."""
    return sorted(p for p in PAGES.glob("*.md") if has_code(p))


def site_url(config_site_url: str, page: Path, target: str, anchor: str | None) -> str:
    """페이지 안의 상대 .md 링크를 사이트의 절대 주소로 바꿉니다 (노트북은 Colab에서도 열리므로)."""
    rel = (page.parent / target).resolve().relative_to(DOCS.resolve())
    url = rel.with_suffix("").as_posix()
    if url.endswith("index"):
        url = url[: -len("index")]
    else:
        url += "/"
    return config_site_url.rstrip("/") + "/" + url + (anchor or "")


def _markdown_for_notebook(lines: list[str], page: Path, base_url: str) -> tuple[str, list[str]]:
    out: list[str] = []
    figures: list[str] = []
    in_admonition = False
    def relink(text: str) -> str:
        return MD_LINK.sub(lambda k: "](" + site_url(base_url, page, k.group(1), k.group(2)) + ")", text)

    for line in lines:
        if in_admonition:
            if line.startswith("    ") or not line.strip():
                out.append("> " + relink(line[4:]) if line.strip() else ">")
                continue
            in_admonition = False
        m = FIGURE_REF.match(line)
        if m:
            figures.append(m.group(1))
            continue
        if line.strip() == "///" or line.strip().startswith("/// caption"):
            continue
        m = HEADING_ID.match(line)
        if m:
            out.append(f'<a id="{m.group(2)}"></a>')
            out.append("")
            out.append(m.group(1))
            continue
        m = ADMONITION.match(line)
        if m:
            out.append(f"> **{m.group(1) or '참고'}**")
            in_admonition = True
            continue
        out.append(relink(line))
    while out and out[-1] in ("", ">"):
        out.pop()
    while out and not out[0].strip():
        out.pop(0)
    return "\n".join(out), figures


def page_to_notebook(page: Path, base_url: str) -> nbformat.NotebookNode:
    """페이지를 (실행 전) 노트북으로 바꿉니다. 같은 페이지는 언제나 같은 노트북이 됩니다."""
    lines = page.read_text(encoding="utf-8").splitlines()
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
        "source_page": page.relative_to(ROOT).as_posix(),
    }
    rel = page.relative_to(ROOT).as_posix()
    header = (
        f"> 이 노트북은 [`{rel}`]({site_url(base_url, page, page.name, None)}) 페이지에서 "
        "`python tools/make_notebooks.py`로 생성·실행한 것입니다. 직접 고치지 말고 페이지를 고치세요."
    )
    cells = [nbformat.v4.new_markdown_cell(header)]
    buf: list[str] = []
    skip_next = False  # 다음 코드 블록에 download 표시가 붙었는가
    cont_next = False  # 다음 코드 블록이 앞 체인에 이어지는가
    chain_skipped = False  # 지금 체인이 download 체인인가 (이어지는 블록도 모두 실행하지 않음)
    drop_next_fence = False
    i = 0

    def flush() -> None:
        text, figures = _markdown_for_notebook(buf, page, base_url)
        if text.strip() or figures:
            cell = nbformat.v4.new_markdown_cell(text)
            if figures:
                cell.metadata["figures"] = figures
            cells.append(cell)
        buf.clear()

    while i < len(lines):
        line = lines[i]
        if DOWNLOAD_MARK.match(line.strip()):
            skip_next = True
        if EXPECTED_OUTPUT.match(line.strip()):
            drop_next_fence = True
        if CONT.match(line.strip()):
            cont_next = True
        if CODEBLOCKS_COMMENT.match(line.strip()):
            i += 1
            continue
        if line.startswith("```"):
            end = i + 1
            while not lines[end].startswith("```"):
                end += 1
            body = "\n".join(lines[i + 1 : end])
            if drop_next_fence:
                drop_next_fence = False
            elif line.rstrip() == FENCE_PY:
                flush()
                cell = nbformat.v4.new_code_cell(body)
                chain_skipped = chain_skipped if cont_next else skip_next
                if chain_skipped:
                    cell.metadata["tags"] = ["skip-execution"]
                cells.append(cell)
            else:
                buf.extend(lines[i : end + 1])
            skip_next = False
            cont_next = False
            i = end + 1
            continue
        buf.append(line)
        i += 1
    flush()
    nb.cells = cells
    return nb


def cell_signature(nb: nbformat.NotebookNode) -> list[tuple[str, str, dict]]:
    """드리프트 비교용: 셀 종류, 소스, 변환이 정한 메타데이터만 봅니다 (실행 결과는 제외)."""
    sig = []
    for c in nb.cells:
        meta = {k: c.metadata[k] for k in ("tags", "figures") if k in c.metadata}
        sig.append((c.cell_type, c.source, meta))
    return sig


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
