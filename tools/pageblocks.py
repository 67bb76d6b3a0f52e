"""pytest 플러그인: 페이지의 코드 블록을 실행하고, 블록마다 자기 출력을 바로 아래 기대 출력과 비교합니다.

pytest-codeblocks(`--codeblocks`)의 주석 문법과 수집 단위(체인 하나 = 검사 하나, 이름 "line N")를 그대로
씁니다. pytest-codeblocks는 cont로 이은 블록들을 하나로 합쳐 기대 출력을 체인 끝에 하나만 받으므로, 그 위에
얹은 이 플러그인이 페이지 모델(tools/page.py)로 블록을 나눠 실행합니다.

- 체인의 블록들은 한 이름 공간에서 차례로 실행되고, 블록마다 표준 출력을 따로 받아 그 블록의 기대 출력과
  비교합니다. 틀리면 "페이지.md:줄"(기대 출력의 줄)로 실패합니다. 예외의 역추적도 페이지의 줄 번호를 가리킵니다.
- `<!--pytest.mark.download(reason="…")-->`: 내려받기가 필요한 체인. 평소 실행에서는 이유를 출력하며 건너뛰고,
  대역(tools/standins.py: 가중치 없는 같은 구조, 작은 데이터, 1 에포크)으로는 환경 변수 PAGEBLOCKS_STAND_INS=1과
  `--run-downloads`로 실행합니다. 전체 검사에서는 tests/test_workflows.py가 주간 워크플로의 명령을 그대로 대역으로
  돌려 이 체인들을 한 번 실행합니다 (깨지면 `페이지.md:줄`로 실패). 대역의 출력은 비교하지 않습니다.
  `--run-downloads`만 주면(인터넷 필요, 주간 워크플로) 진짜로 실행해 다른 체인처럼 출력을 비교합니다.
  그 밖의 표시(xfail, skip …)나 잘못 쓴 표시는 수집 오류입니다 (tools/page.py의 problems).
- 체인 하나가 `chain_time_limit`초를 넘으면 실패합니다.
- 기대 출력 주석에 허용 오차가 있으면(`<!--pytest-codeblocks:expected-output tolerance=0.03 spread=0.02-->`)
  숫자 아닌 글자는 그대로, 숫자는 하나씩 허용 오차 안에서 비교합니다 (tools/page.py의 Output.mismatch).
  허용 오차는 tools/tolerances.py가 CPU 변형과 시드로 잰 폭에서 제안합니다.
- `--update-outputs`(작성자 모드): 비교하지 않고 실제 출력으로 페이지의 기대 출력을 고쳐 씁니다. 체인의 출력이 모두
  허용 오차 안이면 그대로 두고, 하나라도 벗어나면 그 체인의 출력을 모두 이번 실행의 것으로 씁니다 (한 실행의 출력끼리).
  `--rewrite-all-outputs`를 더하면 허용 오차 안인 체인까지 모두 씁니다 (노트북을 --force로 다시 실행해 그림이 바뀔 때).
  출력이 있는데 기대 출력이 없으면 블록 바로 아래에 넣고, 출력이 없어졌으면 지웁니다. 허용 오차 안인 출력은
  그대로 두고, 고칠 때도 주석의 허용 오차는 남깁니다. 고친 뒤 diff를 읽으세요.
"""

from __future__ import annotations

import io
import json
import os
import time
import traceback
from contextlib import contextmanager, redirect_stdout
from pathlib import Path

import pytest
from pytest_codeblocks.plugin import MarkdownFile, TestBlock

import page as page_model
import standins

ISA_SLOWDOWN = 5  # ONEDNN_MAX_CPU_ISA로 옛 CPU를 흉내 낼 때 체인 시간 한도의 배수
_UPDATES: dict[Path, dict[int, str]] = {}  # 작성자 모드·기록: 페이지 → {블록 줄: 실제 출력}


def pytest_addoption(parser):
    group = parser.getgroup("pageblocks", "페이지 코드 블록")
    group.addoption("--run-downloads", action="store_true", help="download 표시가 붙은 체인도 실행합니다 (인터넷이 필요).")
    group.addoption("--update-outputs", action="store_true",
                    help="작성자 모드: 실행한 페이지의 기대 출력을 실제 출력으로 고쳐 씁니다.")
    group.addoption("--rewrite-all-outputs", action="store_true",
                    help="--update-outputs와 함께: 허용 오차 안이어도 모든 출력을 이번 실행의 것으로 씁니다 "
                         "(계산 환경이 바뀌어 노트북의 그림과 페이지의 숫자를 한 실행에 맞출 때).")
    group.addoption("--record-outputs", metavar="FILE",
                    help="비교하지 않고 블록마다 실제 출력을 JSON으로 적습니다 (tools/tolerances.py가 씀).")
    group.addoption("--seed-offset", type=int, default=0,
                    help="체인이 tf.keras.utils.set_random_seed(s)로 정한 시드를 s + N으로 바꿉니다 (tools/tolerances.py가 씀).")
    parser.addini("chain_time_limit", "코드 블록 체인 하나의 최대 실행 시간(초)", default="60")


def pytest_configure(config):
    config.addinivalue_line("markers", "download(reason): 오프라인에서 구할 수 없는 파일을 내려받는 체인")


@pytest.hookimpl(wrapper=True)
def pytest_collect_file(file_path, parent):
    """pytest-codeblocks가 만든 MarkdownFile을 블록 단위로 실행하는 PageFile로 바꿉니다."""
    collected = yield
    out = []
    for node in collected or []:
        if isinstance(node, MarkdownFile) and not isinstance(node, PageFile):
            node = PageFile.from_parent(parent, path=file_path)
        out.append(node)
    return out


class PageFile(MarkdownFile):
    def collect(self):
        page = page_model.load(self.path)
        where = self.path.relative_to(self.config.rootpath) if self.path.is_relative_to(self.config.rootpath) else self.path
        if page.problems:
            raise self.CollectError("\n".join(f"{where}:{p}" for p in page.problems))
        for chain in page.chains:
            item = ChainItem.from_parent(self, name=f"line {chain.line}")
            item.chain = chain
            item.where = str(where)
            download = chain.mark("download")
            item.stand_in = download is not None and os.environ.get("PAGEBLOCKS_STAND_INS") == "1"
            if download is not None:
                item.add_marker(pytest.mark.download(reason=download.reason))
                if not self.config.getoption("--run-downloads"):
                    item.add_marker(pytest.mark.skip(reason=(
                        f"{where}:{chain.line}: 내려받기가 필요한 예제 ({download.reason}). 대역으로는 "
                        "tests/test_workflows.py의 주간 명령 검사가 실행합니다 (직접: PAGEBLOCKS_STAND_INS=1 pytest "
                        f"{where} --run-downloads)")))
            yield item

    def repr_failure(self, excinfo):
        return str(excinfo.value.args[0]) if excinfo.errisinstance(self.CollectError) else super().repr_failure(excinfo)


class ChainFailure(Exception):
    pass


class ChainItem(TestBlock):
    chain: page_model.Chain
    where: str
    stand_in: bool = False  # 내려받기 체인을 대역으로 (tools/standins.py)

    @property
    def obj(self):  # pytest-codeblocks의 TestBlock 호환 (lineno)
        return self.chain.blocks[0]

    @obj.setter
    def obj(self, value):
        pass

    def runtest(self):
        if self.stand_in:
            with standins.stand_ins():
                self._run_blocks()
            return
        with _seed_offset(self.config.getoption("--seed-offset"), self.chain.code):
            self._run_blocks()

    def _run_blocks(self):
        update = self.config.getoption("--update-outputs") or self.config.getoption("--record-outputs")
        overrides = standins.parse_overrides(self.chain.mark("download").arg("stand_in")) if self.stand_in else {}
        namespace = {"__name__": "__main__"}
        started = time.perf_counter()
        for block in self.chain.blocks:
            # 앞에 빈 줄을 채워 역추적의 줄 번호가 페이지의 줄 번호와 같게 합니다
            source = block.code
            if overrides:
                source, done = standins.override_assignments(source, overrides)
                overrides = {k: v for k, v in overrides.items() if k not in done}
                # 바꾼 코드는 줄 배치가 달라질 수 있으므로 역추적의 줄은 블록 첫 줄 근처를 가리킵니다
            code = compile("\n" * block.line + source, self.where, "exec")
            buffer = io.StringIO()
            try:
                with redirect_stdout(buffer):
                    exec(code, namespace)
            except Exception as error:  # noqa: BLE001 — 어떤 예외든 페이지의 줄로 보고합니다
                tb = "".join(traceback.format_exception(error)[1:])
                raise ChainFailure(
                    f"{self.where}:{block.line}: 코드 블록이 실패했습니다\n{tb}"
                    + (f"\n(그때까지의 출력)\n{buffer.getvalue()}" if buffer.getvalue() else "")
                ) from None
            actual = buffer.getvalue()
            if self.stand_in:
                continue  # 대역의 출력은 진짜 출력이 아니므로 비교하지도 쓰지도 않습니다
            if update:
                _UPDATES.setdefault(self.path, {})[block.line] = actual
                continue
            expected = block.output.text if block.output else ""
            if block.output is None:
                problem = (block.end_line, "출력했지만 블록 아래에 기대 출력이 없습니다") if actual else None
            else:
                problem = block.output.mismatch(actual)
                problem = problem and (problem[0], f"기대 출력과 실제 출력이 다릅니다: {problem[1]}")
            if problem:
                line, problem = problem
                raise ChainFailure(
                    f"{self.where}:{line}: {problem} (블록은 줄 {block.line})\n"
                    f"--- 페이지\n{expected}--- 실제\n{actual}---\n"
                    "고치려면: pytest --update-outputs " + self.where
                )
        if overrides:
            raise ChainFailure(f"{self.where}:{self.chain.line}: stand_in의 이름을 체인의 맨 위 수준 대입에서 찾지 못했습니다: "
                               + ", ".join(overrides))
        took = time.perf_counter() - started
        limit = float(self.config.getini("chain_time_limit"))
        why = ""
        if os.environ.get("ONEDNN_MAX_CPU_ISA"):
            # 시간 한도는 이 컴퓨터의 제 명령어 집합에서 잰 예산입니다. oneDNN을 옛 명령어 집합(SSE4.1 …)으로 묶으면
            # 합성곱 커널이 몇 배 느려지므로(14.10: 19초 → 95초), 그때는 한도를 ISA_SLOWDOWN배로 늘립니다.
            limit *= ISA_SLOWDOWN
            why = f", ONEDNN_MAX_CPU_ISA={os.environ['ONEDNN_MAX_CPU_ISA']}이라 {ISA_SLOWDOWN}배"
        if took > limit:
            raise ChainFailure(f"{self.where}:{self.chain.line}: 코드 블록 체인 실행에 {took:.1f}초 걸렸습니다 "
                               f"(한도 {limit:.0f}초{why})")

    def repr_failure(self, excinfo):
        if excinfo.errisinstance(ChainFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, self.chain.line - 1, f"{self.where}:{self.chain.line}"


@contextmanager
def _seed_offset(offset: int, code: str):
    """시드를 바꿔 초기화에 따른 폭을 재도록, 체인 안의 set_random_seed(s)를 set_random_seed(s + offset)으로 만듭니다."""
    if not offset or "set_random_seed" not in code:
        yield
        return
    import keras
    import tensorflow as tf

    original = keras.utils.set_random_seed
    modules = [m for m in (keras.utils, tf.keras.utils) if getattr(m, "set_random_seed", None) is original]
    for module in modules:
        module.set_random_seed = lambda seed: original(seed + offset)
    try:
        yield
    finally:
        for module in modules:
            module.set_random_seed = original


def _fence(text: str, indent: str, tolerance: page_model.Tolerance | None = None) -> list[str]:
    body = text if text.endswith("\n") else text + "\n"
    fence = "```" if "```" not in body else "````"
    args = f" {tolerance.comment_args}" if tolerance else ""
    return [indent + f"<!--pytest-codeblocks:expected-output{args}-->", indent + fence,
            *[(indent + ln if ln else ln) for ln in body.splitlines()], indent + fence]


def rewrite_outputs(path: Path, actual: dict[int, str], everything: bool = False) -> bool:
    """작성자 모드: 블록 줄 → 실제 출력으로 페이지의 기대 출력을 고칩니다. 바뀌었으면 True.
    everything: 허용 오차 안인 체인까지 모두 (--rewrite-all-outputs)."""
    page = page_model.parse_text(path.read_text(encoding="utf-8"), path)
    lines = page.text.splitlines()

    def differs(block) -> bool:
        text = actual.get(block.line)
        if text is None:
            return False
        if block.output is None:
            return bool(text)
        return not text or block.output.mismatch(text) is not None

    # 체인의 출력은 한 번의 실행에서 나온 것이어야 서로 맞습니다 (위 블록의 정확도와 아래 학습 곡선의 정확도처럼).
    # 그래서 체인의 블록 하나라도 허용 오차를 넘으면 그 체인의 출력을 모두 새로 쓰고, 모두 허용 오차 안이면 그대로 둡니다
    # (다른 CPU에서 고쳐 써도 페이지가 흔들리지 않게).
    rewrite = {b.line for chain in page.chains if everything or any(differs(b) for b in chain.blocks) for b in chain.blocks}
    # 아래에서 위로 고쳐야 앞쪽 줄 번호가 그대로입니다
    for block in sorted(page.blocks, key=lambda b: b.line, reverse=True):
        if block.line not in actual or block.line not in rewrite:
            continue
        text = actual[block.line]
        indent = " " * block.indent
        if block.output is not None:
            start, end = block.output.line - 1, block.output.end_line  # 주석 줄부터 닫는 펜스까지
            if text == block.output.text:
                continue
            lines[start:end] = _fence(text, indent, block.output.tolerance) if text else []
            if not text and start < len(lines) and start > 0 and not lines[start].strip() and not lines[start - 1].strip():
                del lines[start]
        elif text:
            lines[block.end_line:block.end_line] = _fence(text, indent)
    new = "\n".join(lines) + "\n"
    if new != page.text:
        path.write_text(new, encoding="utf-8")
        return True
    return False


def pytest_sessionfinish(session):
    record = session.config.getoption("--record-outputs")
    if record:
        root = session.config.rootpath
        Path(record).write_text(json.dumps(
            {str(path.relative_to(root) if path.is_relative_to(root) else path): {str(k): v for k, v in actual.items()}
             for path, actual in _UPDATES.items()}, ensure_ascii=False, indent=1), encoding="utf-8")
        _UPDATES.clear()
        return
    for path, actual in _UPDATES.items():
        if rewrite_outputs(path, actual, session.config.getoption("--rewrite-all-outputs")):
            print(f"\n기대 출력을 고쳤습니다: {path}")
    _UPDATES.clear()
