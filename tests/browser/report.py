"""출력 끝의 측정값 표 (-s 없이도 보임): 페이지마다 전송량·요청 수·로드 시간, 검색 질의의 순위, 스크린숏 경로."""

from __future__ import annotations

from pathlib import Path

from search_queries import TOP_N

from . import axe
from .sweep import MAX_LOAD_MS, MAX_PAGE_BYTES, Visit


class Report:
    def __init__(self):
        self.visits: dict[str, Visit] = {}
        self.sweep_s = 0.0
        self.search: list[tuple[str, str, int | None, list[str]]] = []
        self.search_s = 0.0
        self.shots: Path | None = None
        self.printed: tuple[int, int] | None = None  # (A4로 어림한 쪽수, 절 수)

    def pytest_terminal_summary(self, terminalreporter):
        tr = terminalreporter
        if not self.visits and not self.search and not self.printed:
            return
        tr.section("브라우저 검사 측정값")
        if self.visits:
            rows = sorted(self.visits.values(), key=lambda v: -v.bytes)
            tr.write_line(f"{'페이지':<48} {'KB':>7} {'요청':>4} {'load ms':>8} {'준비 ms':>8}")
            for v in rows:
                tr.write_line(
                    f"{(v.path or '(홈)'):<48} {v.bytes / 1000:>7.0f} {v.requests:>4} {v.load_ms:>8.0f} {v.ready_ms:>8.0f}"
                    + (f"  다시 잰 load {v.load_retry_ms:.0f} ms" if v.load_retry_ms is not None else "")
                    + (f"  검사 실패: {v.crash[:60]}" if v.crash else "")
                )
            tr.write_line(
                f"한도: 페이지당 {MAX_PAGE_BYTES / 1e6:.1f} MB, load {MAX_LOAD_MS / 1000:.0f} 초 "
                f"(넘으면 한 번 더 잼) · 페이지 {len(rows)}개 방문에 {self.sweep_s:.1f} 초"
            )
            audited = [v for v in rows if v.axe]
            tr.write_line(
                f"axe 접근성 감사: 페이지 {len(audited)}개, 그 가운데 색 규칙까지 두 테마로 "
                f"{sum(axe.DARK in v.axe for v in audited)}개, "
                f"방문 중 {sum(v.axe_ms for v in rows) / 1000:.1f} 초"
            )
        if self.search:
            tr.write_line("")
            tr.write_line(f"검색 질의 (상위 {TOP_N}개 페이지 안의 순위) · {self.search_s:.1f} 초")
            for query, expected, rank, top in self.search:
                tr.write_line(f"  {query:<20} → {expected:<40} {('순위 ' + str(rank)) if rank else '없음!'}")
        if self.printed:
            pages, sections = self.printed
            tr.write_line("")
            tr.write_line(f"인쇄용 14장 전체: 절 {sections}개, A4로 어림한 쪽수 {pages}쪽")
        if self.shots:
            tr.write_line("")
            tr.write_line(f"스크린숏: {self.shots}")
            if any(v.features.get("hangul_font") is False for v in self.visits.values()):
                tr.write_line(
                    "  주의: 이 컴퓨터에 한글 글꼴이 없어 스크린숏의 한글이 네모로 보입니다 (apt-get install fonts-nanum)"
                )


def report(config) -> Report:
    """세션에 하나인 보고 플러그인 (처음 부를 때 등록)."""
    plugin = config.pluginmanager.get_plugin("browser-report")
    if plugin is None:
        plugin = Report()
        config.pluginmanager.register(plugin, "browser-report")
    return plugin
