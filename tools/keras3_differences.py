"""모든 절의 `!!! info "Keras 3"` 상자를 모아 "Keras 3와 책의 차이" 페이지의 목록을 만듭니다.

상자는 각 절에만 쓰고(유일한 출처), 모음 페이지(docs/keras3.md)는 빌드할 때 hooks.py가 이 모듈로 채웁니다.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

BOX = re.compile(r'^!!! info "Keras 3"\s*$')
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{\s*#([\w-]+)\s*\})?\s*$")
MARKER = "<!-- keras3-differences -->"


@dataclass
class Difference:
    page: Path
    page_title: str
    heading: str
    anchor: str | None
    body: str  # 상자 안의 Markdown (들여쓰기를 뺀 것)


def collect(pages: list[Path]) -> list[Difference]:
    found = []
    for page in pages:
        lines = page.read_text(encoding="utf-8").splitlines()
        title, heading, anchor = page.stem, page.stem, None
        in_fence = False
        i = 0
        while i < len(lines):
            line = lines[i]
            if line.startswith("```"):
                in_fence = not in_fence
            m = HEADING.match(line) if not in_fence else None
            if m:
                heading, anchor = m.group(2), m.group(3)
                if len(m.group(1)) == 1:
                    title = heading
            if not in_fence and BOX.match(line):
                body = []
                i += 1
                while i < len(lines) and (lines[i].startswith("    ") or not lines[i].strip()):
                    body.append(lines[i][4:])
                    i += 1
                found.append(Difference(page, title, heading, anchor, "\n".join(body).strip()))
                continue
            i += 1
    return found


LINK = re.compile(r"\]\((?!https?://|mailto:|/)([^)\s]*)\)")


def _relink(body: str, page: Path, from_dir: Path) -> str:
    """상자 안의 상대 링크는 원래 페이지 기준이므로, 모음 페이지 기준으로 고칩니다."""

    def fix(m: re.Match) -> str:
        target = m.group(1)
        path, _, anchor = target.partition("#")
        source = (page.parent / path) if path else page
        new = os.path.relpath(source, from_dir).replace(os.sep, "/")
        return f"]({new}{'#' + anchor if anchor else ''})"

    return LINK.sub(fix, body)


def render(differences: list[Difference], from_dir: Path) -> str:
    out = []
    for n, d in enumerate(differences, 1):
        target = d.page.relative_to(from_dir).as_posix() + (f"#{d.anchor}" if d.anchor else "")
        where = d.page_title if d.heading == d.page_title else f"{d.page_title} › {d.heading}"
        out.append(f"### [{where}]({target}) {{ #difference-{n} }}\n\n{_relink(d.body, d.page, from_dir)}\n")
    return "\n".join(out) if out else "아직 모은 차이가 없습니다.\n"
