"""빌드된 사이트 검사: strict 빌드, 외부 요청 없음, 링크·그림·앵커, 한국어 검색, 수식, 툴팁, 노트북 링크."""

import json

import site_checks
from project import ROOT

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
    from urllib.parse import urlsplit

    import notebooks

    base_path = urlsplit(notebooks.mkdocs_config()["site_url"]).path
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
    page = (built_site / "ch14" / "14-02-convolutional-layers" / "index.html").read_text(encoding="utf-8")
    assert '<abbr title="feature map' in page, "용어집의 '특성 맵' 툴팁이 페이지에 없습니다"
    assert '<abbr title="stride' in page


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


def test_hands_on_pages_link_their_notebook(built_site):
    import notebooks

    for page in notebooks.hands_on_pages():
        html = (built_site / "ch14" / page.stem / "index.html").read_text(encoding="utf-8")
        nb = notebooks.notebook_path(page).name
        assert f'href="../../notebooks/{page.stem}/"' in html, page.name
        assert f'href="../../notebooks/{page.stem}/{nb}"' in html, page.name
        assert f"colab.research.google.com/github/" in html and f"/blob/main/examples/{nb}" in html, page.name
        assert (built_site / "notebooks" / page.stem / nb).exists(), f"{nb}가 사이트에 복사되지 않았습니다"
        nb_html = (built_site / "notebooks" / page.stem / "index.html").read_text(encoding="utf-8")
        assert "jp-OutputArea" in nb_html and f'href="{nb}"' in nb_html, page.name


def test_keras3_page_gathers_every_box(built_site):
    import keras3_differences
    import notebooks

    boxes = keras3_differences.collect(sorted(notebooks.PAGES.glob("*.md")))
    assert boxes, "Keras 3 상자가 하나도 없습니다"
    html = (built_site / "keras3" / "index.html").read_text(encoding="utf-8")
    for n, box in enumerate(boxes, 1):
        assert f'id="difference-{n}"' in html, f"{box.page.name}의 Keras 3 상자가 모음 페이지에 없습니다"
        target = f"../ch14/{box.page.stem}/" + (f"#{box.anchor}" if box.anchor else "")
        assert f'href="{target}"' in html, target


def test_notebook_pages_are_not_in_search_index(built_site):
    locations = [d["location"] for d in _index(built_site)["docs"]]
    assert not [loc for loc in locations if loc.startswith("notebooks/")]
