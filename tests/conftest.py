"""tests/ 전용 픽스처: 사이트는 세션마다 한 번만 빌드해 여러 검사가 나눠 씁니다.

- built_site: GITHUB_REPOSITORY 없이 mkdocs.yml대로 빌드한 사이트 (로컬 빌드와 같음). 한 실행에 한 번만 빌드합니다.
- fork_site: GitHub Actions가 포크 some-owner/some-fork에서 빌드하는 것처럼 GITHUB_REPOSITORY를 주고 빌드한 사이트.
"""

import contextlib

import pytest

import site_checks
from project import ROOT


@contextlib.contextmanager
def _exclusive(lock_file):
    """작업자끼리 한 번에 하나만 (POSIX의 fcntl.flock; 없는 운영 체제에서는 잠그지 않고 작업자마다 따로 빌드)."""
    try:
        import fcntl
    except ImportError:
        yield False
        return
    with open(lock_file, "w") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield True
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, request):
    """pytest-xdist의 작업자 둘이 함께 쓰는 사이트: 먼저 온 작업자가 빌드하고, 다른 작업자는 끝나기를 기다려 그대로 씁니다
    (작업자들의 임시 폴더는 한 실행의 같은 부모 아래에 있습니다)."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if hasattr(request.config, "workerinput") else base
    site = shared / "built-site"
    with _exclusive(shared / "built-site.lock") as locked:
        if not locked:
            site = tmp_path_factory.mktemp("site")
        if not (site / "index.html").exists():
            result = site_checks.build_site(ROOT / "mkdocs.yml", site)
            if result.returncode != 0:
                pytest.fail("mkdocs build --strict 실패:\n" + result.stdout + result.stderr, pytrace=False)
    return site



@pytest.fixture(scope="session")
def fork_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("fork-site")
    # 포크 검사는 코랩 링크와 site_url만 봅니다: 인쇄용 페이지(공개용 빌드의 것은 built_site에서 검사)는 빼고 빌드합니다
    result = site_checks.build_site(ROOT / "mkdocs.yml", site, github_repository=site_checks.FORK, print_site=False)
    if result.returncode != 0:
        pytest.fail(f"GITHUB_REPOSITORY={site_checks.FORK} mkdocs build --strict 실패:\n" + result.stdout + result.stderr, pytrace=False)
    return site
