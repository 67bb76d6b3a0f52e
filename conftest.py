"""pytest 설정: 코드 블록을 결정적이고 조용하게 실행합니다.

- 텐서플로 로그와 oneDNN 메시지를 끄고, matplotlib은 창 없는 백엔드(Agg)로 그립니다.
- 코드 블록 체인마다 케라스 상태를 비우고 시드를 42로 다시 정하며, 빈 임시 폴더에서 실행합니다
  (체인이 저장하는 .keras 파일 등이 저장소에 남지 않도록).
- `<!--pytest.mark.download(reason="…")-->`가 붙은 블록은 오프라인에서 구할 수 없는 파일이 필요하므로,
  `--run-downloads`를 주지 않으면 이유를 출력하며 건너뜁니다 (요약의 skipped 수에 나타납니다).
- 체인 하나가 `chain_time_limit`초(기본 60초)보다 오래 걸리면 실패합니다.
"""

import os
import shutil
import tempfile
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("MPLBACKEND", "Agg")

import pytest  # noqa: E402

try:
    from pytest_codeblocks.plugin import TestBlock
except ImportError:  # pytest-codeblocks 없이 tests/만 돌릴 때
    TestBlock = ()

_tf_ready = False


def pytest_addoption(parser):
    parser.addoption(
        "--run-downloads",
        action="store_true",
        help="download 표시가 붙은 코드 블록도 실행합니다 (인터넷이 필요).",
    )
    parser.addini("chain_time_limit", "코드 블록 체인 하나의 최대 실행 시간(초)", default="60")


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "download(reason): 오프라인에서 구할 수 없는 파일(사전 훈련 가중치, 전체 데이터셋)을 내려받는 코드 블록",
    )


def pytest_collection_modifyitems(config, items):
    if config.getoption("--run-downloads"):
        return
    for item in items:
        mark = item.get_closest_marker("download")
        if mark is None:
            continue
        reason = mark.kwargs.get("reason") or (mark.args[0] if mark.args else "")
        if not reason:
            raise pytest.UsageError(f"{item.nodeid}: download 표시에 reason이 없습니다")
        item.add_marker(pytest.mark.skip(reason=f"내려받기가 필요한 블록 (--run-downloads로 실행): {reason}"))


def _prepare_tensorflow():
    global _tf_ready
    import tensorflow as tf

    if not _tf_ready:
        tf.config.experimental.enable_op_determinism()
        tf.get_logger().setLevel("ERROR")
        _tf_ready = True
    tf.keras.backend.clear_session()
    tf.keras.utils.set_random_seed(42)


def pytest_runtest_setup(item):
    if not isinstance(item, TestBlock):
        return
    _prepare_tensorflow()
    item._cwd = os.getcwd()
    item._workdir = tempfile.mkdtemp(prefix="chain-")
    os.chdir(item._workdir)
    item._started = time.perf_counter()


def pytest_runtest_teardown(item):
    if not isinstance(item, TestBlock) or not hasattr(item, "_cwd"):
        return  # 건너뛴 블록은 준비 단계를 거치지 않았습니다
    import matplotlib.pyplot as plt

    plt.close("all")
    os.chdir(item._cwd)
    shutil.rmtree(item._workdir, ignore_errors=True)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    result = yield
    if isinstance(item, TestBlock):
        limit = float(item.config.getini("chain_time_limit"))
        took = time.perf_counter() - item._started
        if took > limit:
            raise RuntimeError(f"{item.nodeid}: 체인 실행에 {took:.1f}초 걸렸습니다 (한도 {limit:.0f}초)")
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """pytest-codeblocks의 실패 제목은 "code block check"뿐이므로, 메시지 맨 앞에 페이지와 줄을 적습니다."""
    report = yield
    if isinstance(item, TestBlock) and report.failed and isinstance(report.longrepr, str):
        where = f"{item.path.relative_to(item.config.rootpath)}:{item.obj.lineno}"
        report.longrepr = f"{where}: 코드 블록 체인이 실패했습니다\n{report.longrepr}"
    return report
