"""노트북 페이지의 CSS 줄이기: mkdocs-jupyter(nbconvert)가 넣는 JupyterLab 전체 CSS(~600 KB)에서 노트북 페이지에
실제로 쓰이는 것만 남깁니다 (tools/hooks.py가 공유 파일 하나로 쓸 때).

- 규칙: 선택자에 나오는 JupyterLab 클래스(.jp-…, .lm-…, .p-…, Blueprint의 .bp3-…)가 모두 노트북 페이지의 HTML에 있는 선택자만 남깁니다
  (:not(…) 안의 클래스는 따지지 않음). 남는 선택자가 없는 규칙과 빈 @media·@supports 블록은 뺍니다.
- 변수: JupyterLab 변수(--jp-…) 중 남은 CSS가 var(--jp-…)로 쓰지 않는 것을 뺍니다 (아이콘 SVG 따위).
  Material 변수(--md-…)는 Material의 CSS가 쓰므로 그대로 둡니다.
"""

from __future__ import annotations

import re

_CLASS = re.compile(r"\.((?:jp|lm|p|bp3)-[A-Za-z0-9_-]+)")
_HTML_CLASS = re.compile(r'class="([^"]*)"')
# 선언 사이의 ; (data:image/svg+xml;base64, 안의 ;는 뒤에 "이름:"이 오지 않으므로 나누지 않음)
_DECL_SPLIT = re.compile(r";(?=\s*-{0,2}[A-Za-z][\w-]*\s*:)")


def html_classes(html: str) -> set[str]:
    return {c for attr in _HTML_CLASS.findall(html) for c in attr.split()}


def _end(css: str, i: int, stops: str) -> int:
    """i부터 따옴표 밖에서 처음 나오는 stops 글자의 위치 (없으면 len)."""
    quote = None
    for j in range(i, len(css)):
        ch = css[j]
        if quote:
            quote = None if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch in stops:
            return j
    return len(css)


def _parse(css: str, i: int = 0) -> tuple[list, int]:
    """규칙 목록 [(머리, 몸통)]: 몸통은 선언 문자열, 중첩 블록(@media·@supports)이면 목록, `@charset …;`이면 None."""
    out = []
    while i < len(css):
        j = _end(css, i, "{;}")
        if j >= len(css):
            break
        if css[j] == "}":
            return out, j + 1
        if css[j] == ";":
            out.append((css[i:j + 1], None))
            i = j + 1
            continue
        head = css[i:j]
        if head.strip().startswith(("@media", "@supports")):
            inner, i = _parse(css, j + 1)
            out.append((head, inner))
            continue
        depth, k = 1, j + 1
        while depth and k < len(css):
            k = _end(css, k, "{}")
            depth += 1 if k < len(css) and css[k] == "{" else -1
            k += 1
        out.append((head, css[j + 1:k - 1]))
        i = k
    return out, len(css)


def _selectors(head: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for n, ch in enumerate(head):
        depth += (ch == "(") - (ch == ")")
        if ch == "," and depth == 0:
            parts.append(head[start:n])
            start = n + 1
    return parts + [head[start:]]


def _render(rules: list, used: set[str]) -> str:
    out = []
    for head, body in rules:
        if body is None:
            out.append(head)
        elif isinstance(body, list):
            inner = _render(body, used)
            if inner:
                out.append(f"{head}{{{inner}}}")
        elif head.strip().startswith("@"):
            out.append(f"{head}{{{body}}}")
        else:
            keep = [s for s in _selectors(head) if set(_CLASS.findall(re.sub(r":not\([^)]*\)", "", s))) <= used]
            if keep:
                out.append(",".join(keep) + f"{{{body}}}")
    return "".join(out)


def _drop_unused_jp_variables(css: str) -> str:
    while True:
        referenced = set(re.findall(r"var\(\s*(--[\w-]+)", css))

        def block(m):
            decls = _DECL_SPLIT.split(m.group(2))
            kept = [d for d in decls if not d.strip().startswith("--jp-") or d.split(":", 1)[0].strip() in referenced]
            return m.group(1) + "{" + ";".join(kept) + "}" if len(kept) != len(decls) else m.group(0)

        new = re.sub(r"([^{}]*)\{([^{}]*)\}", block, css)
        if new == css:
            return css
        css = new


def prune(css: str, used_classes: set[str]) -> str:
    """노트북 페이지들의 HTML에 쓰인 클래스(used_classes)로 CSS를 줄입니다."""
    return _drop_unused_jp_variables(_render(_parse(css)[0], used_classes))
