"""tests/ 전용 픽스처: 사이트는 세션마다 한 번만 빌드해 여러 검사가 나눠 씁니다."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import site_checks  # noqa: E402


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    result = site_checks.build_site(ROOT / "mkdocs.yml", site)
    if result.returncode != 0:
        pytest.fail("mkdocs build --strict 실패:\n" + result.stdout + result.stderr, pytrace=False)
    return site
