""""CNN 들여다보기"(docs/assets/javascripts/cnn-viewer.js)가 화면에 보이는 숫자가 케라스의 값과 같은지 봅니다.

탐색기는 tools/make_cnn_viewer.py가 만든 docs/assets/explorers/cnn-viewer.json(생성물: 구조, 가중치, 테스트 숫자)을
읽어 브라우저에서 순전파합니다. 검사는 같은 JSON의 가중치로 케라스 모델을 만들고(층마다의 출력을 내는 함수형 모델),
시드를 고정한 무작위 입력 200개 이상을 탐색기에 넣어(CNNViewer.setInput: 칸을 칠하는 것과 같은 경로) 화면의 모든
숫자를 읽어 같은 실행에서 계산한 케라스의 값과 비교합니다. 손으로 적은 기댓값은 없습니다.

- 입력 격자의 값, 층마다 모든 특성 맵의 모든 칸(data-v, 색의 세기, 음수 표시), 층의 모양과 색 눈금, 고른 특성 맵의
  값 표(입력마다 다른 특성 맵을 골라 모든 특성 맵을 돌아가며), 합성곱 필터의 가중치와 편향, 클래스마다 확률(%)과
  막대 길이와 로짓, 예측, 테스트 정확도.
- 실제 조작: 테스트 숫자 단추(불러온 픽셀이 사이킷런 load_digits의 그 이미지인지도), 한 칸 밀기 단추, 모두 지우기,
  마우스로 끌어 칠하기와 같은 칸 다시 눌러 지우기, 키보드(방향키, 스페이스, Enter, +, −, Delete, Home/End), 특성 맵
  단추의 방향키와 클릭, 휴대폰 폭에서 손가락 탭. 조작마다 기대하는 입력 격자는 화면 안내문의 규칙대로 파이썬에서
  따라 계산합니다.
- 장 페이지에 탐색기 자리가 있으면, 그 페이지의 코드가 tools/make_cnn_viewer.py의 훈련 코드와 같은지도 봅니다.
- 허용 오차는 화면의 반올림(소수 둘째 자리면 0.005, 확률은 0.05%포인트)에 float32(케라스)와 float64(브라우저)의
  차이 1e-4를 더한 것입니다.

자체 검사: 망가뜨린 순전파(① CNNViewer.ops.relu를 항등 함수로 바꾸는 검사용 입구, ② ReLU에서 Math.max를 뺀
cnn-viewer.js 사본)로 같은 비교를 돌려 불일치를 찾는지, 그리고 처음 틀리는 층이 ReLU인지 봅니다.

페이지: 장 페이지에 탐색기 자리가 들어가기 전에도 돌도록, 임시 폴더에 최소한의 페이지(Material의 CSS, 사이트의
extra.css·explorers.css·cnn-viewer.css, explorers.js·cnn-viewer.js, 탐색기 자리)를 만들어 127.0.0.1에서 엽니다.
스크린숏은 build/screenshots/cnn-viewer-*.png에 남깁니다.
"""

from __future__ import annotations

import inspect
import json
import random
import re
import shutil
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

from project import BUILD, CHAPTER, DOCS

from . import axe
from .server import start_server
from .sweep import probe, small_search_index

# 사이트 빌드가 필요 없지만, 브라우저를 함께 쓰도록 탐색기 검사(test_explorers.py)와 같은 작업자에서 돕니다
pytestmark = pytest.mark.xdist_group("explorers")

MODEL_JSON = DOCS / "assets" / "explorers" / "cnn-viewer.json"
SEED = 14_2025
N_RANDOM = 200  # 무작위 입력 수 (여기에 UI로 직접 조작한 입력이 더해집니다)
N_SELFTEST = 25
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
SCREENSHOTS = BUILD / "screenshots"
FLOAT_TOL = 1e-4  # float32(케라스)와 float64(브라우저)의 차이 (값의 크기 1당)
# 페이지에 넣는 탐색기 자리 (/work/notes/cnn-viewer-section.md와 같은 HTML)
CONTAINER = (
    '<div class="cnn-explorer" data-explorer="cnn-viewer"><p>CNN 들여다보기는 자바스크립트가 켜진 브라우저에서 이 자리에 '
    "나타납니다. 자바스크립트 없이도 위의 코드로 같은 모델을 훈련하고 층마다의 출력을 볼 수 있습니다.</p></div>"
)
# 망가뜨린 사본: ReLU에서 Math.max(0, …)를 빼면 음수가 그대로 지나갑니다
RELU_LINE = "y.data[n] = Math.max(0, x.data[n]);"
BROKEN_RELU_LINE = "y.data[n] = x.data[n];"

# ---------------------------------------------------------------- 검사용 페이지

PAGE = """<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>CNN 들여다보기 (검사용 페이지)</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="../../material/main.css">
<link rel="stylesheet" href="../../material/palette.css">
<link rel="stylesheet" href="../../assets/stylesheets/extra.css">
<link rel="stylesheet" href="../../assets/stylesheets/explorers.css">
<link rel="stylesheet" href="../../assets/stylesheets/cnn-viewer.css">
</head>
<body dir="ltr" data-md-color-scheme="default" data-md-color-primary="indigo" data-md-color-accent="indigo">
<div class="md-container"><main class="md-main"><div class="md-main__inner md-grid">
<!-- 장 페이지와 같은 본문 폭이 되도록 Material의 양쪽 옆 막대 자리 (넓은 화면에서만 보임) -->
<div class="md-sidebar md-sidebar--primary"><div class="md-sidebar__scrollwrap"><div class="md-sidebar__inner">
<nav class="md-nav md-nav--primary" aria-label="탐색"><ul class="md-nav__list"><li class="md-nav__item"><a class="md-nav__link" href="#">14.5 CNN 구조</a></li></ul></nav>
</div></div></div>
<div class="md-sidebar md-sidebar--secondary"><div class="md-sidebar__scrollwrap"><div class="md-sidebar__inner">
<nav class="md-nav md-nav--secondary" aria-label="목차"><ul class="md-nav__list"><li class="md-nav__item"><a class="md-nav__link" href="#">CNN 들여다보기</a></li></ul></nav>
</div></div></div>
<div class="md-content" data-md-component="content">
<article class="md-content__inner md-typeset">
<h1>CNN 들여다보기</h1>
<p>검사용 페이지입니다. 아래 탐색기는 장 페이지와 같은 스크립트와 스타일시트를 씁니다.</p>
CONTAINER
</article>
</div></div></main></div>
<script src="../../assets/javascripts/explorers.js"></script>
<script src="../../assets/SCRIPT_DIR/cnn-viewer.js"></script>
</body>
</html>
"""


def _material_css() -> dict[str, Path]:
    import material

    folder = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    return {name: next(folder.glob(f"{name}.*.min.css")) for name in ("main", "palette")}


def make_site(root: Path) -> None:
    """root/ch14/cnn-viewer/ (정상)와 root/ch14/cnn-viewer-broken/ (ReLU를 뺀 사본)을 만듭니다."""
    assets = DOCS / "assets"
    (root / "assets").mkdir(parents=True)
    for sub in ("javascripts", "stylesheets", "explorers", "vendor"):
        (root / "assets" / sub).symlink_to(assets / sub, target_is_directory=True)
    source = (assets / "javascripts" / "cnn-viewer.js").read_text(encoding="utf-8")
    assert source.count(RELU_LINE) == 1, f"망가뜨릴 줄({RELU_LINE})을 cnn-viewer.js에서 찾지 못했습니다"
    (root / "assets" / "broken").mkdir()
    (root / "assets" / "broken" / "cnn-viewer.js").write_text(source.replace(RELU_LINE, BROKEN_RELU_LINE), encoding="utf-8")
    (root / "material").mkdir()
    for name, css in _material_css().items():
        shutil.copyfile(css, root / "material" / f"{name}.css")
    for page, script_dir in (("cnn-viewer", "javascripts"), ("cnn-viewer-broken", "broken")):
        html = PAGE.replace("CONTAINER", CONTAINER).replace("SCRIPT_DIR", script_dir)
        (root / "ch14" / page).mkdir(parents=True)
        (root / "ch14" / page / "index.html").write_text(html, encoding="utf-8")


# ---------------------------------------------------------------- 브라우저 쪽 (DOM 읽기)

_JS_READ = r"""
() => {
  const root = document.querySelector('.cnn-explorer[data-explorer="cnn-viewer"]');
  const values = {};
  root.querySelectorAll('[data-value]').forEach(e => { values[e.dataset.value] = e.textContent.trim(); });
  const num = s => +s;
  const pixels = [...root.querySelectorAll('.cnnv-pixel')].map(c => [num(c.dataset.v), num(c.style.getPropertyValue('--a'))]);
  const stages = {};
  root.querySelectorAll('.cnnv-stage[data-layer]').forEach(li => {
    const maps = [...li.querySelectorAll('.cnnv-map')].map(b =>
      [...b.querySelectorAll('.cnnv-fm')].map(px => [num(px.dataset.v), num(px.style.getPropertyValue('--a')), px.classList.contains('is-neg') ? 1 : 0]));
    stages[li.dataset.layer] = maps;
  });
  const rows = [...root.querySelectorAll('.cnnv-probs tbody tr')];
  const bars = rows.map(tr => parseFloat(tr.querySelector('.cnnv-bar').style.width));
  const best = rows.filter(tr => tr.classList.contains('is-best')).map(tr => +tr.dataset.digit);
  const d = root.querySelector('.cnnv-detail');
  const detail = {
    layer: d.dataset.layer, channel: +d.dataset.channel,
    cells: [...d.querySelectorAll('td[data-row]')].map(td => [+td.dataset.row, +td.dataset.col, td.textContent.trim()]),
    kernel: [...d.querySelectorAll('td[data-ku]')].map(td => [+td.dataset.ku, +td.dataset.kv, td.textContent.trim()]),
  };
  const pressed = [...root.querySelectorAll('.cnnv-map[aria-pressed="true"]')].map(b => [b.dataset.layer, +b.dataset.channel]);
  const cellStatus = root.querySelector('[data-value="cell-status"]').textContent;
  return {values, pixels, stages, bars, best, detail, pressed, cellStatus};
}
"""

# 입력을 차례로 넣고(칸을 칠하는 것과 같은 경로) 특성 맵 하나를 고른 뒤 읽습니다: 한 번의 왕복으로 모두 (빠르게)
_JS_DRIVE = (
    r"""
([inputs, selections]) => {
  const read = """
    + _JS_READ
    + r""";
  const out = [];
  for (let n = 0; n < inputs.length; n++) {
    CNNViewer.setInput(inputs[n]);
    CNNViewer.select(selections[n][0], selections[n][1]);
    out.push(read());
  }
  return JSON.stringify(out);
}
"""
)


# 읽은 것은 JSON 문자열 하나로 받습니다: 숫자 수십만 개를 Playwright의 값 변환으로 받으면 몇 초씩 걸립니다


_JS_PIXELS = """() => [document.activeElement.dataset.index ?? null,
  [...document.querySelectorAll('.cnnv-pixel')].map(c => +c.dataset.v)]"""


def _read(page) -> dict:
    return json.loads(page.evaluate(f"() => JSON.stringify(({_JS_READ})())"))


def _parse(text: str) -> float:
    return float(text.replace("\u2212", "-"))


# ---------------------------------------------------------------- 케라스 쪽


def load_model_json() -> dict:
    return json.loads(MODEL_JSON.read_text(encoding="utf-8"))


def keras_reference(tf, data: dict):
    """JSON의 구조와 가중치 그대로 만든 케라스 모델. 출력은 층마다의 출력 목록 (마지막이 model.predict의 확률)."""
    inputs = tf.keras.Input(shape=tuple(data["input"]["shape"]))
    z, outputs = inputs, []
    for L in data["layers"]:
        kind = L["type"]
        if kind == "conv2d":
            layer = tf.keras.layers.Conv2D(L["filters"], tuple(L["kernel_size"]), padding=L["padding"], name=L["name"])
        elif kind == "relu":
            layer = tf.keras.layers.ReLU(name=L["name"])
        elif kind == "maxpool":
            layer = tf.keras.layers.MaxPool2D(tuple(L["pool_size"]), name=L["name"])
        elif kind == "flatten":
            layer = tf.keras.layers.Flatten(name=L["name"])
        elif kind == "dense":
            layer = tf.keras.layers.Dense(L["units"], name=L["name"])
        elif kind == "softmax":
            layer = tf.keras.layers.Softmax(name=L["name"])
        else:
            raise AssertionError(f"모르는 층: {kind}")
        z = layer(z)
        if "kernel" in L:
            layer.set_weights([np.array(L["kernel"], np.float32).reshape(L["kernel_shape"]), np.array(L["bias"], np.float32)])
        outputs.append(z)
    return tf.keras.Model(inputs, outputs)


def keras_outputs(model, data: dict, pixel_lists) -> dict[str, np.ndarray]:
    """픽셀 목록(0~16 정수 64개씩)을 한 배치로: 층 이름 → 출력 (배치, …)."""
    x = np.array(pixel_lists, np.float32).reshape((-1, *data["input"]["shape"])) * np.float32(data["input"]["scale"])
    outs = model.predict(x, verbose=0, batch_size=256)
    return {L["name"]: o for L, o in zip(data["layers"], outs)}


class Checker:
    """비교 결과를 모읍니다: 비교한 숫자 수와 불일치 목록 (처음 틀린 층을 알 수 있도록 층 이름과 함께)."""

    def __init__(self, kind: str):
        self.kind, self.numbers, self.inputs, self.mismatches = kind, 0, 0, []
        self.first_layers: list[str] = []

    def eq(self, where, name, shown, expected, layer=""):
        self.numbers += 1
        if shown != expected:
            self.mismatches.append(f"{where}: {name} 화면 {shown!r} ≠ 케라스 {expected!r}")
            self.first_layers.append(layer)

    def close(self, where, name, shown, expected, tol, layer=""):
        self.numbers += 1
        if not abs(shown - expected) <= tol:
            self.mismatches.append(f"{where}: {name} 화면 {shown!r} ≠ 케라스 {float(expected)!r} (허용 {tol:g})")
            self.first_layers.append(layer)

    def close_array(self, where, name, shown, expected, tol, layer=""):
        """배열 전체를 한 번에 (특성 맵의 칸들): 틀린 칸만 메시지로."""
        shown, expected = np.asarray(shown, np.float64), np.asarray(expected, np.float64)
        if shown.shape != expected.shape:
            self.eq(where, f"{name} 모양", shown.shape, expected.shape, layer)
            return
        self.numbers += shown.size
        for i in np.flatnonzero(~(np.abs(shown - expected) <= tol)).tolist():
            self.mismatches.append(f"{where}: {name} 칸 {i} 화면 {shown.flat[i]!r} ≠ 케라스 {expected.flat[i]!r}")
            self.first_layers.append(layer)

    def report(self) -> str:
        return f"{self.kind}: 입력 {self.inputs}개, 숫자 {self.numbers:,}개 비교, 불일치 {len(self.mismatches)}개"


def _shown_tol(digits: int, value: float) -> float:
    """화면에 소수 digits자리로 반올림한 값의 허용 오차."""
    return 0.5 * 10**-digits + FLOAT_TOL * max(1.0, abs(value))


def verify(data, ref: dict[str, np.ndarray], observations, checker: Checker, sent=None, selections=None, test_accuracy=None):
    """observations[n]이 입력 n에 대해 화면에 보인 것. ref: 같은 입력들의 케라스 출력 (층 이름 → 배치)."""
    layers = data["layers"]
    map_layers = [L for L in layers if L["type"] in ("conv2d", "relu", "maxpool")]
    dense_name = next(L["name"] for L in layers if L["type"] == "dense")
    probs_name = layers[-1]["name"]
    for n, obs in enumerate(observations):
        checker.inputs += 1
        where = f"입력 #{n}"
        v = obs["values"]
        pixels = [p[0] for p in obs["pixels"]]
        if sent is not None:
            checker.eq(where, "입력 격자", pixels, list(sent[n]), "input")
        shown_pixels = np.array(obs["pixels"], np.float64).reshape(-1, 2)
        checker.close_array(where, "입력 칸의 색", shown_pixels[:, 1], shown_pixels[:, 0] / data["input"]["max"], 1e-4, "input")
        m = re.search(r"(\d+)행 (\d+)열, 값 (\d+)", obs["cellStatus"])
        checker.eq(where, "고른 칸의 값", int(m.group(3)), pixels[int(m.group(1)) * 8 + int(m.group(2))], "input")

        # 층마다 모든 특성 맵의 모든 칸
        for L in map_layers:
            name = L["name"]
            y = ref[name][n]  # (높이, 너비, 채널)
            h, w, c = y.shape
            top = float(np.abs(y).max())
            checker.eq(where, f"{name} 모양", v[f"shape-{name}"], f"{h}×{w}×{c}", name)
            checker.close(where, f"{name} 색 눈금", _parse(v[f"scale-{name}"]), top, _shown_tol(2, top), name)
            maps = np.array(obs["stages"][name], np.float64)  # (특성 맵, 칸, [값, 색의 세기, 음수 표시])
            if maps.shape != (c, h * w, 3):
                checker.eq(where, f"{name} 특성 맵과 칸 수", maps.shape, (c, h * w, 3), name)
                continue
            want = y.transpose(2, 0, 1).reshape(c, h * w)  # 특성 맵 k의 칸 i*w+j
            checker.close_array(where, f"{name} 값", maps[..., 0], want, FLOAT_TOL * np.maximum(1.0, np.abs(want)), name)
            if top > 1e-3:
                checker.close_array(where, f"{name} 색의 세기", maps[..., 1], np.abs(want) / top, 1e-3, name)
            signed = np.abs(want) > 1e-5  # 0에 아주 가까운 값은 부호를 따지지 않습니다
            checker.close_array(where, f"{name} 음수 표시", maps[..., 2][signed], (want < 0)[signed], 0, name)

        # 고른 특성 맵의 값 표 (그리고 합성곱 층이면 필터의 가중치와 편향)
        d = obs["detail"]
        if selections is not None:
            checker.eq(where, "고른 특성 맵", [d["layer"], d["channel"]], list(selections[n]), "detail")
        checker.eq(where, "눌린 단추", obs["pressed"], [[d["layer"], d["channel"]]], "detail")
        y = ref[d["layer"]][n][..., d["channel"]]
        checker.eq(where, "값 표의 칸 수", len(d["cells"]), y.size, d["layer"])
        for r, col, text in d["cells"]:
            want = float(y[r, col])
            checker.close(where, f"값 표 {d['layer']}[{d['channel']}] ({r},{col})", _parse(text), want, _shown_tol(2, want), d["layer"])
        L = next(L for L in layers if L["name"] == d["layer"])
        if L["type"] == "conv2d":
            kernel = ref["_weights"][L["name"]][0]
            bias = float(ref["_weights"][L["name"]][1][d["channel"]])
            checker.close(where, "편향", _parse(v["bias"]), bias, _shown_tol(2, bias), "detail")
            if kernel.shape[2] == 1:
                checker.eq(where, "가중치 칸 수", len(d["kernel"]), kernel.shape[0] * kernel.shape[1], "detail")
                for u, vv, text in d["kernel"]:
                    want = float(kernel[u, vv, 0, d["channel"]])
                    checker.close(where, f"가중치 ({u},{vv})", _parse(text), want, _shown_tol(2, want), "detail")

        # 확률, 막대, 로짓, 예측
        probs, logits = ref[probs_name][n], ref[dense_name][n]
        for digit in range(len(probs)):
            p = 100 * float(probs[digit])
            checker.close(where, f"확률 {digit}", float(v[f"prob-{digit}"]), p, _shown_tol(1, p), probs_name)
            checker.close(where, f"막대 {digit}", obs["bars"][digit], p, _shown_tol(2, p), probs_name)
            checker.close(where, f"로짓 {digit}", _parse(v[f"logit-{digit}"]), float(logits[digit]), _shown_tol(2, float(logits[digit])), dense_name)
        order = np.argsort(-probs)
        tie = probs[order[0]] - probs[order[1]] < 1e-6  # 거의 같은 두 확률: 어느 쪽을 골라도 맞음
        predicted = int(v["predicted"])
        checker.eq(where, "예측", predicted if not tie else int(order[0]), int(order[0]), probs_name)
        checker.eq(where, "굵게 표시한 행", obs["best"], [predicted], probs_name)
        top_p = 100 * float(probs[predicted])
        checker.close(where, "예측 확률", float(v["predicted-prob"]), top_p, _shown_tol(1, top_p), probs_name)
        if test_accuracy is not None:
            checker.close(where, "테스트 정확도", float(v["test-accuracy"]), test_accuracy, _shown_tol(3, test_accuracy), "meta")


# ---------------------------------------------------------------- 무작위 입력 (시드 고정)


def random_inputs(rng: random.Random, test_pixels: np.ndarray, n: int) -> list[list[int]]:
    """테스트 숫자 그대로, 몇 칸 고친 것, 한 칸 민 것, 붓으로 그은 획, 무작위 잡음을 골고루. 0~16 정수 64개씩."""
    out = [[0] * 64, [16] * 64, [16 if i == 27 else 0 for i in range(64)]]  # 빈 입력, 꽉 찬 입력, 점 하나
    while len(out) < n:
        kind = len(out) % 5
        base = test_pixels[rng.randrange(len(test_pixels))].reshape(8, 8).copy()
        if kind == 1:
            for _ in range(rng.randint(1, 8)):
                base[rng.randrange(8), rng.randrange(8)] = rng.choice([0, 4, 8, 12, 16, rng.randint(0, 16)])
        elif kind == 2:
            dy, dx = rng.choice([(0, 1), (0, -1), (1, 0), (-1, 0), (1, 1)])
            base = np.roll(base, (dy, dx), axis=(0, 1))
        elif kind == 3:  # 붓으로 긋기: 무작위 걸음
            base[:] = 0
            r, c = rng.randrange(8), rng.randrange(8)
            for _ in range(rng.randint(4, 20)):
                base[r, c] = rng.choice([8, 16, 16])
                r, c = min(max(r + rng.choice([-1, 0, 1]), 0), 7), min(max(c + rng.choice([-1, 0, 1]), 0), 7)
        elif kind == 4:
            density = rng.random()
            base = np.array([rng.randint(0, 16) if rng.random() < density else 0 for _ in range(64)]).reshape(8, 8)
        out.append([int(v) for v in base.ravel()])
    return out


def all_maps(data) -> list[tuple[str, int]]:
    return [(L["name"], k) for L, c in _map_channels(data) for k in range(c)]


def _map_channels(data):
    channels = None
    for L in data["layers"]:
        if L["type"] == "conv2d":
            channels = L["filters"]
        if L["type"] in ("conv2d", "relu", "maxpool"):
            yield L, channels


# ---------------------------------------------------------------- 픽스처


@pytest.fixture(scope="module")
def tf():
    import tensorflow as tf

    return tf


@pytest.fixture(scope="module")
def data():
    return load_model_json()


@pytest.fixture(scope="module")
def reference(tf, data):
    return keras_reference(tf, data)


@pytest.fixture(scope="module")
def digits_test():
    """tools/make_cnn_viewer.py와 같은 나누기의 테스트 세트: (픽셀 0~16 정수 (N, 64), 정답)."""
    import make_cnn_viewer

    (_, _), (_, _), (X_test, y_test) = make_cnn_viewer.load_data()
    return np.rint(X_test.reshape(len(X_test), -1) * 16).astype(int), y_test


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("cnn-viewer-site")
    make_site(root)
    server = start_server(root, root, path="/")
    yield server.url
    server.stop()


class Tab:
    """탭 하나와 그 탭의 콘솔 오류, 다른 호스트로 간 요청."""

    def __init__(self, context, url):
        self.page = context.new_page()
        self.errors, self.external = [], []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: r.url.startswith(("http://127.0.0.1", "data:")) or self.external.append(r.url))
        self.page.goto(url, wait_until="load")
        self.page.wait_for_selector('.cnn-explorer[data-explorer="cnn-viewer"][data-ready="true"]')


@pytest.fixture(scope="module")
def context(browser):
    ctx = browser.new_context(viewport=DESKTOP, locale="ko-KR", color_scheme="light", service_workers="block")
    small_search_index(ctx)
    yield ctx
    ctx.close()


def _with_weights(ref_outputs: dict, model, data) -> dict:
    ref_outputs["_weights"] = {L["name"]: model.get_layer(L["name"]).get_weights() for L in data["layers"] if "kernel" in L}
    return ref_outputs


def _drive_and_verify(tab, reference, data, inputs, selections, kind, test_accuracy=None) -> Checker:
    observations = json.loads(tab.page.evaluate(_JS_DRIVE, [inputs, [list(s) for s in selections]]))
    ref = _with_weights(keras_outputs(reference, data, inputs), reference, data)
    checker = Checker(kind)
    verify(data, ref, observations, checker, sent=inputs, selections=selections, test_accuracy=test_accuracy)
    return checker


# ---------------------------------------------------------------- UI로 직접 조작하기


def _cell_center(page, i):
    box = page.locator(".cnnv-pixel").nth(i).bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def _drag(page, start: int, end: int):
    """마우스 단추를 누른 채 start 칸에서 end 칸까지 끕니다 (칸 번호는 행 우선 0~63)."""
    page.mouse.move(*_cell_center(page, start))
    page.mouse.down()
    page.mouse.move(*_cell_center(page, end), steps=8)
    page.mouse.up()


def ui_session(page, data, digits_test) -> tuple[list[dict], list[list[int]], list[str]]:
    """사용자처럼 조작하고, 조작마다 (화면, 기대하는 입력 격자)를 모읍니다. 기대 격자는 화면 안내문의 규칙대로
    파이썬에서 따라 계산합니다. problems: 격자 밖의 문제 (불러온 숫자의 정답 표시 등)."""
    root = page.locator('.cnn-explorer[data-explorer="cnn-viewer"]')
    seen, expected, problems = [], [], []
    test_pixels, y_test = digits_test

    def snap(want):
        seen.append(_read(page))
        expected.append(list(want))

    # 1. 테스트 숫자 단추: 불러온 픽셀이 사이킷런 load_digits 테스트 세트의 그 이미지여야 합니다 (단추 셋: 처음, 중간,
    #    "틀리는 예". 모든 숫자의 픽셀과 정답은 test_cnn_viewer_matches_keras가 JSON에서 사이킷런과 맞춰 봅니다)
    n_presets = len(data["presets"])
    for i in sorted({0, n_presets // 2, n_presets - 1}):
        preset = data["presets"][i]
        root.locator(f'button[data-preset="{i}"]').click()
        want = [int(v) for v in test_pixels[preset["index"]]]
        snap(want)
        if int(seen[-1]["values"].get("source-label", -1)) != int(y_test[preset["index"]]):
            problems.append(f"테스트 숫자 {i}: 화면의 정답 {seen[-1]['values'].get('source-label')} ≠ 사이킷런 {y_test[preset['index']]}")
    # 2. 한 칸 밀기 (테스트 숫자 3에서): 밀려 나간 줄은 사라지고 반대쪽에 빈 줄
    three = next(i for i, p in enumerate(data["presets"]) if p["label"] == 3 and not p.get("wrong"))
    root.locator(f'button[data-preset="{three}"]').click()
    grid = np.array(data["presets"][three]["pixels"]).reshape(8, 8)
    for name, (dy, dx) in (("오른쪽으로", (0, 1)), ("아래로", (1, 0)), ("왼쪽으로", (0, -1)), ("왼쪽으로", (0, -1)), ("위로", (-1, 0))):
        root.get_by_role("button", name=f"{name} 한 칸 밀기").click()
        moved = np.zeros_like(grid)
        src = grid[max(0, -dy): 8 - max(0, dy), max(0, -dx): 8 - max(0, dx)]
        moved[max(0, dy): max(0, dy) + src.shape[0], max(0, dx): max(0, dx) + src.shape[1]] = src
        grid = moved
        snap(grid.ravel().tolist())
    # 3. 모두 지우기
    root.get_by_role("button", name="모두 지우기").click()
    pixels = [0] * 64
    snap(pixels)
    if seen[-1]["values"].get("source") != "지금 입력: 직접 그리거나 고친 이미지":
        problems.append(f"지운 뒤의 안내: {seen[-1]['values'].get('source')!r}")
    # 4. 마우스로 끌어 칠하기 (붓 16): 2행 3열에서 6행 3열까지, 그다음 같은 칸을 다시 눌러 지우기
    root.get_by_label("진하게 (16)").check()
    _drag(page, 2 * 8 + 3, 6 * 8 + 3)
    for r in range(2, 7):
        pixels[r * 8 + 3] = 16
    snap(pixels)
    page.mouse.click(*_cell_center(page, 4 * 8 + 3))
    pixels[4 * 8 + 3] = 0
    snap(pixels)
    # 중간 붓(8)으로 가로 획
    root.get_by_label("중간 (8)").check()
    _drag(page, 1 * 8 + 1, 1 * 8 + 6)
    for c in range(1, 7):
        pixels[8 + c] = 8
    snap(pixels)
    # 5. 키보드: 격자의 초점 칸에서 방향키, +, −, 스페이스, Delete, Home/End (붓은 진하게 16)
    root.get_by_label("진하게 (16)").check()
    page.locator('.cnnv-pixel[tabindex="0"]').focus()
    focus = int(page.evaluate("document.activeElement.dataset.index"))
    brush = 16
    keys = ["ArrowDown", "ArrowDown", "ArrowRight", "+", "+", " ", " ", "Enter", "-", "ArrowRight", "+", "+", "+", "+", "+",
            "End", "Enter", "Home", "ArrowUp", "Enter", "Delete", "ArrowLeft", "Enter"]
    for key in keys:
        r, c = divmod(focus, 8)
        if key == "ArrowDown":
            focus = min(r + 1, 7) * 8 + c
        elif key == "ArrowUp":
            focus = max(r - 1, 0) * 8 + c
        elif key == "ArrowRight":
            focus = r * 8 + min(c + 1, 7)
        elif key == "ArrowLeft":
            focus = r * 8 + max(c - 1, 0)
        elif key == "Home":
            focus = r * 8
        elif key == "End":
            focus = r * 8 + 7
        elif key in (" ", "Enter"):
            pixels[focus] = 0 if pixels[focus] == brush else brush
        elif key == "+":
            pixels[focus] = min(pixels[focus] + 4, 16)
        elif key == "-":
            pixels[focus] = max(pixels[focus] - 4, 0)
        elif key == "Delete":
            pixels[focus] = 0
        if key in ("+", "-"):
            page.keyboard.type(key)
        else:
            page.keyboard.press("Space" if key == " " else key)
        # 키마다 입력 격자와 초점 칸만 읽고, 화면 전체는 끝에 한 번 읽어 케라스와 비교합니다 (빠르게)
        active, shown = page.evaluate(_JS_PIXELS)
        if active is None or int(active) != focus or shown != pixels:
            problems.append(f"키 {key!r} 뒤: 초점 칸 {active} (기대 {focus}), 입력 격자 {shown} (기대 {pixels})")
    snap(pixels)
    # 6. 특성 맵 단추: 클릭, 그리고 방향키 (초점이 가면 고름)
    button = root.locator('.cnnv-map[data-layer="relu1"][data-channel="2"]')
    button.click()
    snap(pixels)
    page.keyboard.press("ArrowRight")
    snap(pixels)
    page.keyboard.press("End")
    snap(pixels)
    if seen[-1]["detail"]["layer"] != "relu1" or seen[-1]["detail"]["channel"] != len(seen[-1]["stages"]["relu1"]) - 1:
        problems.append(f"End 키 뒤에 고른 특성 맵: {seen[-1]['detail']['layer']} {seen[-1]['detail']['channel']}")
    root.locator('.cnnv-map[data-layer="pool2"][data-channel="5"]').click()
    snap(pixels)
    return seen, expected, problems


# ---------------------------------------------------------------- 검사


def test_cnn_viewer_matches_keras(browser, context, site_url, tf, data, reference, digits_test, record_property):
    started = time.perf_counter()
    # JSON의 구조가 tools/make_cnn_viewer.py의 모델과 같은지 (층 종류, 이름, 출력 모양)
    import make_cnn_viewer

    tool = make_cnn_viewer.build_model()
    layers = [L for L in reference.layers if not isinstance(L, tf.keras.layers.InputLayer)]
    assert [(L.name, tuple(L.output.shape)) for L in tool.layers] == [(L.name, tuple(L.output.shape)) for L in layers]
    assert reference.count_params() == tool.count_params()

    # 미리 준비한 숫자가 사이킷런 테스트 세트의 그 이미지이고, "틀리는 예"는 정말 틀리는지
    test_pixels, y_test = digits_test
    full = keras_outputs(reference, data, test_pixels)
    predicted = full[data["layers"][-1]["name"]].argmax(axis=1)
    test_accuracy = float((predicted == y_test).mean())
    for p in data["presets"]:
        assert p["pixels"] == [int(v) for v in test_pixels[p["index"]]] and p["label"] == int(y_test[p["index"]]), p
        # 숫자 단추는 모델이 맞히는 이미지, "틀리는 예"는 틀리는 이미지 (tools/make_cnn_viewer.py의 pick_presets)
        assert (predicted[p["index"]] == y_test[p["index"]]) != bool(p.get("wrong")), p
    assert len(MODEL_JSON.read_bytes()) < 30_000

    t0 = time.perf_counter()
    tab = Tab(context, site_url + "ch14/cnn-viewer/")
    rng = random.Random(SEED)
    inputs = random_inputs(rng, test_pixels, N_RANDOM)
    maps = all_maps(data)
    selections = [maps[(n * 7 + rng.randrange(len(maps))) % len(maps)] for n in range(N_RANDOM)]
    selections[: len(maps)] = maps  # 처음에는 모든 특성 맵을 한 번씩
    checker = _drive_and_verify(tab, reference, data, inputs, selections, "cnn-viewer", test_accuracy=test_accuracy)

    t1 = time.perf_counter()
    # 실제 조작
    tab.page.reload(wait_until="load")
    tab.page.wait_for_selector('.cnn-explorer[data-ready="true"]')
    seen, expected, problems = ui_session(tab.page, data, digits_test)
    t2 = time.perf_counter()
    ref = _with_weights(keras_outputs(reference, data, [[p[0] for p in o["pixels"]] for o in seen]), reference, data)
    verify(data, ref, seen, checker, sent=expected, test_accuracy=test_accuracy)
    tab.page.close()
    problems += [f"콘솔 오류: {e}" for e in tab.errors] + [f"다른 호스트로 요청: {u}" for u in tab.external]

    seconds = time.perf_counter() - started
    print(f"[cnn-viewer] {checker.report()} (그중 실제 조작 {len(seen)}번). {seconds:.1f}초: 준비 {t0 - started:.1f}, "
          f"무작위 입력 {t1 - t0:.1f}, 실제 조작 {t2 - t1:.1f}, 그 비교 {time.perf_counter() - t2:.1f}")
    record_property("cnn_viewer", checker.report())
    assert not checker.mismatches, checker.report() + "\n" + "\n".join(checker.mismatches[:20])
    assert checker.inputs >= N_RANDOM
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("how", ["hook", "patched-js"])
def test_verification_catches_a_broken_relu(context, site_url, tf, data, reference, digits_test, how, record_property):
    """ReLU를 빼면(검사용 입구로 바꾸거나, Math.max를 뺀 사본을 쓰거나) 같은 비교가 불일치를 찾고, 처음 틀리는 층이 ReLU입니다."""
    page = "ch14/cnn-viewer-broken/" if how == "patched-js" else "ch14/cnn-viewer/"
    tab = Tab(context, site_url + page)
    try:
        if how == "hook":
            tab.page.evaluate("() => { CNNViewer.ops.relu = x => x; }")
        rng = random.Random(SEED + 1)
        inputs = random_inputs(rng, digits_test[0], N_SELFTEST)
        maps = all_maps(data)
        selections = [maps[n % len(maps)] for n in range(N_SELFTEST)]
        checker = _drive_and_verify(tab, reference, data, inputs, selections, f"cnn-viewer (ReLU를 뺀 {how})")
    finally:
        tab.page.close()
    first = sorted({name for name in checker.first_layers if name.startswith(("conv", "relu", "pool"))},
                   key=[L["name"] for L in data["layers"]].index)
    print(f"[cnn-viewer] 자체 검사 {checker.report()}, 처음 틀린 층: {first[:1]}")
    record_property(f"selftest_{how}", checker.report())
    assert checker.mismatches, f"ReLU를 뺐는데도 검증이 불일치를 찾지 못했습니다 ({checker.report()})"
    assert first and first[0].startswith("relu"), f"처음 틀린 층이 ReLU가 아닙니다: {first}"


def test_cnn_viewer_is_usable_by_keyboard_touch_on_phone_and_in_dark_mode(browser, site_url):
    """초점이 보임, 폭 375px에서 넘침 없음과 손가락 탭, 어두운 테마, axe 감사(심각·치명 0), 스크린숏."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    ctx = browser.new_context(viewport=DESKTOP, locale="ko-KR", color_scheme="light", service_workers="block", has_touch=True)
    small_search_index(ctx)
    try:
        tab = Tab(ctx, site_url + "ch14/cnn-viewer/")
        page = tab.page
        root = page.locator('.cnn-explorer[data-explorer="cnn-viewer"]')
        # 키보드: 붓 단추에서 Tab으로 격자에 들어가면 초점 테두리가 보여야 합니다
        root.locator("input[type=radio]:checked").focus()
        page.keyboard.press("Tab")
        outline = page.evaluate(
            "() => { const a = document.activeElement, s = getComputedStyle(a); return [a.className, s.outlineStyle, s.outlineWidth]; }"
        )
        if outline[0] != "cnnv-pixel" or outline[1] == "none" or outline[2] == "0px":
            problems.append(f"Tab으로 격자에 들어간 초점이 보이지 않습니다 {outline}")
        page.evaluate(axe.axe_source())
        for scheme in ("light", "dark"):
            page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{'slate' if scheme == 'dark' else 'default'}')")
            # Material은 테마를 바꿀 때 색을 짧게 전환합니다: 중간 색을 재지 않도록 전환이 끝나기를 기다립니다
            page.evaluate("Promise.all(document.getAnimations().map(a => a.finished.catch(() => null))).then(() => true)")
            rules = {"type": "tag", "values": axe.TAGS} if scheme == "light" else axe.THEME_RULES
            found = page.evaluate(
                """runOnly => axe.run('.cnn-explorer', {resultTypes: ['violations'], runOnly})
                     .then(r => r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
                     .map(v => `${v.id} [${v.impact}] ${v.help}: ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`))""",
                rules,
            )
            problems += [f"axe ({scheme}): {x}" for x in found]
            for size_name, size in (("desktop", DESKTOP), ("phone", PHONE)):
                page.set_viewport_size(size)
                phone = page.evaluate(probe("phone"))
                if phone["docWidth"] > phone["width"] or phone["nbad"]:
                    problems.append(f"{scheme} {size_name}: 가로로 넘칩니다 (문서 {phone['docWidth']}px > {phone['width']}px) {phone['bad']}")
                # 고른 특성 맵의 값 표(8×8)는 옆으로 스크롤하지 않아도 다 보여야 합니다
                hidden = page.evaluate("() => { const w = document.querySelector('.cnnv-detail .cnnx-table-wrap'); return w.scrollWidth - w.clientWidth; }")
                if hidden > 0:
                    problems.append(f"{scheme} {size_name}: 특성 맵의 값 표가 {hidden}px 잘립니다")
                box = root.bounding_box()
                if box["x"] < 0 or box["x"] + box["width"] > size["width"] + 0.5:
                    problems.append(f"{scheme} {size_name}: 탐색기가 화면 밖으로 나갑니다 ({box})")
                root.screenshot(path=str(SCREENSHOTS / f"cnn-viewer-{size_name}-{scheme}.png"))
        # 휴대폰 폭에서 손가락으로 빈 칸을 탭하면 칠해집니다
        page.set_viewport_size(PHONE)
        root.get_by_role("button", name="모두 지우기").click()
        cell = page.locator(".cnnv-pixel").nth(27)
        cell.scroll_into_view_if_needed()
        cell.tap()
        tapped = page.evaluate("() => [...document.querySelectorAll('.cnnv-pixel')].map(c => +c.dataset.v)")
        if tapped != [16 if i == 27 else 0 for i in range(64)]:
            problems.append(f"탭한 뒤의 입력이 다릅니다: {tapped}")
        page.close()
        problems += [f"콘솔 오류: {e}" for e in tab.errors] + [f"다른 호스트로 요청: {u}" for u in tab.external]
    finally:
        ctx.close()
    print(f"[cnn-viewer] 스크린숏: {SCREENSHOTS}/cnn-viewer-*.png")
    assert not problems, "\n".join(problems)


def test_page_code_trains_the_same_model():
    """장 페이지에 탐색기 자리가 있으면, 그 페이지의 코드에 tools/make_cnn_viewer.py의 훈련 코드가 그대로 있어야 합니다
    (탐색기가 보여 주는 모델 = 페이지가 훈련하는 모델). 자리가 없으면 (아직 넣기 전) 그렇다고 출력합니다."""
    import make_cnn_viewer

    pages = [p for p in sorted(CHAPTER.glob("*.md")) if 'data-explorer="cnn-viewer"' in p.read_text(encoding="utf-8")]
    flat = lambda text: "\n".join(line.strip() for line in text.splitlines() if line.strip())  # noqa: E731 (접힌 블록의 들여쓰기 무시)
    problems = []
    for page in pages:
        text = flat(page.read_text(encoding="utf-8"))
        for fn in (make_cnn_viewer.load_data, make_cnn_viewer.build_model, make_cnn_viewer.train):
            if flat(textwrap.dedent(inspect.getsource(fn))) not in text:
                problems.append(f"{page.name}: tools/make_cnn_viewer.py의 {fn.__name__}() 코드가 페이지의 코드와 다릅니다")
    print(f"[cnn-viewer] 탐색기가 있는 페이지: {[p.name for p in pages] or '아직 없음'}")
    assert not problems, "\n".join(problems)
