"""내려받기 체인의 대역(stand-in): 인터넷 없이, 짧게 같은 코드 경로를 실행합니다.

`<!--pytest.mark.download(reason="…")-->`가 붙은 체인은 실제로는 큰 파일(사전 훈련 가중치, 데이터셋)을 내려받고
오래 훈련합니다. 검사에서는(PAGEBLOCKS_STAND_INS=1, tests/test_workflows.py의 주간 명령 검사) 이 모듈의 `stand_ins()`
안에서 실행해, 코드가 깨지면(이름, 모양, API) 여기서 `페이지.md:줄`로 실패하게 합니다. 대역이 보여 줄 수 없는 것(실제 예측, 정확도)은 주간 워크플로
(.github/workflows/downloads.yml)가 인터넷이 있는 러너에서 실행해 확인합니다. 대역 실행의 출력은 비교하지도,
페이지에 쓰지도 않습니다.

대역이 바꾸는 것 (체인을 실행하는 동안만):
- `weights="imagenet"`인 `keras.applications`의 모델 → 같은 구조를 `weights=None`(무작위 초기화)으로.
- `keras.datasets.mnist`, `fashion_mnist`의 `load_data()` → 모양과 자료형이 같은 작은 무작위 배열
  (훈련 6,000장, 테스트 100장: 페이지 코드가 검증 세트로 떼는 5,000장보다 많게).
- `Model.fit`, `evaluate`, `predict` → 데이터의 앞 4개(tf.data는 4개 샘플)와 1 에포크로, 즉시 실행(run_eagerly)으로.
  그래프 모드에서만 드러나는 문제는 주간 워크플로의 실제 실행이 봅니다.
- 꽃 사진은 원래 검사처럼 저장소의 500장 캐시를 씁니다 (tools/offline_data.py).
- 표시의 `stand_in="이름 = 값; …"`: 체인의 맨 위 수준 대입 `이름 = …`을 그 값으로 바꿉니다 (예: 반복 횟수
  `STEPS = 2`처럼 fit을 쓰지 않는 긴 반복).
"""

from __future__ import annotations

import ast
import functools
import inspect
import sys
import warnings
from contextlib import contextmanager

SAMPLES = 4


def parse_overrides(text: str) -> dict[str, str]:
    """표시의 stand_in="A = 1; B = 2" → {"A": "1", "B": "2"}."""
    pairs = [part.partition("=") for part in text.split(";") if part.strip()]
    return {name.strip(): value.strip() for name, _, value in pairs}


def override_assignments(code: str, values: dict[str, str]) -> tuple[str, set[str]]:
    """맨 위 수준의 `NAME = …`(또는 `A, B = …, …`) 대입의 값을 values의 값으로 바꾼 코드와, 바꾼 이름들.
    값의 글자만 바꾸므로 나머지 줄의 번호는 그대로입니다 (역추적이 페이지의 줄을 가리키도록)."""
    spans = []  # (시작 줄, 시작 칸, 끝 줄, 끝 칸, 새 값)
    seen = set()
    for node in ast.parse(code).body:
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1):
            continue
        target, value = node.targets[0], node.value
        if isinstance(target, ast.Name):
            pairs = [(target, value)]
        elif isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple) and len(target.elts) == len(value.elts):
            pairs = list(zip(target.elts, value.elts))
        else:
            pairs = []
        for name, old in pairs:
            if isinstance(name, ast.Name) and name.id in values:
                spans.append((old.lineno, old.col_offset, old.end_lineno, old.end_col_offset, values[name.id]))
                seen.add(name.id)
    lines = code.splitlines(keepends=True)
    for l1, c1, l2, c2, new in sorted(spans, reverse=True):
        head, tail = lines[l1 - 1][:c1], lines[l2 - 1][c2:]
        lines[l1 - 1:l2] = [head + new + tail] + ["\n"] * (l2 - l1)
    return "".join(lines), seen


def _small(data):
    import numpy as np
    import tensorflow as tf

    if isinstance(data, tf.data.Dataset):
        try:
            return data.unbatch().take(SAMPLES).batch(SAMPLES)
        except (TypeError, ValueError):
            return data.take(1)
    if isinstance(data, (np.ndarray, tf.Tensor)):
        return data[:SAMPLES]
    if isinstance(data, (tuple, list)):
        return type(data)(_small(d) for d in data)
    if isinstance(data, dict):
        return {k: _small(v) for k, v in data.items()}
    return data


def _fake_load_data(image_shape):
    import numpy as np

    def load_data(*args, **kwargs):
        rng = np.random.default_rng(0)
        x_train = rng.integers(0, 256, size=(6000, *image_shape), dtype=np.uint8)
        x_test = rng.integers(0, 256, size=(100, *image_shape), dtype=np.uint8)
        return (x_train, rng.integers(0, 10, 6000).astype(np.uint8)), (x_test, rng.integers(0, 10, 100).astype(np.uint8))

    return load_data


def _without_download(constructor):
    @functools.wraps(constructor)
    def build(*args, **kwargs):
        bound = inspect.signature(constructor).bind_partial(*args, **kwargs)
        if bound.arguments.get("weights", "imagenet") == "imagenet":
            bound.arguments["weights"] = None
        return constructor(*bound.args, **bound.kwargs)

    return build


def _shrunk(method, name):
    @functools.wraps(method)
    def run(self, *args, **kwargs):
        args = tuple(_small(a) for a in args)
        for key in ("x", "y", "validation_data", "sample_weight"):
            if key in kwargs:
                kwargs[key] = _small(kwargs[key])
        self.run_eagerly = True  # 샘플 4개로는 그래프를 만드는(tf.function 추적) 시간이 실행보다 깁니다
        if name == "fit":
            kwargs["epochs"] = 1
            kwargs.pop("steps_per_epoch", None)
        return method(self, *args, **kwargs)

    return run


@contextmanager
def stand_ins():
    """내려받기 체인을 대역으로 실행하는 동안 케라스의 몇 곳을 바꿔 둡니다 (끝나면 되돌림)."""
    import keras

    replacements = {}  # id(원래 함수) → 대역
    for module_name in ("mnist", "fashion_mnist"):
        module = getattr(keras.datasets, module_name)
        replacements[id(module.load_data)] = _fake_load_data((28, 28))
    for name in dir(keras.applications):
        obj = getattr(keras.applications, name)
        if inspect.isfunction(obj) and "weights" in inspect.signature(obj).parameters:
            replacements[id(obj)] = _without_download(obj)
    undo = []
    # tf.keras.applications.X, keras.applications.xception.X …: 같은 함수를 가리키는 모든 이름을 바꿉니다
    for module in [m for n, m in list(sys.modules.items()) if n.split(".")[0] == "keras" and m is not None]:
        for attr, value in list(vars(module).items()):
            if inspect.isfunction(value) and id(value) in replacements:
                undo.append((module, attr, value))
                setattr(module, attr, replacements[id(value)])
    for name in ("fit", "evaluate", "predict"):
        original = getattr(keras.Model, name)
        undo.append((keras.Model, name, original))
        setattr(keras.Model, name, _shrunk(original, name))
    try:
        with warnings.catch_warnings():
            # 작게 줄인 데이터로 정해진 단계 수를 채우지 못한다는 경고 (대역에서는 당연함)
            warnings.filterwarnings("ignore", message="Your input ran out of data")
            yield
    finally:
        for owner, attr, value in reversed(undo):
            setattr(owner, attr, value)
