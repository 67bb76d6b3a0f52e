"""프로젝트의 경로와 주소를 한 곳에 둡니다. 다른 모든 모듈과 검사는 여기서 가져옵니다."""

from __future__ import annotations

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
