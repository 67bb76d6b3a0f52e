"""MkDocs 훅: 빌드할 때 만들어지는 것들 (손으로 쓰지 않는 것들).

- 모든 페이지의 본문에서 용어집 용어(조사가 붙은 것 포함)에 툴팁을 붙입니다 (tools/glossary.py).
- 검색 색인의 토큰 구분자를 조사 목록(tools/korean.py)으로 만듭니다 (툴팁과 같은 목록).
- 절 페이지의 검색 항목마다 용어의 띄어쓰기 없는 꼴과 용어집의 다른 표기를 색인에만 보이는 필드(keywords)에
  더합니다 ("특성맵", "피처 맵"으로도 찾도록, glossary.search_aliases). 페이지 본문에는 아무것도 더하지 않습니다.
- site_url과 "코랩에서 열기" 링크를 저장소(project.github_repo: GITHUB_REPOSITORY 또는 mkdocs.yml의
  extra.github_repo)에서 만듭니다. 저장소가 정해지지 않은 빌드에는 코랩 링크를 싣지 않습니다 (깨진 링크 대신).
- 실습 페이지 맨 위(제목 아래)와 끝에 그 절의 노트북 링크(사이트에서 보기, 내려받기, 코랩에서 열기)를 붙입니다.
- 노트북 페이지 위에 내려받기·Colab 링크를 붙이고, 노트북 페이지를 검색 색인에서 뺍니다.
- 글 속 버전 자리표시(`{{ keras_version }}`, `{{ tensorflow_minimum }}` …)를 requirements.txt의 고정 버전과
  project.MINIMUM_VERSIONS로 바꿉니다 (케라스를 올리면 고칠 파일은 requirements.txt 하나).
- "Keras 3와 책의 차이" 페이지에 모든 절의 `!!! info "Keras 3"` 상자를 모아 넣습니다 (keras3_differences.py).
- mkdocs-jupyter가 제목 id를 ASCII로만 만들어 한국어 제목의 id가 비는 문제를 고칩니다 (아래 on_startup).
- mkdocs-jupyter가 노트북 페이지마다 넣는 ~600 KB의 CSS를 공유 파일 하나로 빼내고, 셀 출력 그림(base64로 HTML에
  박힌 PNG)을 절 페이지와 같은 그림 파일로 바꿉니다. 대체 텍스트도 절 페이지의 것을 씁니다 (아래 on_post_page).
- 인쇄용 14장 전체 페이지(print-site 플러그인의 print_page/)의 접힌 상자를 모두 펼칩니다 (아래 on_post_build).
- 무게: 본문 그림은 loading="lazy", 검색 색인은 이스케이프 없는 UTF-8 (tests/test_weights.py의 gzip 예산).
- 접근성: Material의 검색 대화상자에 이름(aria-label)을 답니다 (아래 on_post_page). 스크롤되는 표·수식의 키보드
  초점은 페이지를 연 뒤에 생기는 요소라서 docs/assets/javascripts/a11y.js가 답니다.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from html import escape as html_escape
from pathlib import Path

# MkDocs는 훅을 불러오는 동안 훅 파일의 폴더(tools/)를 sys.path에 넣어 주므로 같은 폴더의 모듈을 그냥 불러옵니다.
import glossary
import jupyter_css
import keras3_differences
import korean
import notebooks
import page as page_model
import project
from project import CHAPTER, PRINT_PAGE

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

    # mkdocs-jupyter의 캐시 열쇠(노트북 바이트 + 설정)에 위 제목 id 규칙과 변환기 버전을 더합니다: 규칙이나 nbconvert가
    # 바뀌면 예전 규칙으로 만든 HTML을 쓰지 않도록. 노트북이 바뀌면 열쇠가 바뀌어 다시 변환합니다.
    if not hasattr(mkdocs_jupyter.plugin, "_compute_cache_key"):
        raise RuntimeError("hooks.py: mkdocs_jupyter.plugin._compute_cache_key가 없습니다 — 캐시 열쇠 패치를 새 버전에 맞게 고치세요")
    original_key = getattr(mkdocs_jupyter.plugin._compute_cache_key, "__wrapped__", mkdocs_jupyter.plugin._compute_cache_key)
    salt = heading_rule_salt()

    @functools.wraps(original_key)
    def cache_key(nb_path, config, exec_nb):
        return hashlib.sha256((original_key(nb_path, config, exec_nb) + salt).encode()).hexdigest()

    mkdocs_jupyter.plugin._compute_cache_key = cache_key


def heading_rule_salt() -> str:
    """노트북 HTML을 바꾸는 것들: 제목 id 규칙(이 파일의 on_startup), 변환기와 Markdown 버전."""
    import importlib.metadata
    import inspect

    parts = [inspect.getsource(on_startup)]
    parts += [f"{name}=={importlib.metadata.version(name)}" for name in ("mkdocs-jupyter", "nbconvert", "markdown", "pygments")]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


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
    markdown = project.fill_versions(markdown)  # {{ keras_version }} 같은 자리표시 → requirements.txt의 버전
    if src.suffix == ".md" and src.parent == CHAPTER and notebooks.notebook_path(src).exists():
        name = notebooks.notebook_path(src).name
        links = _links_html(name, f"../../notebooks/{src.stem}/", f"../../notebooks/{src.stem}/{name}")
        # 맨 위: 제목(H1) 바로 아래 (H1의 줄은 페이지 모델이 찾습니다)
        lines = markdown.split("\n")
        h1_line = page_model.parse_text(markdown, src).h1_line
        h1 = h1_line - 1 if h1_line else None
        if h1 is not None:
            lines[h1 + 1:h1 + 1] = ["", links.replace('class="notebook-links"', 'class="notebook-links notebook-links--top"'), ""]
            markdown = "\n".join(lines)
        markdown += (
            "\n\n## 이 절의 노트북 { #notebook }\n\n"
            "이 페이지의 코드 블록을 순서대로 담아 실행해 둔 노트북입니다.\n\n" + links + "\n"
        )
    return markdown


def lazy_images(html: str) -> str:
    """본문 그림에 loading="lazy": 첫 화면에서 먼 그림은 독자가 스크롤해 다가갈 때 받습니다 (첫 방문의 무게)."""
    return re.sub(r"<img\b(?![^>]*\sloading=)", '<img loading="lazy"', html)


def on_page_content(html, page, config, files):
    html = lazy_images(html)
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


# ---------------------------------------------------------------- 노트북 CSS를 공유 파일로

# mkdocs-jupyter(nbconvert)가 노트북 페이지 본문에 그대로 넣는 <style> 블록들. 모든 노트북 페이지에서 같습니다.
_STYLE = re.compile(r"<style[^>]*>.*?</style>\s*", re.S)
JUPYTER_CSS = "assets/stylesheets/jupyter.css"  # 사이트 안의 경로: 노트북 페이지가 함께 쓰는 CSS
_notebook_css: dict[str, str | set] = {}  # 빌드 하나 동안 모으는 것: "css"(원래 CSS), "classes"(쓰인 클래스)


def _is_notebook(page) -> bool:
    return page.file.src_uri.startswith("notebooks/") and page.file.src_uri.endswith(".ipynb")


def _up(page_url: str) -> str:
    """페이지 주소에서 사이트 뿌리로 가는 상대 경로 (예: notebooks/x/ → ../../)."""
    return "../" * (page_url.strip("/").count("/") + 1 if page_url.strip("/") else 0)


def share_notebook_css(output: str, page_url: str) -> str:
    """노트북 페이지의 <style> 블록을 모두 빼고 첫 블록 자리에 공유 CSS(JUPYTER_CSS)의 <link>를 둡니다 (적용 순서는
    그대로). 빠진 CSS와 페이지에 쓰인 클래스는 모아 두었다가 on_post_build에서 줄여 한 번 씁니다. 모든 노트북 페이지의
    CSS가 같아야 합니다 (다르면 빌드를 멈춥니다: 한 파일로 합칠 수 없으므로)."""
    blocks = _STYLE.findall(output)
    if not blocks:
        return output
    css = "\n".join(re.sub(r"^<style[^>]*>|</style>\s*$", "", b.strip()) for b in blocks)
    if _notebook_css.setdefault("css", css) != css:
        raise RuntimeError(f"hooks.py: {page_url}의 노트북 CSS가 다른 노트북 페이지와 다릅니다 — 공유 파일 하나로 합칠 수 없습니다")
    _notebook_css.setdefault("classes", set()).update(jupyter_css.html_classes(output))
    parts = iter([f'<link rel="stylesheet" href="{_up(page_url)}{JUPYTER_CSS}">\n'])
    return _STYLE.sub(lambda m: next(parts, ""), output)


def on_pre_build(config):
    _notebook_css.clear()




def open_folded_blocks(html: str) -> str:
    """인쇄용 페이지에서는 접힌 상자(??? → <details>)를 모두 펼칩니다: 종이에서는 펼칠 수 없으므로."""
    return re.sub(r"<details\b(?![^>]*\sopen\b)", "<details open", html)


def on_post_build(config):
    # print-site 플러그인의 on_post_build가 먼저 돌아 인쇄용 페이지를 써 둡니다 (훅은 플러그인들 뒤에 돕니다)
    printed = Path(config["site_dir"]) / PRINT_PAGE / "index.html"
    if printed.exists():
        printed.write_text(name_search_dialog(open_folded_blocks(printed.read_text(encoding="utf-8"))), encoding="utf-8")
    # 검색 색인을 \uXXXX 이스케이프 없이 UTF-8로 다시 씁니다 (내용은 같고, gzip한 크기가 ~10% 줄어듦)
    index = Path(config["site_dir"]) / "search" / "search_index.json"
    if index.exists():
        data = json.loads(index.read_text(encoding="utf-8"))
        index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    if "css" in _notebook_css:
        target = Path(config["site_dir"]) / JUPYTER_CSS
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(jupyter_css.prune(_notebook_css["css"], _notebook_css["classes"]), encoding="utf-8")


_DATA_IMG = re.compile(r'<img\b[^>]*?\ssrc="data:image/png;base64,([^"]+)"[^>]*>')
FIGURES_DIR = "assets/figures"  # docs/ 안의 그림 폴더 (사이트에서도 같은 경로)
NOTEBOOK_FIGURES_DIR = "assets/notebook-figures"  # 절 페이지에 없는 출력 그림 (파일 이름은 내용 해시)
UNKNOWN_FIGURE_ALT = "노트북 셀이 그린 그림 (설명은 이 절의 페이지에 있습니다)"


@functools.cache
def _figures_by_hash(docs_dir: str) -> dict[str, str]:
    return {hashlib.sha256(f.read_bytes()).hexdigest(): f.name for f in sorted((Path(docs_dir) / FIGURES_DIR).glob("*.png"))}


def unembed_notebook_images(output: str, docs_dir: str, site_dir: str, page_url: str) -> str:
    """노트북 페이지의 <img src="data:image/png;base64,…">를 파일 주소로 바꿉니다. 바이트가 같은 그림이
    docs/assets/figures에 있으면 그 파일을 가리키고(절 페이지와 캐시를 나눔) 대체 텍스트도 절 페이지의 것을 씁니다.
    없으면 내용 해시를 이름으로 한 파일을 씁니다. HTML이 가벼워지고(그림은 base64보다 작게) 한국어 대체 텍스트가 붙습니다."""
    import base64

    up = _up(page_url)
    by_hash, alts = _figures_by_hash(docs_dir), notebooks.figure_alts()

    def replace(m):
        data = base64.b64decode(m.group(1))
        digest = hashlib.sha256(data).hexdigest()
        name = by_hash.get(digest)
        if name:
            src, alt = f"{up}{FIGURES_DIR}/{name}", alts.get(name) or UNKNOWN_FIGURE_ALT
        else:
            target = Path(site_dir) / NOTEBOOK_FIGURES_DIR / f"{digest[:16]}.png"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            src, alt = f"{up}{NOTEBOOK_FIGURES_DIR}/{target.name}", UNKNOWN_FIGURE_ALT
        tag = m.group(0).replace(m.group(1), "", 1).replace('src="data:image/png;base64,"', f'src="{src}"')
        tag = re.sub(r'\salt="[^"]*"', "", tag)
        return tag.replace("<img", f'<img alt="{html_escape(alt)}" loading="lazy"', 1)

    return _DATA_IMG.sub(replace, output)


SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def name_search_dialog(output: str) -> str:
    """접근성: Material의 검색 대화상자에 이름이 없습니다 (axe aria-dialog-name)."""
    return output.replace(SEARCH_DIALOG, SEARCH_DIALOG.replace('role="dialog"', 'role="dialog" aria-label="검색"'))


def on_post_template(output_content, template_name, config):
    return name_search_dialog(output_content) if template_name == "404.html" else output_content


def on_post_page(output, page, config):
    output = name_search_dialog(output)
    if _is_notebook(page):
        output = share_notebook_css(output, page.url)
        output = unembed_notebook_images(output, config["docs_dir"], config["site_dir"], page.url)
    return output
