"""tests/ 전용 픽스처: 사이트는 세션마다 한 번만 빌드해 여러 검사가 나눠 씁니다.

- built_site: GITHUB_REPOSITORY 없이 mkdocs.yml대로 빌드한 사이트 (로컬 빌드와 같음).
- fork_site: GitHub Actions가 포크 some-owner/some-fork에서 빌드하는 것처럼 GITHUB_REPOSITORY를 주고 빌드한 사이트.
"""

import pytest

import site_checks
from project import ROOT


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    result = site_checks.build_site(ROOT / "mkdocs.yml", site)
    if result.returncode != 0:
        pytest.fail("mkdocs build --strict 실패:\n" + result.stdout + result.stderr, pytrace=False)
    return site



@pytest.fixture(scope="session")
def fork_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("fork-site")
    result = site_checks.build_site(ROOT / "mkdocs.yml", site, github_repository=site_checks.FORK)
    if result.returncode != 0:
        pytest.fail(f"GITHUB_REPOSITORY={site_checks.FORK} mkdocs build --strict 실패:\n" + result.stdout + result.stderr, pytrace=False)
    return site
