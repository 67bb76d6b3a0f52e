"""빌드된 사이트 검사: strict 빌드, 외부 요청 없음, 링크·그림·앵커, 한국어 검색, 수식, 툴팁, 노트북 링크."""

import json

import site_checks
from project import EXAMPLES, ROOT

DOCS = ROOT / "docs"


def test_strict_build_passes(built_site):
    assert (built_site / "index.html").exists()


def test_no_request_to_other_hosts(built_site):
    problems = site_checks.external_requests(built_site)
    assert not problems, "다른 호스트에서 가져오는 자산:\n" + "\n".join(problems)


def test_markdown_links_images_and_anchors_resolve(built_site):
    problems = site_checks.broken_links(DOCS, built_site)
    assert not problems, "\n".join(problems)


def test_built_html_links_resolve(built_site):
    base_path = site_checks.base_path(site_checks.local_site_url())
    problems = site_checks.broken_site_links(built_site, base_path)
    assert not problems, "\n".join(problems[:50])


def test_math_is_rendered_by_local_katex(built_site):
    page = (built_site / "ch14" / "14-02-convolutional-layers" / "index.html").read_text(encoding="utf-8")
    assert 'class="arithmatex"' in page
    for asset in ["katex.min.js", "katex.min.css", "contrib/auto-render.min.js"]:
        assert f"assets/vendor/katex/{asset}" in page
        assert (built_site / "assets" / "vendor" / "katex" / asset).exists()
    fonts = list((built_site / "assets" / "vendor" / "katex" / "fonts").glob("*.woff2"))
    assert len(fonts) > 10, "KaTeX 글꼴이 사이트에 복사되지 않았습니다"


def test_glossary_terms_show_as_tooltips(built_site):
    """조사가 붙은 용어에도 툴팁이 붙습니다: 절 페이지마다 본문의 용어 출현 중 90% 이상."""
    import glossary
    from project import chapter_pages

    terms = glossary.load()
    problems = []
    for path in chapter_pages():
        html = (built_site / "ch14" / path.stem / "index.html").read_text(encoding="utf-8")
        covered, total, missed = site_checks.tooltip_coverage(html, terms)
        if total and covered < 0.9 * total:
            problems.append(f"{path.name}: {covered}/{total}, 예: {missed[:5]}")
    assert not problems, "\n".join(problems)
    page = (built_site / "ch14" / "14-02-convolutional-layers" / "index.html").read_text(encoding="utf-8")
    assert '<abbr title="feature map' in page and '<abbr title="stride' in page


def _index(built_site):
    return json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_korean_particles_are_split_from_words(built_site):
    sep = _index(built_site)["config"]["separator"]
    assert site_checks.split_tokens("합성곱은 특성 맵을 만듭니다", sep) == ["합성곱", "은", "특성", "맵", "을", "만듭니다"]
    # 조사가 붙은 형태로만 들어 있는 문서도 맨 낱말로 찾아야 합니다
    tiny = {
        "config": _index(built_site)["config"],
        "docs": [
            {"location": "a/", "title": "가", "text": "합성곱은 중요합니다"},
            {"location": "b/", "title": "나", "text": "풀링을 합니다"},
        ],
    }
    assert site_checks.search(tiny, "합성곱") == ["a/"]
    assert site_checks.search(tiny, "풀링") == ["b/"]


def test_search_finds_the_teaching_page(built_site):
    """브라우저 없이 lunr로 같은 질의 표(tests/search_queries.py)를 검사합니다. 브라우저 검사는 tests/browser/test_search.py."""
    from search_queries import QUERIES, TOP_N

    index = _index(built_site)
    built = site_checks.build_index(index)
    misses = []
    for query, page, _kind in QUERIES:
        found = site_checks.search(index, query, built)[:TOP_N]
        if page not in found:
            misses.append(f"{query!r}: {page} 없음, 상위 결과 {found}")
    assert not misses, "\n".join(misses)


def test_every_section_has_forgiving_search_queries():
    """절(14.1–14.13)마다 검색 질의가 MIN_PER_SECTION개 이상이고, 그중 하나 이상은 띄어쓰기를 뺀 꼴이나 다른 표기입니다."""
    from project import chapter_pages
    from search_queries import FORGIVING, MIN_PER_SECTION, QUERIES

    problems = []
    for path in chapter_pages():
        kinds = [kind for _, page, kind in QUERIES if page == f"ch14/{path.stem}/"]
        if len(kinds) < MIN_PER_SECTION:
            problems.append(f"{path.name}: 검색 질의 {len(kinds)}개 (최소 {MIN_PER_SECTION}개)")
        if not set(kinds) & set(FORGIVING):
            problems.append(f"{path.name}: {'·'.join(FORGIVING)} 질의가 없습니다")
    assert not problems, "tests/search_queries.py:\n" + "\n".join(problems)


def test_search_keywords_stay_out_of_the_page(built_site):
    """훅이 더한 검색 키워드(띄어쓰기 없는 꼴, 다른 표기)는 색인의 keywords 필드에만 있고 화면에는 없습니다."""
    import glossary

    index = _index(built_site)
    assert glossary.SEARCH_FIELD in index["config"]["fields"]
    entry = next(d for d in index["docs"] if d["location"] == "ch14/14-02-convolutional-layers/")
    assert "특성맵" in entry.get(glossary.SEARCH_FIELD, "") or any(
        "특성맵" in d.get(glossary.SEARCH_FIELD, "") for d in index["docs"] if d["location"].startswith("ch14/14-02-")
    ), "14.2의 검색 항목에 '특성맵'이 없습니다"
    html = (built_site / "ch14" / "14-02-convolutional-layers" / "index.html").read_text(encoding="utf-8")
    assert "특성맵" not in html and "피처 맵" not in html, "docs/ch14/14-02-convolutional-layers.md: 검색 키워드가 페이지에 보입니다"


def test_hands_on_pages_link_their_notebook(built_site):
    import notebooks

    for page in notebooks.hands_on_pages():
        html = (built_site / "ch14" / page.stem / "index.html").read_text(encoding="utf-8")
        nb = notebooks.notebook_path(page).name
        assert f'href="../../notebooks/{page.stem}/"' in html, page.name
        assert f'href="../../notebooks/{page.stem}/{nb}"' in html, page.name
        assert (built_site / "notebooks" / page.stem / nb).exists(), f"{nb}가 사이트에 복사되지 않았습니다"
        nb_html = (built_site / "notebooks" / page.stem / "index.html").read_text(encoding="utf-8")
        assert "jp-OutputArea" in nb_html and f'href="{nb}"' in nb_html, page.name


def test_keras3_page_gathers_every_box(built_site):
    import keras3_differences
    from project import chapter_pages

    boxes = keras3_differences.collect(chapter_pages())
    assert boxes, "Keras 3 상자가 하나도 없습니다"
    html = (built_site / "keras3" / "index.html").read_text(encoding="utf-8")
    for n, box in enumerate(boxes, 1):
        assert f'id="difference-{n}"' in html, f"{box.page.name}의 Keras 3 상자가 모음 페이지에 없습니다"
        target = f"../ch14/{box.page.stem}/" + (f"#{box.anchor}" if box.anchor else "")
        assert f'href="{target}"' in html, target


def test_notebook_pages_are_not_in_search_index(built_site):
    locations = [d["location"] for d in _index(built_site)["docs"]]
    assert not [loc for loc in locations if loc.startswith("notebooks/")]


def test_keras3_page_matches_the_boxes_drawn_on_each_section(built_site):
    """독립된 기준: 빌드된 절 페이지에 그려진 "Keras 3" 상자(접힌 것 포함)를 세어 모음 페이지의 항목과 비교합니다."""
    problems = site_checks.keras3_page_problems(built_site)
    assert not problems, "\n".join(problems)


def test_every_fragment_link_in_the_built_site_resolves(built_site):
    """목차, 노트북 페이지의 목차, 훅이 만든 링크를 포함해 모든 #조각 링크가 대상 페이지의 id를 가리킵니다."""
    from project import PRINT_PAGE

    # 인쇄용 페이지: print-site 플러그인이 절마다 id에 접두어를 붙이면서 코드 줄 번호·각주·노트북 링크의 id는 그대로
    # 두어 그 페이지 안의 #조각 링크가 어긋납니다. 종이에서는 누를 수 없는 링크이므로 보지 않습니다.
    skip = {PRINT_PAGE: "인쇄용 페이지 (플러그인이 만든 페이지 안 #조각)"}
    problems = site_checks.broken_fragments(built_site, skip)
    assert not problems, f"{len(problems)}개:\n" + "\n".join(problems[:40])


def test_every_figure_has_korean_alt_text(built_site):
    """모든 페이지(노트북 페이지와 인쇄용 페이지 포함)의 본문 그림에 무엇을 보이는지 말하는 한국어 대체 텍스트."""
    count, problems = site_checks.figures_without_korean_alt(built_site)
    assert count >= 2 * len(list((DOCS / "assets" / "figures").glob("*.png"))), f"본문 그림이 {count}개뿐입니다 (검사가 헛돎)"
    assert not problems, f"{len(problems)}개:\n" + "\n".join(problems[:40])


# ---------------------------------------------------------------- 저장소를 따르는 주소 (site_url, 코랩 링크)


def test_build_without_repository_has_no_colab_link(built_site):
    """저장소가 정해지지 않은 빌드(mkdocs.yml의 extra.github_repo가 빈 문자열, GITHUB_REPOSITORY 없음)에는
    코랩 링크가 하나도 없어야 합니다: 코랩이 열 GitHub 파일이 없으므로 링크는 깨진 링크일 뿐입니다."""
    import project

    repo = project.github_repo(environ={})
    problems = site_checks.colab_link_problems(built_site, repo, EXAMPLES)
    assert not problems, "\n".join(problems[:40])
    if not repo:
        pages = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html") if "colab.research" in p.read_text(encoding="utf-8")]
        assert not pages, f"저장소가 없는데 코랩 주소가 있는 페이지: {pages}"


def test_fork_build_links_colab_and_site_url_to_the_fork(fork_site):
    """GITHUB_REPOSITORY=some-owner/some-fork(포크의 Actions)로 빌드하면 모든 코랩 링크가 그 저장소의
    examples/의 실제 노트북을 가리키고, site_url에서 나오는 절대 주소(canonical, sitemap)는 포크의 Pages 주소입니다."""
    problems = site_checks.colab_link_problems(fork_site, site_checks.FORK, EXAMPLES)
    assert not problems, "\n".join(problems[:40])
    site_url = "https://some-owner.github.io/some-fork/"
    problems = site_checks.site_url_problems(fork_site, site_url)
    assert not problems, "\n".join(problems[:40])
    problems = site_checks.broken_site_links(fork_site, site_checks.base_path(site_url))
    assert not problems, "\n".join(problems[:40])


class _Text(__import__("html.parser").parser.HTMLParser):
    """코드(pre, code)와 수식 밖의 글자, 그리고 <ol>마다 (첫 번호, 항목 수)."""

    def __init__(self):
        super().__init__()
        self.skip = 0
        self.text: list[str] = []
        self.lists: list[list[int]] = []  # [start, items, depth]
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("pre", "code", "script", "style") or "arithmatex" in (attrs.get("class") or ""):
            self.skip += 1
        if tag == "ol":
            self.depth += 1
            self.lists.append([int(attrs.get("start") or 1), 0, self.depth])
        if tag == "li" and self.lists:
            open_lists = [lst for lst in self.lists if lst[2] == self.depth]
            if open_lists:
                open_lists[-1][1] += 1

    def handle_endtag(self, tag):
        if tag in ("pre", "code", "script", "style") and self.skip:
            self.skip -= 1
        if tag == "ol":
            self.depth -= 1

    def handle_data(self, data):
        if not self.skip:
            self.text.append(data)


def _section_pages(built_site):
    from project import chapter_pages

    pages = [(p.name, built_site / "ch14" / p.stem / "index.html") for p in chapter_pages()]
    pages += [(f"notebooks/{p.stem}", p) for p in sorted((built_site / "notebooks").glob("*/index.html"))]
    pages += [("keras3.md", built_site / "keras3" / "index.html"), ("glossary.md", built_site / "glossary" / "index.html")]
    return pages


def test_no_raw_footnote_markers_on_built_pages(built_site):
    """각주는 각주로 보여야 합니다: 절 페이지, Keras 3 모음 페이지, 노트북 페이지 어디에도 날 [^이름]이 없습니다."""
    import re

    bad = []
    for name, html in _section_pages(built_site):
        parser = _Text()
        parser.feed(html.read_text(encoding="utf-8"))
        bad += [f"{name}: {m.group()}" for m in re.finditer(r"\[\^[\w-]+\]", "".join(parser.text))]
    assert not bad, f"날 각주 표시 {len(bad)}개:\n" + "\n".join(bad[:30])


def test_check_questions_are_numbered_in_order(built_site):
    """확인 문제 사이에 접힌 답이 있어도 번호가 1, 2, 3 …으로 이어집니다 (sane_lists가 첫 번호를 지킴)."""
    from project import chapter_pages

    bad = []
    for path in chapter_pages():
        html = (built_site / "ch14" / path.stem / "index.html").read_text(encoding="utf-8")
        start = html.find('id="check"')
        if start < 0:
            continue
        end = html.find("<h2", start)
        parser = _Text()
        parser.feed(html[start:end if end > 0 else None])
        numbers = [n for first, count, depth in parser.lists if depth == 1 for n in range(first, first + count)]
        if numbers and numbers != list(range(1, len(numbers) + 1)):
            bad.append(f"{path.name}: 확인 문제 번호가 {numbers}")
    assert not bad, "\n".join(bad)


def test_keras3_page_has_no_dangling_code_references(built_site):
    """모음 페이지에는 원래 절의 코드가 없으므로 "아래 코드", "위 코드" 같은 말이 없어야 합니다."""
    import re

    parser = _Text()
    parser.feed((built_site / "keras3" / "index.html").read_text(encoding="utf-8"))
    text = re.sub(r"\s+", " ", "".join(parser.text))
    bad = re.findall(r".{0,30}(?:(?:아래|위의?) (?:두 )?(?:코드|출력|심화)|아래처럼).{0,30}", text)
    assert not bad, "Keras 3 모음 페이지에서 없는 코드를 가리키는 말:\n" + "\n".join(bad)


def test_version_placeholders_are_filled(built_site):
    """글 속 버전 자리표시({{ keras_version }} …)가 빌드된 페이지에 그대로 남지 않습니다."""
    bad = [name for name, html in _section_pages(built_site) + [("index.md", built_site / "index.html")]
           if "_version }}" in html.read_text(encoding="utf-8") or "_minimum }}" in html.read_text(encoding="utf-8")]
    assert not bad, f"채워지지 않은 버전 자리표시: {bad}"
