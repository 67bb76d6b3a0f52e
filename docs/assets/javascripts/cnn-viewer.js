/*
 * "CNN 들여다보기": 8×8 손글씨 숫자(사이킷런 load_digits)로 훈련한 작은 CNN을 브라우저에서 실행합니다.
 *
 * - 라이브러리 없이 평범한 자바스크립트로 씁니다. 외부 요청을 하지 않습니다: 모델(구조와 가중치)은 이 사이트의
 *   assets/explorers/cnn-viewer.json 하나이고(tools/make_cnn_viewer.py가 만든 생성물), 이 스크립트의 주소를 기준으로
 *   찾습니다. 자리(div)에 data-src="…"가 있으면 그 주소(페이지 기준 상대 주소)를 씁니다.
 * - 페이지의 <div class="cnn-explorer" data-explorer="cnn-viewer"> 안의 안내 문장을 위젯으로 바꿉니다.
 *   자바스크립트가 없으면 그 안내 문장만 보입니다.
 * - 계산(층마다의 연산)은 window.CNNViewer.ops에 드러내 둡니다. 위젯은 입력이 바뀔 때마다 이 객체를 거쳐 계산하므로,
 *   검사(tests/browser/test_cnn_viewer.py)가 연산 하나(예: ReLU)를 일부러 망가뜨리면 화면의 숫자도 틀려집니다.
 * - 검사용 입구: CNNViewer.setInput(픽셀 64개, 0~16 정수)은 사용자가 칸을 칠하는 것과 같은 경로(칸 값 바꾸기 → 다시
 *   계산 → 다시 그리기)를 탑니다. CNNViewer.select(층 이름, 특성 맵 번호)는 특성 맵 단추를 누르는 것과 같습니다.
 *   CNNViewer.ready는 자리마다 위젯이 준비되면 풀리는 Promise입니다.
 *
 * - explorers.js 뒤에 불러옵니다(mkdocs.yml의 extra_javascript 순서): 요소를 만드는 도우미 el을 함께 씁니다.
 *
 * 화면의 숫자는 data-value="이름" 속성이 붙은 요소에 들어 있고, 입력 칸과 특성 맵 칸은 data-v(값)를 가집니다.
 */
(function () {
  'use strict';

  var api = (window.CNNViewer = window.CNNViewer || {});
  var SCRIPT_SRC = (document.currentScript && document.currentScript.src) || '';
  var DEFAULT_JSON = '../explorers/cnn-viewer.json'; // 이 스크립트(assets/javascripts/) 기준

  // ------------------------------------------------------------------ 계산 (케라스와 같은 규칙)
  //
  // 특성 맵 하나의 묶음은 {h, w, c, data}: data[(i * w + j) * c + k]가 i행 j열, 채널 k의 값입니다 (케라스의 NHWC와 같은
  // 순서라서 펼치기(Flatten)는 data를 그대로 씁니다). 모든 계산은 자바스크립트의 double(float64)로 합니다.

  function tensor(h, w, c) {
    return { h: h, w: w, c: c, data: new Float64Array(h * w * c) };
  }

  /** 한 축의 "same"/"valid" 출력 크기와 앞쪽 패딩 (스트라이드 1) */
  function convAxis(n, k, padding) {
    if (padding === 'same') return { out: n, before: Math.floor((k - 1) / 2) };
    return { out: n - k + 1, before: 0 };
  }

  /** Conv2D (스트라이드 1, 활성화 없음). 커널은 케라스 순서 [높이, 너비, 입력 채널, 필터]를 평평하게 편 것 */
  function conv2d(x, layer) {
    var kh = layer.kernel_shape[0], kw = layer.kernel_shape[1], cin = layer.kernel_shape[2], f = layer.kernel_shape[3];
    var ah = convAxis(x.h, kh, layer.padding), aw = convAxis(x.w, kw, layer.padding);
    var y = tensor(ah.out, aw.out, f);
    var K = layer.kernel;
    for (var i = 0; i < ah.out; i++) {
      for (var j = 0; j < aw.out; j++) {
        for (var o = 0; o < f; o++) {
          var sum = layer.bias[o];
          for (var u = 0; u < kh; u++) {
            var ii = i + u - ah.before;
            if (ii < 0 || ii >= x.h) continue; // 패딩 칸의 값은 0
            for (var v = 0; v < kw; v++) {
              var jj = j + v - aw.before;
              if (jj < 0 || jj >= x.w) continue;
              for (var ch = 0; ch < cin; ch++) {
                sum += x.data[(ii * x.w + jj) * cin + ch] * K[((u * kw + v) * cin + ch) * f + o];
              }
            }
          }
          y.data[(i * y.w + j) * f + o] = sum;
        }
      }
    }
    return y;
  }

  /** ReLU: 음수를 0으로 */
  function relu(x) {
    var y = tensor(x.h, x.w, x.c);
    for (var n = 0; n < x.data.length; n++) y.data[n] = Math.max(0, x.data[n]);
    return y;
  }

  /** 최대 풀링 (창 = 스트라이드, "valid"): 창마다 최댓값 */
  function maxpool(x, layer) {
    var ph = layer.pool_size[0], pw = layer.pool_size[1];
    var y = tensor(Math.floor(x.h / ph), Math.floor(x.w / pw), x.c);
    for (var i = 0; i < y.h; i++) {
      for (var j = 0; j < y.w; j++) {
        for (var k = 0; k < x.c; k++) {
          var best = -Infinity;
          for (var u = 0; u < ph; u++) {
            for (var v = 0; v < pw; v++) best = Math.max(best, x.data[((i * ph + u) * x.w + (j * pw + v)) * x.c + k]);
          }
          y.data[(i * y.w + j) * x.c + k] = best;
        }
      }
    }
    return y;
  }

  /** 펼치기: 높이, 너비, 채널 순서 그대로 벡터 하나로 */
  function flatten(x) {
    return { h: 1, w: 1, c: x.data.length, data: Float64Array.from(x.data) };
  }

  /** 밀집 층 (활성화 없음): 출력 j = 편향 j + Σ 입력 i × 가중치 [i, j] */
  function dense(x, layer) {
    var n = layer.kernel_shape[0], m = layer.kernel_shape[1];
    var y = tensor(1, 1, m);
    for (var j = 0; j < m; j++) {
      var sum = layer.bias[j];
      for (var i = 0; i < n; i++) sum += x.data[i] * layer.kernel[i * m + j];
      y.data[j] = sum;
    }
    return y;
  }

  /** 소프트맥스: 가장 큰 로짓을 빼고 지수를 취해 합이 1이 되도록 (넘침 방지) */
  function softmax(x) {
    var y = tensor(1, 1, x.data.length);
    var top = Math.max.apply(null, Array.prototype.slice.call(x.data));
    var total = 0;
    for (var n = 0; n < x.data.length; n++) {
      y.data[n] = Math.exp(x.data[n] - top);
      total += y.data[n];
    }
    for (var m = 0; m < y.data.length; m++) y.data[m] /= total;
    return y;
  }

  api.ops = { conv2d: conv2d, relu: relu, maxpool: maxpool, flatten: flatten, dense: dense, softmax: softmax };

  /** 픽셀(0~16 정수 64개, 행 우선)에서 층마다의 출력 목록. 연산은 언제나 api.ops를 거칩니다. */
  function forward(model, pixels) {
    var shape = model.input.shape;
    var x = tensor(shape[0], shape[1], shape[2]);
    for (var n = 0; n < x.data.length; n++) x.data[n] = pixels[n] * model.input.scale;
    var outputs = [];
    model.layers.forEach(function (layer) {
      x = api.ops[layer.type](x, layer);
      outputs.push(x);
    });
    return outputs;
  }
  api.forward = forward;

  // ------------------------------------------------------------------ 표시용 도우미

  /** 소수 자리 digits로, 음수는 진짜 빼기 기호(−)로 */
  function fmt(v, digits) {
    var s = v.toFixed(digits);
    if (Number(s) === 0) s = (0).toFixed(digits); // "-0.00"을 "0.00"으로
    return s.charAt(0) === '-' ? '\u2212' + s.slice(1) : s;
  }

  /** 요소 만들기: el('div', {class: 'a', text: '…'}, [자식…]) — explorers.js(먼저 불러옴)의 것을 함께 씀 */
  var el = window.CNNExplorers.el;


  var uid = 0;
  function nextId(prefix) {
    uid += 1;
    return 'cnnv-' + prefix + '-' + uid;
  }

  /** 층의 한국어 이름과 설명 */
  function describe(model) {
    var counts = {};
    return model.layers.map(function (layer, index) {
      counts[layer.type] = (counts[layer.type] || 0) + 1;
      var n = counts[layer.type];
      var title, note;
      if (layer.type === 'conv2d') {
        title = '합성곱 층 ' + n;
        note = layer.kernel_shape[0] + '×' + layer.kernel_shape[1] + ' 필터 ' + layer.filters + '개, "' + layer.padding + '" 패딩. 활성화 함수를 적용하기 전의 값입니다 (파랑 = 음수, 주황 = 양수).';
      } else if (layer.type === 'relu') {
        title = 'ReLU ' + n;
        note = '바로 앞 합성곱 층의 출력에서 음수를 모두 0으로 바꿉니다.';
      } else if (layer.type === 'maxpool') {
        title = '최대 풀링 ' + n;
        note = layer.pool_size[0] + '×' + layer.pool_size[1] + ' 창마다 가장 큰 값 하나를 남겨 높이와 너비가 절반이 됩니다.';
      } else if (layer.type === 'flatten') {
        title = '펼치기';
        note = '특성 맵을 값 하나씩 한 줄로 늘어놓습니다.';
      } else if (layer.type === 'dense') {
        title = '밀집 층';
        note = '클래스마다 점수(로짓) 하나를 냅니다. 값은 아래 확률 표의 "로짓" 열에 있습니다.';
      } else {
        title = '소프트맥스';
        note = '로짓을 합이 1인 확률로 바꿉니다.';
      }
      return { layer: layer, index: index, title: title, note: note, signed: layer.type === 'conv2d' };
    });
  }

  function shapeText(t) {
    return t.h === 1 && t.w === 1 ? String(t.c) + '개' : t.h + '×' + t.w + '×' + t.c;
  }

  // ------------------------------------------------------------------ 위젯

  var BRUSHES = [
    [16, '진하게 (16)'],
    [8, '중간 (8)'],
    [0, '지우개 (0)'],
  ];
  var KEY_STEP = 4; // +/− 키로 바꾸는 세기
  // 입력 밀기: [이름, 단추 글자, 화면 읽기 프로그램이 읽는 이름, 행 이동, 열 이동]
  var SHIFTS = [
    ['left', '←', '왼쪽으로 한 칸 밀기', 0, -1],
    ['right', '→', '오른쪽으로 한 칸 밀기', 0, 1],
    ['up', '↑', '위로 한 칸 밀기', -1, 0],
    ['down', '↓', '아래로 한 칸 밀기', 1, 0],
  ];

  function Viewer(root, model) {
    var self = this;
    this.root = root;
    this.model = model;
    this.size = model.input.shape[0] * model.input.shape[1];
    this.cols = model.input.shape[1];
    this.max = model.input.max;
    this.pixels = new Array(this.size).fill(0);
    this.stages = describe(model);
    this.brush = BRUSHES[0][0];
    this.focusCell = 0;
    this.source = null; // 불러온 테스트 숫자 (직접 고치면 null)

    root.textContent = '';
    root.classList.add('cnnv');
    root.appendChild(el('p', { class: 'cnnx-title', text: 'CNN 들여다보기' }));

    // ---- 입력: 붓, 격자, 미리 준비한 숫자
    var inputBox = el('div', { class: 'cnnv-input' });
    var brushName = nextId('brush');
    var brushes = el('fieldset', { class: 'cnnv-brushes' }, [el('legend', { text: '붓' })]);
    BRUSHES.forEach(function (b, i) {
      var id = nextId('brush');
      var radio = el('input', { type: 'radio', id: id, name: brushName, value: b[0], checked: i === 0 });
      brushes.appendChild(el('span', { class: 'cnnv-brush' }, [radio, el('label', { for: id, text: b[1] })]));
    });
    brushes.addEventListener('change', function (ev) { self.brush = Number(ev.target.value); });
    inputBox.appendChild(brushes);

    var hintId = nextId('hint');
    this.grid = el('div', {
      class: 'cnnv-editor',
      role: 'grid',
      'aria-label': '입력 이미지 8×8 (값 0~16)',
      'aria-describedby': hintId,
    });
    this.grid.style.setProperty('--cols', this.cols);
    this.cells = [];
    for (var r = 0; r < model.input.shape[0]; r++) {
      var row = el('div', { role: 'row', class: 'cnnv-row' });
      for (var c = 0; c < this.cols; c++) {
        var cell = el('div', { role: 'gridcell', class: 'cnnv-pixel', tabindex: r === 0 && c === 0 ? 0 : -1, 'data-index': r * this.cols + c });
        row.appendChild(cell);
        this.cells.push(cell);
      }
      this.grid.appendChild(row);
    }
    this.bindEditor();
    inputBox.appendChild(this.grid);
    this.cellText = el('p', { class: 'cnnv-hint', 'data-value': 'cell-status' });
    inputBox.appendChild(this.cellText);
    inputBox.appendChild(el('p', {
      class: 'cnnv-hint',
      id: hintId,
      text: '칸을 누르거나 끌어서 칠합니다(같은 세기로 칠한 칸을 누르면 지워짐). 키보드: 방향키로 칸을 옮기고 스페이스나 Enter로 칠하기, + / −로 ' +
        KEY_STEP + '씩 진하게/옅게, Delete로 지우기.',
    }));

    var presetsLabel = nextId('presets');
    var presets = el('div', { class: 'cnnx-buttons cnnv-presets', role: 'group', 'aria-labelledby': presetsLabel }, [
      el('span', { class: 'cnnv-presets-label', id: presetsLabel, text: '테스트 세트의 숫자:' }),
    ]);
    model.presets.forEach(function (p, i) {
      presets.appendChild(el('button', {
        type: 'button',
        class: 'md-button',
        'data-preset': i,
        text: p.wrong ? '틀리는 예' : String(p.label),
        'aria-label': p.wrong ? '틀리는 예 (정답 ' + p.label + ') 불러오기' : '숫자 ' + p.label + ' 불러오기',
      }));
    });
    presets.appendChild(el('button', { type: 'button', class: 'md-button', 'data-action': 'clear', text: '모두 지우기' }));
    presets.addEventListener('click', function (ev) {
      var b = ev.target.closest('button');
      if (!b) return;
      if (b.hasAttribute('data-preset')) self.loadPreset(Number(b.getAttribute('data-preset')));
      else self.setPixels(new Array(self.size).fill(0), null);
    });
    var shifts = el('div', { class: 'cnnx-buttons cnnv-presets', role: 'group', 'aria-label': '입력 전체를 한 칸 밀기' }, [
      el('span', { class: 'cnnv-presets-label', 'aria-hidden': 'true', text: '한 칸 밀기:' }),
    ]);
    SHIFTS.forEach(function (sh) {
      shifts.appendChild(el('button', { type: 'button', class: 'md-button', 'data-shift': sh[0], text: sh[1], 'aria-label': sh[2] }));
    });
    shifts.addEventListener('click', function (ev) {
      var b = ev.target.closest('button');
      if (b) self.shift(b.getAttribute('data-shift'));
    });
    this.sourceText = el('p', { class: 'cnnv-source', 'data-value': 'source' });

    // ---- 예측: 확률 막대와 숫자
    var outputBox = el('div', { class: 'cnnv-output' });
    this.prediction = el('p', { class: 'cnnv-prediction', 'aria-live': 'polite' });
    outputBox.appendChild(this.prediction);
    var probs = el('table', { class: 'cnnv-probs' }, [
      el('caption', { text: '클래스마다 확률 (소프트맥스 출력)과 로짓 (밀집 층 출력)' }),
      el('thead', {}, [el('tr', {}, [
        el('th', { scope: 'col', text: '숫자' }),
        el('th', { scope: 'col', text: '확률' }),
        el('th', { scope: 'col', class: 'cnnv-num', text: '%' }),
        el('th', { scope: 'col', class: 'cnnv-num', text: '로짓' }),
      ])]),
    ]);
    var body = el('tbody');
    this.probRows = [];
    for (var d = 0; d < 10; d++) {
      var bar = el('span', { class: 'cnnv-bar' });
      var pct = el('span', { 'data-value': 'prob-' + d });
      var logit = el('span', { 'data-value': 'logit-' + d });
      var tr = el('tr', { 'data-digit': d }, [
        el('th', { scope: 'row', text: String(d) }),
        el('td', { class: 'cnnv-bar-cell' }, [el('span', { class: 'cnnv-bar-track' }, [bar])]),
        el('td', { class: 'cnnv-num' }, [pct]),
        el('td', { class: 'cnnv-num' }, [logit]),
      ]);
      body.appendChild(tr);
      this.probRows.push({ tr: tr, bar: bar, pct: pct, logit: logit });
    }
    probs.appendChild(body);
    outputBox.appendChild(probs);
    outputBox.appendChild(el('p', { class: 'cnnv-hint' }, [
      '이 모델의 테스트 정확도: ',
      el('span', { 'data-value': 'test-accuracy', text: model.test_accuracy.toFixed(3) }),
      ' (테스트 이미지 ' + model.test_size + '장)',
    ]));

    var top = el('div', { class: 'cnnv-top' }, [inputBox, outputBox]);
    root.appendChild(top);
    root.appendChild(presets);
    root.appendChild(shifts);
    root.appendChild(this.sourceText);

    // ---- 층별 특성 맵
    root.appendChild(el('p', { class: 'cnnv-section', text: '층마다의 출력 (특성 맵을 누르거나 Tab으로 고르면 그 층 아래에 값이 나옵니다)' }));
    this.stageViews = [];
    var stagesBox = el('ol', { class: 'cnnv-stages' });
    this.stages.forEach(function (st) {
      var view = self.buildStage(st);
      self.stageViews.push(view);
      stagesBox.appendChild(view.li);
    });
    root.appendChild(stagesBox);

    // ---- 고른 특성 맵의 값: 고른 특성 맵이 있는 층 바로 아래에 붙습니다 (select)
    this.detail = el('div', { class: 'cnnv-detail' });

    this.selected = null;
    var first = this.stageViews.find(function (v) { return v.maps; });
    this.setPixels(model.presets[0] ? model.presets[0].pixels : this.pixels, model.presets[0] ? 0 : null);
    if (first) this.select(first.stage.layer.name, 0);
  }

  /** 층 하나의 보기: 제목, 설명, 색 눈금, 특성 맵 단추들 (특성 맵이 없는 층은 글만) */
  Viewer.prototype.buildStage = function (st) {
    var self = this;
    var li = el('li', { class: 'cnnv-stage', 'data-layer': st.layer.name });
    var shape = el('span', { 'data-value': 'shape-' + st.layer.name });
    li.appendChild(el('p', { class: 'cnnv-stage-title' }, [el('strong', { text: st.title }), ' → ', shape]));
    li.appendChild(el('p', { class: 'cnnv-stage-note', text: st.note }));
    var view = { stage: st, li: li, shape: shape, maps: null };
    var kind = st.layer.type;
    if (kind !== 'conv2d' && kind !== 'relu' && kind !== 'maxpool') return view;

    var scale = el('span', { 'data-value': 'scale-' + st.layer.name });
    li.appendChild(el('p', { class: 'cnnv-legend' }, st.signed
      ? ['색 눈금: 가장 진한 색 = 절댓값 ', scale, ' (이 층의 모든 특성 맵에서 절댓값이 가장 큰 값), 색이 없는 칸 = 0']
      : ['색 눈금: 가장 진한 색 = ', scale, ' (이 층의 모든 특성 맵에서 가장 큰 값), 색이 없는 칸 = 0']));
    view.scale = scale;

    var bar = el('div', { class: 'cnnv-maps', role: 'toolbar', 'aria-label': st.title + '의 특성 맵 고르기 (좌우 방향키)' });
    view.maps = [];
    view.toolbar = bar;
    bar.addEventListener('keydown', function (ev) {
      var moves = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -1, ArrowDown: 1 };
      var i = view.maps.findIndex(function (m) { return m.button === document.activeElement; });
      if (i < 0) return;
      var next = i;
      if (ev.key in moves) next = Math.min(Math.max(i + moves[ev.key], 0), view.maps.length - 1);
      else if (ev.key === 'Home') next = 0;
      else if (ev.key === 'End') next = view.maps.length - 1;
      else return;
      ev.preventDefault();
      view.maps[next].button.focus(); // 초점이 가면 고릅니다 (아래 focus)
    });
    li.appendChild(bar);
    view.bar = bar;
    return view;
  };

  /** 특성 맵 단추를 (모양이 정해진 뒤 처음 한 번) 만듭니다 */
  Viewer.prototype.buildMaps = function (view, t) {
    var self = this;
    var name = view.stage.layer.name;
    for (var k = 0; k < t.c; k++) {
      view.bar.style.setProperty('--n', t.c);
      var mini = el('span', { class: 'cnnv-mini', 'aria-hidden': 'true' });
      mini.style.setProperty('--cols', t.w);
      var cells = [];
      for (var n = 0; n < t.h * t.w; n++) {
        var px = el('span', { class: 'cnnv-fm' });
        mini.appendChild(px);
        cells.push(px);
      }
      var button = el('button', {
        type: 'button',
        class: 'cnnv-map',
        tabindex: k === 0 ? 0 : -1,
        'aria-pressed': 'false',
        'data-layer': name,
        'data-channel': k,
      }, [mini, el('span', { class: 'cnnv-map-label', text: String(k) })]);
      (function (channel) {
        button.addEventListener('click', function () { self.select(name, channel); });
        button.addEventListener('focus', function () { self.select(name, channel); });
      })(k);
      view.bar.appendChild(button);
      view.maps.push({ button: button, cells: cells });
    }
  };

  // ---- 입력 격자: 포인터(마우스, 터치)와 키보드

  Viewer.prototype.bindEditor = function () {
    var self = this;
    var painting = null; // 끄는 동안 칠하는 값
    var cellAt = function (ev) {
      var t = document.elementFromPoint(ev.clientX, ev.clientY);
      return t && t.closest && t.closest('.cnnv-pixel');
    };
    var paint = function (cell) {
      var i = Number(cell.getAttribute('data-index'));
      if (self.pixels[i] !== painting) self.setCell(i, painting);
    };
    this.grid.addEventListener('pointerdown', function (ev) {
      var cell = ev.target.closest('.cnnv-pixel');
      if (!cell || ev.button > 0) return;
      ev.preventDefault(); // 끄는 동안 글자 선택이나 화면 스크롤 대신 칠하기
      var i = Number(cell.getAttribute('data-index'));
      // 같은 세기로 칠한 칸을 누르면 지우고(토글), 아니면 붓의 세기로 칠합니다
      painting = self.pixels[i] === self.brush && self.brush > 0 ? 0 : self.brush;
      self.moveFocus(i, true);
      paint(cell);
      if (self.grid.setPointerCapture) self.grid.setPointerCapture(ev.pointerId);
    });
    this.grid.addEventListener('pointermove', function (ev) {
      if (painting === null) return;
      var cell = cellAt(ev);
      if (cell && self.grid.contains(cell)) paint(cell); // 한 페이지에 위젯이 둘이어도 이 격자만
    });
    var stop = function () { painting = null; };
    this.grid.addEventListener('pointerup', stop);
    this.grid.addEventListener('pointercancel', stop);
    this.grid.addEventListener('lostpointercapture', stop);

    this.grid.addEventListener('keydown', function (ev) {
      var i = self.focusCell;
      var r = Math.floor(i / self.cols), c = i % self.cols, rows = self.size / self.cols;
      var moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
      if (moves[ev.key]) {
        r = Math.min(Math.max(r + moves[ev.key][0], 0), rows - 1);
        c = Math.min(Math.max(c + moves[ev.key][1], 0), self.cols - 1);
        self.moveFocus(r * self.cols + c, true);
      } else if (ev.key === 'Home') {
        self.moveFocus(r * self.cols, true);
      } else if (ev.key === 'End') {
        self.moveFocus(r * self.cols + self.cols - 1, true);
      } else if (ev.key === ' ' || ev.key === 'Enter') {
        self.setCell(i, self.pixels[i] === self.brush && self.brush > 0 ? 0 : self.brush);
      } else if (ev.key === '+' || ev.key === '=') {
        self.setCell(i, Math.min(self.pixels[i] + KEY_STEP, self.max));
      } else if (ev.key === '-' || ev.key === '_') {
        self.setCell(i, Math.max(self.pixels[i] - KEY_STEP, 0));
      } else if (ev.key === 'Delete' || ev.key === 'Backspace' || ev.key === '0') {
        self.setCell(i, 0);
      } else {
        return;
      }
      ev.preventDefault();
    });
    this.grid.addEventListener('focusin', function (ev) {
      var cell = ev.target.closest('.cnnv-pixel');
      if (cell) self.moveFocus(Number(cell.getAttribute('data-index')), false);
    });
  };

  /** 키보드 초점이 있는 칸 (격자에서 Tab으로 들어오는 칸은 하나: roving tabindex) */
  Viewer.prototype.moveFocus = function (i, focus) {
    this.cells[this.focusCell].setAttribute('tabindex', -1);
    this.focusCell = i;
    this.cells[i].setAttribute('tabindex', 0);
    if (focus && document.activeElement !== this.cells[i]) this.cells[i].focus();
    this.showCell();
  };

  Viewer.prototype.showCell = function () {
    var i = this.focusCell;
    this.cellText.textContent = '';
    this.cellText.append('고른 칸: ' + Math.floor(i / this.cols) + '행 ' + (i % this.cols) + '열, 값 ',
      el('strong', { text: String(this.pixels[i]) }), ' / ' + this.max);
  };

  /** 칸 하나 바꾸기 (사용자가 칠할 때의 경로) */
  Viewer.prototype.setCell = function (i, value) {
    this.pixels[i] = value;
    this.source = null;
    this.update();
  };

  /** 입력 전체 바꾸기. source: 불러온 테스트 숫자의 번호 (직접 그린 것이면 null) */
  Viewer.prototype.setPixels = function (pixels, source) {
    if (pixels.length !== this.size) throw new Error('픽셀은 ' + this.size + '개여야 합니다');
    var max = this.max;
    this.pixels = pixels.map(function (v) { return Math.min(Math.max(Math.round(Number(v)) || 0, 0), max); });
    this.source = source === undefined ? null : source;
    this.update();
  };

  /** 입력 전체를 한 칸 밉니다. 밀려 나간 줄은 사라지고, 반대쪽에는 빈 줄(0)이 들어옵니다 */
  Viewer.prototype.shift = function (name) {
    var sh = SHIFTS.filter(function (x) { return x[0] === name; })[0];
    var rows = this.size / this.cols, cols = this.cols, old = this.pixels;
    var out = new Array(this.size).fill(0);
    for (var r = 0; r < rows; r++) {
      for (var c = 0; c < cols; c++) {
        var r0 = r - sh[3], c0 = c - sh[4];
        if (r0 >= 0 && r0 < rows && c0 >= 0 && c0 < cols) out[r * cols + c] = old[r0 * cols + c0];
      }
    }
    this.setPixels(out, null);
  };

  Viewer.prototype.loadPreset = function (i) {
    this.setPixels(this.model.presets[i].pixels.slice(), i);
  };

  // ---- 다시 계산하고 다시 그리기

  Viewer.prototype.update = function () {
    var self = this;
    var outputs = forward(this.model, this.pixels);
    this.outputs = outputs;

    // 입력 격자
    this.cells.forEach(function (cell, i) {
      var v = self.pixels[i];
      cell.setAttribute('data-v', v);
      cell.style.setProperty('--a', (v / self.max).toFixed(4));
      cell.setAttribute('aria-label', Math.floor(i / self.cols) + '행 ' + (i % self.cols) + '열, 값 ' + v);
    });
    this.showCell();
    if (this.source === null) {
      this.sourceText.textContent = '지금 입력: 직접 그리거나 고친 이미지';
    } else {
      var p = this.model.presets[this.source];
      this.sourceText.textContent = '';
      this.sourceText.append('지금 입력: 테스트 세트의 ', el('span', { 'data-value': 'source-index', text: String(p.index) }),
        '번 이미지, 정답 ', el('strong', { 'data-value': 'source-label', text: String(p.label) }),
        p.wrong ? ' (이 모델이 틀리는 이미지)' : '');
    }

    // 층마다
    this.stageViews.forEach(function (view) {
      var t = outputs[view.stage.index];
      view.shape.textContent = shapeText(t);
      if (!view.bar) return;
      if (!view.maps.length) self.buildMaps(view, t);
      var top = 0;
      for (var n = 0; n < t.data.length; n++) top = Math.max(top, Math.abs(t.data[n]));
      view.scale.textContent = fmt(top, 2);
      view.maps.forEach(function (m, k) {
        var lo = Infinity, hi = -Infinity;
        m.cells.forEach(function (px, idx) {
          var v = t.data[idx * t.c + k];
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
          px.setAttribute('data-v', v.toPrecision(7));
          px.style.setProperty('--a', (top > 0 ? Math.abs(v) / top : 0).toFixed(4));
          px.classList.toggle('is-neg', v < 0);
        });
        m.button.setAttribute('aria-label', view.stage.title + '의 특성 맵 ' + k + ' (' + t.h + '×' + t.w + '), 값 ' + fmt(lo, 2) + '에서 ' + fmt(hi, 2) + '까지');
      });
    });

    // 확률과 로짓
    var probs = outputs[outputs.length - 1].data;
    var logitLayer = this.stages.filter(function (s) { return s.layer.type === 'dense'; }).pop();
    var logits = logitLayer ? outputs[logitLayer.index].data : null;
    var best = 0;
    for (var d = 0; d < probs.length; d++) if (probs[d] > probs[best]) best = d;
    this.probRows.forEach(function (row, d) {
      row.pct.textContent = (100 * probs[d]).toFixed(1);
      row.bar.style.width = (100 * probs[d]).toFixed(2) + '%';
      row.logit.textContent = logits ? fmt(logits[d], 2) : '';
      row.tr.classList.toggle('is-best', d === best);
    });
    this.prediction.textContent = '';
    this.prediction.append('예측: ', el('strong', { 'data-value': 'predicted', text: String(best) }),
      ' (확률 ', el('span', { 'data-value': 'predicted-prob', text: (100 * probs[best]).toFixed(1) }), '%)');

    if (this.selected) this.renderDetail();
  };

  // ---- 특성 맵 고르기와 그 값의 표

  Viewer.prototype.select = function (name, channel) {
    var view = this.stageViews.find(function (v) { return v.stage.layer.name === name; });
    if (!view || !view.maps || !view.maps[channel]) throw new Error('특성 맵이 없습니다: ' + name + ' ' + channel);
    this.stageViews.forEach(function (v) {
      (v.maps || []).forEach(function (m, k) {
        var on = v === view && k === channel;
        m.button.setAttribute('aria-pressed', on ? 'true' : 'false');
        m.button.classList.toggle('is-selected', on);
      });
    });
    // 층 안의 단추 줄은 Tab 멈춤이 하나: 고른 단추
    view.maps.forEach(function (m, k) { m.button.setAttribute('tabindex', k === channel ? 0 : -1); });
    this.selected = { view: view, channel: channel };
    if (this.detail.parentNode !== view.li) view.li.appendChild(this.detail);
    this.renderDetail();
  };

  Viewer.prototype.renderDetail = function () {
    var view = this.selected.view, k = this.selected.channel;
    var layer = view.stage.layer;
    var t = this.outputs[view.stage.index];
    var box = this.detail;
    box.textContent = '';
    box.setAttribute('data-layer', layer.name);
    box.setAttribute('data-channel', k);
    box.appendChild(el('p', { class: 'cnnv-detail-title' }, [
      '고른 특성 맵: ', el('strong', { text: view.stage.title }), ' · 특성 맵 ', el('strong', { text: String(k) }),
      ' (' + t.h + '×' + t.w + ')',
    ]));
    var table = el('table', { class: 'cnnv-values' }, [el('caption', { text: view.stage.title + ', 특성 맵 ' + k + '의 값 (행 × 열)' })]);
    var head = el('tr', {}, [el('th', { scope: 'col', class: 'cnnv-corner', text: '행\\열' })]);
    for (var j = 0; j < t.w; j++) head.appendChild(el('th', { scope: 'col', text: String(j) }));
    table.appendChild(el('thead', {}, [head]));
    var body = el('tbody');
    for (var i = 0; i < t.h; i++) {
      var tr = el('tr', {}, [el('th', { scope: 'row', text: String(i) })]);
      for (var jj = 0; jj < t.w; jj++) {
        var v = t.data[(i * t.w + jj) * t.c + k];
        tr.appendChild(el('td', { 'data-row': i, 'data-col': jj, class: v < 0 ? 'is-neg' : null, text: fmt(v, 2) }));
      }
      body.appendChild(tr);
    }
    table.appendChild(body);
    box.appendChild(el('div', { class: 'cnnx-table-wrap', tabindex: 0, role: 'region', 'aria-label': '고른 특성 맵의 값 표' }, [table]));

    if (layer.type === 'conv2d') {
      var kh = layer.kernel_shape[0], kw = layer.kernel_shape[1], cin = layer.kernel_shape[2], f = layer.kernel_shape[3];
      var bias = el('span', { 'data-value': 'bias', text: fmt(layer.bias[k], 2) });
      if (cin === 1) {
        var kernelTitle = nextId('kernel');
        box.appendChild(el('p', { class: 'cnnv-hint', id: kernelTitle, text: '이 특성 맵을 만든 필터 ' + k + '의 가중치 (' + kh + '×' + kw + ')' }));
        var kt = el('table', { class: 'cnnv-values cnnv-kernel', 'aria-labelledby': kernelTitle });
        var kb = el('tbody');
        for (var u = 0; u < kh; u++) {
          var ktr = el('tr');
          for (var w = 0; w < kw; w++) {
            var kv = layer.kernel[((u * kw + w) * cin) * f + k];
            ktr.appendChild(el('td', { 'data-ku': u, 'data-kv': w, class: kv < 0 ? 'is-neg' : null, text: fmt(kv, 2) }));
          }
          kb.appendChild(ktr);
        }
        kt.appendChild(kb);
        box.appendChild(kt);
        box.appendChild(el('p', { class: 'cnnv-hint' }, ['편향: ', bias, '. 각 칸의 값 = 입력에서 그 칸을 가운데로 한 3×3 창과 가중치를 곱해 더한 것 + 편향 (입력은 픽셀 값 ÷ ' + this.max + ').']));
      } else {
        box.appendChild(el('p', { class: 'cnnv-hint' }, ['필터 ' + k + '는 앞 층의 특성 맵 ' + cin + '개 모두에 걸친 ' + kh + '×' + kw + '×' + cin + '개의 가중치와 편향(', bias, ')으로 이 특성 맵을 만듭니다.']));
      }
    } else if (layer.type === 'relu') {
      box.appendChild(el('p', { class: 'cnnv-hint', text: '바로 위 합성곱 층의 특성 맵 ' + k + '에서 음수만 0이 되었습니다.' }));
    } else {
      box.appendChild(el('p', { class: 'cnnv-hint', text: '앞 층의 특성 맵 ' + k + '를 2×2 창으로 나눠 창마다 가장 큰 값만 남겼습니다.' }));
    }
  };

  // ------------------------------------------------------------------ 불러오기와 초기화

  var loading = {};

  function jsonUrl(root) {
    var src = root.getAttribute('data-src');
    if (src) return new URL(src, document.baseURI).href;
    return new URL(DEFAULT_JSON, SCRIPT_SRC || document.baseURI).href;
  }

  function load(url) {
    if (!loading[url]) {
      loading[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.json();
      });
    }
    return loading[url];
  }

  api.instances = [];
  var waiting = [];
  api.ready = new Promise(function (resolve) { waiting.push(resolve); });

  api.setInput = function (pixels, index) {
    api.instances[index || 0].setPixels(pixels, null);
  };
  api.select = function (name, channel, index) {
    api.instances[index || 0].select(name, channel);
  };

  function init() {
    var roots = document.querySelectorAll('.cnn-explorer[data-explorer="cnn-viewer"]:not([data-loading])');
    var jobs = [];
    roots.forEach(function (root) {
      root.setAttribute('data-loading', 'true');
      var url = jsonUrl(root);
      jobs.push(load(url).then(function (model) {
        api.instances.push(new Viewer(root, model));
        root.setAttribute('data-ready', 'true');
      }).catch(function (e) {
        root.setAttribute('data-ready', 'error');
        root.appendChild(el('p', {
          class: 'cnnx-error',
          role: 'alert',
          text: '모델 파일을 불러오지 못했습니다 (' + url + ': ' + e.message + '). 페이지를 웹 서버로 열었는지(mkdocs serve) 확인하세요.',
        }));
      }));
    });
    if (jobs.length) {
      Promise.all(jobs).then(function () { waiting.forEach(function (r) { r(api.instances); }); });
    }
  }
  api.init = init;

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
  // Material의 instant navigation을 켜면 페이지가 바뀔 때마다 document$가 알려 줍니다
  if (window.document$ && typeof window.document$.subscribe === 'function') window.document$.subscribe(init);
})();
