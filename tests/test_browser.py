"""실제 브라우저 검사: 빌드한 사이트를 localhost에 띄우고 데비안 Chromium을 Playwright로 몰아 봅니다.

HTML 문자열 검사(test_site.py)로는 알 수 없는 것, 곧 독자의 브라우저에서 실제로 일어나는 일을 봅니다.

- 모든 페이지(빌드된 사이트의 모든 페이지, 노트북 페이지와 404 포함)를 한 번씩 엽니다. 탭 하나를 다시 쓰지만
  서버가 Cache-Control: no-store로 보내므로 페이지마다 빈 캐시로 여는 셈입니다 (전송량을 재는 기준):
  콘솔 오류, 다른 호스트로 가는 요청, 실패한 요청이 없어야 하고, 페이지에 있는 기능만 골라
  수식(KaTeX), 코드 복사 버튼, 애드모니션, 탭, 용어 툴팁, 그림, 노트북 출력이 DOM에서 제대로 그려졌는지 봅니다.
  같은 방문에서 어두운 테마로 바꿔 글자가 보이는지, 폭 375px 화면에서 본문이 가로로 넘치지 않는지도 봅니다.
- 검색: tests/search_queries.py의 한국어 질의를 검색 상자에 독자처럼 입력해, 가르치는 페이지가 상위에 나오는지.
- 예산: 페이지마다 전송 바이트와 로드 시간을 재서 한도와 비교하고, 표로 테스트 출력 끝에 찍습니다.
- 스크린숏: 몇몇 페이지를 build/screenshots/에 저장합니다 (경로는 출력 끝에 찍힙니다).

브라우저는 세션에 하나, 서버도 하나입니다. 브라우저를 내려받지 않습니다: 시스템의 Chromium
(`apt-get install chromium`, 경로는 환경 변수 CHROMIUM으로 바꿀 수 있음)이나 playwright 패키지가 없으면
이유를 출력하며 건너뜁니다.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import threading
import time
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import urlopen

import pytest

from project import ROOT
from search_queries import QUERIES, TOP_N

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # 다른 호스트 이름은 즉시 "찾을 수 없음"으로: 닫힌 망에서 시간 초과를 기다리지 않습니다.
    # 요청 자체는 그대로 기록되므로(아래 page.on("request")) 외부 요청 검사는 그대로 실패합니다.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}

# 예산 (여유를 둔 한도). 측정값은 출력 끝의 표에 나옵니다.
MAX_PAGE_BYTES = 3_000_000  # 빈 캐시로 한 페이지를 열 때 받는 모든 것 (HTML, CSS, JS, 글꼴, 그림, 검색 색인)
MAX_LOAD_MS = 5_000  # 탐색 시작부터 load 이벤트 끝까지
MIN_CONTRAST_TEXT = 4.5  # WCAG AA 본문
MIN_CONTRAST_LARGE = 3.0  # 큰 글자(제목)와 코드 강조 색
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}

SCREENSHOTS = ROOT / "build" / "screenshots"
# 사람이 눈으로 볼 페이지 (사이트에 있을 때만 찍습니다)
SCREENSHOT_PAGES = {
    "": "home",
    "ch14/14-02-convolutional-layers/": "14-02",
    "notebooks/14-02-convolutional-layers/": "notebook-14-02",
    "glossary/": "glossary",
}

# ---------------------------------------------------------------- 브라우저 안에서 실행하는 검사 (JS)

_JS_HELPERS = r"""
const content = () => document.querySelector('article.md-content__inner') || document.querySelector('.md-content') || document.body;
const shown = el => {
  const s = getComputedStyle(el), r = el.getBoundingClientRect();
  return s.display !== 'none' && s.visibility !== 'hidden' && parseFloat(s.opacity) > 0 && r.width > 0 && r.height > 0;
};
const inClosedDetails = el => { for (let d = el.closest('details'); d; d = d.parentElement && d.parentElement.closest('details')) if (!d.open) return true; return false; };
const inHiddenTab = el => { const b = el.closest('.tabbed-block'); return !!b && getComputedStyle(b).display === 'none'; };
const reachable = el => !inClosedDetails(el) && !inHiddenTab(el);
const snip = el => (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 50);
const parseColor = c => {
  const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null;
  const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
  return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
};
const over = (fg, bg) => ({r: fg.r * fg.a + bg.r * (1 - fg.a), g: fg.g * fg.a + bg.g * (1 - fg.a), b: fg.b * fg.a + bg.b * (1 - fg.a), a: 1});
const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
const background = el => {
  const layers = [];
  for (let e = el; e; e = e.parentElement) { const c = parseColor(getComputedStyle(e).backgroundColor); if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; } }
  let bg = {r: 255, g: 255, b: 255, a: 1};
  const canvas = parseColor(getComputedStyle(document.documentElement).backgroundColor);
  if (layers.length === 0 || layers[layers.length - 1].a < 1) { if (canvas && canvas.a > 0) bg = over(canvas, bg); }
  for (const l of layers.reverse()) bg = over(l, bg);
  return bg;
};
const contrast = el => {
  const bg = background(el), fg = over(parseColor(getComputedStyle(el).color), bg);
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
};
"""

# 데스크톱, 밝은 테마에서 한 번: 페이지에 있는 기능을 세고 문제를 모읍니다.
_JS_FEATURES = (
    "() => {"
    + _JS_HELPERS
    + r"""
const root = content();
const f = {}, p = {math: [], copy: [], admonitions: [], tabs: [], images: [], figures: [], notebook: []};
// 수식: arithmatex가 감싼 것은 모두 KaTeX가 그렸어야 하고, 날것의 구분 기호가 본문에 남지 않아야 합니다.
const arith = root.querySelectorAll('.arithmatex');
f.math = root.querySelectorAll('.katex').length;
for (const a of arith) if (!a.querySelector('.katex')) p.math.push('KaTeX가 그리지 않은 수식: ' + snip(a));
for (const e of root.querySelectorAll('.katex-error')) p.math.push('KaTeX 오류: ' + (e.getAttribute('title') || snip(e)));
const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {acceptNode: n =>
  n.parentElement.closest('pre, code, script, style, textarea, .katex, .highlight, .jp-OutputArea') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
const rawMath = /\\\(|\\\)|\\\[|\\\]|\$\$|\$[^\s$][^$]*\$/;
for (let n; (n = walker.nextNode());) if (rawMath.test(n.textContent)) p.math.push('날것의 수식 구분 기호: ' + n.textContent.trim().slice(0, 60));
// 코드 블록: Material의 복사 버튼 (노트북 페이지의 코드 셀은 mkdocs-jupyter의 clipboard-copy)
const codes = [...root.querySelectorAll('pre > code')].filter(c => !c.closest('.jp-OutputArea'));
f.code = codes.length;
for (const c of codes) {
  const btn = c.parentElement.querySelector('.md-code__button[data-md-type="copy"], .md-clipboard');
  if (!btn) p.copy.push('복사 버튼 없음: ' + snip(c));
  else if (reachable(btn) && !shown(btn)) p.copy.push('복사 버튼이 보이지 않음: ' + snip(c));
}
const cells = root.querySelectorAll('.jp-CodeCell .jp-InputArea');
f.nb_code = cells.length;
for (const c of cells) if (!c.querySelector('clipboard-copy')) p.copy.push('노트북 코드 셀에 복사 버튼 없음: ' + snip(c));
if (cells.length && !customElements.get('clipboard-copy')) p.copy.push('clipboard-copy 요소가 정의되지 않음 (스크립트가 안 돌았음)');
// 애드모니션과 접는 상자: 보이고, 제목과 아이콘이 있어야 합니다.
const adms = root.querySelectorAll('.admonition, details');
f.admonitions = adms.length;
for (const a of adms) {
  const title = a.querySelector(':scope > .admonition-title, :scope > summary');
  if (!reachable(a.parentElement || a)) continue;
  if (!shown(a)) { p.admonitions.push('보이지 않음: ' + snip(a)); continue; }
  if (!title || !shown(title) || !title.textContent.trim()) { p.admonitions.push('제목이 보이지 않음: ' + snip(a)); continue; }
  const before = getComputedStyle(title, '::before');
  const icon = before.maskImage || before.webkitMaskImage;
  if (!icon || icon === 'none') p.admonitions.push('아이콘이 없음: ' + snip(title));
  const border = parseColor(getComputedStyle(a).borderLeftColor);
  if (!border || border.a === 0) p.admonitions.push('테두리 색이 없음 (애드모니션 CSS가 안 먹음): ' + snip(title));
}
// 탭: 세트마다 라벨 수 = 블록 수, 처음에는 블록 하나만 보입니다.
const sets = root.querySelectorAll('.tabbed-set');
f.tabs = sets.length;
for (const s of sets) {
  const labels = s.querySelectorAll(':scope > .tabbed-labels > label');
  const blocks = [...s.querySelectorAll(':scope > .tabbed-content > .tabbed-block')];
  if (labels.length !== blocks.length || labels.length === 0) p.tabs.push(`라벨 ${labels.length}개, 블록 ${blocks.length}개: ` + snip(s));
  const visible = blocks.filter(b => getComputedStyle(b).display !== 'none').length;
  if (reachable(s) && visible !== 1) p.tabs.push(`보이는 탭 블록이 ${visible}개: ` + snip(s));
}
// 그림: 모두 불러와졌고(naturalWidth > 0), 본문 그림에는 대체 텍스트와 캡션이 있습니다.
const imgs = root.querySelectorAll('img');
f.images = imgs.length;
for (const i of imgs) {
  const name = (i.getAttribute('src') || '').slice(0, 60);
  if (!i.complete || i.naturalWidth === 0) p.images.push('불러오지 못한 그림: ' + name);
  else if (reachable(i) && !shown(i)) p.images.push('보이지 않는 그림: ' + name);
  if (!i.closest('.jp-OutputArea') && !(i.getAttribute('alt') || '').trim()) p.images.push('대체 텍스트 없음: ' + name);
}
const figs = root.querySelectorAll('figure');
f.figures = figs.length;
for (const g of figs) {
  const cap = g.querySelector('figcaption');
  if (!cap || !cap.textContent.trim()) p.figures.push('캡션 없음: ' + snip(g));
  else if (reachable(g) && !shown(cap)) p.figures.push('캡션이 보이지 않음: ' + snip(cap));
}
// 용어 툴팁 (마우스를 올려 보는 검사는 Python 쪽에서)
f.abbr = root.querySelectorAll('abbr[title]').length;
// 노트북
f.notebook = !!root.querySelector('.jp-Notebook');
f.nb_outputs = root.querySelectorAll('.jp-OutputArea-output').length;
f.nb_cells_with_output = [...root.querySelectorAll('.jp-CodeCell:not(:has(.jp-CodeCell))')].filter(c => c.querySelector('.jp-OutputArea-output')).length;
for (const o of root.querySelectorAll('.jp-OutputArea-output')) if (!o.textContent.trim() && !o.querySelector('img, svg')) p.notebook.push('빈 출력: ' + snip(o.closest('.jp-CodeCell') || o));
f.nb_links = [...root.querySelectorAll('.notebook-links a')].map(a => ({text: a.textContent.trim(), href: a.href, download: a.hasAttribute('download')}));
f.scheme = document.body.getAttribute('data-md-color-scheme');
// 한글 글꼴이 있는지: 없으면 "한"이 글꼴에 없는 글자(U+E000)와 똑같은 네모로 그려집니다.
const glyph = ch => { const c = document.createElement('canvas'); c.width = c.height = 32; const g = c.getContext('2d');
  g.font = '24px ' + getComputedStyle(document.body).fontFamily; g.fillText(ch, 2, 26); return g.getImageData(0, 0, 32, 32).data.join(); };
f.hangul_font = glyph('한') !== glyph('\uE000');
// 툴팁 검사용: 첫 용어를 화면 가운데로 옮기고 그 위치를 돌려줍니다
const abbr = [...root.querySelectorAll('abbr[title]')].find(a => reachable(a) && shown(a));
let abbr_target = null;
if (abbr) {
  abbr.scrollIntoView({block: 'center'});
  const r = abbr.getBoundingClientRect();
  abbr_target = {x: r.left + r.width / 2, y: r.top + r.height / 2, title: abbr.getAttribute('title'), text: abbr.textContent};
}
return {features: f, problems: p, abbr_target};
}"""
)

# 글자가 배경과 구별되는지: 대표 요소 몇 개의 대비를 잽니다 (밝은 테마와 어두운 테마에서).
_JS_CONTRAST = (
    "async () => { await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));"
    + _JS_HELPERS
    + r"""
const root = content();
const out = [];
const pick = (sel, kind) => { const el = [...root.querySelectorAll(sel)].find(e => shown(e) && e.textContent.trim()); if (el) out.push({kind, sel, text: snip(el), ratio: contrast(el)}); };
pick('h1', 'large'); pick('p', 'text'); pick('li', 'text'); pick('td', 'text');
pick('.admonition p', 'text'); pick('.admonition-title', 'text'); pick('figcaption', 'text');
pick('.jp-MarkdownCell p', 'text'); pick('.jp-OutputArea-output pre', 'text');
pick('.highlight code', 'code'); pick('.highlight code .n', 'code'); pick('.highlight code .k, .highlight code .kn', 'code');
pick('.jp-InputArea pre', 'code');
out.push({kind: 'text', sel: 'nav', text: 'md-nav__link', ratio: (() => { const l = [...document.querySelectorAll('.md-nav__link')].find(shown); return l ? contrast(l) : 99; })()});
return {scheme: document.body.getAttribute('data-md-color-scheme'), samples: out};
}"""
)

# 폭 375px에서: 문서 전체와 본문 블록이 화면 폭을 넘지 않아야 합니다 (코드·표·수식 상자는 안에서 스크롤하므로 제외).
_JS_PHONE = (
    "async () => { await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));"
    + _JS_HELPERS
    + r"""
const W = document.documentElement.clientWidth;
const doc = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
const bad = [];
const scrollers = 'pre, .highlight, .md-typeset__scrollwrap, div.arithmatex, .jp-OutputArea-output, .jp-InputArea, .katex-display, .tabbed-labels';
const root = content();
for (const el of root.querySelectorAll('p, li, h1, h2, h3, h4, h5, h6, dt, dd, blockquote, figcaption, figure, img, .admonition, details, .tabbed-set, ' + scrollers)) {
  if (el.parentElement && el.parentElement.closest(scrollers)) continue;
  if (!reachable(el) || !shown(el)) continue;
  const r = el.getBoundingClientRect();
  const inner = el.matches(scrollers) ? 0 : el.scrollWidth - el.clientWidth;
  if (r.left < -1 || r.right > W + 1 || inner > 1) bad.push(`<${el.tagName.toLowerCase()}> ${Math.round(r.left)}..${Math.round(r.right)}px` + (inner > 1 ? ` (안에서 ${inner}px 넘침)` : '') + ': ' + snip(el));
}
return {width: W, docWidth: doc, bad: bad.slice(0, 10), nbad: bad.length};
}"""
)


# ---------------------------------------------------------------- 브라우저와 서버


def _skip(reason: str):
    print(f"\n[browser] 건너뜀: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        _skip("playwright 패키지가 없습니다 (pip install -r requirements.txt)")
    if not CHROMIUM.exists():
        _skip(f"Chromium이 없습니다: {CHROMIUM} (apt-get install chromium, 또는 CHROMIUM=경로)")
    pw = sync_playwright().start()
    try:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    except Error as e:
        pw.stop()
        _skip(f"Chromium을 띄우지 못했습니다 ({CHROMIUM}): {str(e).splitlines()[0]}")
    yield browser
    browser.close()
    pw.stop()


class _CountingWriter:
    """서버가 보낸 바이트(헤더 + 본문)를 셉니다: 페이지를 차례로 열므로, 열기 전후의 차이가 그 페이지의 전송량입니다."""

    def __init__(self, raw, server):
        self._raw, self._server = raw, server

    def write(self, data):
        with self._server.lock:
            self._server.sent_bytes += len(data)
        return self._raw.write(data)

    def __getattr__(self, name):
        return getattr(self._raw, name)


class _Handler(SimpleHTTPRequestHandler):
    def setup(self):
        super().setup()
        self.wfile = _CountingWriter(self.wfile, self.server)

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")  # 페이지마다 빈 캐시로 재도록
        super().end_headers()

    def log_message(self, format, *args):
        pass


@dataclass
class _Site:
    url: str  # 사이트 주소 (끝에 /)
    server: ThreadingHTTPServer

    def sent_bytes(self) -> int:
        with self.server.lock:
            return self.server.sent_bytes

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def _start_server(directory: Path, base_path: str, tmp: Path) -> _Site:
    """directory를 127.0.0.1의 빈 포트에서 base_path(site_url의 경로, 예: /cnn-ch14-study/) 아래에 띄웁니다.
    같은 경로에 두어야 404.html처럼 절대 경로를 쓰는 페이지도 실제 배포처럼 열립니다."""
    root = directory
    if base_path.strip("/"):
        root = tmp
        mount = tmp / base_path.strip("/")
        mount.parent.mkdir(parents=True, exist_ok=True)
        mount.symlink_to(directory, target_is_directory=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(root)))
    server.daemon_threads = True
    server.lock, server.sent_bytes = threading.Lock(), 0
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return _Site(f"http://127.0.0.1:{server.server_port}{base_path.rstrip('/')}/", server)


def _base_path() -> str:
    import notebooks

    return urlsplit(notebooks.mkdocs_config()["site_url"]).path or "/"


@pytest.fixture(scope="session")
def site_server(built_site, tmp_path_factory):
    site = _start_server(built_site, _base_path(), tmp_path_factory.mktemp("serve"))
    yield site
    site.stop()


def _site_pages(site: Path) -> list[str]:
    """빌드된 사이트의 모든 페이지 주소 (사이트 기준 상대 주소, 홈은 "")."""
    pages = []
    for html in site.rglob("index.html"):
        rel = html.parent.relative_to(site).as_posix()
        if rel.startswith("assets"):
            continue
        pages.append("" if rel == "." else rel + "/")
    pages.sort(key=lambda p: (not p == "", p.startswith("notebooks/"), p))
    if (site / "404.html").exists():
        pages.append("404.html")
    return pages


def _nav_pages() -> list[str]:
    """mkdocs.yml의 nav에 있는 페이지의 사이트 주소."""
    import notebooks

    out = []

    def walk(items):
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(value, list):
                walk(value)
            elif isinstance(value, str) and value.endswith(".md"):
                out.append("" if value == "index.md" else value.removesuffix("index.md").removesuffix(".md").rstrip("/") + "/")

    walk(notebooks.mkdocs_config()["nav"])
    return out


# ---------------------------------------------------------------- 페이지 방문 (세션에 한 번)


@dataclass
class Visit:
    path: str
    status: int | None = None
    console_errors: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    bytes: int = 0
    requests: int = 0
    load_ms: float = 0.0
    ready_ms: float = 0.0
    features: dict = field(default_factory=dict)
    problems: dict = field(default_factory=dict)
    tooltip: str | None = None  # 문제
    tab_click: str | None = None  # 문제
    light: dict = field(default_factory=dict)
    dark: dict = field(default_factory=dict)
    dark_problem: str | None = None
    phone: dict = field(default_factory=dict)
    crash: str | None = None


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about", "chrome-error") or parts.hostname in LOCAL_HOSTS


def _short(url: str, base: str) -> str:
    return url[len(base) :] if url.startswith(base) else url


def _check_tooltip(page, visit: Visit, target: dict):
    """용어에 마우스를 올리면 Material의 툴팁이 그 설명을 보여 주어야 합니다 (target: 화면 안으로 옮긴 첫 용어)."""
    head = target["title"].split(" — ")[0].strip()
    page.mouse.move(1, 1)
    page.mouse.move(target["x"], target["y"])
    try:
        page.wait_for_function(
            """t => { const e = document.querySelector('.md-tooltip2--active, .md-tooltip--active');
                     return !!e && e.getBoundingClientRect().height > 0 && e.innerText.includes(t); }""",
            arg=head,
            timeout=3000,
        )
    except Exception:
        shown = page.evaluate(
            "(document.querySelector('.md-tooltip2--active, .md-tooltip--active') || {}).innerText || null"
        )
        visit.tooltip = f"용어 '{target['text']}'에 마우스를 올려도 설명 툴팁이 나타나지 않습니다 (보인 것: {shown!r})"
    page.mouse.move(1, 1)


def _check_tab_click(page, visit: Visit):
    """첫 탭 세트의 두 번째 라벨을 누르면 두 번째 블록만 보여야 합니다."""
    labels = page.locator(".md-content .tabbed-set:has(> .tabbed-labels > label ~ label) > .tabbed-labels > label")
    labels.nth(1).click(timeout=3000)
    shown = page.evaluate(
        """() => { const s = document.querySelector('.md-content .tabbed-set:has(> .tabbed-labels > label ~ label)');
              return [...s.querySelectorAll(':scope > .tabbed-content > .tabbed-block')]
                .map(b => getComputedStyle(b).display !== 'none' && b.getBoundingClientRect().height > 0); }"""
    )
    if shown[:2] != [False, True] or sum(shown) != 1:
        visit.tab_click = f"두 번째 탭을 눌렀는데 블록 표시가 {shown}입니다 (두 번째만 보여야 함)"


def _toggle_dark(page, visit: Visit):
    """헤더의 테마 버튼을 눌러 어두운 테마(slate)로 바꿉니다."""
    try:
        page.locator("form[data-md-component=palette] label.md-header__button:not([hidden])").first.click(timeout=3000)
    except Exception:
        visit.dark_problem = "헤더에 테마 전환 버튼이 없거나 누를 수 없습니다"
        return
    try:
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'", timeout=3000)
    except Exception:
        visit.dark_problem = (
            "테마 버튼을 눌러도 body의 data-md-color-scheme이 'slate'가 되지 않습니다 "
            f"({page.evaluate('document.body.getAttribute(`data-md-color-scheme`)')!r})"
        )
        return
    page.mouse.move(1, 1)  # 버튼의 툴팁을 치웁니다
    visit.dark = page.evaluate(_JS_CONTRAST)


class _Tab:
    """세션 내내 다시 쓰는 브라우저 탭 하나. 이벤트는 지금 검사 중인 페이지(visit)에 기록합니다.
    서버가 Cache-Control: no-store로 보내므로 탭을 다시 써도 페이지마다 빈 캐시로 엽니다."""

    def __init__(self, browser, site: _Site):
        self.browser, self.site = browser, site
        self.visit: Visit | None = None
        self._open()

    def _open(self):
        base = self.site.url
        self.context = self.browser.new_context(
            viewport=DESKTOP, locale="ko-KR", color_scheme="light", service_workers="block"
        )
        page = self.page = self.context.new_page()
        on = lambda event, fn: page.on(event, lambda x: self.visit is not None and fn(self.visit, x))  # noqa: E731
        on("console", lambda v, m: m.type == "error" and v.console_errors.append(f"console.error: {m.text[:200]}"))
        on("pageerror", lambda v, e: v.console_errors.append(f"JS 예외: {str(e)[:200]}"))
        on("request", lambda v, r: _is_local(r.url) or v.external.append(r.url))
        on("requestfailed", lambda v, r: _is_local(r.url) and v.failed.append(f"{_short(r.url, base)}: {r.failure}"))
        on("response", lambda v, r: r.status >= 400 and v.failed.append(f"{_short(r.url, base)}: HTTP {r.status}"))
        on("requestfinished", lambda v, r: r.url.startswith(base) and setattr(v, "requests", v.requests + 1))

    def reset(self):
        """검사가 도중에 실패한 뒤에는 탭을 새로 엽니다."""
        self.context.close()
        self._open()

    def close(self):
        self.context.close()


def _visit(tab: _Tab, path: str, shots: Path | None) -> Visit:
    site, page = tab.site, tab.page
    visit = tab.visit = Visit(path)
    page.set_viewport_size(DESKTOP)
    sent_before = site.sent_bytes()
    try:
        started = time.perf_counter()
        # 검색 색인(Material의 웹 워커가 받음)까지 받아야 첫 방문의 전송량이 다 셈해집니다.
        with page.expect_event(
            "requestfinished", lambda r: r.url.endswith("/search/search_index.json"), timeout=10_000
        ) as index_loaded:
            response = page.goto(site.url + path, wait_until="load", timeout=15_000)
        index_loaded.value
        visit.status = response.status if response else None
        page.evaluate("document.fonts.ready.then(() => true)")  # KaTeX 글꼴
        visit.ready_ms = (time.perf_counter() - started) * 1000
        visit.load_ms = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
        name = SCREENSHOT_PAGES.get(path)
        if shots and name:
            page.screenshot(path=str(shots / f"{name}-desktop-light.png"))
        result = page.evaluate(_JS_FEATURES)
        visit.features, visit.problems = result["features"], result["problems"]
        visit.light = page.evaluate(_JS_CONTRAST)
        if result["abbr_target"]:
            _check_tooltip(page, visit, result["abbr_target"])
        if visit.features.get("tabs"):
            _check_tab_click(page, visit)
        _toggle_dark(page, visit)
        if shots and name:
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=str(shots / f"{name}-desktop-dark.png"))
        page.set_viewport_size(PHONE)
        visit.phone = page.evaluate(_JS_PHONE)
        if shots and name:
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=str(shots / f"{name}-phone-dark.png"))
        page.evaluate("localStorage.clear(); sessionStorage.clear()")  # 다음 페이지는 다시 밝은 테마로
    except Exception as e:  # 한 페이지가 망가져도 나머지 페이지는 계속 봅니다
        visit.crash = f"{type(e).__name__}: {str(e).splitlines()[0][:300]}"
        tab.reset()
    finally:
        visit.bytes = site.sent_bytes() - sent_before
        tab.visit = None
    return visit


@pytest.fixture(scope="session")
def visits(browser, site_server, built_site, request) -> dict[str, Visit]:
    shots = SCREENSHOTS
    shutil.rmtree(shots, ignore_errors=True)
    shots.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    tab = _Tab(browser, site_server)
    try:
        result = {path: _visit(tab, path, shots) for path in _site_pages(built_site)}
    finally:
        tab.close()
    report = _report(request.config)
    report.visits, report.sweep_s, report.shots = result, time.perf_counter() - started, shots
    return result


def _problems(visits: dict[str, Visit], check) -> list[str]:
    """페이지마다 check(visit)가 돌려준 문제를 "페이지: 문제" 줄로 모읍니다. 방문 자체가 실패한 페이지도 넣습니다."""
    out = []
    for path, visit in visits.items():
        name = path or "(홈)"
        if visit.crash:
            out.append(f"{name}: 페이지를 검사하지 못했습니다: {visit.crash}")
            continue
        out += [f"{name}: {p}" for p in check(visit) or []]
    return out


def _fail_if(problems: list[str], title: str):
    if problems:
        pytest.fail(title + "\n" + "\n".join(problems[:60]), pytrace=False)


# ---------------------------------------------------------------- 출력 끝의 요약 (-s 없이도 보임)


class _Report:
    def __init__(self):
        self.visits: dict[str, Visit] = {}
        self.sweep_s = 0.0
        self.search: list[tuple[str, str, int | None, list[str]]] = []
        self.search_s = 0.0
        self.shots: Path | None = None

    def pytest_terminal_summary(self, terminalreporter):
        tr = terminalreporter
        if not self.visits and not self.search:
            return
        tr.section("브라우저 검사 측정값")
        if self.visits:
            rows = sorted(self.visits.values(), key=lambda v: -v.bytes)
            tr.write_line(f"{'페이지':<48} {'KB':>7} {'요청':>4} {'load ms':>8} {'준비 ms':>8}")
            for v in rows:
                tr.write_line(
                    f"{(v.path or '(홈)'):<48} {v.bytes / 1000:>7.0f} {v.requests:>4} {v.load_ms:>8.0f} {v.ready_ms:>8.0f}"
                    + (f"  검사 실패: {v.crash[:60]}" if v.crash else "")
                )
            tr.write_line(
                f"한도: 페이지당 {MAX_PAGE_BYTES / 1e6:.1f} MB, load {MAX_LOAD_MS / 1000:.0f} 초 · "
                f"페이지 {len(rows)}개 방문에 {self.sweep_s:.1f} 초"
            )
        if self.search:
            tr.write_line("")
            tr.write_line(f"검색 질의 (상위 {TOP_N}개 페이지 안의 순위) · {self.search_s:.1f} 초")
            for query, expected, rank, top in self.search:
                tr.write_line(f"  {query:<20} → {expected:<40} {('순위 ' + str(rank)) if rank else '없음!'}")
        if self.shots:
            tr.write_line("")
            tr.write_line(f"스크린숏: {self.shots}")
            if any(v.features.get("hangul_font") is False for v in self.visits.values()):
                tr.write_line(
                    "  주의: 이 컴퓨터에 한글 글꼴이 없어 스크린숏의 한글이 네모로 보입니다 (apt-get install fonts-nanum)"
                )


def _report(config) -> _Report:
    plugin = config.pluginmanager.get_plugin("browser-report")
    if plugin is None:
        plugin = _Report()
        config.pluginmanager.register(plugin, "browser-report")
    return plugin


# ---------------------------------------------------------------- 페이지마다


def test_every_page_was_opened(visits):
    missing = [p for p in _nav_pages() if p not in visits]
    assert not missing, f"nav에 있는데 빌드된 사이트에 없는 페이지: {missing}"
    _fail_if(
        _problems(visits, lambda v: [] if v.status == 200 else [f"HTTP {v.status}"]),
        "열리지 않은 페이지:",
    )


def test_no_console_errors(visits):
    _fail_if(_problems(visits, lambda v: v.console_errors), "콘솔 오류가 난 페이지:")


def test_no_request_to_other_hosts(visits):
    _fail_if(_problems(visits, lambda v: [f"다른 호스트로 요청: {u}" for u in v.external]), "다른 호스트에 요청한 페이지:")


def test_every_request_succeeds(visits):
    _fail_if(_problems(visits, lambda v: v.failed), "실패한 요청 (없는 파일 따위):")


def test_math_is_rendered_by_katex(visits):
    _fail_if(_problems(visits, lambda v: v.problems["math"]), "수식이 그려지지 않은 페이지:")
    assert any(v.features.get("math") for v in visits.values()), "수식이 있는 페이지가 하나도 없습니다 (검사가 헛돎)"


def test_code_blocks_have_copy_buttons(visits):
    _fail_if(_problems(visits, lambda v: v.problems["copy"]), "코드 복사 버튼 문제:")
    assert any(v.features.get("code") for v in visits.values()), "코드 블록이 있는 페이지가 하나도 없습니다"


def test_admonitions_are_visible(visits):
    _fail_if(_problems(visits, lambda v: v.problems["admonitions"]), "애드모니션 문제:")


def test_tabs_switch(visits):
    _fail_if(_problems(visits, lambda v: v.problems["tabs"] + ([v.tab_click] if v.tab_click else [])), "탭 문제:")


def test_glossary_tooltips_appear_on_hover(visits):
    _fail_if(_problems(visits, lambda v: [v.tooltip] if v.tooltip else []), "용어 툴팁 문제:")
    assert any(v.features.get("abbr") for v in visits.values()), "용어 툴팁이 있는 페이지가 하나도 없습니다"


def test_images_and_figures_render(visits):
    _fail_if(_problems(visits, lambda v: v.problems["images"] + v.problems["figures"]), "그림 문제:")


def test_text_is_readable_in_light_and_dark_mode(visits):
    def check(v: Visit):
        out = [v.dark_problem] if v.dark_problem else []
        for mode, result in (("밝은", v.light), ("어두운", v.dark)):
            for s in result.get("samples", []):
                need = MIN_CONTRAST_TEXT if s["kind"] == "text" else MIN_CONTRAST_LARGE
                if s["ratio"] < need:
                    out.append(f"{mode} 테마에서 글자 대비 {s['ratio']:.2f} < {need} ({s['sel']}: {s['text']!r})")
        return out

    _fail_if(_problems(visits, check), "테마 문제:")


def test_phone_width_has_no_horizontal_scroll(visits):
    def check(v: Visit):
        ph = v.phone
        out = []
        if ph["docWidth"] > ph["width"] + 1:
            out.append(f"폭 {ph['width']}px 화면에서 문서 폭이 {ph['docWidth']}px (가로 스크롤)")
        out += [f"폭 {ph['width']}px에서 넘치는 본문: {b}" for b in ph["bad"]]
        return out

    _fail_if(_problems(visits, check), "휴대폰 화면 문제:")


def _budget_problems(v: Visit, max_bytes: int = MAX_PAGE_BYTES, max_ms: float = MAX_LOAD_MS) -> list[str]:
    out = []
    if v.bytes > max_bytes:
        out.append(f"전송량 {v.bytes / 1e6:.2f} MB > {max_bytes / 1e6:.1f} MB")
    if v.load_ms > max_ms:
        out.append(f"로드 {v.load_ms:.0f} ms > {max_ms:.0f} ms")
    if v.bytes == 0 or v.load_ms <= 0:
        out.append("전송량이나 로드 시간을 재지 못했습니다")
    return out


def test_page_weight_and_load_time_budgets(visits):
    _fail_if(_problems(visits, _budget_problems), "예산 초과 (측정값 표는 출력 끝에):")


# ---------------------------------------------------------------- 노트북


def _get(url: str) -> bytes:
    with urlopen(url, timeout=10) as r:
        return r.read()


def test_notebook_pages_show_outputs_and_right_links(visits, site_server):
    import nbformat

    import notebooks

    repo = notebooks.mkdocs_config()["extra"]["github_repo"]
    pages = {p.stem for p in notebooks.hands_on_pages() if notebooks.notebook_path(p).exists()}
    problems = []
    for stem in sorted(pages):
        colab = f"https://colab.research.google.com/github/{repo}/blob/main/examples/{stem}.ipynb"
        nb_file = notebooks.EXAMPLES / f"{stem}.ipynb"
        nb = nbformat.read(nb_file, as_version=4)
        with_output = sum(1 for c in nb.cells if c.cell_type == "code" and c.get("outputs"))
        # 노트북 페이지: 출력이 그려지고, 내려받기 링크는 바로 그 .ipynb, Colab 링크는 저장소의 그 파일
        nb_page = visits.get(f"notebooks/{stem}/")
        if nb_page is None or nb_page.crash:
            problems.append(f"notebooks/{stem}/: 노트북 페이지를 열지 못했습니다")
        else:
            f = nb_page.features
            if f.get("nb_cells_with_output", 0) != with_output or not f.get("notebook"):
                problems.append(
                    f"notebooks/{stem}/: 노트북에서 출력이 있는 셀은 {with_output}개인데 페이지에는 {f.get('nb_cells_with_output', 0)}개"
                )
            problems += [f"notebooks/{stem}/: {p}" for p in nb_page.problems["notebook"]]
            problems += _link_problems(f"notebooks/{stem}/", f.get("nb_links", []), nb_file, colab, site_server.url, None)
        # 절 페이지 끝의 노트북 링크 셋
        page = visits.get(f"ch14/{stem}/")
        if page is not None and not page.crash:
            problems += _link_problems(
                f"ch14/{stem}/", page.features.get("nb_links", []), nb_file, colab, site_server.url, f"notebooks/{stem}/"
            )
    assert pages, "노트북이 있는 페이지가 하나도 없습니다"
    _fail_if(problems, "노트북 페이지·링크 문제:")


def _link_problems(where, links, nb_file: Path, colab: str, base: str, nb_page: str | None) -> list[str]:
    out = []
    downloads = [a for a in links if a["download"]]
    if len(downloads) != 1:
        out.append(f"{where}: 내려받기 링크가 {len(downloads)}개")
    for a in downloads:
        if not a["href"].startswith(base) or unquote(urlsplit(a["href"]).path).rsplit("/", 1)[-1] != nb_file.name:
            out.append(f"{where}: 내려받기 링크가 {nb_file.name}가 아님: {a['href']}")
        elif _get(a["href"]) != nb_file.read_bytes():
            out.append(f"{where}: 내려받은 파일이 examples/{nb_file.name}와 다름: {a['href']}")
    colabs = [a["href"] for a in links if "colab.research.google.com" in a["href"]]
    if colabs != [colab]:
        out.append(f"{where}: Colab 링크 {colabs} ≠ {colab}")
    if nb_page is not None:
        views = [a["href"] for a in links if not a["download"] and a["href"].startswith(base)]
        if views != [base + nb_page]:
            out.append(f"{where}: '노트북으로 보기' 링크 {views} ≠ {base + nb_page}")
    return out


# ---------------------------------------------------------------- 코드 복사 (한 페이지에서 실제로 눌러 봄)


def test_copy_button_copies_the_code(browser, site_server, visits):
    path = next((p for p, v in visits.items() if v.features.get("code") and not v.crash), None)
    assert path is not None, "코드 블록이 있는 페이지가 없습니다"
    context = browser.new_context(viewport=DESKTOP, locale="ko-KR")
    try:
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        page = context.new_page()
        page.goto(site_server.url + path, wait_until="load")
        code = page.locator(".md-content pre > code").first
        expected = code.inner_text()
        block = page.locator(".md-content div.highlight").first
        block.hover()
        block.locator("[data-md-type=copy], .md-clipboard").first.click()
        copied = page.evaluate("navigator.clipboard.readText()")
    finally:
        context.close()
    assert copied.strip() == expected.strip(), f"{path}: 복사된 글이 코드와 다릅니다:\n{copied[:200]!r}\n≠\n{expected[:200]!r}"


# ---------------------------------------------------------------- 검색


def _type_like_a_reader(page, cdp, text: str):
    """한 글자씩 입력합니다. 영문·숫자·기호는 보통 키 입력으로, 한글은 한국어 입력기(IME)가 하는 것처럼
    keydown(Process, 229) → 글자 삽입 → keyup으로 보냅니다. (Material은 keyup 때 검색하므로, keyup 없는
    글자 삽입만으로는 독자의 입력과 달라집니다.)"""
    for ch in text:
        if ch.isascii():
            page.keyboard.type(ch)
        else:
            key = {"key": "Process", "code": "", "windowsVirtualKeyCode": 229, "nativeVirtualKeyCode": 229}
            cdp.send("Input.dispatchKeyEvent", {"type": "rawKeyDown", **key})
            cdp.send("Input.insertText", {"text": ch})
            cdp.send("Input.dispatchKeyEvent", {"type": "keyUp", **key})


@pytest.fixture(scope="session")
def search_results(browser, site_server, request) -> dict[str, list[str]]:
    """홈에서 검색 상자를 눌러 질의를 하나씩 입력하고(지우고 다시 입력), 결과 페이지 주소를 순서대로 모읍니다."""
    context = browser.new_context(viewport=DESKTOP, locale="ko-KR", color_scheme="light")
    # Material은 검색어를 웹 워커에 보내고({type: 2, data: 입력값}) 결과({type: 3})를 받습니다. 그 주고받음을 세어,
    # 마지막으로 입력한 질의의 결과가 돌아와 그려진 뒤에 결과를 읽습니다 (중간 글자의 결과를 읽지 않도록).
    context.add_init_script(
        """(() => { const W = window.Worker; window.__search = {asked: 0, answered: 0, last: null};
        window.Worker = class extends W {
          constructor(...a) { super(...a); this.addEventListener('message', e => { if (e.data && e.data.type === 3) window.__search.answered++; }); }
          postMessage(m, ...r) { if (m && m.type === 2) { window.__search.asked++; window.__search.last = m.data; } return super.postMessage(m, ...r); }
        }; })()"""
    )
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    results: dict[str, list[str]] = {}
    started = time.perf_counter()
    try:
        page.goto(site_server.url, wait_until="load")
        meta = page.locator(".md-search-result__meta")
        page.wait_for_function(
            "document.querySelector('.md-search-result__meta').textContent.trim() !== '검색 초기화'", timeout=10_000
        )
        page.locator("input.md-search__input").click()
        initial = meta.inner_text().strip()  # "검색어를 입력하세요"
        # 결과 목록이 바뀐 마지막 시각을 기록해, 결과가 멈출 때까지 기다립니다.
        page.evaluate(
            """() => { window.__searchChanged = performance.now();
            new MutationObserver(() => { window.__searchChanged = performance.now(); })
              .observe(document.querySelector('.md-search-result'), {childList: true, subtree: true, characterData: true}); }"""
        )
        for query, _, _ in QUERIES:
            page.keyboard.press("Control+A")
            page.keyboard.press("Backspace")
            page.wait_for_function(f"document.querySelector('.md-search-result__meta').textContent.trim() === {json.dumps(initial)}")
            _type_like_a_reader(page, cdp, query)
            page.wait_for_function(
                """q => window.__search.last === q && window.__search.asked === window.__search.answered
                       && performance.now() - window.__searchChanged > 200""",
                arg=query,
                timeout=10_000,
            )
            hrefs = page.evaluate(
                """() => [...document.querySelectorAll('.md-search-result__item')]
                       .map(li => li.querySelector('a.md-search-result__link')).filter(Boolean)
                       .map(a => new URL(a.href).pathname)"""
            )
            base_path = urlsplit(site_server.url).path
            results[query] = [h[len(base_path) :] if h.startswith(base_path) else h for h in hrefs]
    finally:
        context.close()
    report = _report(request.config)
    report.search_s = time.perf_counter() - started
    for query, expected, _ in QUERIES:
        top = results.get(query, [])[:TOP_N]
        report.search.append((query, expected, top.index(expected) + 1 if expected in top else None, top))
    return results


def test_search_box_finds_the_teaching_page(search_results):
    misses = []
    for query, expected, kind in QUERIES:
        top = search_results.get(query, [])[:TOP_N]
        if expected not in top:
            misses.append(f"{query!r} ({kind}): {expected}가 상위 {TOP_N}개에 없음. 결과: {top}")
    assert len(QUERIES) >= 10
    _fail_if(misses, "검색 상자에 입력한 질의가 가르치는 페이지를 찾지 못했습니다:")


# ---------------------------------------------------------------- 검사 자체의 검사


def test_checks_catch_a_broken_page(browser, built_site, tmp_path):
    """일부러 망가뜨린 페이지를 같은 방법으로 열어, 위의 검사들이 정말 문제를 잡는지 봅니다 (헛도는 검사 방지)."""
    broken = tmp_path / "site"
    shutil.copytree(built_site, broken)
    page = broken / "ch14" / "14-02-convolutional-layers" / "index.html"
    html = page.read_text(encoding="utf-8")
    for old, new in [
        # 수식을 그리는 스크립트를 빼면 \( \)가 날것으로 남습니다
        ('<script src="../../assets/javascripts/katex-init.js"></script>', ""),
        # 복사 버튼과 툴팁 기능을 끕니다
        ('"content.code.copy", ', ""),
        ('"content.tooltips", ', ""),
        (
            "</article>",
            '<script>console.error("일부러 낸 오류")</script>'
            '<img src="https://example.com/x.png" alt="외부 그림"><img src="missing.png" alt="없는 그림">'
            '<p><span style="display:inline-block;width:900px">화면보다 넓은 글</span></p>'
            '<div class="admonition note" style="visibility:hidden"><p class="admonition-title">숨은 상자</p></div>'
            '<div class="tabbed-set tabbed-alternate"><div class="tabbed-labels"><label>가</label><label>나</label></div>'
            '<div class="tabbed-content"><div class="tabbed-block"><p>가</p></div><div class="tabbed-block"><p>나</p></div></div></div>'
            "<style>[data-md-color-scheme=slate] .md-typeset p { color: #2a2a33 !important }</style></article>",
        ),
    ]:
        assert old in html, f"망가뜨릴 곳을 찾지 못했습니다 (빌드 결과가 바뀜?): {old}"
        html = html.replace(old, new, 1)
    page.write_text(html, encoding="utf-8")

    site = _start_server(broken, _base_path(), tmp_path / "serve")
    tab = _Tab(browser, site)
    try:
        v = _visit(tab, "ch14/14-02-convolutional-layers/", None)
    finally:
        tab.close()
        site.stop()
    assert v.crash is None, v.crash
    dark_low = [s for s in v.dark.get("samples", []) if s["kind"] == "text" and s["ratio"] < MIN_CONTRAST_TEXT]
    caught = {
        "콘솔 오류": any("일부러 낸 오류" in e for e in v.console_errors),
        "외부 요청": any("example.com" in u for u in v.external),
        "실패한 요청": any("missing.png" in f for f in v.failed),
        "수식": bool(v.problems["math"]),
        "복사 버튼": bool(v.problems["copy"]),
        "툴팁": v.tooltip is not None,
        "그림": any("missing.png" in p for p in v.problems["images"]),
        "애드모니션": bool(v.problems["admonitions"]),
        "탭": bool(v.problems["tabs"]) and v.tab_click is not None,
        "어두운 테마 대비": bool(dark_low),
        "휴대폰 폭": bool(v.phone.get("bad")),
        "예산": bool(_budget_problems(v, max_bytes=1000, max_ms=0.001)),
    }
    missed = [name for name, ok in caught.items() if not ok]
    assert not missed, f"망가뜨린 페이지에서 잡지 못한 문제: {missed}\n{v}"
