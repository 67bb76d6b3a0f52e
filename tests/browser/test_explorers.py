"""14.2·14.3절 탐색기(docs/assets/javascripts/explorers.js)가 화면에 보이는 숫자가 케라스의 값과 같은지 봅니다.

눈으로 보는 대신, 위젯마다 시드를 고정한 무작위 설정 200개 이상을 위젯에 넣고(입력 칸을 고치는 것과 같은
경로인 setConfig, 그리고 몇 개는 실제 클릭·입력·방향키로), 위젯이 DOM에 보여 주는 숫자(data-value 요소,
격자 칸)를 읽어, 같은 실행에서 케라스/텐서플로로 계산한 값과 비교합니다. 손으로 적은 기댓값은 없습니다.

- 합성곱: Conv2D를 실제로 만들어(build) compute_output_shape, count_params, 커널·편향 모양으로 출력 크기와
  파라미터를 얻고, 곱셈 수와 메모리는 케라스의 출력 모양과 커널 모양에서 계산합니다. 선택한 출력 칸의
  수용장(입력 안의 행·열 범위, 입력 칸과 패딩 칸에 놓인 커널 원소 수)은 그 칸의 출력을 입력으로 미분한
  그레이디언트가 0이 아닌 곳에서 잽니다. 곱셈-덧셈 예제의 합과 격자에 그린 출력 값은 위젯의 예제 입력과
  가중치를 넣은 Conv2D를 실제로 실행한 값과 비교합니다.
- 풀링: 위젯이 그린 입력 격자를 읽어 MaxPool2D/AveragePooling2D를 실행하고 출력 칸을 모두 비교합니다
  (최대는 정확히, 평균은 float64 몇 ulp 안에서). "한 칸 밀기" 뒤에 바뀐 칸 수도 케라스 출력으로 셉니다.
- 수용장: 층 쌓기를 가중치가 모두 1인 Conv2D(풀링은 AveragePooling2D: 창이 같고, 최대 풀링과 달리 창 전체로
  그레이디언트가 흐름)로 만들어, 층마다 이웃한 두 출력의 그레이디언트에서 수용장 크기와 점프를 잽니다.
  출력 크기는 사용자가 고른 입력 크기에서 Conv2D/MaxPool2D의 compute_output_shape로 얻습니다.

자체 검사: 위젯의 공식 하나를 일부러 망가뜨리면(window.CNNExplorers의 함수를 덮어쓰기) 같은 검증 함수가
불일치를 보고하는지 확인합니다. 스크린숏은 build/screenshots/explorer-*.png에 남깁니다.
"""

from __future__ import annotations

import math
import random
import time

import numpy as np
import pytest

from project import BUILD

from .sweep import small_search_index

SEED = 14_2024
N_RANDOM = 200  # 위젯마다 무작위 설정 수 (여기에 UI로 직접 조작한 설정이 더해집니다)
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
SCREENSHOTS = BUILD / "screenshots"
PAGES = {
    "conv": "ch14/14-02-convolutional-layers/",
    "rf": "ch14/14-02-convolutional-layers/",
    "pool": "ch14/14-03-pooling-layers/",
}
AVG_TOL = 4 * float(np.finfo(np.float64).eps)  # 평균 풀링: 케라스(float64)와 자바스크립트(double)의 몇 ulp

# ---------------------------------------------------------------- 브라우저 쪽 (DOM 읽기)

_JS_READ = r"""
(kind) => {
  const root = document.querySelector(`.cnn-explorer[data-explorer="${kind}"]`);
  const values = {};
  root.querySelectorAll('[data-value]').forEach(e => { values[e.dataset.value] = e.textContent.trim(); });
  const cells = [...root.querySelectorAll('.cnnx-grid--output [data-row]')]
    .map(c => [+c.dataset.row, +c.dataset.col, c.dataset.z, c.textContent.trim()]);
  const grids = root.querySelector('.cnnx-grids');
  const drawn = !!grids && !grids.hidden && !root.querySelector('.cnnx-error').textContent;
  // 입력 칸의 현재 값 (사용자가 보는 설정)
  const controls = {};
  root.querySelectorAll('.cnnx-controls input, .cnnx-controls select').forEach(e => {
    controls[e.name] = e.type === 'number' ? +e.value : e.value;
  });
  const out = {values, cells, drawn, controls};
  if (kind === 'pool') {
    // 화면에 그린 입력 격자 (패딩 칸 제외)
    const rows = +controls.height, cols = +controls.width;
    const xs = [...root.querySelectorAll('.cnnx-grid--input [data-x]')].map(c => +c.dataset.x);
    out.input = xs.length === rows * cols ? Array.from({length: rows}, (_, i) => xs.slice(i * cols, (i + 1) * cols)) : null;
    out.shifts = +root.getAttribute('data-shifts');
  }
  if (kind === 'rf') {
    out.layers = [...root.querySelectorAll('.cnnx-layer')].map(li => {
      const g = n => li.querySelector(`[name="${n}"]`);
      return {type: g('type').value, kernel: +g('kernel').value, stride: +g('stride').value,
              dilation: g('type').value === 'pool' ? 1 : +g('dilation').value, padding: g('padding').value};
    });
  }
  return out;
}
"""

# 설정을 차례로 넣고 읽기: 한 번의 왕복으로 여러 설정을 처리합니다 (빠르게).
_JS_DRIVE = (
    r"""
async ([kind, configs]) => {
  const read = """
    + _JS_READ
    + r""";
  const api = window.CNNExplorers[kind];
  const root = document.querySelector(`.cnn-explorer[data-explorer="${kind}"]`);
  const results = [];
  for (const item of configs) {
    api.setConfig(item.config);
    if (item.selectFraction) {
      // 출력 크기는 화면에 보이는 값에서 읽어 그 안의 칸을 고릅니다
      const v = read(kind).values;
      if (v['output-height']) {
        const h = +v['output-height'], w = +v['output-width'];
        api.setConfig({select: [Math.floor(item.selectFraction[0] * h), Math.floor(item.selectFraction[1] * w)]});
      }
    }
    // 버튼은 실제 click 이벤트로 누릅니다 (사용자와 같은 경로)
    for (const [selector, times] of item.clicks || []) {
      const b = root.querySelector(selector);
      for (let i = 0; i < times; i++) if (b) b.click();
    }
    results.push(read(kind));
  }
  return results;
}
"""
)


def _read(page, kind):
    return page.evaluate(_JS_READ, kind)


def _drive(page, kind, items):
    return page.evaluate(_JS_DRIVE, [kind, items])


def _int(text: str) -> int:
    return int(text.replace(",", ""))


def _parse_korean(text: str) -> int:
    """ "2억 2,500만" → 225000000 """
    units = {"조": 10**12, "억": 10**8, "만": 10**4}
    total = 0
    for part in text.split():
        unit = units.get(part[-1])
        total += _int(part[:-1]) * unit if unit else _int(part)
    return total


def _parse_bytes(text: str) -> float:
    number, unit = text.split()
    return float(number) * {"바이트": 1, "KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12}[unit]


class Checker:
    """비교 결과를 모읍니다: 비교한 숫자 수와 불일치 목록."""

    def __init__(self, kind: str):
        self.kind, self.numbers, self.configs, self.mismatches = kind, 0, 0, []

    def eq(self, where: str, name: str, shown, expected):
        self.numbers += 1
        if shown != expected:
            self.mismatches.append(f"{where}: {name} 화면 {shown!r} ≠ 케라스 {expected!r}")

    def close(self, where: str, name: str, shown: float, expected: float, tol: float):
        self.numbers += 1
        if not abs(shown - expected) <= tol:
            self.mismatches.append(f"{where}: {name} 화면 {shown!r} ≠ 케라스 {expected!r} (허용 {tol:g})")

    def report(self) -> str:
        return f"{self.kind}: 설정 {self.configs}개, 숫자 {self.numbers}개 비교, 불일치 {len(self.mismatches)}개"


# ---------------------------------------------------------------- 무작위 설정 (시드 고정)


def conv_configs(rng: random.Random, n: int) -> list[dict]:
    items = []
    for _ in range(n):
        big = rng.random() < 0.25  # 넷 중 하나는 격자를 그리지 않는 큰 입력 (숫자만)
        side = (lambda: rng.randint(33, 300)) if big else (lambda: rng.randint(1, 16) if rng.random() < 0.6 else rng.randint(1, 32))
        cfg = {
            "height": side(),
            "width": side(),
            "channels": rng.choice([1, 1, 2, 3, 3, 4]) if big else rng.choice([1, 2, 3, 4, 8, 16, 64]),
            "kernel": rng.randint(1, 7),
            "stride": rng.choice([1, 1, 2, 2, 3, 4]),
            "dilation": rng.choice([1, 1, 1, 2, 3]),
            "padding": rng.choice(["same", "valid"]),
            "filters": rng.choice([1, 2, 8, 32, 64, 200, 512]),
            "batch": rng.choice([1, 16, 32, 100, 256]),
        }
        if cfg["dilation"] > 1 and cfg["stride"] > 1 and rng.random() < 0.7:
            cfg["stride"] = 1  # 케라스가 거부하는 조합은 일부만 남깁니다 (오류 표시 확인용)
        item = {"config": cfg, "selectFraction": [rng.random(), rng.random()]}
        if rng.random() < 0.3:
            item["clicks"] = [['[data-step="next"]', rng.randint(1, 5)]]
        items.append(item)
    return items


def pool_configs(rng: random.Random, n: int) -> list[dict]:
    items = []
    for _ in range(n):
        h, w = rng.randint(1, 10), rng.randint(1, 10)
        cfg = {
            "mode": rng.choice(["max", "avg"]),
            "pool": rng.randint(1, 5),
            "stride": rng.randint(1, 5),
            "padding": rng.choice(["same", "valid"]),
            "values": [[rng.randint(0, 9) for _ in range(w)] for _ in range(h)],
        }
        item = {"config": cfg, "selectFraction": None, "clicks": []}
        shifts = rng.choice([0, 0, 1, 1, 2, 3])
        if shifts:
            item["clicks"] = [['[data-action="shift"]', shifts]]
        items.append(item)
    return items


def rf_configs(rng: random.Random, n: int) -> list[dict]:
    items = []
    while len(items) < n:
        layers = []
        for _ in range(rng.randint(1, 5)):
            kind = "pool" if rng.random() < 0.25 else "conv"
            layer = {
                "type": kind,
                "kernel": rng.choice([1, 2, 3, 3, 3, 5, 7]),
                "stride": rng.choice([1, 1, 2, 2, 3]),
                "dilation": 1 if kind == "pool" else rng.choice([1, 1, 1, 2, 3]),
                "padding": rng.choice(["same", "valid"]),
            }
            if layer["dilation"] > 1 and layer["stride"] > 1 and rng.random() < 0.8:
                layer["stride"] = 1
            layers.append(layer)
        # 측정용 입력이 너무 커지지 않게 작은 쌓기만 (기댓값이 아니라 생성 범위의 제한)
        if math.prod(L["stride"] for L in layers) > 8 or sum(L["dilation"] * (L["kernel"] - 1) + 1 for L in layers) > 24:
            continue
        items.append({"config": {"size": rng.randint(4, 300), "layers": layers}, "selectFraction": None})
    return items


# ---------------------------------------------------------------- 케라스 쪽 계산과 비교


# 그레이디언트를 재는 층은 float64로 만듭니다. 텐서플로 2.21의 float32 CPU(oneDNN) 합성곱 역전파는 커널이
# 스트라이드보다 작을 때(예: 1×1 커널, 스트라이드 2) 프로세스를 죽이기 때문입니다. float64는 다른(Eigen) 구현을
# 타고, 작은 정수의 합은 어느 쪽이든 정확합니다. 크기와 파라미터를 세는 층은 기본값(float32) 그대로입니다.
GRAD_DTYPE = "float64"


def _conv_layer(tf, filters, c, dtype=None):
    return tf.keras.layers.Conv2D(
        filters, c["kernel"], strides=c["stride"], padding=c["padding"], dilation_rate=c["dilation"], dtype=dtype
    )


def verify_conv(tf, page, observations, checker: Checker):
    example = {}  # (h, w, ch) → 예제 입력 (위젯의 데이터 함수에서)
    for n, obs in enumerate(observations):
        c, v = obs["controls"], obs["values"]
        where = f"conv #{n} {c}"
        checker.configs += 1
        try:
            layer = _conv_layer(tf, c["filters"], c)
            layer.build((None, c["height"], c["width"], c["channels"]))
            shape = tuple(layer.compute_output_shape((c["batch"], c["height"], c["width"], c["channels"])))
            keras_error = None if min(shape[1:3]) > 0 else "출력 크기 0 이하"
        except ValueError as e:
            keras_error = str(e)
        checker.eq(where, "오류 표시", bool(v.get("error")), keras_error is not None)
        if keras_error or v.get("error"):
            continue
        kernel_shape, bias_shape = tuple(layer.kernel.shape), tuple(layer.bias.shape)
        itemsize = np.dtype(layer.compute_dtype).itemsize
        outputs = math.prod(shape[1:])
        expected = {
            "output-height": shape[1],
            "output-width": shape[2],
            "output-depth": shape[3],
            "params": layer.count_params(),
            "weights": math.prod(kernel_shape),
            "biases": math.prod(bias_shape),
            "outputs": outputs,
            "mults": outputs * math.prod(kernel_shape[:3]),  # 출력 하나마다 f_h·f_w·f_n' 번
            "bytes-image": outputs * itemsize,
            "bytes-batch": math.prod(shape) * itemsize,
        }
        for key, want in expected.items():
            checker.eq(where, key, _int(v[key]), want)
        if "mults-korean" in v:
            checker.eq(where, "mults-korean", _parse_korean(v["mults-korean"]), expected["mults"])
        for key in ("bytes-image", "bytes-batch"):
            shown = _parse_bytes(v[key + "-human"])
            checker.close(where, key + "-human", shown, expected[key], 0.005 * expected[key] + 1e-9)

        # 예제 입력과 필터 0의 가중치를 넣은 Conv2D(필터 1개)를 실제로 실행합니다
        h, w, ch, k = c["height"], c["width"], c["channels"], c["kernel"]
        if (h, w, ch) not in example:
            digits = page.evaluate("([h, w, c]) => CNNExplorers.conv.exampleDigits(h, w, c)", [h, w, ch])
            example[(h, w, ch)] = (np.frombuffer(digits.encode(), np.uint8) - 48).astype(GRAD_DTYPE).reshape(1, h, w, ch)
        kernel0, bias0 = page.evaluate("(k) => [CNNExplorers.conv.exampleKernelArray(k[0], k[1]), CNNExplorers.conv.exampleBias]", [k, ch])
        single = _conv_layer(tf, 1, c, dtype=GRAD_DTYPE)
        single.build((None, h, w, ch))
        single.set_weights([np.array(kernel0, GRAD_DTYPE)[..., np.newaxis], np.array([bias0], GRAD_DTYPE)])
        sr, sc = int(v["sel-row"]), int(v["sel-col"])
        x = tf.Variable(example[(h, w, ch)])
        with tf.GradientTape() as tape:
            y = single(x)
            picked = y[0, sr, sc, 0]
        grad = tape.gradient(picked, x).numpy()[0, :, :, 0]
        y = y.numpy()[0, :, :, 0]
        checker.eq(where, "step-sum", float(v["step-sum"]), float(y[sr, sc]))
        checker.eq(where, "step-mults", int(v["step-mults"]), math.prod(kernel_shape[:3]))
        rows, cols = np.nonzero(grad.any(axis=1))[0], np.nonzero(grad.any(axis=0))[0]
        shown_rf = [v[key] for key in ("rf-row-start", "rf-row-end", "rf-col-start", "rf-col-end")]
        span = lambda a: [str(a.min()), str(a.max())] if len(a) else ["없음", "없음"]  # noqa: E731
        checker.eq(where, "수용장 범위", shown_rf, span(rows) + span(cols))
        taps = int(np.count_nonzero(grad))
        checker.eq(where, "rf-input-taps", int(v["rf-input-taps"]), taps)
        checker.eq(where, "rf-padding-taps", int(v["rf-padding-taps"]), kernel_shape[0] * kernel_shape[1] - taps)
        if obs["drawn"]:
            checker.eq(where, "출력 칸 수", len(obs["cells"]), y.size)
            for r, col, z, text in obs["cells"]:
                if z != "":
                    checker.eq(where, f"출력 ({r},{col})", float(z), float(y[r, col]))
                if text:
                    checker.eq(where, f"출력 글자 ({r},{col})", float(text), float(y[r, col]))


def _pool(tf, c, grid):
    cls = tf.keras.layers.MaxPool2D if c["mode"] == "max" else tf.keras.layers.AveragePooling2D
    # float64: float32 CPU(oneDNN) 풀링도 창이 스트라이드보다 작으면 프로세스를 죽입니다 (위 GRAD_DTYPE 참고)
    layer = cls(pool_size=c["pool"], strides=c["stride"], padding=c["padding"], dtype=GRAD_DTYPE)
    x = np.array(grid, GRAD_DTYPE)[np.newaxis, :, :, np.newaxis]
    return layer(x).numpy()[0, :, :, 0]


def _shift_right(grid):
    a = np.array(grid)
    return np.concatenate([np.zeros((a.shape[0], 1), a.dtype), a[:, :-1]], axis=1)


def verify_pool(tf, observations, checker: Checker, sent=None):
    for n, obs in enumerate(observations):
        c, v = obs["controls"], obs["values"]
        where = f"pool #{n} {c} 입력 {obs['input']}"
        checker.configs += 1
        grid = obs["input"]
        if sent is not None:  # 보낸 값을 화면이 그대로(밀었다면 민 만큼) 그렸는지
            want_grid = np.array(sent[n]["config"]["values"])
            for _ in range(obs["shifts"]):
                want_grid = _shift_right(want_grid)
            checker.eq(where, "입력 격자", grid, want_grid.tolist())
        try:
            y = _pool(tf, c, grid)
            keras_error = None if y.size else "출력 크기 0"
        except Exception as e:  # ValueError 또는 텐서플로의 InvalidArgumentError
            keras_error = str(e)
        checker.eq(where, "오류 표시", bool(v.get("error")), keras_error is not None)
        if keras_error or v.get("error"):
            continue
        checker.eq(where, "출력 칸 수", len(obs["cells"]), y.size)
        for r, col, z, text in obs["cells"]:
            want = float(y[r, col])
            if c["mode"] == "max":
                checker.eq(where, f"출력 ({r},{col})", float(z), want)
                checker.eq(where, f"출력 글자 ({r},{col})", float(text), want)
            else:
                checker.close(where, f"출력 ({r},{col})", float(z), want, AVG_TOL * max(1.0, abs(want)))
                # 칸의 글자는 소수 둘째 자리까지 반올림한 값
                checker.close(where, f"출력 글자 ({r},{col})", float(text), want, 0.005 + AVG_TOL * max(1.0, abs(want)))
        sr, sc = int(v["sel-row"]), int(v["sel-col"])
        checker.close(where, "selected-value", float(v["selected-value"]), float(y[sr, sc]), AVG_TOL * max(1.0, abs(float(y[sr, sc]))))
        if obs["shifts"]:
            # 밀기 직전의 입력 = 지금 입력을 만든 값에서 한 번 덜 민 것
            before_grid = np.array(sent[n]["config"]["values"]) if sent is not None else None
            if before_grid is not None:
                for _ in range(obs["shifts"] - 1):
                    before_grid = _shift_right(before_grid)
                changed = int(np.sum(np.abs(_pool(tf, c, before_grid) - y) > 1e-6))
                checker.eq(where, "changed-cells", int(v["changed-cells"]), changed)


def _rf_layers(tf, layers, for_shape: bool):
    built = []
    dtype = None if for_shape else GRAD_DTYPE
    for L in layers:
        if L["type"] == "conv":
            built.append(tf.keras.layers.Conv2D(
                1, L["kernel"], strides=L["stride"], padding=L["padding"], dilation_rate=L["dilation"],
                use_bias=False, kernel_initializer="ones", dtype=dtype))
        elif for_shape:
            built.append(tf.keras.layers.MaxPool2D(L["kernel"], strides=L["stride"], padding=L["padding"]))
        else:  # 최대 풀링과 창이 같고, 그레이디언트가 창 전체로 흐르는 평균 풀링으로 잽니다
            built.append(tf.keras.layers.AveragePooling2D(L["kernel"], strides=L["stride"], padding=L["padding"], dtype=dtype))
    return built


def _measure_rf(tf, layers):
    """층마다 (수용장, 점프)를 그레이디언트로 잽니다. 가운데의 이웃한 두 출력 칸이 입력 경계에 닿지 않을 때까지 입력을 키웁니다."""
    size = 64
    while size <= 4096:
        inp = tf.keras.Input(shape=(size, size, 1), dtype=GRAD_DTYPE)
        outs, z = [], inp
        try:
            for layer in _rf_layers(tf, layers, for_shape=False):
                z = layer(z)
                outs.append(z)
        except ValueError:  # "valid" 층이 많아 입력이 모자람
            size *= 2
            continue
        model = tf.keras.Model(inp, outs)
        x = tf.Variable(np.ones((2, size, size, 1), GRAD_DTYPE))
        with tf.GradientTape(persistent=True) as tape:
            ys = model(x)
            ys = ys if isinstance(ys, (list, tuple)) else [ys]
            picks = []
            for y in ys:
                m = y.shape[1]
                a = max(m // 2 - 1, 0)
                # 배치 0은 칸 a, 배치 1은 칸 a+1: 한 번의 미분으로 두 칸의 수용장을 따로 얻습니다
                picks.append(y[0, a, a, 0] + y[1, min(a + 1, m - 1), min(a + 1, m - 1), 0] if m >= 2 else None)
        result, ok = [], True
        for y, pick in zip(ys, picks):
            if pick is None:
                ok = False
                break
            g = tape.gradient(pick, x).numpy()[:, :, :, 0]
            spans = []
            for b in range(2):
                rows = np.nonzero(g[b].any(axis=1))[0]
                if len(rows) == 0 or rows.min() == 0 or rows.max() == size - 1:
                    ok = False
                spans.append((rows.min(), rows.max()) if len(rows) else (0, 0))
            result.append((int(spans[0][1] - spans[0][0] + 1), int(spans[1][0] - spans[0][0])))
        del tape
        if ok:
            return result
        size *= 2
    raise AssertionError(f"수용장을 잴 만큼 입력을 키우지 못했습니다: {layers}")


def verify_rf(tf, observations, checker: Checker):
    for n, obs in enumerate(observations):
        c, v, layers = obs["controls"], obs["values"], obs["layers"]
        where = f"rf #{n} 입력 {c['size']} 층 {layers}"
        checker.configs += 1
        # 출력 크기: 사용자가 고른 입력 크기에서 층마다 compute_output_shape
        sizes, keras_error = [], None
        shape = (1, c["size"], c["size"], 1)
        try:  # 스트라이드와 팽창을 함께 쓰는 합성곱은 만들 때 거부됩니다
            shape_layers = _rf_layers(tf, layers, for_shape=True)
        except ValueError as e:
            shape_layers, keras_error = [], str(e)
        for layer in shape_layers:
            try:
                shape = tuple(layer.compute_output_shape(shape))
            except ValueError as e:
                keras_error = str(e)
                break
            if shape[1] <= 0:
                keras_error = "출력 크기 0 이하"
                break
            sizes.append(shape[1])
        checker.eq(where, "오류 표시", bool(v.get("error")), keras_error is not None)
        checker.eq(where, "입력 크기", int(v["out-0"]), c["size"])
        if keras_error or v.get("error"):
            continue
        measured = _measure_rf(tf, layers)
        checker.eq(where, "층 수", sum(1 for key in v if key.startswith("out-")) - 1, len(sizes))
        for i, (out, (rf, jump)) in enumerate(zip(sizes, measured), start=1):
            checker.eq(where, f"out-{i}", int(v[f"out-{i}"]), out)
            checker.eq(where, f"rf-{i}", int(v[f"rf-{i}"]), rf)
            checker.eq(where, f"jump-{i}", int(v[f"jump-{i}"]), jump)


# ---------------------------------------------------------------- 픽스처


@pytest.fixture(scope="module")
def tf():
    import tensorflow as tf

    return tf


@pytest.fixture(scope="module")
def context(browser):
    ctx = browser.new_context(viewport=DESKTOP, locale="ko-KR", color_scheme="light", service_workers="block")
    small_search_index(ctx)
    yield ctx
    ctx.close()


class Page:
    """탭 하나와 그 탭의 콘솔 오류, 다른 호스트로 간 요청."""

    def __init__(self, context, url):
        self.page = context.new_page()
        self.errors, self.external = [], []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: r.url.startswith(("http://127.0.0.1", "http://localhost", "data:")) or self.external.append(r.url))
        self.page.goto(url, wait_until="load")
        self.page.wait_for_selector('.cnn-explorer[data-ready="true"]')


@pytest.fixture(scope="module")
def pages(context, site_base_url):
    opened = {}
    for path in sorted(set(PAGES.values())):
        opened[path] = Page(context, site_base_url + path)
    yield {kind: opened[path] for kind, path in PAGES.items()}
    for p in opened.values():
        p.page.close()


@pytest.fixture(scope="module")
def rng():
    return random.Random(SEED)


def _print_summary(checker, seconds, record_property):
    line = f"[explorers] {checker.report()} ({seconds:.1f}초)"
    print(line)
    record_property(f"explorer_{checker.kind}", checker.report())


def _fail_if(checker: Checker):
    assert not checker.mismatches, checker.report() + "\n" + "\n".join(checker.mismatches[:20])
    assert checker.configs >= N_RANDOM, checker.report()


# ---------------------------------------------------------------- UI로 직접 조작하는 경우


def _to_front(page):
    """탭을 앞으로 가져옵니다. 뒤에 있는 탭은 애니메이션 프레임이 드물게 돌아, Playwright가 클릭 전에 요소가 멈췄는지
    확인하는 데만 한 번에 1~2초씩 걸립니다 (두 페이지를 한 context에 열어 두므로)."""
    page.bring_to_front()


def _ui_conv(page) -> list[dict]:
    """입력 칸을 채우고(Tab으로 확정), 버튼과 방향키로 고릅니다. 읽은 결과 목록을 돌려줍니다."""
    _to_front(page)
    root = page.locator('.cnn-explorer[data-explorer="conv"]')
    seen = []
    root.get_by_role("button", name="책의 예 (14.2.4절)").click()
    seen.append(_read(page, "conv"))
    for values, keys in [
        ({"height": "9", "width": "11", "channels": "3", "kernel": "3", "stride": "2", "filters": "4"}, ["ArrowRight", "ArrowDown", "ArrowDown"]),
        ({"height": "6", "width": "6", "channels": "1", "kernel": "5", "stride": "1", "dilation": "2"}, ["End", "ArrowDown"]),
    ]:
        for name, value in values.items():
            field = root.locator(f'.cnnx-controls [name="{name}"]')
            field.fill(value)
            field.press("Tab")
        root.locator(".cnnx-controls select[name=padding]").select_option("same")
        grid = root.locator(".cnnx-grid--output")
        grid.focus()
        for key in keys:
            grid.press(key)
        seen.append(_read(page, "conv"))
    root.get_by_role("button", name="다음 위치 ▶").click()
    seen.append(_read(page, "conv"))
    return seen


def _ui_pool(page) -> tuple[list[dict], list[dict]]:
    _to_front(page)
    page.reload(wait_until="load")  # 기본 입력(이미지 A)에서 시작
    page.wait_for_selector('.cnn-explorer[data-ready="true"]')
    root = page.locator('.cnn-explorer[data-explorer="pool"]')
    seen, sent = [], []
    # 기본 입력(이미지 A)에서 밀기 두 번: 한 번은 불변, 두 번째는 바뀜
    start = _read(page, "pool")["input"]
    shift = root.get_by_role("button", name="입력을 오른쪽으로 한 칸 밀기")
    for times in (1, 2):
        shift.click()
        seen.append(_read(page, "pool"))
        sent.append({"config": {"values": start}})
    root.get_by_role("button", name="처음 입력으로").click()
    root.locator("select[name=mode]").select_option("avg")
    for name, value in {"pool": "3", "stride": "1"}.items():
        field = root.locator(f'.cnnx-controls [name="{name}"]')
        field.fill(value)
        field.press("Tab")
    root.locator("select[name=padding]").select_option("same")
    grid = root.locator(".cnnx-grid--output")
    grid.focus()
    grid.press("ArrowRight")
    grid.press("ArrowDown")
    seen.append(_read(page, "pool"))
    sent.append({"config": {"values": start}})
    return seen, sent


def _ui_rf(page) -> list[dict]:
    _to_front(page)
    root = page.locator('.cnn-explorer[data-explorer="rf"]')
    seen = []
    for name in ("3×3 합성곱 세 개 (VGG)", "7×7 합성곱 하나", "ResNet-34 첫 부분"):
        root.get_by_role("button", name=name).click()
        seen.append(_read(page, "rf"))
    root.get_by_role("button", name="+ 층 추가").click()
    last = root.locator(".cnnx-layer").last
    last.locator("[name=dilation]").fill("2")
    last.locator("[name=dilation]").press("Tab")
    seen.append(_read(page, "rf"))
    return seen


# ---------------------------------------------------------------- 검사


def test_conv_explorer_matches_keras(pages, tf, rng, record_property):
    started = time.perf_counter()
    page = pages["conv"].page
    items = conv_configs(rng, N_RANDOM)
    observations = _drive(page, "conv", items)
    for item, obs in zip(items, observations):  # 보낸 설정이 입력 칸에 그대로 들어갔는지
        sent = {k: v for k, v in item["config"].items()}
        assert {k: obs["controls"][k] for k in sent} == sent, (sent, obs["controls"])
    observations += _ui_conv(page)
    checker = Checker("conv")
    verify_conv(tf, page, observations, checker)
    _print_summary(checker, time.perf_counter() - started, record_property)
    _fail_if(checker)


def test_pool_explorer_matches_keras(pages, tf, rng, record_property):
    started = time.perf_counter()
    page = pages["pool"].page
    items = pool_configs(rng, N_RANDOM)
    observations = _drive(page, "pool", items)
    ui_seen, ui_sent = _ui_pool(page)
    checker = Checker("pool")
    verify_pool(tf, observations + ui_seen, checker, sent=items + ui_sent)
    _print_summary(checker, time.perf_counter() - started, record_property)
    _fail_if(checker)
    assert any(int(o["values"].get("changed-cells", "-1")) == 0 for o in ui_seen), "기본 입력을 한 칸 밀면 출력이 그대로여야 합니다"


def test_rf_calculator_matches_keras(pages, tf, rng, record_property):
    started = time.perf_counter()
    page = pages["rf"].page
    items = rf_configs(rng, N_RANDOM)
    observations = _drive(page, "rf", items)
    for item, obs in zip(items, observations):
        assert obs["layers"] == item["config"]["layers"], (item, obs["layers"])
    observations += _ui_rf(page)
    checker = Checker("rf")
    verify_rf(tf, observations, checker)
    _print_summary(checker, time.perf_counter() - started, record_property)
    _fail_if(checker)


# 일부러 망가뜨린 공식: 그럴듯한 실수 하나씩
_BREAK = {
    # "same"의 출력 크기를 올림 대신 내림으로
    "conv": """() => { const u = CNNExplorers.util, orig = u.windowOutput;
        u.windowOutput = (n, k, s, d, p) => { const r = orig(n, k, s, d, p);
          if (p === 'same') r.out = Math.max(1, Math.floor(n / s)); return r; }; }""",
    # 평균 풀링에서 패딩 칸까지 세어 나누기
    "pool": """() => { CNNExplorers.pool.reduce = (mode, values, windowSize) => mode === 'max'
        ? Math.max(...values) : values.reduce((a, b) => a + b, 0) / windowSize; }""",
    # 수용장을 늘릴 때 점프를 곱하지 않기
    "rf": """() => { CNNExplorers.rf.grow = (r, j, kEff) => r + (kEff - 1); }""",
}


@pytest.mark.parametrize("kind", ["conv", "pool", "rf"])
def test_verification_catches_a_broken_formula(context, site_base_url, tf, kind, record_property):
    tab = Page(context, site_base_url + PAGES[kind])
    try:
        tab.page.evaluate(_BREAK[kind])
        rng = random.Random(SEED + 1)
        items = {"conv": conv_configs, "pool": pool_configs, "rf": rf_configs}[kind](rng, 25)
        observations = _drive(tab.page, kind, items)
        checker = Checker(kind + " (망가뜨린 공식)")
        if kind == "conv":
            verify_conv(tf, tab.page, observations, checker)
        elif kind == "pool":
            verify_pool(tf, observations, checker, sent=items)
        else:
            verify_rf(tf, observations, checker)
    finally:
        tab.page.close()
    print(f"[explorers] 자체 검사 {checker.report()}")
    record_property(f"selftest_{kind}", checker.report())
    assert checker.mismatches, f"{kind}: 공식을 망가뜨렸는데도 검증이 불일치를 찾지 못했습니다 ({checker.report()})"


def test_widgets_are_usable_offline_by_keyboard_on_phone_and_in_dark_mode(context, site_base_url, pages, browser):
    """외부 요청·콘솔 오류 없음, 키보드 초점이 보임, 375px에서 가로 넘침 없음, 어두운 테마, 스크린숏."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for path in sorted(set(PAGES.values())):
        tab = Page(context, site_base_url + path)
        page = tab.page
        kinds = [k for k, p in PAGES.items() if p == path]
        try:
            # 키보드: 첫 입력 칸에서 Tab으로 다음 칸으로, 초점 테두리가 보여야 합니다
            for kind in kinds:
                root = page.locator(f'.cnn-explorer[data-explorer="{kind}"]')
                root.locator("input").first.focus()
                page.keyboard.press("Tab")
                outline = page.evaluate("() => { const s = getComputedStyle(document.activeElement); return [document.activeElement.closest('.cnn-explorer') !== null, s.outlineStyle, s.outlineWidth]; }")
                if not outline[0] or outline[1] == "none" or outline[2] == "0px":
                    problems.append(f"{kind}: Tab으로 옮긴 초점이 보이지 않습니다 {outline}")
            for scheme in ("light", "dark"):
                if scheme == "dark":
                    page.locator("form[data-md-component=palette] label.md-header__button:not([hidden])").first.click()
                    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
                    page.mouse.move(1, 1)
                for size_name, size in (("desktop", DESKTOP), ("phone", PHONE)):
                    page.set_viewport_size(size)
                    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
                    if overflow > 0:
                        problems.append(f"{path} {size_name}: 가로로 {overflow}px 넘칩니다")
                    for kind in kinds:
                        root = page.locator(f'.cnn-explorer[data-explorer="{kind}"]')
                        box = root.bounding_box()
                        if box["x"] + box["width"] > size["width"] + 0.5:
                            problems.append(f"{kind} {size_name}: 위젯이 화면 밖으로 나갑니다 ({box})")
                        root.scroll_into_view_if_needed()
                        root.screenshot(path=str(SCREENSHOTS / f"explorer-{kind}-{size_name}-{scheme}.png"))
                page.set_viewport_size(DESKTOP)
            page.evaluate("localStorage.clear()")
        finally:
            page.close()
        problems += [f"{path}: 콘솔 오류 {e}" for e in tab.errors]
        problems += [f"{path}: 다른 호스트로 요청 {u}" for u in tab.external]
    for kind, tab in pages.items():
        problems += [f"{kind}: 콘솔 오류 {e}" for e in tab.errors]
        problems += [f"{kind}: 다른 호스트로 요청 {u}" for u in tab.external]

    # 자바스크립트가 없으면 자리에 한국어 안내 문장이 보입니다
    nojs = browser.new_context(java_script_enabled=False)
    try:
        page = nojs.new_page()
        for path in sorted(set(PAGES.values())):  # 페이지마다 한 번 열고 그 페이지의 위젯을 모두 봅니다
            page.goto(site_base_url + path)
            for kind in [k for k, p in PAGES.items() if p == path]:
                text = page.locator(f'.cnn-explorer[data-explorer="{kind}"]').inner_text()
                if "자바스크립트" not in text:
                    problems.append(f"{kind}: 자바스크립트 없이 보이는 안내 문장이 없습니다 ({text!r})")
    finally:
        nojs.close()
    print(f"[explorers] 스크린숏: {SCREENSHOTS}/explorer-*.png")
    assert not problems, "\n".join(problems)
