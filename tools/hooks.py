"""MkDocs 훅: 빌드할 때 만들어지는 것들 (손으로 쓰지 않는 것들).

- 모든 페이지의 본문에서 용어집 용어(조사가 붙은 것 포함)에 툴팁을 붙입니다 (tools/glossary.py).
- 검색 색인의 토큰 구분자를 조사 목록(tools/korean.py)으로 만듭니다 (툴팁과 같은 목록).
- 절 페이지의 검색 항목마다 용어의 띄어쓰기 없는 꼴과 용어집의 다른 표기를 색인에만 보이는 필드(keywords)에
  더합니다 ("특성맵", "피처 맵"으로도 찾도록, glossary.search_aliases). 페이지 본문에는 아무것도 더하지 않습니다.
- site_url과 "코랩에서 열기" 링크를 저장소(project.github_repo: GITHUB_REPOSITORY 또는 mkdocs.yml의
  extra.github_repo)에서 만듭니다. 저장소가 정해지지 않은 빌드에는 코랩 링크를 싣지 않습니다 (깨진 링크 대신).
- 실습 페이지 맨 위(제목 아래)와 끝에 그 절의 노트북 링크(사이트에서 보기, 내려받기, 코랩에서 열기)를 붙입니다.
- 노트북 페이지 위에 내려받기·Colab 링크를 붙이고, 노트북 페이지를 검색 색인에서 뺍니다.
- "Keras 3와 책의 차이" 페이지에 모든 절의 `!!! info "Keras 3"` 상자를 모아 넣습니다 (keras3_differences.py).
- mkdocs-jupyter가 제목 id를 ASCII로만 만들어 한국어 제목의 id가 비는 문제를 고칩니다 (아래 on_startup).
"""

from __future__ import annotations

from pathlib import Path

# MkDocs는 훅을 불러오는 동안 훅 파일의 폴더(tools/)를 sys.path에 넣어 주므로 같은 폴더의 모듈을 그냥 불러옵니다.
import glossary
import keras3_differences
import korean
import notebooks
import project
from project import CHAPTER

_TERMS: list = []
_REPO = ""  # 사이트를 만드는 저장소 "OWNER/NAME" (없으면 빈 문자열)


def on_startup(command, dirty):
    """mkdocs-jupyter의 제목 id 규칙을 유니코드 slugify로 바꿉니다.

    mkdocs-jupyter는 노트북 제목의 id와 목차를 ASCII 전용 slugify로 만들기 때문에 "14.2.1 필터"의 id가
    "1421"이 되고, 한글만 있는 제목은 id가 빈 문자열이 되어 목차 링크가 깨집니다. 두 곳(본문 제목 id,
    목차)에 같은 유니코드 slugify를 써서 한국어 제목에도 서로 맞는 id가 생기게 합니다.
    """
    import functools

    import mkdocs_jupyter.convert
    import mkdocs_jupyter.plugin
    from markdown.extensions.toc import TocExtension, slugify_unicode

    # 바꾸려는 내부 이름이 없으면(mkdocs-jupyter가 바뀌면) 조용히 아무 일도 안 하는 대신 빌드를 멈춥니다.
    for module, name in ((mkdocs_jupyter.convert, "slugify"), (mkdocs_jupyter.plugin, "TocExtension")):
        if not hasattr(module, name):
            raise RuntimeError(f"hooks.py: {module.__name__}.{name}이 없습니다 — 제목 id 패치를 새 버전에 맞게 고치세요")
    mkdocs_jupyter.convert.slugify = lambda value: slugify_unicode(value, "-")
    mkdocs_jupyter.plugin.TocExtension = functools.partial(TocExtension, slugify=slugify_unicode)


def _search_plugin(config):
    return config.plugins.get("material/search") or config.plugins.get("search")


def on_config(config):
    global _TERMS, _REPO
    _TERMS = glossary.load()
    _REPO = project.github_repo(config)
    if _REPO:
        config["site_url"] = project.pages_url(_REPO)
    search = _search_plugin(config)
    if search is not None:
        # search 플러그인은 자기 on_config에서 설정을 SearchIndex에 복사해 두므로 두 곳 모두 바꿉니다
        for conf in (search.config, getattr(getattr(search, "search_index", None), "config", None)):
            if conf is not None:
                conf["separator"] = korean.search_separator()
                conf["fields"] = {**conf.get("fields", {}), glossary.SEARCH_FIELD: {"boost": 1}}
    return config


def _links_html(name: str, site_page: str | None, download: str) -> str:
    parts = []
    if site_page:
        parts.append(f'<a href="{site_page}">📓 노트북으로 보기</a>')
    parts.append(f'<a href="{download}" download>⬇ 노트북 내려받기 (.ipynb)</a>')
    if _REPO:  # 저장소가 없으면 코랩이 열 파일도 없습니다
        parts.append(f'<a href="{project.colab_url(_REPO, name)}">코랩에서 열기</a>')
    return '<p class="notebook-links">' + " ".join(parts) + "</p>"


def on_page_markdown(markdown, page, config, files):
    src = Path(page.file.abs_src_path)
    if keras3_differences.MARKER in markdown:
        found = keras3_differences.collect(sorted(CHAPTER.glob("*.md")))
        markdown = markdown.replace(keras3_differences.MARKER, keras3_differences.render(found, src.parent))
    if src.suffix == ".md" and src.parent == CHAPTER and notebooks.notebook_path(src).exists():
        name = notebooks.notebook_path(src).name
        links = _links_html(name, f"../../notebooks/{src.stem}/", f"../../notebooks/{src.stem}/{name}")
        # 맨 위: 제목(H1) 바로 아래
        lines = markdown.split("\n")
        h1 = next((i for i, line in enumerate(lines) if line.startswith("# ")), None)
        if h1 is not None:
            lines[h1 + 1:h1 + 1] = ["", links.replace('class="notebook-links"', 'class="notebook-links notebook-links--top"'), ""]
            markdown = "\n".join(lines)
        markdown += (
            "\n\n## 이 절의 노트북 { #notebook }\n\n"
            "이 페이지의 코드 블록을 순서대로 담아 실행해 둔 노트북입니다.\n\n" + links + "\n"
        )
    return markdown


def on_page_content(html, page, config, files):
    if page.file.src_uri.endswith(".md") and page.file.src_uri != "glossary.md":
        html = glossary.add_tooltips(html, _TERMS)
    if page.file.src_uri.startswith("notebooks/") and page.file.src_uri.endswith(".ipynb"):
        name = Path(page.file.src_uri).name
        html = _links_html(name, None, name) + html
        # 노트북은 절 페이지와 내용이 같으므로 검색 색인에서 빼서, 검색 결과가 절 페이지를 가리키게 합니다.
        page.meta["search"] = {"exclude": True}
    return html


def on_page_context(context, page, config, nav):
    """search 플러그인이 이 페이지의 항목을 색인에 넣은 뒤(플러그인이 훅보다 먼저 불립니다), 절 페이지의 항목마다
    띄어쓰기 없는 꼴과 다른 표기를 keywords 필드에 넣습니다. 검색 결과 화면은 title과 text만 그리므로 보이지 않습니다."""
    search = _search_plugin(config)
    src = Path(page.file.abs_src_path)
    if search is None or src.parent != CHAPTER or getattr(search, "search_index", None) is None:
        return context
    section = glossary.section_of(src.stem)
    for entry in search.search_index.entries:
        if entry["location"].split("#")[0] == page.url:
            aliases = glossary.search_aliases(entry.get("text", ""), _TERMS, section)
            if aliases:
                entry[glossary.SEARCH_FIELD] = " ".join(aliases)
    return context
