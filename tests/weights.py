"""무게 예산: 정적 호스트(GitHub Pages 따위)가 gzip으로 보낼 때의 크기를 빌드된 사이트에서 셉니다 (브라우저 없이).

페이지마다 세 수:
- HTML: 그 페이지의 index.html을 gzip한 크기.
- 첫 방문: 빈 캐시로 그 페이지를 열 때 받는 모든 것 — HTML, 스타일시트, 스크립트, 그림(img, 아이콘), Material의 검색
  워커와 검색 색인(search_index.json). html/css/js/json/svg는 gzip한 크기, PNG 따위는 그대로의 크기입니다.
  loading="lazy"인 본문 그림은 독자가 스크롤해 다가갈 때 받으므로 첫 방문에 넣지 않고 따로 셉니다(표의 "스크롤하면"):
  빌드가 본문 그림에 모두 lazy를 붙입니다 (tools/hooks.py). 첫 화면 안의 그림은 실제로는 곧바로 받습니다.
- 모든 그림을 다 받은 크기(첫 방문 + 스크롤하면)도 표에 나옵니다.
  KaTeX 글꼴은 세지 않습니다: 브라우저는 페이지의 수식이 쓰는 글꼴만 받으며, 그 양은 브라우저 검사의 전송량
  (tests/browser/test_budgets.py, 압축하지 않은 실제 바이트)에 들어 있습니다.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import site_checks
from project import PRINT_PAGE
from browser.server import base_path

KB = 1000
# 절 페이지와 그 밖의 일반 페이지 (홈, 용어집 …). 110 KB: 가장 긴 절 14.5(전형적인 CNN, 학습한 CNN이 보는 것,
# "CNN 들여다보기", LeNet-5부터 EfficientNet까지)가 약 100 KB입니다. 더 늘면 한도를 올리지 말고 14.5를 두 페이지로 나눕니다.
MAX_SECTION_HTML = 110 * KB
MAX_NOTEBOOK_HTML = 250 * KB  # 노트북 페이지
# 600 KB: 실험·학습 곡선·"학습한 CNN이 보는 것"으로 그림과 출력이 늘어 가장 큰 절(14.5)이 약 540 KB, 그 노트북 페이지가
# 약 555 KB입니다 (500 KB였을 때의 페이지보다 그림이 25개쯤 많음). 줄이려면 첫 화면 밖 그림을 lazy로.
MAX_FIRST_VISIT = 600 * KB
GZIPPED = {".html", ".css", ".js", ".json", ".svg"}  # 정적 호스트가 gzip해서 보내는 종류
# 예산을 따지지 않는 페이지와 그 까닭 (측정값은 표에 나옵니다)
EXEMPT = {PRINT_PAGE: "인쇄용 한 페이지: 13개 절과 모든 그림을 한 번에 싣는 것이 목적입니다"}
SEARCH_INDEX = "search/search_index.json"
_LAZY_IMG = re.compile(r'<img\b(?=[^>]*\sloading="lazy")[^>]*\ssrc="([^"]+)"')


@cache
def served_size(file: Path) -> int:
    data = file.read_bytes()
    return len(gzip.compress(data, compresslevel=6, mtime=0)) if file.suffix in GZIPPED else len(data)


@dataclass
class Weight:
    page: str  # 사이트 주소 ("" = 홈)
    html: int
    first_visit: int
    images: int  # 첫 방문 중 압축하지 않는 파일 (PNG 그림, 아이콘)
    lazy: int  # loading="lazy"인 그림 (스크롤하면 받음)
    files: list[str]  # 첫 방문에 받는 파일 (사이트 기준 경로)
    missing: list[str]

    @property
    def is_notebook(self) -> bool:
        return self.page.startswith("notebooks/")

    @property
    def html_limit(self) -> int:
        return MAX_NOTEBOOK_HTML if self.is_notebook else MAX_SECTION_HTML


def _resolve(site: Path, html: Path, url: str) -> Path | None:
    if site_checks._is_external(url) or url.startswith(("data:", "#", "mailto:")):
        return None
    path = unquote(urlsplit(url).path)
    if not path:
        return None
    if path.startswith("/"):  # 404.html처럼 site_url의 경로로 시작하는 절대 경로
        path = path.removeprefix(base_path())
        target = (site / path).resolve()
    else:
        target = (html.parent / path).resolve()
    return target / "index.html" if target.is_dir() else target


def page_weight(site: Path, page: str) -> Weight:
    html = site / (page if page.endswith(".html") else page + "index.html")
    site = site.resolve()
    files = {html.resolve()}
    text = html.read_text(encoding="utf-8")
    lazy = {t for t in (_resolve(site, html, u) for u in _LAZY_IMG.findall(text)) if t is not None}
    for _line, _tag, url in site_checks.parse_html(html).fetched:
        target = _resolve(site, html, url)
        if target is not None:
            files.add(target)
    files -= lazy
    # Material이 자바스크립트로 받는 검색 워커와 색인 (HTML의 __config에 적힌 워커 주소)
    m = re.search(r'<script id="__config" type="application/json">(.*?)</script>', text, re.S)
    if m and json.loads(m.group(1)).get("search"):
        files.add(_resolve(site, html, json.loads(m.group(1))["search"]))
        files.add(site / SEARCH_INDEX)
    missing = sorted(str(f) for f in files if not f.is_file())
    present = sorted(f for f in files if f.is_file())
    return Weight(
        page=page,
        html=served_size(html.resolve()),
        first_visit=sum(served_size(f) for f in present),
        images=sum(served_size(f) for f in present if f.suffix not in GZIPPED),
        lazy=sum(served_size(f) for f in lazy if f.is_file()),
        files=[f.relative_to(site).as_posix() for f in present],
        missing=missing,
    )


def weight_problems(w: Weight) -> list[str]:
    if w.page in EXEMPT:
        return []
    out = [f"첫 방문에 받는 파일이 사이트에 없음: {f}" for f in w.missing]
    if w.html > w.html_limit:
        kind = "노트북 페이지" if w.is_notebook else "페이지"
        out.append(f"{kind} HTML {w.html / KB:.0f} KB (gzip) > {w.html_limit / KB:.0f} KB")
    if w.first_visit > MAX_FIRST_VISIT:
        out.append(f"첫 방문 {w.first_visit / KB:.0f} KB (gzip) > {MAX_FIRST_VISIT / KB:.0f} KB")
    return out


class WeightReport:
    """출력 끝의 표 (-s 없이도 보임): 페이지마다 HTML, 첫 방문, 그중 그림·아이콘."""

    def __init__(self, weights: list[Weight]):
        self.weights = weights

    def pytest_terminal_summary(self, terminalreporter):
        tr = terminalreporter
        tr.section("무게 예산 (gzip, 정적 호스트가 보내는 크기)")
        tr.write_line(f"{'페이지':<48} {'HTML KB':>8} {'첫 방문 KB':>10} {'그중 그림':>8} {'스크롤하면':>9}")
        for w in sorted(self.weights, key=lambda w: -w.first_visit):
            note = f"  예산 밖: {EXEMPT[w.page]}" if w.page in EXEMPT else ""
            tr.write_line(f"{(w.page or '(홈)'):<48} {w.html / KB:>8.0f} {w.first_visit / KB:>10.0f} {w.images / KB:>8.0f} {w.lazy / KB:>9.0f}{note}")
        tr.write_line(
            f"한도: 절·일반 페이지 HTML {MAX_SECTION_HTML / KB:.0f} KB, 노트북 페이지 HTML {MAX_NOTEBOOK_HTML / KB:.0f} KB, "
            f"첫 방문 {MAX_FIRST_VISIT / KB:.0f} KB (KaTeX 글꼴은 세지 않음)"
        )
