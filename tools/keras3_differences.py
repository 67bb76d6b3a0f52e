"""모든 절의 "Keras 3" 상자(`!!! info "Keras 3"`, 접힌 `??? info "Keras 3"`도)를 모아 "Keras 3와 책의 차이"
페이지의 목록을 만듭니다.

상자는 각 절에만 쓰고(유일한 출처), 모음 페이지(docs/keras3.md)는 빌드할 때 hooks.py가 이 모듈로 채웁니다.
상자는 페이지 모델(tools/page.py)이 찾습니다.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import page as page_model

TITLE = "Keras 3"
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
    for path in pages:
        pg = page_model.load(path)
        for box in pg.admonitions:
            if box.title != TITLE:
                continue
            heading = pg.heading_before(box.line)
            found.append(Difference(pg.path, pg.title, heading.text if heading else pg.title,
                                    heading.anchor if heading else None, box.body))
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
        target = os.path.relpath(d.page, from_dir).replace(os.sep, "/") + (f"#{d.anchor}" if d.anchor else "")
        where = d.page_title if d.heading == d.page_title else f"{d.page_title} › {d.heading}"
        out.append(f"### [{where}]({target}) {{ #difference-{n} }}\n\n{_relink(d.body, d.page, from_dir)}\n")
    return "\n".join(out) if out else "아직 모은 차이가 없습니다.\n"
