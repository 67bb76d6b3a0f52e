"""사이트를 검사하는 함수들. tests/test_site.py가 실제 사이트에, tests/test_harness.py가 일부러 망가뜨린
작은 사이트에 같은 함수를 씁니다. 문제는 "파일:줄: 내용" 형식의 문자열 목록으로 돌려줍니다.
"""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import page as page_model

# ---------------------------------------------------------------- 빌드


def build_site(config_file: Path, site_dir: Path, github_repository: str | None = None,
               print_site: bool = True) -> subprocess.CompletedProcess:
    """`mkdocs build --strict`를 실행합니다. 실패 여부와 출력은 호출한 쪽이 판단합니다.

    검사의 빌드는 환경의 GITHUB_REPOSITORY를 물려받지 않습니다 (GitHub Actions에서도 로컬과 같은 사이트를 검사하도록).
    인쇄용 페이지(print-site)는 공개용 빌드처럼 만듭니다 (PRINT_SITE=true, print_site=False이면 빼고).
    github_repository를 주면 Actions처럼 그 저장소("OWNER/NAME")의 사이트로 빌드합니다.
    print_site=False: 인쇄용 페이지 없이 (그 페이지를 보지 않는 검사의 빌드를 몇 초 줄임)."""
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_REPOSITORY"}
    if github_repository:
        env["GITHUB_REPOSITORY"] = github_repository
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(site_dir)],
        capture_output=True,
        text=True,
        env={**env, "NO_MKDOCS_2_WARNING": "1", "PRINT_SITE": "true" if print_site else "false"},  # 공개용 빌드처럼 인쇄용 페이지까지
        cwd=Path(config_file).parent,  # mkdocs-jupyter의 캐시(.cache/)가 그 사이트 폴더에 생기도록
    )


FORK = "some-owner/some-fork"  # 포크 빌드 검사의 저장소 (tests/conftest.py의 fork_site)


def local_site_url() -> str:
    """GITHUB_REPOSITORY 없이 빌드한 사이트(tests/conftest.py의 built_site)의 site_url. 저장소가 없으면 빈 문자열."""
    import project

    return project.pages_url(project.github_repo(environ={}))


def base_path(site_url: str) -> str:
    """site_url의 경로 부분 (예: /cnn-ch14-study/). 빈 site_url이면 "/"."""
    return urlsplit(site_url).path or "/"


# ---------------------------------------------------------------- 외부 요청

# 페이지를 열 때 브라우저가 가져오는 것들 (a href는 사용자가 누를 때만 가므로 제외)
_FETCHING_ATTRS = {
    "script": ["src"],
    "link": ["href"],
    "img": ["src", "srcset"],
    "iframe": ["src"],
    "source": ["src", "srcset"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "track": ["src"],
}
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")


def _is_external(url: str) -> bool:
    url = url.strip()
    return url.startswith("//") or bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", url))


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fetched: list[tuple[int, str, str]] = []  # (줄, 태그, 주소)
        self.links: list[tuple[int, str]] = []  # a href
        self.ids: set[str] = set()
        self._style = False

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        attrs = dict(attrs)
        if "id" in attrs and attrs["id"]:
            self.ids.add(unquote(attrs["id"]))
        if "name" in attrs and tag == "a" and attrs["name"]:
            self.ids.add(attrs["name"])
        rels = set((attrs.get("rel") or "").lower().split())
        fetching_link = bool(rels & {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest", "apple-touch-icon"})
        for attr in _FETCHING_ATTRS.get(tag, []) if tag != "link" or fetching_link else []:
            value = attrs.get(attr)
            if value:
                for part in value.split(",") if attr == "srcset" else [value]:
                    self.fetched.append((line, tag, part.strip().split(" ")[0]))
        if tag == "a" and attrs.get("href"):
            self.links.append((line, attrs["href"]))
        if "style" in attrs and attrs["style"]:
            for m in _CSS_URL.finditer(attrs["style"]):
                self.fetched.append((line, "style", m.group(1) or m.group(2)))
        self._style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self._style = False

    def handle_data(self, data):
        if self._style:
            for m in _CSS_URL.finditer(data):
                self.fetched.append((self.getpos()[0], "style", m.group(1) or m.group(2)))


@functools.lru_cache(maxsize=4096)
def _parse_cached(path: Path, mtime_ns: int, size: int) -> _Refs:
    parser = _Refs()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def parse_html(path: Path) -> _Refs:
    """빌드된 HTML 파일의 id, 링크, 가져오는 주소 (파일이 바뀌지 않았으면 한 번만 읽습니다: 여러 검사가 같은 사이트를
    읽으므로). 돌려준 값은 읽기만 하세요."""
    stat = path.stat()
    return _parse_cached(path, stat.st_mtime_ns, stat.st_size)


def ids_of(html: Path) -> set[str]:
    """빌드된 HTML 파일의 모든 id (읽기만 하세요)."""
    return parse_html(html).ids


def external_requests(site_dir: Path) -> list[str]:
    """빌드된 HTML과 CSS가 다른 호스트에서 가져오는 것을 모두 찾습니다."""
    problems = []
    for page in sorted(site_dir.rglob("*.html")):
        for line, tag, url in parse_html(page).fetched:
            if _is_external(url):
                problems.append(f"{page.relative_to(site_dir)}:{line}: <{tag}> {url}")
    for css in sorted(site_dir.rglob("*.css")):
        for n, text in enumerate(css.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            for m in _CSS_URL.finditer(text):
                url = m.group(1) or m.group(2)
                if _is_external(url):
                    problems.append(f"{css.relative_to(site_dir)}:{n}: css {url}")
    return problems


# ---------------------------------------------------------------- 링크, 그림, 앵커


def _page_html(site_dir: Path, docs_dir: Path, target: Path) -> Path | None:
    """docs/의 .md 파일이 빌드된 HTML 파일 (use_directory_urls 기준)."""
    rel = target.relative_to(docs_dir)
    if rel.name == "index.md":
        html = site_dir / rel.parent / "index.html"
    else:
        html = site_dir / rel.with_suffix("") / "index.html"
    return html if html.exists() else None


def broken_links(docs_dir: Path, site_dir: Path) -> list[str]:
    """docs/의 모든 페이지에서 상대 링크, 그림, 앵커가 빌드된 사이트에 실제로 있는지 검사합니다."""
    problems = []

    for page in sorted(docs_dir.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        rel_page = page.relative_to(docs_dir.parent)
        for link in page_model.parse_text(text, page).links:
            line, kind, url = link.line, link.kind, link.url
            if not url or _is_external(url) or url.startswith("mailto:"):
                continue
            parts = urlsplit(url)
            path, anchor = unquote(parts.path), unquote(parts.fragment)
            target = (page.parent / path).resolve() if path else page.resolve()
            if kind == "image" or not path.endswith(".md") and path:
                if not target.exists():
                    problems.append(f"{rel_page}:{line}: {kind} 대상 없음: {url}")
                continue
            if not target.exists():
                problems.append(f"{rel_page}:{line}: 링크 대상 페이지 없음: {url}")
                continue
            if anchor:
                html = _page_html(site_dir, docs_dir.resolve(), target)
                if html is None:
                    problems.append(f"{rel_page}:{line}: 빌드된 페이지 없음: {url}")
                elif anchor not in ids_of(html):
                    problems.append(f"{rel_page}:{line}: 앵커 없음: {url}")
    return problems


def broken_site_links(site_dir: Path, base_path: str = "/") -> list[str]:
    """빌드된 HTML의 내부 링크(a href)와 자산(script, img …)이 모두 있는 파일을 가리키는지 검사합니다.
    훅이 만든 노트북 링크처럼 Markdown에 없는 링크도 여기서 잡힙니다. base_path는 site_url의 경로
    부분으로, 404.html처럼 절대 경로를 쓰는 페이지를 위해 씁니다."""
    problems = []
    for page in sorted(site_dir.rglob("*.html")):
        refs = parse_html(page)
        for line, url in refs.links + [(ln, u) for ln, _, u in refs.fetched]:
            if _is_external(url) or url.startswith(("mailto:", "data:", "javascript:", "#")):
                continue
            path = unquote(urlsplit(url).path)
            if not path:
                continue
            if path.startswith("/"):
                if not path.startswith(base_path):
                    problems.append(f"{page.relative_to(site_dir)}:{line}: 사이트 밖 절대 경로: {url}")
                    continue
                target = (site_dir / path[len(base_path):]).resolve()
            else:
                target = (page.parent / path).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                problems.append(f"{page.relative_to(site_dir)}:{line}: 없는 파일을 가리킴: {url}")
    return problems


# ---------------------------------------------------------------- 저장소를 따르는 주소

_COLAB = re.compile(r"^https://colab\.research\.google\.com/github/([^/]+/[^/]+)/blob/main/examples/([^/?#]+\.ipynb)$")


def colab_link_problems(site_dir: Path, repo: str, examples_dir: Path) -> list[str]:
    """빌드된 HTML의 모든 코랩 링크가 저장소 repo의 examples/에 실제로 있는 노트북을 가리키는지 봅니다.
    repo가 빈 문자열(저장소 없음)이면 코랩 링크가 하나라도 있으면 문제입니다 (열 파일이 없으므로).
    repo가 있으면 examples/의 노트북마다 그것을 여는 링크가 적어도 하나 있어야 합니다."""
    problems = []
    opened: set[str] = set()
    for page in sorted(site_dir.rglob("*.html")):
        for line, url in parse_html(page).links:
            if "colab.research.google.com" not in url:
                continue
            where = f"{page.relative_to(site_dir)}:{line}"
            m = _COLAB.match(url)
            if not repo:
                problems.append(f"{where}: 저장소가 정해지지 않았는데 코랩 링크가 있음: {url}")
            elif not m or m.group(1) != repo:
                problems.append(f"{where}: 코랩 링크가 {repo}/blob/main/examples/…ipynb가 아님: {url}")
            elif not (examples_dir / m.group(2)).exists():
                problems.append(f"{where}: 코랩 링크의 노트북이 저장소에 없음: examples/{m.group(2)}")
            else:
                opened.add(m.group(2))
    if repo:
        for nb in sorted(examples_dir.glob("*.ipynb")):
            if nb.name not in opened:
                problems.append(f"examples/{nb.name}: 이 노트북을 코랩에서 여는 링크가 사이트에 없음")
    return problems


def site_url_problems(site_dir: Path, site_url: str) -> list[str]:
    """site_url에서 나오는 절대 주소(페이지의 canonical 링크, sitemap.xml)가 모두 site_url 아래인지 봅니다."""
    problems = []
    for page in sorted(site_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        for m in re.finditer(r'<link rel="canonical" href="([^"]*)"', text):
            if not m.group(1).startswith(site_url):
                problems.append(f"{page.relative_to(site_dir)}: canonical {m.group(1)}이 {site_url} 아래가 아님")
    sitemap = site_dir / "sitemap.xml"
    locs = re.findall(r"<loc>([^<]*)</loc>", sitemap.read_text(encoding="utf-8")) if sitemap.exists() else []
    if not locs:
        problems.append("sitemap.xml에 주소가 없습니다")
    problems += [f"sitemap.xml: {loc}이 {site_url} 아래가 아님" for loc in locs if not loc.startswith(site_url)]
    canonical = sum(1 for p in site_dir.rglob("*.html") if 'rel="canonical"' in p.read_text(encoding="utf-8"))
    if not canonical:
        problems.append("canonical 링크가 있는 페이지가 없습니다 (site_url이 정해지지 않음)")
    return problems


# ---------------------------------------------------------------- 검색


def split_tokens(text: str, separator: str) -> list[str]:
    """Material 검색이 브라우저에서 하는 것처럼 separator 정규식으로 나누고 소문자로 바꿉니다."""
    return [t.lower() for t in re.split(separator, text) if t]


def build_index(index_json: dict):
    """search_index.json으로 lunr 색인을 만듭니다. Material과 같이 설정의 필드(title 가중치 1000, text, 훅이 더한
    keywords …)를 쓰고, 파이프라인(어간 추출 등)은 쓰지 않으며, 토큰은 Material의 separator로 나눕니다.
    Material처럼 문서 길이로 점수를 깎지 않습니다(b = 0)."""
    from lunr.builder import Builder

    separator = index_json["config"]["separator"]
    builder = Builder()
    builder.pipeline.reset()
    builder.search_pipeline.reset()
    builder.b(0)
    builder.ref("location")
    fields = [f for f in index_json["config"]["fields"] if f != "tags"]
    for field in fields:
        builder.field(field, boost=index_json["config"]["fields"][field].get("boost", 1))
    for doc in index_json["docs"]:
        entry = {"location": doc["location"]}
        for field in fields:
            entry[field] = split_tokens(re.sub(r"<[^>]+>", " ", doc.get(field, "")), separator)
        builder.add(entry)
    return builder.build(), separator


def search(index_json: dict, query: str, built=None) -> list[str]:
    """검색해서 점수 순으로 페이지 주소를 돌려줍니다. 여러 번 검색하면 build_index 결과를 built로 넘기세요."""
    index, separator = built or build_index(index_json)
    q = index.create_query()
    for term in split_tokens(query, separator):
        q.term(term, use_pipeline=False)
    pages: list[str] = []
    for hit in index.query(q):
        page = hit["ref"].split("#")[0]
        if page not in pages:
            pages.append(page)
    return pages


# ---------------------------------------------------------------- 빌드된 사이트의 #조각 링크


def broken_fragments(site_dir: Path, skip: dict[str, str] | None = None) -> list[str]:
    """빌드된 HTML의 모든 내부 링크 중 #조각이 붙은 것이 대상 페이지의 id를 가리키는지 봅니다.
    목차(노트북 페이지 포함), 훅이 만든 링크, 본문 링크를 모두 포함합니다. skip: 보지 않는 페이지 주소 → 까닭."""
    problems = []

    for page in sorted(site_dir.rglob("*.html")):
        if page.parent.relative_to(site_dir).as_posix() + "/" in (skip or {}):
            continue
        for line, url in parse_html(page).links:
            if _is_external(url) or url.startswith(("mailto:", "data:", "javascript:")):
                continue
            parts = urlsplit(url)
            if "#" not in url:
                continue
            fragment = unquote(parts.fragment)
            if not parts.path:
                target = page
            else:
                target = (page.parent / unquote(parts.path)).resolve()
                if target.is_dir():
                    target = target / "index.html"
            if target.suffix != ".html" or not target.exists():
                continue  # 파일 자체가 없는 것은 broken_site_links가 봅니다
            if not fragment or fragment not in ids_of(target):
                problems.append(f"{page.relative_to(site_dir)}:{line}: 없는 조각 #{fragment} → {url}")
    return problems


# ---------------------------------------------------------------- Keras 3 모음 페이지 (독립된 기준)

_KERAS3_BOX = re.compile(
    r'<div class="admonition info">\s*<p class="admonition-title">Keras 3</p>'
    r'|<details class="info"[^>]*>\s*<summary>Keras 3</summary>'
)


def keras3_page_problems(site_dir: Path) -> list[str]:
    """빌드된 절 페이지에 실제로 그려진 "Keras 3" 상자 수와, 모음 페이지에서 그 절을 가리키는 항목 수가 같은지.
    모음 페이지를 만드는 코드(tools/keras3_differences.py)와 따로, 빌드 결과만 보고 셉니다."""
    collected = (site_dir / "keras3" / "index.html").read_text(encoding="utf-8")
    entries: dict[str, int] = {}
    for m in re.finditer(r'<h3 id="difference-\d+"><a href="\.\./ch14/([\w-]+)/', collected):
        entries[m.group(1)] = entries.get(m.group(1), 0) + 1
    problems = []
    for html in sorted((site_dir / "ch14").glob("*/index.html")):
        stem = html.parent.name
        boxes = len(_KERAS3_BOX.findall(html.read_text(encoding="utf-8")))
        if boxes != entries.get(stem, 0):
            problems.append(f"docs/ch14/{stem}.md: Keras 3 상자 {boxes}개, 모음 페이지의 항목 {entries.get(stem, 0)}개")
    return problems


# ---------------------------------------------------------------- 용어 툴팁


def tooltip_coverage(html: str, terms) -> tuple[int, int, list[str]]:
    """본문(article)의 용어 출현 중 툴팁(abbr)이 붙은 비율을 따로 셉니다: (붙은 수, 전체 수, 안 붙은 예)."""
    import glossary

    start = html.find("<article")
    end = html.find("</article>")
    body = html[start:end] if start >= 0 and end > start else html
    names = sorted({t.korean for t in terms if len(t.korean) >= 2}, key=len, reverse=True)
    any_term = re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + ")")
    covered = len(re.findall(r'<abbr title="[^"]*">', body))
    missed = []
    for text, skip in glossary.text_segments(body):
        if not skip:
            for m in any_term.finditer(text):
                missed.append(text[max(0, m.start() - 8):m.end() + 4].replace("\n", " "))
    return covered, covered + len(missed), missed


# ---------------------------------------------------------------- 그림의 대체 텍스트

_HANGUL = re.compile(r"[가-힣]")


class _Images(HTMLParser):
    """본문(article) 안의 <img>: (줄, src, alt)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.images: list[tuple[int, str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        elif tag == "img" and self.depth:
            a = dict(attrs)
            self.images.append((self.getpos()[0], a.get("src") or "", a.get("alt")))

    def handle_endtag(self, tag):
        if tag == "article" and self.depth:
            self.depth -= 1


def figures_without_korean_alt(site_dir: Path) -> tuple[int, list[str]]:
    """빌드된 모든 페이지의 본문 그림 중 대체 텍스트(alt)가 없거나 한국어가 아닌 것 (노트북 페이지 포함).
    "그림"처럼 너무 짧은 것도 잡습니다: 무엇을 보이는지 말하는 글이어야 합니다 (10자 이상). (본 그림 수, 문제)."""
    problems, count = [], 0
    for page in sorted(site_dir.rglob("*.html")):
        parser = _Images()
        parser.feed(page.read_text(encoding="utf-8"))
        count += len(parser.images)
        for line, src, alt in parser.images:
            alt = (alt or "").strip()
            if not alt or not _HANGUL.search(alt) or len(alt) < 10:
                problems.append(f"{page.relative_to(site_dir)}:{line}: 그림 {src[:80]}의 대체 텍스트가 한국어 설명이 아님: {alt!r}")
    return count, problems
