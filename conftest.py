"""pytest 설정: 페이지의 코드 블록을 결정적이고, 조용하고, 닫힌 환경에서 실행합니다.

- 케라스 캐시(`KERAS_HOME`)를 이 실행만의 임시 폴더로 정하고 저장소의 작은 데이터(tests/data/)로 채웁니다.
  텐서플로를 불러오기 전에 해야 하므로 이 파일이 맨 먼저 합니다. 사용자의 `~/.keras`는 읽지도 쓰지도 않고,
  인터넷이 있어도 아무것도 내려받지 않습니다 (tools/offline_data.py).
- 텐서플로 로그를 끄고, matplotlib은 창 없는 백엔드(Agg)로 그립니다.
- 체인마다 케라스 상태를 비우고 시드를 42로 다시 정하며, 빈 임시 폴더에서 실행합니다.
- 코드 블록의 수집과 실행, 블록별 기대 출력, download 표시, 작성자 모드는 tools/pageblocks.py에 있습니다.
"""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("MPLBACKEND", "Agg")

import pytest  # noqa: E402

import offline_data  # noqa: E402

pytest_plugins = ["pageblocks"]

_KERAS_HOME = Path(tempfile.mkdtemp(prefix="keras-home-"))
atexit.register(shutil.rmtree, _KERAS_HOME, ignore_errors=True)
offline_data.use_offline_keras_home(_KERAS_HOME)

_tf_ready = False


def _prepare_tensorflow():
    global _tf_ready
    import tensorflow as tf

    if not _tf_ready:
        tf.config.experimental.enable_op_determinism()
        tf.get_logger().setLevel("ERROR")
        _tf_ready = True
    tf.keras.backend.clear_session()
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
