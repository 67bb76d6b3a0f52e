""""CNN 들여다보기" 탐색기(docs/assets/javascripts/cnn-viewer.js)가 브라우저에서 실행하는 작은 CNN을 훈련하고,
그 구조와 가중치와 테스트 세트의 숫자 몇 개를 docs/assets/explorers/cnn-viewer.json에 씁니다.

    .venv/bin/python tools/make_cnn_viewer.py

docs/assets/explorers/cnn-viewer.json은 이 프로그램이 만드는 생성물입니다. 손으로 고치지 마세요: 모델이나 미리 준비한
숫자를 바꾸려면 이 파일을 고친 뒤 다시 실행합니다. 같은 컴퓨터에서는 몇 번을 실행해도 같은 바이트가 나옵니다(시드 고정,
결정적 연산). 다른 CPU에서는 가중치의 마지막 자리가 달라질 수 있지만, 검사(tests/browser/test_cnn_viewer.py)는
훈련을 다시 하지 않고 JSON의 가중치 그대로 케라스 모델을 만들어 브라우저의 숫자와 비교하므로 그대로 통과합니다.

`build_model`과 `train`은 페이지의 코드 블록(모델을 훈련해 테스트 정확도를 출력)과 같은 코드입니다. 한쪽을 고치면
다른 쪽도 고치세요 (페이지에 탐색기가 있으면 test_cnn_viewer.py가 두 코드가 같은지 봅니다).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import project  # noqa: E402

project.pin_compute_threads()  # 페이지의 검사와 같은 스레드 수: 같은 컴퓨터에서 페이지와 같은 가중치 (project.COMPUTE_THREADS)
OUTPUT = ROOT / "docs" / "assets" / "explorers" / "cnn-viewer.json"
SEED = 42
SIGNIFICANT_DIGITS = 6  # JSON의 가중치: 유효 숫자 여섯 자리 (float32의 정밀도에 가깝고 파일은 작게)
MAX_BYTES = 30_000

# ---------------------------------------------------------------- 페이지와 같은 코드 (시작)
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split


def load_data():
    """14.5절의 작은 CNN과 같은 나누기: 훈련 1,221장, 검증 216장, 테스트 360장. 픽셀 값 0~16을 0~1로."""
    digits = load_digits()
    X = digits.images[..., np.newaxis].astype(np.float32) / 16
    y = digits.target
    X_train_full, X_test, y_train_full, y_test = train_test_split(
        X, y, test_size=0.2, stratify=y, random_state=42)
    X_train, X_valid, y_train, y_valid = train_test_split(
        X_train_full, y_train_full, test_size=0.15, stratify=y_train_full, random_state=42)
    return (X_train, y_train), (X_valid, y_valid), (X_test, y_test)


def build_model():
    """합성곱(3×3, 필터 6개) → ReLU → 최대 풀링 → 합성곱(3×3, 필터 8개) → ReLU → 최대 풀링 → 밀집 층 → 소프트맥스.
    층마다 출력을 들여다보려고 활성화 함수를 따로 층으로 둡니다."""
    return tf.keras.Sequential([
        tf.keras.Input(shape=(8, 8, 1)),
        tf.keras.layers.Conv2D(6, kernel_size=3, padding="same", name="conv1"),
        tf.keras.layers.ReLU(name="relu1"),
        tf.keras.layers.MaxPool2D(pool_size=2, name="pool1"),
        tf.keras.layers.Conv2D(8, kernel_size=3, padding="same", name="conv2"),
        tf.keras.layers.ReLU(name="relu2"),
        tf.keras.layers.MaxPool2D(pool_size=2, name="pool2"),
        tf.keras.layers.Flatten(name="flatten"),
        tf.keras.layers.Dense(10, name="dense"),
        tf.keras.layers.Softmax(name="softmax"),
    ])


def train(epochs=12, seed=42):
    """시드를 고정하고 훈련합니다. (모델, fit()의 history, 테스트 정확도)를 돌려줍니다."""
    tf.keras.utils.set_random_seed(seed)
    (X_train, y_train), (X_valid, y_valid), (X_test, y_test) = load_data()
    model = build_model()
    optimizer = tf.keras.optimizers.Nadam(learning_rate=0.01)
    model.compile(loss="sparse_categorical_crossentropy", optimizer=optimizer, metrics=["accuracy"])
    history = model.fit(X_train, y_train, epochs=epochs, validation_data=(X_valid, y_valid), verbose=0)
    test_loss, test_accuracy = model.evaluate(X_test, y_test, verbose=0)
    return model, history, test_accuracy
# ---------------------------------------------------------------- 페이지와 같은 코드 (끝)


def _round(values) -> list[float]:
    """유효 숫자 SIGNIFICANT_DIGITS자리로 줄인 평평한 목록 (케라스 순서: 커널은 [높이, 너비, 입력 채널, 출력])."""
    return [float(f"{v:.{SIGNIFICANT_DIGITS}g}") for v in np.asarray(values, np.float64).ravel()]


def describe_layers(model) -> list[dict]:
    """탐색기가 읽는 층 목록: 종류, 이름, 설정, (있으면) 가중치와 그 모양."""
    out = []
    for layer in model.layers:
        kind = type(layer).__name__
        item = {"name": layer.name}
        if kind == "Conv2D":
            cfg = layer.get_config()
            assert cfg["strides"] == (1, 1) and cfg["dilation_rate"] == (1, 1) and cfg["activation"] == "linear"
            kernel, bias = layer.get_weights()
            item.update(type="conv2d", filters=cfg["filters"], kernel_size=list(cfg["kernel_size"]), padding=cfg["padding"],
                        kernel_shape=list(kernel.shape), kernel=_round(kernel), bias=_round(bias))
        elif kind == "ReLU":
            item.update(type="relu")
        elif kind == "MaxPooling2D":
            cfg = layer.get_config()
            assert cfg["pool_size"] == cfg["strides"] and cfg["padding"] == "valid"
            item.update(type="maxpool", pool_size=list(cfg["pool_size"]))
        elif kind == "Flatten":
            item.update(type="flatten")
        elif kind == "Dense":
            assert layer.get_config()["activation"] == "linear"
            kernel, bias = layer.get_weights()
            item.update(type="dense", units=int(kernel.shape[1]), kernel_shape=list(kernel.shape), kernel=_round(kernel), bias=_round(bias))
        elif kind == "Softmax":
            item.update(type="softmax")
        else:
            raise ValueError(f"탐색기가 모르는 층입니다: {kind}")
        out.append(item)
    return out


def pick_presets(model, X_test, y_test) -> list[dict]:
    """숫자마다 테스트 세트에서 모델이 맞히는 첫 이미지 하나, 그리고 모델이 틀리는 첫 이미지 하나 ("틀리는 예")."""
    predicted = model.predict(X_test, verbose=0).argmax(axis=1)
    presets = []
    for digit in range(10):
        i = int(np.flatnonzero((y_test == digit) & (predicted == digit))[0])
        presets.append({"index": i, "label": digit})
    wrong = np.flatnonzero(predicted != y_test)
    if len(wrong):
        i = int(wrong[0])
        presets.append({"index": i, "label": int(y_test[i]), "wrong": True})
    for p in presets:
        # 픽셀은 load_digits와 같은 0~16 정수 (행 우선 64개)
        p["pixels"] = [int(round(v * 16)) for v in X_test[p["index"]].ravel()]
    return presets


def export(model, test_accuracy: float) -> dict:
    (_, _), (_, _), (X_test, y_test) = load_data()
    # JSON에 쓰는 것은 반올림한 가중치입니다: 탐색기가 보여 줄 정확도는 그 가중치로 다시 잽니다
    rounded = build_model()
    layers = describe_layers(model)
    weights = []
    for item, layer in zip(layers, rounded.layers):
        if "kernel" in item:
            weights += [np.array(item["kernel"], np.float32).reshape(item["kernel_shape"]), np.array(item["bias"], np.float32)]
    rounded.set_weights(weights)
    rounded_accuracy = float((rounded.predict(X_test, verbose=0).argmax(axis=1) == y_test).mean())
    return {
        "_generated": "tools/make_cnn_viewer.py가 만든 파일입니다. 손으로 고치지 말고 그 프로그램을 다시 실행하세요.",
        "format": 1,
        "input": {"shape": [8, 8, 1], "max": 16, "scale": 1 / 16},  # 픽셀 값(0~16) × scale = 모델 입력
        "layers": layers,
        "test_accuracy": round(rounded_accuracy, 4),
        "test_size": int(len(y_test)),
        "trained_test_accuracy": round(float(test_accuracy), 4),
        "presets": pick_presets(rounded, X_test, y_test),
    }


def main() -> None:
    tf.config.experimental.enable_op_determinism()
    started = time.perf_counter()
    model, history, test_accuracy = train()
    data = export(model, test_accuracy)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    if len(text.encode()) > MAX_BYTES:
        sys.exit(f"JSON이 너무 큽니다: {len(text.encode()):,}바이트 > {MAX_BYTES:,}")
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"테스트 정확도: {test_accuracy:.3f} (JSON의 반올림한 가중치로 {data['test_accuracy']:.3f})")
    print(f"{OUTPUT.relative_to(ROOT)}: {len(text.encode()):,}바이트, 파라미터 {model.count_params():,}개, "
          f"미리 준비한 숫자 {len(data['presets'])}개 ({time.perf_counter() - started:.1f}초)")


if __name__ == "__main__":
    main()
