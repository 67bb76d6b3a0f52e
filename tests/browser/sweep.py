"""페이지 방문: 모든 페이지를 한 탭에서 차례로 한 번씩 열고, 한 번의 방문에서 모든 것을 잽니다.

탭 하나를 다시 쓰지만 서버가 Cache-Control: no-store로 보내므로 페이지마다 빈 캐시로 여는 셈입니다
(전송량을 재는 기준). 한 방문에서 하는 일: 콘솔 오류·다른 호스트 요청·실패한 요청 기록, 전송량과 로드 시간,
기능 세기와 문제 모으기(probes/features.js), 글자 대비(probes/contrast.js), 용어 툴팁에 마우스 올리기,
두 번째 탭 누르기, 어두운 테마로 바꿔 다시 대비 재기(노트북 페이지는 axe.COLOUR_NOTEBOOKS의 둘만), 폭 375px에서
가로 넘침(probes/phone.js), 스크린숏,
마지막으로 axe 접근성 감사(axe.py: 색 규칙 밖의 모든 규칙, 그리고 색 조합마다 요소 둘만 남겨 어두운 테마와 밝은
테마에서 색 규칙. DOM을 줄이므로 스크린숏 뒤에). 인쇄용 페이지는 밝은 대비까지 잰 뒤 A4 폭의 인쇄 배치를 재고
끝냅니다(test_print.py).
검사(test_*.py)는 그 결과(Visit)만 읽습니다.
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from project import BUILD, PRINT_PAGE, mkdocs_config

from . import axe

PROBES = Path(__file__).parent / "probes"

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}

# 예산 (여유를 둔 한도). 측정값은 출력 끝의 표에 나옵니다.
MAX_PAGE_BYTES = 3_000_000  # 빈 캐시로 한 페이지를 열 때 받는 모든 것 (HTML, CSS, JS, 글꼴, 그림, 검색 색인): 정확히 잼
# 인쇄용 14장 전체 페이지는 13개 절의 모든 그림을 한 번에 받습니다: 따로 한도를 둡니다
MAX_PRINT_PAGE_BYTES = 10_000_000  # 인쇄용 14장 전체: 지금 약 8.6 MB
MAX_PRINT_LOAD_MS = 15_000  # 같은 까닭으로 로드도 깁니다 (지금 7초쯤)
# 탐색 시작부터 load 이벤트 끝까지. 조용한 컴퓨터에서 가장 느린 페이지가 1.7초쯤이므로, 컴퓨터가 두 배로 바빠도
# 버티도록 여유를 둡니다. 넘은 페이지는 훑기가 끝난 뒤 한 번 더 재고 빠른 쪽을 씁니다 (순간적인 부하로 실패하지 않도록).
MAX_LOAD_MS = 5_000
MIN_CONTRAST_TEXT = 4.5  # WCAG AA 본문
MIN_CONTRAST_LARGE = 3.0  # 큰 글자(제목)와 코드 강조 색
# 툴팁·탭·테마 버튼을 기다리는 한도. 통과할 때는 기다리지 않으므로 넉넉하게 둡니다 (부하가 걸린 컴퓨터에서도).
WAIT_MS = 6_000


def load_limit_ms(path: str) -> float:
    """그 페이지의 로드 한도 (인쇄용 페이지는 MAX_PRINT_LOAD_MS)."""
    return MAX_PRINT_LOAD_MS if path == PRINT_PAGE else MAX_LOAD_MS


def open_timeout_ms(path: str) -> float:
    """페이지를 열며(load 이벤트와 검색 색인) 기다리는 한도: 로드 한도의 세 배. 한도를 넘은 로드는 예외 대신
    로드 시간으로 재서 예산 검사가 알리도록 넉넉하게 둡니다 (인쇄용 페이지는 수식을 모두 그린 뒤에야 검색 색인을
    받으므로, 바쁜 컴퓨터에서 10초를 넘긴 적이 있습니다)."""
    return 3 * load_limit_ms(path)


NO_TRANSITIONS = """() => { const style = document.createElement('style');
  style.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';
  document.head.appendChild(style); }"""

SCREENSHOTS = BUILD / "screenshots"
# 사람이 눈으로 볼 페이지 (사이트에 있을 때만 찍습니다): 페이지 주소 → 파일 이름 앞부분
SCREENSHOT_PAGES = {
    "": "home",
    "ch14/14-02-convolutional-layers/": "14-02",
    "notebooks/14-05-cnn-architectures/": "notebook-14-05",  # 어두운 테마로도 보는 노트북 페이지 (axe.COLOUR_NOTEBOOKS)
    "glossary/": "glossary",
}
SCREENSHOT_KINDS = ("desktop-light", "desktop-dark", "phone-dark")


@functools.cache
def probe(name: str) -> str:
    """probes/<name>.js(함수 하나)를 probes/helpers.js와 함께 page.evaluate에 넘길 식으로 만듭니다.
    식은 그 함수로 평가되므로 Playwright가 그 함수를 (인자와 함께) 부릅니다."""
    helpers = (PROBES / "helpers.js").read_text(encoding="utf-8")
    body = (PROBES / f"{name}.js").read_text(encoding="utf-8").strip().rstrip(";")
    return f"(() => {{\n{helpers}\nreturn (\n{body}\n);\n}})()"


def script(name: str) -> str:
    """probes/<name>.js를 그대로 (add_init_script용)."""
    return (PROBES / f"{name}.js").read_text(encoding="utf-8")


def small_search_index(context):
    """Material의 검색 워커는 페이지를 열 때마다 검색 색인 전체(약 0.9 MB)로 lunr 색인을 새로 만듭니다 (페이지마다 CPU
    0.5초쯤, 다른 검사와 코어를 나눠 쓰는 동안 그만큼 느려짐). 검색은 test_search.py가 전체 색인으로 검사하므로, 다른
    브라우저 검사의 context에서는 색인 요청을 서버에 그대로 보내 받되(전송량은 그대로 셈, 주소가 틀리면 그대로 실패)
    워커에는 첫 문서 하나만 담은 색인을 건넵니다: 워커는 같은 코드로 돌고 오류가 나면 콘솔에 보입니다."""

    def handle(route):
        response = route.fetch()
        if not response.ok:
            route.fulfill(response=response)
            return
        data = response.json()
        data["docs"] = data["docs"][:1]
        route.fulfill(response=response, json=data)

    context.route("**/search/search_index.json", handle)


# ---------------------------------------------------------------- 어떤 페이지를 여는가


def site_pages(site: Path) -> list[str]:
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


def nav_pages() -> list[str]:
    """mkdocs.yml의 nav에 있는 페이지의 사이트 주소."""
    out = []

    def walk(items):
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(value, list):
                walk(value)
            elif isinstance(value, str) and value.endswith(".md"):
                out.append("" if value == "index.md" else value.removesuffix("index.md").removesuffix(".md").rstrip("/") + "/")

    walk(mkdocs_config()["nav"])
    return out


# ---------------------------------------------------------------- 한 번의 방문


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
    load_retry_ms: float | None = None  # 한도를 넘어 다시 잰 값 (다시 재지 않았으면 None)
    ready_ms: float = 0.0
    features: dict = field(default_factory=dict)
    problems: dict = field(default_factory=dict)
    tooltip: str | None = None  # 문제
    tab_click: str | None = None  # 문제
    light: dict = field(default_factory=dict)
    dark: dict = field(default_factory=dict)
    dark_problem: str | None = None
    phone: dict = field(default_factory=dict)
    shots: list[Path] = field(default_factory=list)
    axe: dict = field(default_factory=dict)  # 감사 실행 이름 → axe 위반 목록 (axe.expected_runs, 검사는 test_a11y.py)
    axe_ms: float = 0.0
    axe_problem: str | None = None
    print_layout: dict = field(default_factory=dict)  # 인쇄용 페이지만: A4 폭 인쇄 매체의 배치 (test_print.py)
    crash: str | None = None

    @property
    def best_load_ms(self) -> float:
        return self.load_ms if self.load_retry_ms is None else min(self.load_ms, self.load_retry_ms)


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about", "chrome-error") or parts.hostname in LOCAL_HOSTS


def _short(url: str, base: str) -> str:
    return url[len(base) :] if url.startswith(base) else url


def _check_tooltip(page, visit: Visit, target: dict, wait_ms: int):
    """용어에 마우스를 올리면 Material의 툴팁이 그 설명을 보여 주어야 합니다 (target: 화면 안으로 옮긴 첫 용어)."""
    head = target["title"].split(" — ")[0].strip()
    page.mouse.move(1, 1)
    page.mouse.move(target["x"], target["y"])
    try:
        page.wait_for_function(probe("tooltip_shown"), arg=head, timeout=wait_ms)
    except Exception:
        shown = page.evaluate("(document.querySelector('.md-tooltip2--active, .md-tooltip--active') || {}).innerText || null")
        visit.tooltip = f"용어 '{target['text']}'에 마우스를 올려도 설명 툴팁이 나타나지 않습니다 (보인 것: {shown!r})"
    page.mouse.move(1, 1)


def _check_tab_click(page, visit: Visit, wait_ms: int):
    """첫 탭 세트의 두 번째 라벨을 누르면 두 번째 블록만 보여야 합니다."""
    labels = page.locator(".md-content .tabbed-set:has(> .tabbed-labels > label ~ label) > .tabbed-labels > label")
    labels.nth(1).click(timeout=wait_ms)
    shown = page.evaluate(probe("tab_blocks"))
    if shown[:2] != [False, True] or sum(shown) != 1:
        visit.tab_click = f"두 번째 탭을 눌렀는데 블록 표시가 {shown}입니다 (두 번째만 보여야 함)"


def _toggle_dark(page, visit: Visit, wait_ms: int):
    """헤더의 테마 버튼을 눌러 어두운 테마(slate)로 바꿉니다. Material은 테마를 바꿀 때 색을 짧게 전환(transition)하므로
    먼저 전환 효과를 끕니다: 중간 색을 재지 않고, 전환이 끝나기를 페이지마다 기다리지 않도록 (바뀐 뒤의 색은 같음)."""
    page.evaluate(NO_TRANSITIONS)
    try:
        page.locator("form[data-md-component=palette] label.md-header__button:not([hidden])").first.click(timeout=wait_ms)
    except Exception:
        visit.dark_problem = "헤더에 테마 전환 버튼이 없거나 누를 수 없습니다"
        return
    try:
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'", timeout=wait_ms)
    except Exception:
        visit.dark_problem = (
            "테마 버튼을 눌러도 body의 data-md-color-scheme이 'slate'가 되지 않습니다 "
            f"({page.evaluate('document.body.getAttribute(`data-md-color-scheme`)')!r})"
        )
        return
    page.mouse.move(1, 1)  # 버튼의 툴팁을 치웁니다
    visit.dark = page.evaluate(probe("contrast"))


A4 = {"width": 794, "height": 1123}  # 210 mm × 297 mm를 CSS px(96 dpi)로


def _print_layout(page) -> dict:
    """열린 인쇄용 페이지를 A4 폭의 인쇄 매체로 바꿔 배치를 잽니다 (probes/print_layout.js와 문서 높이 "height").
    잰 뒤에는 빈 페이지로 떠난 다음 화면 매체와 폭을 되돌립니다: 8 MB짜리 페이지를 화면 폭으로 다시 배치하는 데만
    몇 초가 들기 때문입니다 (이 방문은 여기서 끝남)."""
    page.set_viewport_size(A4)
    page.emulate_media(media="print")
    try:
        layout = page.evaluate(probe("print_layout"))
        layout["height"] = page.evaluate("document.documentElement.scrollHeight")
    finally:
        page.goto("about:blank")
        page.emulate_media(media="null")
        page.set_viewport_size(DESKTOP)
    return layout


class Tab:
    """세션 내내 다시 쓰는 브라우저 탭 하나. 이벤트는 지금 검사 중인 페이지(visit)에 기록합니다.
    서버가 Cache-Control: no-store로 보내므로 탭을 다시 써도 페이지마다 빈 캐시로 엽니다.
    site는 server.CountingServer (url과 sent_bytes())."""

    def __init__(self, browser, site):
        self.browser, self.site = browser, site
        self.visit: Visit | None = None
        self._open()

    def _open(self):
        base = self.site.url
        self.context = self.browser.new_context(
            viewport=DESKTOP, locale="ko-KR", color_scheme="light", service_workers="block"
        )
        small_search_index(self.context)
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


def visit_page(tab: Tab, path: str, shots: Path | None, tooltip_ms: int = WAIT_MS) -> Visit:
    """path를 열어 모든 것을 잽니다. 도중에 실패해도 예외를 던지지 않고 visit.crash에 적습니다.
    tooltip_ms: 툴팁을 기다리는 한도 (툴팁이 없다는 것을 아는 검사에서는 짧게)."""
    site, page = tab.site, tab.page
    visit = tab.visit = Visit(path)
    page.set_viewport_size(DESKTOP)
    sent_before = site.sent_bytes()
    name = SCREENSHOT_PAGES.get(path) if shots else None

    def shoot(kind: str):
        if name:
            if kind != "desktop-light":
                page.evaluate("window.scrollTo(0, 0)")
            file = shots / f"{name}-{kind}.png"
            page.screenshot(path=str(file))
            visit.shots.append(file)

    try:
        started = time.perf_counter()
        # 검색 색인(Material의 웹 워커가 받음)까지 받아야 첫 방문의 전송량이 다 셈해집니다.
        with page.expect_event(
            "requestfinished", lambda r: r.url.endswith("/search/search_index.json"), timeout=open_timeout_ms(path)
        ) as index_loaded:
            response = page.goto(site.url + path, wait_until="load", timeout=open_timeout_ms(path))
        index_loaded.value
        visit.status = response.status if response else None
        page.evaluate("document.fonts.ready.then(() => true)")  # KaTeX 글꼴
        # 본문 그림은 loading="lazy"(무게 예산)라 화면 밖의 그림은 아직 받지 않았습니다: 그림 검사(features.js)가 모든
        # 그림을 보도록 지금 받게 합니다. 전송량에도 모든 그림이 들어갑니다 (예전과 같은 기준).
        page.evaluate(
            "Promise.all([...document.images].map(i => { i.loading = 'eager'; return i.complete ? 0 : "
            "new Promise(r => { i.addEventListener('load', r); i.addEventListener('error', r); }); })).then(() => true)"
        )
        visit.ready_ms = (time.perf_counter() - started) * 1000
        visit.load_ms = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
        shoot("desktop-light")
        result = page.evaluate(probe("features"))
        visit.features, visit.problems = result["features"], result["problems"]
        visit.light = page.evaluate(probe("contrast"))
        if path == PRINT_PAGE:
            # 인쇄용 페이지는 여기서 끝냅니다: 툴팁, 탭, 어두운 테마, 휴대폰 폭, axe 대신 A4 종이 폭의 인쇄 배치를 잽니다.
            # 내용은 13개 절 페이지와 같고, 그 검사들은 절 페이지에서 합니다 (8 MB짜리 페이지를 한 번만 엽니다).
            visit.print_layout = _print_layout(page)
            return visit
        if result["abbr_target"]:
            _check_tooltip(page, visit, result["abbr_target"], tooltip_ms)
        if visit.features.get("tabs"):
            _check_tab_click(page, visit, WAIT_MS)
        both_themes = axe.colour_audited(path)  # 노트북 페이지는 대표 둘만 어두운 테마로도 봅니다 (까닭은 axe.COLOUR_NOTEBOOKS에)
        if both_themes:
            _toggle_dark(page, visit, WAIT_MS)
            shoot("desktop-dark")
        page.set_viewport_size(PHONE)
        visit.phone = page.evaluate(probe("phone"))
        shoot("phone-dark")
        if path not in axe.NOT_AUDITED and not visit.dark_problem:
            page.set_viewport_size(DESKTOP)
            try:  # 감사가 실패해도 이 방문의 다른 측정값은 그대로 둡니다
                visit.axe, visit.axe_ms = axe.audit(page, probe("axe_prepare"), probe("axe_colour_samples"), WAIT_MS,
                                                    colour=both_themes)
            except Exception as e:
                visit.axe_problem = f"{type(e).__name__}: {str(e).splitlines()[0][:200]}"
        page.evaluate("localStorage.clear(); sessionStorage.clear()")  # 다음 페이지는 다시 밝은 테마로
    except Exception as e:  # 한 페이지가 망가져도 나머지 페이지는 계속 봅니다
        visit.crash = f"{type(e).__name__}: {str(e).splitlines()[0][:300]}"
        tab.reset()
    finally:
        visit.bytes = site.sent_bytes() - sent_before
        tab.visit = None
    return visit


def remeasure_load(tab: Tab, visit: Visit):
    """로드 시간만 한 번 더 잽니다 (빈 캐시, 데스크톱, 밝은 테마: 첫 방문과 같은 조건). 이벤트는 기록하지 않습니다."""
    page = tab.page
    try:
        page.set_viewport_size(DESKTOP)
        page.goto(tab.site.url + visit.path, wait_until="load", timeout=open_timeout_ms(visit.path))
        visit.load_retry_ms = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
    except Exception:  # 다시 재지 못하면 첫 값을 씁니다
        tab.reset()


def sweep(tab: Tab, pages: list[str], shots: Path | None) -> dict[str, Visit]:
    """모든 페이지를 차례로 방문하고, 자기 로드 한도를 넘은 페이지는 끝에 한 번 더 잽니다."""
    visits = {path: visit_page(tab, path, shots) for path in pages}
    for v in visits.values():
        if not v.crash and v.load_ms > load_limit_ms(v.path):
            remeasure_load(tab, v)
    return visits


# ---------------------------------------------------------------- 결과 모으기


def problems(visits: dict[str, Visit], check) -> list[str]:
    """페이지마다 check(visit)가 돌려준 문제를 "페이지: 문제" 줄로 모읍니다. 방문 자체가 실패한 페이지도 넣습니다."""
    out = []
    for path, visit in visits.items():
        name = path or "(홈)"
        if visit.crash:
            out.append(f"{name}: 페이지를 검사하지 못했습니다: {visit.crash}")
            continue
        out += [f"{name}: {p}" for p in check(visit) or []]
    return out


def fail_if(found: list[str], title: str):
    if found:
        pytest.fail(title + "\n" + "\n".join(found[:60]), pytrace=False)


def budget_problems(v: Visit, max_bytes: int | None = None, max_ms: float | None = None) -> list[str]:
    """전송량(정확히)과 로드 시간(한도를 넘으면 다시 잰 값과 비교해 빠른 쪽)을 한도와 비교합니다.
    max_bytes, max_ms를 주지 않으면 그 페이지의 한도 (인쇄용 페이지는 MAX_PRINT_PAGE_BYTES, MAX_PRINT_LOAD_MS)."""
    if max_bytes is None:
        max_bytes = MAX_PRINT_PAGE_BYTES if v.path == PRINT_PAGE else MAX_PAGE_BYTES
    if max_ms is None:
        max_ms = load_limit_ms(v.path)
    out = []
    if v.bytes > max_bytes:
        out.append(f"전송량 {v.bytes / 1e6:.2f} MB > {max_bytes / 1e6:.1f} MB")
    if v.best_load_ms > max_ms:
        retry = f", 다시 재도 {v.load_retry_ms:.0f} ms" if v.load_retry_ms is not None else ""
        out.append(f"로드 {v.load_ms:.0f} ms{retry} > {max_ms:.0f} ms")
    if v.bytes == 0 or v.load_ms <= 0:
        out.append("전송량이나 로드 시간을 재지 못했습니다")
    return out
