"""하네스 자체의 검사: 일부러 망가뜨린 페이지와 사이트가 정말 실패하고, 실패 메시지가 파일과 줄을 가리키는지 봅니다.

망가뜨리는 것: 틀린 기대 출력(체인 중간 포함), 출력이 있는데 기대 출력이 없는 블록, 깨진 블록, 느린 체인,
잘못 쓴 표시, xfail 표시, 이유 없는 download 표시, 접힌 Keras 3 상자, mkdocs-jupyter 제목 id 패치를 끈 빌드,
페이지와 다른 노트북 출력. 작성자 모드(--update-outputs)가 출력을 블록 바로 아래에 고쳐 넣는지도 봅니다.
"""

import fnmatch
import shutil
import subprocess
import sys
import textwrap

import nbformat
import pytest

import keras3_differences
import notebooks
import page as page_model
import site_checks
from project import ROOT

PAGES = {
    "wrong_output": """\
        # 잘못된 기대 출력

        ```python
        print(1 + 1)
        ```
        <!--pytest-codeblocks:expected-output-->
        ```
        3
        ```
        """,
    "mid_chain": """\
        # 체인 중간의 출력

        ```python
        x = 1
        print(x)
        ```
        <!--pytest-codeblocks:expected-output-->
        ```
        1
        ```

        설명.

        <!--pytest-codeblocks:cont-->
        ```python
        x += 1
        print(x)
        ```
        <!--pytest-codeblocks:expected-output-->
        ```
        3
        ```

        <!--pytest-codeblocks:cont-->
        ```python
        print("끝")
        ```
        <!--pytest-codeblocks:expected-output-->
        ```
        끝
        ```
        """,
    "missing_output": """\
        # 출력 아래에 기대 출력이 없음

        ```python
        print("보이지 않는 출력")
        ```
        """,
    "folded": """\
        # 접힌 블록도 실행됨

        ??? example "추가 코드: 도우미"

            ```python
            def helper():
                return 40
            ```

        <!--pytest-codeblocks:cont-->
        ```python
        print(helper() + 2)
        ```
        <!--pytest-codeblocks:expected-output-->
        ```
        42
        ```
        """,
    "broken": """\
        # 깨진 블록

        설명 한 줄.

        ```python
        import module_that_does_not_exist
        ```
        """,
    "download": """\
        # 내려받기 블록

        <!--pytest.mark.download(reason="ImageNet 가중치")-->
        ```python
        print("여기는 오프라인에서 실행되지 않습니다")
        ```
        <!--pytest-codeblocks:expected-output-->
        ```
        여기는 오프라인에서 실행되지 않습니다
        ```
        """,
    "slow": """\
        ```python
        import time
        time.sleep(1.5)
        ```
        """,
    "xfail": """\
        # xfail로 숨긴 깨진 예제

        <!--pytest.mark.xfail(reason="나중에 고침")-->
        ```python
        raise ValueError("깨짐")
        ```
        """,
    "tolerance_ok": """\
        # 허용 오차 안의 숫자

        ```python
        print(f"정확도: {0.684:.3f} / 에포크 {3}")
        ```
        <!--pytest-codeblocks:expected-output tolerance=0.01 spread=0.01-->
        ```
        정확도:  0.680 / 에포크 3
        ```
        """,
    "tolerance_number": """\
        # 허용 오차를 넘은 숫자

        ```python
        print("에포크 3")
        print(f"mAP: {0.64:.2f}")
        ```
        <!--pytest-codeblocks:expected-output tolerance=0.02 spread=0.01-->
        ```
        에포크 3
        mAP: 0.68
        ```
        """,
    "tolerance_word": """\
        # 허용 오차가 있어도 글자는 그대로

        ```python
        print(f"정밀도: {0.68:.2f}")
        ```
        <!--pytest-codeblocks:expected-output tolerance=0.02 spread=0.01-->
        ```
        정확도: 0.68
        ```
        """,
    "tolerance_no_number": """\
        # 숫자 없는 출력의 허용 오차

        ```python
        print("고양이")
        ```
        <!--pytest-codeblocks:expected-output tolerance=0.02 spread=0.01-->
        ```
        고양이
        ```
        """,
    "download_broken": """\
        # 실행 중에 깨지는 내려받기 체인

        <!--pytest.mark.download(reason="ImageNet 가중치")-->
        ```python
        import tensorflow as tf

        model = tf.keras.applications.MobileNetV2(weights="imagenet", input_shape=(32, 32, 3), alpha=0.35)
        print(model.layers[999].name)
        ```
        """,
    "typo_mark": """\
        # 잘못 쓴 표시

        <!--pytest.mark.downlaod(reason="오타")-->
        ```python
        print("x")
        ```
        """,
}


# 작성자 모드(--update-outputs)에서만 쓰는 페이지: 체인의 한 블록이 허용 오차를 넘으면 그 체인의 출력을 모두 새로 씁니다
UPDATE_ONLY = {
    "tolerance_chain": """\
        # 체인의 출력은 한 실행에서

        ```python
        print(f"검증 정확도: {0.684:.3f}")
        ```
        <!--pytest-codeblocks:expected-output tolerance=0.01 spread=0.01-->
        ```
        검증 정확도: 0.680
        ```

        <!--pytest-codeblocks:cont-->
        ```python
        print(f"마지막 검증 정확도: {0.684:.3f}")
        ```
        <!--pytest-codeblocks:expected-output tolerance=0.001 spread=0.001-->
        ```
        마지막 검증 정확도: 0.680
        ```
        """,
}


def _write_project(work, pages, chain_time_limit=1):
    shutil.copy(ROOT / "conftest.py", work / "conftest.py")
    (work / "pytest.ini").write_text(
        "[pytest]\naddopts = --codeblocks --strict-markers -rfEs -p no:cacheprovider\n"
        f"pythonpath = {ROOT / 'tools'}\nchain_time_limit = {chain_time_limit}\n",
        encoding="utf-8",
    )
    for name, text in pages.items():
        (work / f"{name}.md").write_text(textwrap.dedent(text), encoding="utf-8")


def _pytest(work, *args, env=None):
    import os

    result = subprocess.run([sys.executable, "-m", "pytest", *args], cwd=work, capture_output=True, text=True,
                            env={**os.environ, **(env or {})})
    return result.returncode, result.stdout + result.stderr


@pytest.fixture(scope="module")
def harness_run(tmp_path_factory):
    """망가뜨린 페이지들을 pytest 실행 세 번으로 검사합니다 (텐서플로를 불러오는 횟수를 줄이도록)."""
    work = tmp_path_factory.mktemp("harness")
    _write_project(work, PAGES)
    main = _pytest(work, "--continue-on-collection-errors")
    downloads = _pytest(work, "--run-downloads", "download.md", "download_broken.md", env={"PAGEBLOCKS_STAND_INS": "1"})
    update_dir = tmp_path_factory.mktemp("update")
    _write_project(update_dir, {**{k: PAGES[k] for k in ("wrong_output", "mid_chain", "missing_output", "tolerance_ok",
                                                         "tolerance_number")}, **UPDATE_ONLY}, 60)
    update = _pytest(update_dir, "--update-outputs")
    return {"main": main, "downloads": downloads, "update": update, "update_dir": update_dir}


def _has(output, *patterns):
    lines = output.splitlines()
    for pattern in patterns:
        assert any(fnmatch.fnmatch(line, pattern) for line in lines), f"{pattern!r} 없음:\n{output}"


def test_harness_summary(harness_run):
    code, out = harness_run["main"]
    assert code != 0
    _has(out, "*7 failed, 2 passed, 2 skipped, 3 errors*")


def test_wrong_expected_output_fails_naming_file_and_line(harness_run):
    _has(harness_run["main"][1], "wrong_output.md:6: 기대 출력과 실제 출력이 다릅니다: 글자가 다릅니다 (블록은 줄 3)", "3", "2")


def test_wrong_output_in_the_middle_of_a_chain_fails_there(harness_run):
    _has(harness_run["main"][1], "mid_chain.md:19: 기대 출력과 실제 출력이 다릅니다: 글자가 다릅니다 (블록은 줄 15)")


def test_printing_block_without_output_fails(harness_run):
    _has(harness_run["main"][1], "missing_output.md:5: 출력했지만 블록 아래에 기대 출력이 없습니다*")


def test_folded_block_runs_as_part_of_its_chain(harness_run):
    out = harness_run["main"][1]
    assert "folded.md" not in out.split("short test summary")[-1], out


def test_broken_block_fails_naming_page_line_in_traceback(harness_run):
    _has(harness_run["main"][1], "broken.md:5: 코드 블록이 실패했습니다", '*File "broken.md", line 6*',
         "*No module named 'module_that_does_not_exist'*")


def test_download_chain_skips_with_reason_and_runs_with_stand_ins(harness_run):
    _has(harness_run["main"][1], "SKIPPED*download.md:4: 내려받기가 필요한 예제*ImageNet 가중치*대역*")
    out = harness_run["downloads"][1]  # 대역으로: 통과하는 체인(출력은 비교하지 않음)과 실행 중에 깨지는 체인
    _has(out, "download_broken.md:4: 코드 블록이 실패했습니다", "*IndexError*", "*1 failed, 1 passed*")


def test_numbers_within_tolerance_pass(harness_run):
    out = harness_run["main"][1]
    assert "tolerance_ok.md" not in out.split("short test summary")[-1], out


def test_number_outside_tolerance_fails_naming_line_values_and_tolerance(harness_run):
    _has(harness_run["main"][1], "tolerance_number.md:10: 기대 출력과 실제 출력이 다릅니다: 2번째 숫자가 허용 오차를 넘었습니다: "
         "페이지 0.68, 실제 0.64, 허용 오차 ±0.02 (잰 폭 0.01) (블록은 줄 3)")


def test_changed_word_fails_despite_tolerance(harness_run):
    _has(harness_run["main"][1], "tolerance_word.md:8: 기대 출력과 실제 출력이 다릅니다: 숫자 아닌 글자가 다릅니다*")


def test_tolerance_on_output_without_numbers_is_rejected(harness_run):
    _has(harness_run["main"][1], "tolerance_no_number.md:6: 허용 오차가 있지만 기대 출력에 숫자가 없습니다")


def test_slow_chain_fails(harness_run):
    _has(harness_run["main"][1], "*slow.md:1: 코드 블록 체인 실행에*한도 1초*")


def test_xfail_mark_is_rejected(harness_run):
    _has(harness_run["main"][1], "xfail.md:3: 표시 pytest.mark.xfail는 쓸 수 없습니다*")


def test_mistyped_mark_is_rejected(harness_run):
    _has(harness_run["main"][1], "typo_mark.md:3: 표시 pytest.mark.downlaod는 쓸 수 없습니다*")


def test_update_outputs_rewrites_each_block_output_and_whole_drifting_chains(harness_run):
    code, out = harness_run["update"]
    assert code == 0, out
    work = harness_run["update_dir"]
    mid = page_model.parse_text((work / "mid_chain.md").read_text(encoding="utf-8"), work / "mid_chain.md")
    assert [b.output.text for b in mid.blocks] == ["1\n", "2\n", "끝\n"]
    missing = page_model.parse_text((work / "missing_output.md").read_text(encoding="utf-8"), work / "x.md")
    assert missing.blocks[0].output.text == "보이지 않는 출력\n"
    assert missing.blocks[0].output.fence_line == missing.blocks[0].end_line + 2  # 블록 바로 아래 (주석 다음 줄)
    # 허용 오차 안의 출력은 그대로, 넘은 출력은 고치되 주석의 허용 오차는 남깁니다
    assert (work / "tolerance_ok.md").read_text(encoding="utf-8") == textwrap.dedent(PAGES["tolerance_ok"])
    fixed = page_model.parse_text((work / "tolerance_number.md").read_text(encoding="utf-8"), work / "t.md")
    assert fixed.blocks[0].output.text == "에포크 3\nmAP: 0.64\n"
    assert fixed.blocks[0].output.tolerance == page_model.Tolerance("0.02", "0.01")
    # 둘째 블록이 허용 오차를 넘으면 허용 오차 안이던 첫 블록까지 같은 실행의 출력으로 (위아래 숫자가 서로 맞게)
    chain = page_model.parse_text((work / "tolerance_chain.md").read_text(encoding="utf-8"), work / "c.md")
    assert [b.output.text for b in chain.blocks] == ["검증 정확도: 0.684\n", "마지막 검증 정확도: 0.684\n"]
    assert [b.output.tolerance for b in chain.blocks] == [page_model.Tolerance("0.01", "0.01"),
                                                          page_model.Tolerance("0.001", "0.001")]


def test_page_model_finds_folded_code_and_folded_keras3_box(tmp_path):
    path = tmp_path / "p.md"
    path.write_text(textwrap.dedent("""\
        # 14.0 시험 { #test }

        ## 절 { #part }

        ??? info "Keras 3"
            접힌 상자.

        ??? success "풀이"

            ```python
            print(1)
            ```
            <!--pytest-codeblocks:expected-output-->
            ```
            1
            ```
        """), encoding="utf-8")
    pg = page_model.load(path)
    assert [(b.line, b.folded, b.output.text) for b in pg.blocks] == [(10, True, "1\n")]
    boxes = keras3_differences.collect([path])
    assert [(b.heading, b.anchor, b.body) for b in boxes] == [("절", "part", "접힌 상자.")]


def test_keras3_page_missing_a_box_fails_the_oracle(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site / "keras3", site / "keras3")
    shutil.copytree(built_site / "ch14", site / "ch14")
    html = (site / "keras3" / "index.html").read_text(encoding="utf-8")
    first = html.index('<h3 id="difference-1">')
    second = html.index('<h3 id="difference-2">')
    (site / "keras3" / "index.html").write_text(html[:first] + html[second:], encoding="utf-8")
    problems = site_checks.keras3_page_problems(site)
    assert len(problems) == 1 and "Keras 3 상자" in problems[0], problems


NOTEBOOK_WITH_KOREAN_HEADINGS = {
    "cells": [
        {"cell_type": "markdown", "metadata": {}, "source": "# 노트북 제목\n\n## 합성곱 층\n\n본문\n\n## 풀링 층\n\n끝"},
    ],
    "metadata": {}, "nbformat": 4, "nbformat_minor": 5,
}


def _notebook_site(tmp_path, with_hook, cache_dir=None):
    docs = tmp_path / "docs"
    (docs / "nb").mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# 홈\n", encoding="utf-8")
    if not (docs / "nb" / "n.ipynb").exists():  # 다시 쓰면 nbformat이 셀 id를 새로 만들어 바이트가 바뀝니다
        nbformat.write(nbformat.from_dict(NOTEBOOK_WITH_KOREAN_HEADINGS), docs / "nb" / "n.ipynb")
    config = tmp_path / "mkdocs.yml"
    hooks = f"hooks: ['{ROOT / 'tools' / 'hooks.py'}']\n" if with_hook else ""
    config.write_text(
        "site_name: t\ndocs_dir: docs\ntheme: {name: material}\n"
        "plugins: [{mkdocs-jupyter: {include: ['nb/*.ipynb'], execute: false, "
        + (f"cache: true, cache_dir: '{cache_dir}'" if cache_dir else "cache: false") + "}}]\n"
        "markdown_extensions: [{toc: {permalink: true}}]\n" + hooks,
        encoding="utf-8",
    )
    site = tmp_path / "site"
    result = site_checks.build_site(config, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site_checks.broken_fragments(site) if cache_dir is None else (site, result.stdout + result.stderr)


def test_notebook_cache_reuses_unchanged_notebooks_and_sees_changes(tmp_path):
    """mkdocs-jupyter의 캐시(훅이 제목 id 규칙을 열쇠에 더함): 그대로면 다시 변환하지 않고, 바꾸면 새 내용이 보입니다."""
    cache = tmp_path / "cache"
    site, log = _notebook_site(tmp_path, with_hook=True, cache_dir=cache)
    assert "Cache miss" in log and len(list(cache.glob("*.json"))) == 1, log
    page = site / "nb" / "n" / "index.html"
    assert "본문" in page.read_text(encoding="utf-8")
    _, log = _notebook_site(tmp_path, with_hook=True, cache_dir=cache)
    assert "Cache hit" in log, log
    nb_path = tmp_path / "docs" / "nb" / "n.ipynb"
    nb = nbformat.read(nb_path, as_version=4)
    nb.cells[0].source = nb.cells[0].source.replace("본문", "바뀐 내용")
    nbformat.write(nb, nb_path)
    result = site_checks.build_site(tmp_path / "mkdocs.yml", site)
    assert result.returncode == 0 and "Cache miss" in result.stdout + result.stderr, result.stdout + result.stderr
    assert "바뀐 내용" in page.read_text(encoding="utf-8")


def test_notebook_heading_patch_is_needed_and_works(tmp_path):
    """훅의 mkdocs-jupyter 패치를 끄면 노트북 목차의 #조각 링크가 깨지고, 켜면 모두 맞습니다."""
    without = _notebook_site(tmp_path / "off", with_hook=False)
    assert without and all("nb/n/index.html" in p for p in without), without
    with_patch = _notebook_site(tmp_path / "on", with_hook=True)
    assert with_patch == [], with_patch


def test_notebook_output_different_from_page_fails(tmp_path):
    from test_notebooks import output_problems

    page = next(p for p in notebooks.hands_on_pages() if any(b.output for b in page_model.load(p).blocks))
    nb = nbformat.read(notebooks.notebook_path(page), as_version=4)
    assert output_problems(page, nb) == []
    for cell, block in notebooks.code_cells_with_blocks(nb, page):
        if block.output:
            for o in cell.outputs:
                if o.output_type == "stream" and o.name == "stdout":
                    o.text = o.text + "바뀐 줄\n"
                    break
            break
    problems = output_problems(page, nb)
    assert len(problems) == 1 and problems[0].startswith(f"{page.relative_to(ROOT)}:{block.output.line}:"), problems


def test_display_output_added_to_a_notebook_fails(tmp_path):
    from test_notebooks import output_problems

    page = next(p for p in notebooks.hands_on_pages() if any(b.output for b in page_model.load(p).blocks))
    nb = nbformat.read(notebooks.notebook_path(page), as_version=4)
    cell, block = next((c, b) for c, b in notebooks.code_cells_with_blocks(nb, page) if notebooks.SKIP not in c.metadata.get("tags", []))
    cell.outputs.append(nbformat.v4.new_output("display_data", data={"text/html": "<b>페이지에 없는 출력</b>"}))
    problems = output_problems(page, nb)
    assert len(problems) == 1 and f"{page.relative_to(ROOT)}:{block.line}:" in problems[0] and "display_data" in problems[0], problems


def _tiny_site(tmp_path, page_text, extra_files=()):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# 홈\n\n## 절 { #section }\n", encoding="utf-8")
    (docs / "page.md").write_text(page_text, encoding="utf-8")
    for name in extra_files:
        (docs / name).write_bytes(b"")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: t\ndocs_dir: docs\nmarkdown_extensions: [attr_list]\n"
        "validation: {omitted_files: warn, absolute_links: warn, unrecognized_links: warn, anchors: warn}\n",
        encoding="utf-8",
    )
    return docs, config


def test_broken_link_image_and_anchor_fail_naming_file_and_line(tmp_path):
    page = "# 페이지\n\n좋은 [링크](index.md#section).\n\n[없는 페이지](nothing.md)\n\n![없는 그림](missing.png)\n\n[없는 앵커](index.md#nowhere)\n"
    docs, config = _tiny_site(tmp_path, page)
    site = tmp_path / "site"
    build = site_checks.build_site(config, site)
    assert build.returncode != 0, "mkdocs build --strict가 깨진 링크를 통과시켰습니다"
    assert "page.md" in build.stdout + build.stderr
    problems = site_checks.broken_links(docs, site)
    assert any(p.startswith("docs/page.md:5:") and "nothing.md" in p for p in problems), problems
    assert any(p.startswith("docs/page.md:7:") and "missing.png" in p for p in problems), problems
    assert any(p.startswith("docs/page.md:9:") and "#nowhere" in p for p in problems), problems
    assert len(problems) == 3, problems


def test_external_asset_is_reported(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<html><head>\n<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">\n'
        '<link rel="canonical" href="https://example.org/">\n</head>\n<body><img src="img.png">\n'
        '<script src="//cdn.example.org/x.js"></script></body></html>',
        encoding="utf-8",
    )
    problems = site_checks.external_requests(site)
    assert problems == [
        "index.html:2: <link> https://fonts.googleapis.com/css?family=Roboto",
        "index.html:6: <script> //cdn.example.org/x.js",
    ], problems


def test_fence_rules_catch_blocks_that_would_not_run(tmp_path):
    path = tmp_path / "fences.md"
    path.write_text(textwrap.dedent("""\
        ```py
        print("py 펜스는 실행되지 않음")
        ```

        ```python title="x.py"
        print("제목 붙은 펜스도")
        ```

        <!--pytest-codeblocks:skip-->
        ```python
        print("이유 없는 건너뛰기")
        ```

        ```bash
        echo 셸 블록은 실행됨
        ```

        <!--pytest.mark.download()-->
        ```python
        print("이유 없는 내려받기")
        ```

        !!! info "Keras3"
            제목 오타: Keras 3 모음 페이지에서 조용히 빠질 상자.

        ```text
        >>> 1 + 1
        3
        ```

        <div markdown>
        ```python
        print("HTML 블록 안: 보이지만 실행되지 않음")
        ```
        </div>

        ```
        언어 없는 펜스
        ```

        <!--pytest-codeblocks:expected-output-ignore-whitespace-->
        ```
        뜻이 둘인 주석
        ```
        """), encoding="utf-8")
    problems = "\n".join(page_model.load(path).problems)
    for line in ["1:", "5:", "9:", "14:", "18:", "23:", "26:", "32:", "37:", "41:"]:
        assert f"\n{line}" in "\n" + problems, f"{line} 줄의 문제를 놓쳤습니다:\n{problems}"
