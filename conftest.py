"""pytest 설정: 페이지의 코드 블록을 결정적이고, 조용하고, 닫힌 환경에서 실행합니다.

- 케라스 캐시(`KERAS_HOME`)를 이 실행만의 임시 폴더로 정하고 저장소의 작은 데이터(tests/data/)로 채웁니다.
  텐서플로를 불러오기 전에 해야 하므로 이 파일이 맨 먼저 합니다. 사용자의 `~/.keras`는 읽지도 쓰지도 않고,
  인터넷이 있어도 아무것도 내려받지 않습니다 (tools/offline_data.py).
- 텐서플로 로그를 끄고, matplotlib은 창 없는 백엔드(Agg)로 그립니다. 텐서플로는 스레드 하나로 계산합니다
  (tools/project.py의 COMPUTE_THREADS: 출력이 코어 수에 달리지 않게).
- 체인마다 케라스 상태를 비우고(남은 객체는 gc.freeze()로 순환 수집에서 뺌) 시드를 42로 다시 정하며, 빈 임시
  폴더에서 실행합니다.
- fit()/evaluate()가 한 단계를 두 번이 아니라 한 번 추적하게 합니다 (tools/trace_once.py, 결과는 비트 단위로 같음).
- 코드 블록의 수집과 실행, 블록별 기대 출력, download 표시, 작성자 모드는 tools/pageblocks.py에 있습니다.
"""

import atexit
import gc
import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("MPLBACKEND", "Agg")

import pytest  # noqa: E402

import offline_data  # noqa: E402
import project  # noqa: E402

project.pin_compute_threads()  # 스레드 하나로: 출력이 코어 수에 달리지 않게 (project.COMPUTE_THREADS)

pytest_plugins = ["pageblocks"]

_KERAS_HOME = Path(tempfile.mkdtemp(prefix="keras-home-"))
atexit.register(shutil.rmtree, _KERAS_HOME, ignore_errors=True)
offline_data.use_offline_keras_home(_KERAS_HOME)

_tf_ready = False


def _prepare_tensorflow():
    global _tf_ready
    import tensorflow as tf

    if not _tf_ready:
        import trace_once

        tf.config.experimental.enable_op_determinism()
        tf.get_logger().setLevel("ERROR")
        trace_once.build_state_before_tracing()  # fit()마다 훈련 단계를 두 번이 아니라 한 번 추적 (결과는 같음)
        _tf_ready = True
    tf.keras.backend.clear_session()  # 앞 체인의 모델과 그래프를 (순환 참조까지) 치웁니다: gc.collect()
    # 그러고도 남은 객체(불러온 모듈, 텐서플로·케라스 내부)는 순환 수집기가 더는 훑지 않게 합니다. 남겨 두면 체인마다의
    # gc.collect()와 실행 중의 자동 수집이 이 수백만 개를 매번 다시 훑어, 문서 전체에서 약 50초가 더 듭니다.
    # 참조 수가 0이 되는 객체는 그대로 바로 풀립니다 (얼린 객체도 순환 수집에서만 빠짐).
    gc.freeze()
    tf.keras.utils.set_random_seed(42)


def _is_chain(item):
    from pageblocks import ChainItem

    return isinstance(item, ChainItem)


def pytest_runtest_setup(item):
    if not _is_chain(item):
        return
    import random
    import sys

    import numpy as np

    random.seed(42)
    np.random.seed(42)
    if "tensorflow" in sys.modules or "tensorflow" in item.chain.code:
        _prepare_tensorflow()  # 텐서플로를 쓰지 않는 체인은 불러오는 시간(수 초)을 아낍니다
    item._cwd = os.getcwd()
    item._workdir = tempfile.mkdtemp(prefix="chain-")
    os.chdir(item._workdir)


def pytest_runtest_teardown(item):
    if not _is_chain(item) or not hasattr(item, "_cwd"):
        return  # 건너뛴 체인은 준비 단계를 거치지 않았습니다
    import matplotlib.pyplot as plt

    plt.close("all")
    os.chdir(item._cwd)
    shutil.rmtree(item._workdir, ignore_errors=True)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """pytest-xdist(-n 2 --dist loadgroup)로 두 코어를 함께 쓸 때 한 작업자에 모을 것들 (xdist보다 먼저 표시):
    - 빌드한 사이트와 브라우저를 쓰는 검사("site"): 사이트 빌드와 페이지 훑기를 한 번만 하도록.
    - 망가뜨린 페이지를 한 번에 돌리는 하네스 검사("harness"), 워크플로 검사("workflows").
    - 한 페이지의 코드 블록들: 페이지 안의 순서대로 한 작업자에서 (노트북처럼 위에서 아래로).
    그러고 나서 긴 묶음이 먼저 나가도록 검사 순서를 바꿉니다 (_longest_groups_first)."""
    from pageblocks import ChainItem

    for item in items:
        if isinstance(item, ChainItem):
            item.add_marker(pytest.mark.xdist_group(f"page:{item.where}"))
        elif item.path.name == "test_explorers.py" or item.name == "test_lesson_pages_screenshots":
            # 페이지 훑기(axe 감사 포함)가 가장 긴 "site" 작업자와 나눕니다 (빌드한 사이트는 tests/conftest.py의 built_site를 함께 씀)
            item.add_marker(pytest.mark.xdist_group("explorers"))
        elif "built_site" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("site"))
        elif item.path.name == "test_harness.py":
            item.add_marker(pytest.mark.xdist_group("harness"))
        elif item.path.name == "test_workflows.py":
            item.add_marker(pytest.mark.xdist_group("workflows"))  # 주간 명령 검사 (대역으로 체인 여섯 개)
    _longest_groups_first(items)


# 긴 묶음부터 나눠 줍니다 (pytest.ini의 --no-loadscope-reorder: xdist는 이 수집 순서대로 묶음을 작업자에게 줌). 짧은
# 검사가 끝에 남아야 두 작업자가 거의 함께 끝납니다. xdist의 기본 순서(검사 수가 많은 묶음부터)로는 체인이 적은 긴
# 페이지(14.1, 14.6 …)가 끝에 나가 한 작업자만 남아 돌았습니다. 시간을 재어 두지 않고 어림합니다: 사이트 빌드와 페이지
# 훑기 → 하위 pytest를 띄우는 워크플로·하네스 검사 → 탐색기 → 모델을 훈련하거나 만드는 체인이 있는 페이지(그런 체인의
# 코드가 긴 순) → 나머지(수집 순서 그대로). 탐색기는 빌드한 사이트를 쓰므로 사이트 빌드 뒤로 둡니다: 바로 시작하면 다른
# 작업자의 빌드(새로 받은 저장소에서는 노트북 캐시가 없어 20초쯤)를 그동안 아무것도 하지 않고 기다립니다.
_FIRST_GROUPS = ("site", "workflows", "harness", "explorers")
_MODEL_CALLS = ("fit(", "applications.")


def _longest_groups_first(items):
    from pageblocks import ChainItem

    def group(item):
        mark = item.get_closest_marker("xdist_group")
        return mark.args[0] if mark else None

    model_code: dict[str, int] = {}  # 페이지 묶음 → 모델을 훈련하거나 만드는 (내려받기 밖) 체인의 코드 길이
    for item in items:
        code = item.chain.code if isinstance(item, ChainItem) and not item.chain.mark("download") else ""
        if any(call in code for call in _MODEL_CALLS):
            model_code[group(item)] = model_code.get(group(item), 0) + len(code)

    def expected_length(item):
        name = group(item)
        if name in _FIRST_GROUPS:
            return (0, _FIRST_GROUPS.index(name))
        if name in model_code:
            return (1, -model_code[name])
        return (2, 0)

    items.sort(key=expected_length)  # 안정 정렬: 한 묶음 안의 순서(페이지의 체인 순서)는 그대로


def pytest_xdist_make_scheduler(config, log):
    """--dist loadgroup에서, 작업자가 다음 묶음을 미리 받는 때를 늦춥니다: xdist는 남은 검사가 둘 이하이면 다음 묶음을
    주므로, 체인 하나짜리 긴 페이지 묶음을 돌리는 작업자가 긴 묶음을 줄줄이 미리 받아 두고 다른 작업자는 일찍 끝납니다.
    여기서는 남은 검사가 하나일 때(작업자는 다음 검사를 알아야 마지막 검사를 돌리므로 꼭 필요한 때) 줍니다."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class OneAhead(LoadGroupScheduling):
        def _reschedule(self, node):
            if self.workqueue and not node.shutting_down and self._pending_of(self.assigned_work[node]) > 1:
                return
            super()._reschedule(node)

    return OneAhead(config, log)


# ---- 측정값 표를 작업자에서 주 프로세스로 (pytest-xdist: 작업자의 터미널 출력은 보이지 않으므로)

_SUMMARY_PLUGINS = ("browser-report", "weight-report")  # tests/browser/report.py, tests/weights.py
_worker_summaries: list[str] = []


class _Lines:
    """pytest_terminal_summary가 쓰는 터미널 대신 줄을 모읍니다."""

    def __init__(self):
        self.lines: list[str] = []

    def section(self, title, sep="=", **kwargs):
        self.lines.append(f" {title} ".center(80, sep))

    def write_line(self, line="", **kwargs):
        self.lines.append(line)


def pytest_sessionfinish(session):
    output = getattr(session.config, "workeroutput", None)
    if output is None:
        return  # 주 프로세스(또는 -n 없이 실행): 플러그인이 직접 출력합니다
    collected = _Lines()
    for name in _SUMMARY_PLUGINS:
        plugin = session.config.pluginmanager.get_plugin(name)
        if plugin is not None:
            plugin.pytest_terminal_summary(collected)
    output["summary_lines"] = "\n".join(collected.lines)


def pytest_testnodedown(node, error):
    text = getattr(node, "workeroutput", {}).get("summary_lines")
    if text:
        _worker_summaries.append(text)


def pytest_terminal_summary(terminalreporter):
    for text in _worker_summaries:
        for line in text.splitlines():
            terminalreporter.write_line(line)
