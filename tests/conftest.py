"""tests/ 전용 픽스처: 사이트는 세션마다 한 번만 빌드해 여러 검사가 나눠 씁니다."""

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
