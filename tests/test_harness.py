"""하네스 자체의 검사: 일부러 망가뜨린 페이지가 정말 실패하고, 실패 메시지가 파일과 줄을 가리키는지 봅니다."""

import shutil
import textwrap

import pytest

import site_checks
from project import ROOT
from test_fences import fence_problems

WRONG_OUTPUT = """\
# 잘못된 기대 출력

```python
print(1 + 1)
```
<!--pytest-codeblocks:expected-output-->
```
3
```
"""

BROKEN_BLOCK = """\
# 깨진 블록

설명 한 줄.

```python
import tensorflow_does_not_exist
```
"""

DOWNLOAD = """\
# 내려받기 블록

<!--pytest.mark.download(reason="ImageNet 가중치")-->
```python
print("여기는 오프라인에서 실행되지 않습니다")
```
"""

SLOW = """\
```python
import time
time.sleep(1.5)
```
"""


@pytest.fixture(scope="module")
def harness_run(tmp_path_factory):
    """망가뜨린 페이지 넷을 한 번의 pytest 실행으로 검사합니다 (텐서플로를 한 번만 불러오도록)."""
    import subprocess
    import sys

    work = tmp_path_factory.mktemp("harness")
    shutil.copy(ROOT / "conftest.py", work / "conftest.py")
    (work / "pytest.ini").write_text(
        "[pytest]\naddopts = --codeblocks -rfEs -p no:cacheprovider\nchain_time_limit = 1\n", encoding="utf-8"
    )
    pages = {"wrong_output": WRONG_OUTPUT, "broken": BROKEN_BLOCK, "download": DOWNLOAD, "slow": SLOW}
    for name, text in pages.items():
        (work / f"{name}.md").write_text(text, encoding="utf-8")

    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "pytest", *args], cwd=work, capture_output=True, text=True
        ).stdout

    return run(), run("--run-downloads", "download.md")


def _has(output, *patterns):
    import fnmatch

    lines = output.splitlines()
    for pattern in patterns:
        assert any(fnmatch.fnmatch(line, pattern) for line in lines), f"{pattern!r} 없음:\n{output}"


def test_harness_summary(harness_run):
    _has(harness_run[0], "*3 failed, 1 skipped*")


def test_wrong_expected_output_fails_naming_file_and_line(harness_run):
    _has(harness_run[0], "wrong_output.md:3: 코드 블록 체인이 실패했습니다", "Expected output", "but got", "FAILED wrong_output.md::line 3*")


def test_broken_block_fails_naming_file_and_line(harness_run):
    _has(harness_run[0], "broken.md:5: 코드 블록 체인이 실패했습니다", "*No module named 'tensorflow_does_not_exist'*")


def test_download_blocks_skip_with_printed_reason(harness_run):
    _has(harness_run[0], "SKIPPED*download.md*내려받기가 필요한 블록*ImageNet 가중치*")
    _has(harness_run[1], "*1 passed*")


def test_slow_chain_fails(harness_run):
    _has(harness_run[0], "*slow.md:1: 코드 블록 체인이 실패했습니다*", "*한도 1초*")


def test_fence_policy_catches_blocks_that_would_not_run(tmp_path):
    page = tmp_path / "fences.md"
    page.write_text(
        textwrap.dedent(
            """\
            ```py
            print("py 펜스는 실행되지 않음")
            ```

            ```python title="x.py"
            print("제목 붙은 펜스도")
            ```

            !!! note
                ```python
                print("들여 쓴 펜스")
                ```

            <!--pytest-codeblocks:skip-->
            ```python
            print("이유 없는 건너뛰기")
            ```

            ```bash
            echo 셸 블록은 실행됨
            ```
            """
        ),
        encoding="utf-8",
    )
    problems = "\n".join(fence_problems(page))
    for line in ["1:", "5:", "10:", "14:", "19:"]:
        assert f"\n{line}" in "\n" + problems, f"{line} 줄의 문제를 놓쳤습니다:\n{problems}"


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
    site_checks.build_site(config.with_name("mkdocs.yml"), site)  # strict 실패여도 HTML은 검사에 필요
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
