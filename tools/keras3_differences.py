"""모든 절의 "Keras 3" 상자(`!!! info "Keras 3"`, 접힌 `??? info "Keras 3"`도)를 모아 "Keras 3와 책의 차이"
페이지의 목록을 만듭니다.

상자는 각 절에만 쓰고(유일한 출처), 모음 페이지(docs/keras3.md)는 빌드할 때 hooks.py가 이 모듈로 채웁니다.
상자는 페이지 모델(tools/page.py)이 찾습니다. 모음 페이지에서도 읽히도록:
- 상자의 각주 참조는 원래 페이지의 정의와 함께 옮깁니다 (이름은 상자 번호를 붙여 겹치지 않게).
- 원래 페이지의 코드를 가리키는 말("아래 코드", "위 코드", "아래처럼")은 "원래 절의 코드"로 바꿉니다
  (항목 제목이 원래 절로 가는 링크입니다).
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
    footnotes: dict  # 원래 페이지의 각주 정의 (이름 → page.Footnote)


def collect(pages: list[Path]) -> list[Difference]:
    found = []
    for path in pages:
        pg = page_model.load(path)
        for box in pg.admonitions:
            if box.title != TITLE:
                continue
            heading = pg.heading_before(box.line)
            found.append(Difference(pg.path, pg.title, heading.text if heading else pg.title,
                                    heading.anchor if heading else None, box.body, pg.footnotes))
    return found


# 원래 페이지에서 상자 앞뒤의 코드·출력을 가리키는 말 (모음 페이지에는 그 코드가 없음)
NEARBY = re.compile(r"(?:바로\s+)?(?:아래|위의|위)(?=\s+(?:두\s+)?(?:코드|출력|심화))|아래(?=처럼)")
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
    out, notes = [], []
    for n, d in enumerate(differences, 1):
        target = os.path.relpath(d.page, from_dir).replace(os.sep, "/") + (f"#{d.anchor}" if d.anchor else "")
        where = d.page_title if d.heading == d.page_title else f"{d.page_title} › {d.heading}"
        body = NEARBY.sub(lambda m: "원래 절의" + (" 코드" if m.group().endswith("아래") and m.end() < len(d.body)
                                                   and d.body[m.end()] == "처" else ""), d.body)

        def relabel(m: re.Match, n=n, d=d) -> str:
            label = page_model.footnote_label(m)
            if label in d.footnotes:
                notes.append((f"d{n}-{label}", _relink(d.footnotes[label].text, d.page, from_dir)))
                return f"[^d{n}-{label}]"
            return m.group()

        body = page_model.FOOTNOTE_REF.sub(relabel, body)
        out.append(f"### [{where}]({target}) {{ #difference-{n} }}\n\n{_relink(body, d.page, from_dir)}\n")
    if not out:
        return "아직 모은 차이가 없습니다.\n"
    definitions = dict(notes)  # 같은 상자에서 두 번 쓴 각주는 한 번만
    return "\n".join(out) + "\n" + "".join(f"[^{label}]: {text}\n" for label, text in definitions.items())
