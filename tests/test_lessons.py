"""수업 규칙: 페이지가 교재처럼 읽히는지 봅니다 (모두 페이지 모델 tools/page.py로 읽습니다).

- 학습자가 읽는 글에 검사 용어(체인, 쌍둥이 블록, twin …)가 없습니다.
- 절 페이지의 H1은 내비게이션 제목과 같고, 책에 없는 번호(14.6.1 같은)를 만들지 않습니다.
- 14.1~14.12는 "이 절에서 배울 것"(읽는 시간 포함), "정리", 답이 접힌 "확인 문제" 3~5개를 갖춥니다.
- 그림 그리는 코드는 접어 둡니다: 펼쳐진 블록의 그림 코드 줄은 페이지마다 15줄 이하입니다.
- 그림을 그리는 블록은 한글로 이름표를 답니다. 14.13의 풀이는 90% 이상 접혀 있습니다.
- 결과를 보여 줍니다: 학습자가 보는 코드에 assert가 없고, True/False 판정 출력은 보여 주는 출력의 10% 이하입니다.
- 학습자가 읽는 글(절 페이지, Keras 3 페이지, 용어집)은 빌드·CI·해시·"이 컴퓨터에서" 이야기를 하지 않습니다
  (출력을 어떻게 확인하는지는 README와 홈 페이지의 한 문단에만).
- 3 에포크 이상 훈련하는 체인은 학습 곡선을 그립니다.
"""

import ast
import re

import pytest

import page as page_model
from project import CHAPTER, DOCS, ROOT, mkdocs_config

PAGES = sorted(DOCS.rglob("*.md"))
SECTIONS = sorted(CHAPTER.glob("*.md"))
TAUGHT = [p for p in SECTIONS if not p.name.startswith("14-13")]
TEST_WORDS = re.compile(r"(?<![가-힣])체인|쌍둥이|\btwin\b|픽스처|fixture|pytest|하네스|검사 스위트", re.I)
LEARNER_PAGES = SECTIONS + [DOCS / "keras3.md", DOCS / "glossary.md"]
BUILD_TALK = re.compile(r"\.github|워크플로|(?<![\w])CI(?![\w])|빌드|해시|검사|이 사이트를 만들|이 사이트를 만든|이 컴퓨터에서|매주"
                        r"|테스트용|자동으로 만들어")
VERDICT = re.compile(r"(?:^|[:?]\s*)(True|False)\s*$")
PLOTTING = re.compile(r"\b(plt|ax|axes|fig)\.|\.(imshow|plot|bar|scatter|add_patch|set_title|set_xlabel|set_ylabel|text|annotate|legend|axis)\(")
LABEL_CALL = re.compile(r"""(title|label|text|annotate|legend|suptitle)\w*\s*\(?[^\n]*?["'][^"'\n]*[가-힣]""")


def rel(path):
    return path.relative_to(ROOT)


@pytest.mark.parametrize("path", PAGES, ids=[str(rel(p)) for p in PAGES])
def test_no_test_words_in_learner_prose(path):
    bad = [f"{rel(path)}:{n}: {m.group()!r}" for n, line in page_model.load(path).prose for m in TEST_WORDS.finditer(line)]
    assert not bad, "학습자가 읽는 글에 검사 용어가 있습니다 (\"아래 코드\", \"오프라인에서 확인하는 버전\"처럼 쓰세요):\n" + "\n".join(bad)


def _nav_titles():
    titles = {}

    def walk(items):
        for item in items:
            if isinstance(item, dict):
                for title, target in item.items():
                    if isinstance(target, str):
                        titles[target] = title
                    else:
                        walk(target)

    walk(mkdocs_config()["nav"])
    return titles


@pytest.mark.parametrize("path", SECTIONS, ids=[p.name for p in SECTIONS])
def test_h1_equals_nav_title_and_no_invented_numbers(path):
    pg = page_model.load(path)
    nav = _nav_titles()[path.relative_to(DOCS).as_posix()]
    assert pg.title == nav, f"{rel(path)}: H1 {pg.title!r}와 내비게이션 제목 {nav!r}가 다릅니다"
    invented = [f"{rel(path)}:{h.line}: {h.text}" for h in pg.headings if re.match(r"^14\.\d+\.\d+\.\d+", h.text)]
    assert not invented, "책에 없는 번호:\n" + "\n".join(invented)


def _section(pg, title):
    """제목이 title로 시작하는 H2의 (시작 줄, 끝 줄)."""
    h2 = [h for h in pg.headings if h.level == 2]
    for i, h in enumerate(h2):
        if h.text.startswith(title):
            end = h2[i + 1].line if i + 1 < len(h2) else len(pg.lines) + 1
            return h.line, end
    return None


@pytest.mark.parametrize("path", TAUGHT, ids=[p.name for p in TAUGHT])
def test_section_page_has_overview_summary_and_check_questions(path):
    pg = page_model.load(path)
    overview = next((a for a in pg.admonitions if a.title.startswith("이 절에서 배울 것")), None)
    assert overview is not None, f"{rel(path)}: '이 절에서 배울 것' 상자가 없습니다"
    assert re.search(r"\d+\s*분", overview.title + overview.body), f"{rel(path)}:{overview.line}: 읽는 데 걸리는 시간(…분)이 없습니다"
    assert _section(pg, "정리"), f"{rel(path)}: '정리' 절이 없습니다"
    span = _section(pg, "확인 문제")
    assert span, f"{rel(path)}: '확인 문제' 절이 없습니다"
    answers = [a for a in pg.admonitions if span[0] < a.line < span[1] and a.collapsible and a.parent is None]
    assert 3 <= len(answers) <= 5, f"{rel(path)}:{span[0]}: 확인 문제의 접힌 답이 {len(answers)}개입니다 (3~5개)"


@pytest.mark.parametrize("path", SECTIONS, ids=[p.name for p in SECTIONS])
def test_plotting_code_is_folded(path):
    pg = page_model.load(path)
    shown = [(b.line + i + 1, line) for b in pg.blocks if not b.folded
             for i, line in enumerate(b.code.splitlines()) if PLOTTING.search(line)]
    assert len(shown) <= 15, (f"{rel(path)}: 펼쳐진 블록에 그림 코드가 {len(shown)}줄 있습니다 (15줄 이하). "
                              "`??? example \"추가 코드: 그림 그리기\"` 안으로 옮기세요:\n"
                              + "\n".join(f"  {n}: {line.strip()}" for n, line in shown[:20]))


@pytest.mark.parametrize("path", SECTIONS, ids=[p.name for p in SECTIONS])
def test_figures_are_labelled_in_korean(path):
    pg = page_model.load(path)
    bad = []
    for chain in pg.chains:
        for block in chain.blocks:
            if "plt.show()" in block.code and not LABEL_CALL.search(block.code):
                bad.append(f"{rel(path)}:{block.line}: 그림을 그리지만 한글 제목·이름표가 없습니다")
    assert not bad, "\n".join(bad)


def test_exercise_solutions_are_folded():
    pg = page_model.load(CHAPTER / "14-13-exercises.md")
    folded = sum(b.folded for b in pg.blocks)
    assert folded >= 0.9 * len(pg.blocks), f"14.13: 코드 블록 {len(pg.blocks)}개 중 {folded}개만 접혀 있습니다 (90% 이상)"


@pytest.mark.parametrize("path", LEARNER_PAGES, ids=[str(rel(p)) for p in LEARNER_PAGES])
def test_no_build_talk_in_learner_prose(path):
    pg = page_model.load(path)
    bad = [f"{rel(path)}:{n}: {m.group()!r}" for n, line in pg.prose for m in BUILD_TALK.finditer(line)]
    assert not bad, ("학습자가 읽는 글에 빌드·검사 이야기가 있습니다. 학습자의 말로 쓰세요 (예: \"코랩에서는 전체 3,670장을 "
                     "쓰므로 숫자가 다릅니다\"):\n" + "\n".join(bad))


@pytest.mark.parametrize("path", LEARNER_PAGES, ids=[str(rel(p)) for p in LEARNER_PAGES])
def test_no_assert_in_learner_code(path):
    """결과를 확인하는 assert 대신 값을 출력합니다 (같음이 요점이면 두 값이나 차이를)."""
    bad = []
    for block in page_model.load(path).blocks:
        for node in ast.walk(ast.parse(block.code)):
            if isinstance(node, ast.Assert):
                bad.append(f"{rel(path)}:{block.line + node.lineno}: assert {ast.unparse(node.test)[:60]}")
    assert not bad, "학습자가 보는 코드에 assert가 있습니다. 값을 출력하세요:\n" + "\n".join(bad)


def test_verdicts_are_at_most_a_tenth_of_shown_outputs():
    """True/False 출력은 불리언 자체가 요점인 곳에만: 보여 주는 출력의 10% 이하."""
    outputs, verdicts = 0, []
    for path in LEARNER_PAGES:
        for block in page_model.load(path).blocks:
            if block.output:
                outputs += 1
                lines = [ln for ln in block.output.text.splitlines() if VERDICT.search(ln)]
                if lines:
                    verdicts.append(f"{rel(path)}:{block.output.line}: {lines[0].strip()}")
    assert len(verdicts) <= 0.1 * outputs, (f"True/False 출력이 {len(verdicts)}/{outputs}개입니다 (10% 이하):\n"
                                            + "\n".join(verdicts))


def _epochs(code: str) -> int:
    """코드에서 fit(..., epochs=N)의 가장 큰 N (숫자로 쓴 것만)."""
    best = 0
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "fit":
            for kw in node.keywords:
                if kw.arg == "epochs" and isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, int):
                    best = max(best, kw.value.value)
    return best


@pytest.mark.parametrize("path", SECTIONS, ids=[p.name for p in SECTIONS])
def test_training_for_three_or_more_epochs_draws_a_learning_curve(path):
    """3 에포크 이상 훈련하는 블록 뒤에는 같은 체인에서 history로 학습 곡선을 그리는 블록이 옵니다 (내려받기 체인 제외)."""
    bad = []
    for chain in page_model.load(path).chains:
        if chain.mark("download"):
            continue
        for k, block in enumerate(chain.blocks):
            if _epochs(block.code) >= 3:
                later = "".join(b.code for b in chain.blocks[k:])
                if not re.search(r"history", later) or "plt.show()" not in "".join(b.code for b in chain.blocks[k + 1:]) + block.code:
                    bad.append(f"{rel(path)}:{block.line}: {_epochs(block.code)} 에포크 훈련 뒤에 학습 곡선이 없습니다")
    assert not bad, "\n".join(bad)


PINNED = re.compile(r"(?<![\d.])(?:2\.2\d|3\.1\d)(?![\d])")


@pytest.mark.parametrize("path", PAGES, ids=[str(rel(p)) for p in PAGES])
def test_versions_in_prose_come_from_the_lock(path):
    """글에 텐서플로·케라스 버전을 손으로 쓰지 않습니다: {{ keras_version }}, {{ tensorflow_version }}(고정 버전),
    {{ keras_minimum }}(최소 버전) 자리표시를 쓰면 빌드와 노트북이 requirements.txt에서 채웁니다."""
    import project

    pinned = set(project.pinned_versions().values())
    bad = [f"{rel(path)}:{n}: {m.group()}" for n, line in page_model.load(path).prose for m in PINNED.finditer(line)
           if m.group() in pinned]
    assert not bad, "글에 손으로 쓴 버전 (자리표시를 쓰세요):\n" + "\n".join(bad)


def test_minimum_versions_are_stated_on_the_home_page_and_readme():
    import project

    home = (DOCS / "index.md").read_text(encoding="utf-8")
    assert "{{ tensorflow_minimum }}" in home and "{{ keras_minimum }}" in home, "docs/index.md: 최소 버전 자리표시"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, label in (("tensorflow", "텐서플로"), ("keras", "케라스")):
        assert f"{label} {project.MINIMUM_VERSIONS[name]} 이상" in readme, f"README.md: '{label} … 이상'"


# 계산한 값이 아니라 고정된 모양만 그리는 도식(구조도, 화살표 설명): 숫자를 출력하지 않아도 됩니다.
DIAGRAMS: set[str] = {
    "14-12-unet-skip.png",  # U-Net의 수축·확장 경로와 스킵 연결 도식
    "14-05-inception-module.png", "14-05-residual-unit.png", "14-05-separable-conv.png",  # 14.5의 구조 도식
    "14-05-se-block.png", "14-05-other-blocks.png", "14-05-compound-scaling.png",
}


@pytest.mark.parametrize("path", SECTIONS, ids=[p.name for p in SECTIONS])
def test_figures_are_pinned_by_the_numbers_they_draw(path):
    """계산한 값을 그리는 그림은 그 블록이 그리는 숫자를 출력하고, 그 출력은 검사됩니다: 그림 코드가 바뀌어(예: 최대 풀링
    → 최소 풀링) 그림이 틀려지면 검사된 출력도 바뀝니다. 고정된 도식은 DIAGRAMS에 적습니다."""
    pg = page_model.load(path)
    figure_lines = sorted(pg.figure_lines().items())
    starts = [b.line for b in pg.blocks] + [len(pg.lines) + 1]
    downloads = {id(b) for c in pg.chains if c.mark("download") for b in c.blocks}  # 오프라인에서는 출력을 비교하지 않음
    bad = []
    for block, next_start in zip(pg.blocks, starts[1:]):
        if "plt.show()" not in block.code or block.output is not None or id(block) in downloads:
            continue
        names = [f.url.rsplit("/", 1)[-1] for line, f in figure_lines if block.end_line < line < next_start]
        if not names or not set(names) <= DIAGRAMS:
            bad.append(f"{rel(path)}:{block.line}: 그림({', '.join(names) or '?'})을 그리는 블록이 그리는 숫자를 출력하지 않습니다")
    assert not bad, ("그림이 보여 주는 값을 같은 블록에서 짧게 출력하세요 (도식이면 tests/test_lessons.py의 DIAGRAMS에):\n"
                     + "\n".join(bad))


@pytest.mark.parametrize("path", PAGES, ids=[str(rel(p)) for p in PAGES])
def test_particles_after_keras_3_follow_the_reading(path):
    """'케라스 3'의 3은 '삼'으로 읽으므로 조사는 이/은/을/으로/과입니다 (3가, 3는, 3를, 3로, 3와가 아니라)."""
    bad = [f"{rel(path)}:{n}: {m.group()}" for n, line in page_model.load(path).prose
           for m in re.finditer(r"케라스 3[가는를로와](?![가-힣])", line)]
    assert not bad, "숫자 읽기에 맞지 않는 조사:\n" + "\n".join(bad)
