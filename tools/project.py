"""프로젝트의 경로와 주소를 한 곳에 둡니다. 다른 모든 모듈과 검사는 여기서 가져옵니다."""

from __future__ import annotations

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CHAPTER = DOCS / "ch14"  # 절마다 한 페이지
EXAMPLES = ROOT / "examples"  # 생성된 노트북
FIGURES = DOCS / "assets" / "figures"  # 생성된 그림
DATA = ROOT / "tests" / "data"  # 오프라인 예제가 쓰는 작은 실제 데이터 (케라스 캐시의 씨앗)
MKDOCS_YML = ROOT / "mkdocs.yml"
PRINT_PAGE = "print_page/"  # 14장 전체를 한 페이지로 모은 인쇄용 페이지의 사이트 주소 (mkdocs-print-site-plugin)
BUILD = ROOT / "build"  # 검사가 남기는 것 (스크린숏 등), 저장소에 넣지 않음


def mkdocs_config() -> dict:
    """mkdocs.yml의 값 (site_url, extra …). 사이트·노트북·검사가 같은 값을 쓰도록."""
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml의 !ENV 같은 태그는 값으로만 읽습니다
    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    return yaml.load(MKDOCS_YML.read_text(encoding="utf-8"), Loader=_Loader)


def chapter_pages() -> list[Path]:
    return sorted(CHAPTER.glob("*.md"))


# ---------------------------------------------------------------- 사이트를 만드는 저장소 (한 곳에서만 정합니다)

_REPO = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9._-]+$")


def github_repo(config=None, environ=None) -> str:
    """사이트를 만드는 GitHub 저장소 "OWNER/NAME". 없으면 빈 문자열.

    GitHub Actions가 정하는 환경 변수 GITHUB_REPOSITORY가 있으면 그것을, 없으면 mkdocs.yml의 `extra.github_repo`
    (빈 문자열이면 "정하지 않음")를 씁니다. 포크는 Actions에서 자기 저장소 이름으로 빌드되므로 코드를 고칠 필요가 없습니다.
    site_url(pages_url), 코랩 링크, 노트북의 사이트 링크가 모두 이 값을 따릅니다.
    config: 빌드 중인 MkDocs 설정(없으면 mkdocs.yml), environ: 환경 변수(없으면 os.environ, `{}`이면 mkdocs.yml만).
    """
    environ = os.environ if environ is None else environ
    config = mkdocs_config() if config is None else config
    setting = ((config.get("extra") or {}).get("github_repo") or "").strip()
    repo = (environ.get("GITHUB_REPOSITORY") or "").strip() or setting
    if repo and not _REPO.match(repo):
        raise ValueError(f"저장소 이름이 OWNER/NAME 꼴이 아닙니다: {repo!r} (GITHUB_REPOSITORY 또는 mkdocs.yml의 extra.github_repo)")
    return repo


def pages_url(repo: str) -> str:
    """저장소의 GitHub Pages 주소 (끝에 /). 저장소가 없으면 빈 문자열.
    OWNER/NAME → https://owner.github.io/NAME/, 사용자 사이트 OWNER/OWNER.github.io → https://owner.github.io/"""
    if not repo:
        return ""
    owner, name = repo.split("/")
    host = f"{owner.lower()}.github.io"
    return f"https://{host}/" if name.lower() == host else f"https://{host}/{name}/"


def colab_url(repo: str, notebook_name: str) -> str:
    """저장소의 examples/ 노트북을 코랩에서 여는 주소 (main 가지)."""
    return f"https://colab.research.google.com/github/{repo}/blob/main/examples/{notebook_name}"


# ---------------------------------------------------------------- 버전: 한 곳(requirements.txt의 고정)에서

# 학습자의 환경에서 이 사이트의 코드가 그대로 돌아가는 가장 낮은 버전. 케라스 3.8에서 RandomContrast의 value_range와
# keras.utils.bounding_boxes가 생겼습니다 (14.8, 14.9, 14.13). 홈 페이지, README, 노트북의 첫 셀이 이 값을 씁니다.
MINIMUM_VERSIONS = {"tensorflow": "2.16", "keras": "3.8"}
# 페이지 글에 쓰는 자리표시: 빌드(hooks.py)와 노트북(notebooks.py)이 고정된 버전(주.부)으로 바꿉니다.
VERSION_PLACEHOLDER = re.compile(r"\{\{\s*(tensorflow|keras)_(version|minimum)\s*\}\}")


def pinned_versions() -> dict[str, str]:
    """requirements.txt에 고정된 텐서플로·케라스의 "주.부" 버전 (예: {"tensorflow": "2.21", "keras": "3.15"})."""
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    found = {}
    for name in ("tensorflow", "keras"):
        m = re.search(rf"^{name}==(\d+)\.(\d+)", text, re.M)
        found[name] = f"{m.group(1)}.{m.group(2)}"
    return found


def fill_versions(text: str) -> str:
    """{{ keras_version }} → 고정된 버전, {{ keras_minimum }} → MINIMUM_VERSIONS."""
    pinned = pinned_versions()
    return VERSION_PLACEHOLDER.sub(
        lambda m: pinned[m.group(1)] if m.group(2) == "version" else MINIMUM_VERSIONS[m.group(1)], text)


# ---------------------------------------------------------------- 계산 환경: 검사와 노트북이 같은 반올림으로

# 텐서플로는 코어 수만큼 스레드를 써서 합을 나눠 더하므로, 코어 수가 다른 컴퓨터에서는 반올림이 달라집니다(훈련 결과의
# 셋째 자리). 검사와 노트북 실행은 스레드 하나로 계산해 출력이 코어 수에 달리지 않게 하고, 여러 스레드(학습자의 코랩과
# 노트북)에서의 차이는 허용 오차를 잴 때 변형 하나로 넣습니다 (tools/tolerances.py). 작업자 두 개가 코어 두 개를 나눠 쓰는
# 검사에서는 스레드끼리 다투지 않아 훨씬 빠르기도 합니다. 이미 정한 값은 바꾸지 않습니다 (허용 오차를 잴 때 덮어씀).
COMPUTE_THREADS = {"TF_NUM_INTRAOP_THREADS": "1", "TF_NUM_INTEROP_THREADS": "1"}


def pin_compute_threads(environ=None) -> None:
    """COMPUTE_THREADS를 환경 변수로 정합니다 (텐서플로를 불러오기 전에, 이미 있는 값은 그대로)."""
    environ = os.environ if environ is None else environ
    for name, value in COMPUTE_THREADS.items():
        environ.setdefault(name, value)
