/*
 * 14.2·14.3절의 탐색기 세 가지: 합성곱 탐색기, 풀링 탐색기, 수용장 계산기.
 *
 * - 라이브러리 없이 평범한 자바스크립트로 씁니다. 외부 요청을 하지 않습니다.
 * - 페이지의 <div class="cnn-explorer" data-explorer="conv|pool|rf"> 안의 안내 문장을 위젯으로 바꿉니다.
 *   자바스크립트가 없으면 그 안내 문장만 보입니다.
 * - 계산은 window.CNNExplorers에 드러내 둡니다. 위젯은 화면을 그릴 때마다 이 객체를 거쳐 계산하므로,
 *   검사(tests/browser/test_explorers.py)가 함수 하나를 일부러 망가뜨리면 화면의 숫자도 틀려집니다.
 * - setConfig(설정)은 사용자가 입력 칸을 고치는 것과 같은 경로(입력 칸 값 바꾸기 → change 이벤트)를 탑니다.
 *
 *   CNNExplorers.conv.setConfig({height, width, channels, kernel, stride, dilation, padding, filters, batch, select: [행, 열]})
 *   CNNExplorers.pool.setConfig({values: [[…]], mode: "max"|"avg", pool, stride, padding, select})
 *   CNNExplorers.rf.setConfig({size, layers: [{type: "conv"|"pool", kernel, stride, dilation, padding}]})
 *
 * 화면의 숫자는 data-value="이름" 속성이 붙은 요소에 들어 있습니다 (검사는 이것을 읽습니다).
 */
(function () {
  'use strict';

  var api = (window.CNNExplorers = window.CNNExplorers || {});

  // ------------------------------------------------------------------ 공통 계산

  /**
   * 한 축(높이 또는 너비)의 출력 크기와 패딩. 케라스(텐서플로)와 같은 규칙입니다.
   * "same": 출력 = ⌈n / s⌉, 필요한 패딩의 합을 앞(위·왼쪽)에 ⌊합/2⌋, 나머지를 뒤에 붙입니다.
   * "valid": 패딩 없이 출력 = ⌊(n − k_eff) / s⌋ + 1. k_eff = d·(k − 1) + 1 (팽창을 반영한 커널 크기).
   */
  function windowOutput(n, k, s, d, padding) {
    var kEff = d * (k - 1) + 1;
    if (padding === 'same') {
      var out = Math.ceil(n / s);
      var total = Math.max((out - 1) * s + kEff - n, 0);
      var before = Math.floor(total / 2);
      return { out: out, kEff: kEff, before: before, after: total - before };
    }
    return { out: Math.floor((n - kEff) / s) + 1, kEff: kEff, before: 0, after: 0 };
  }

  /** 출력 칸 index가 보는 입력 위치들 (한 축). 음수나 n 이상이면 패딩 칸입니다. */
  function tapPositions(index, k, s, d, before) {
    var list = [];
    for (var u = 0; u < k; u++) list.push(index * s - before + u * d);
    return list;
  }

  api.util = { windowOutput: windowOutput, tapPositions: tapPositions };

  // ------------------------------------------------------------------ 표시용 도우미

  function fmtInt(n) {
    return Math.round(n).toLocaleString('en-US');
  }

  /** 225000000 → "2억 2,500만" (정확한 값, 반올림하지 않음) */
  function koreanCount(n) {
    if (n < 10000) return fmtInt(n);
    var units = [[1e12, '조'], [1e8, '억'], [1e4, '만']];
    var parts = [];
    var rest = n;
    units.forEach(function (u) {
      var q = Math.floor(rest / u[0]);
      if (q > 0) parts.push(fmtInt(q) + u[1]);
      rest -= q * u[0];
    });
    if (rest > 0) parts.push(fmtInt(rest));
    return parts.join(' ');
  }

  /** 바이트 수를 10진 단위(KB = 1,000바이트)로: 유효 숫자 세 자리까지 */
  function humanBytes(b) {
    var units = ['바이트', 'KB', 'MB', 'GB', 'TB'];
    var i = 0;
    var v = b;
    while (v >= 1000 && i < units.length - 1) { v /= 1000; i++; }
    var digits = v >= 100 ? 0 : v >= 10 ? 1 : 2;
    return String(Number(v.toFixed(digits))) + ' ' + units[i];
  }

  /** 평균 풀링 값처럼 소수가 있을 수 있는 값: 칸에는 소수 둘째 자리까지 */
  function fmtShort(v) {
    return String(Number(v.toFixed(2)));
  }

  /** 요소 만들기: el('div', {class: 'a', text: '…'}, [자식…]) */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key];
      if (value === undefined || value === null || value === false) return;
      if (key === 'text') node.textContent = value;
      else if (key === 'class') node.className = value;
      else node.setAttribute(key, value === true ? '' : value);
    });
    (children || []).forEach(function (c) {
      if (c !== null && c !== undefined) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }
  api.el = el; // 14.5절의 CNN 들여다보기(cnn-viewer.js)도 이 함수를 씁니다


  var uid = 0;
  function nextId(prefix) {
    uid += 1;
    return 'cnnx-' + prefix + '-' + uid;
  }

  /** 숫자 입력 칸 하나 (라벨 포함) */
  function numberField(name, label, value, min, max, hint) {
    var id = nextId(name);
    var input = el('input', { id: id, type: 'number', name: name, value: value, min: min, max: max, step: 1, inputmode: 'numeric' });
    var wrap = el('div', { class: 'cnnx-field' }, [el('label', { for: id, text: label }), input]);
    if (hint) wrap.appendChild(el('span', { class: 'cnnx-hint', text: hint }));
    return { wrap: wrap, input: input };
  }

  /** 선택 상자 하나 (라벨 포함). options: [[값, 표시], …] */
  function selectField(name, label, options, value) {
    var id = nextId(name);
    var select = el('select', { id: id, name: name });
    options.forEach(function (o) {
      var opt = el('option', { value: o[0], text: o[1] });
      if (o[0] === value) opt.selected = true;
      select.appendChild(opt);
    });
    return { wrap: el('div', { class: 'cnnx-field' }, [el('label', { for: id, text: label }), select]), input: select };
  }

  /** 입력 칸의 정수 값 (범위 밖이면 범위 안으로) */
  function readInt(input) {
    var v = parseInt(input.value, 10);
    var min = parseInt(input.min, 10);
    var max = parseInt(input.max, 10);
    if (isNaN(v)) v = min;
    return Math.min(Math.max(v, min), max);
  }

  /** 입력 칸에 값을 넣고 사용자가 고친 것처럼 change 이벤트를 보냅니다 */
  function setControl(input, value) {
    input.value = String(value);
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }

  /** 결과 한 줄: <dt>이름</dt><dd><output data-value=…>값</output> 설명</dd> */
  function resultRow(list, label, key) {
    var out = el('output', { 'data-value': key });
    var extra = el('span', { class: 'cnnx-extra' });
    list.appendChild(el('dt', { text: label }));
    list.appendChild(el('dd', {}, [out, extra]));
    return { out: out, extra: extra };
  }

  // ------------------------------------------------------------------ 격자 두 개: (패딩한) 입력과 출력
  //
  // 입력 격자는 패딩 칸까지 그립니다. 출력 칸을 고르면(클릭, 마우스 올리기, 방향키) 그 칸이 보는 입력 칸과
  // 패딩 칸을 강조합니다. 합성곱 탐색기와 풀링 탐색기가 함께 씁니다.

  function GridPair(opts) {
    this.opts = opts; // {inputLabel, outputLabel, onSelect(r, c)}
    this.inputBox = el('div', { class: 'cnnx-grid-box' });
    this.outputBox = el('div', { class: 'cnnx-grid-box' });
    this.root = el('div', { class: 'cnnx-grids' }, [this.inputBox, this.outputBox]);
    this.sel = [0, 0];
  }

  /**
   * spec: {rows, cols (입력), padTop, padLeft, padBottom, padRight, outRows, outCols,
   *        inputText(i, j), outputText(r, c), outputValue(r, c), taps(r, c) → {rows: [...], cols: [...]}}
   */
  GridPair.prototype.draw = function (spec) {
    this.spec = spec;
    var self = this;
    var pr = spec.rows + spec.padTop + spec.padBottom;
    var pc = spec.cols + spec.padLeft + spec.padRight;
    var showIn = pc <= 14;
    var showOut = spec.outCols <= 14;

    this.inputBox.textContent = '';
    this.inputBox.appendChild(el('p', { class: 'cnnx-grid-title', text: spec.inputLabel }));
    var inGrid = el('div', { class: 'cnnx-grid cnnx-grid--input', role: 'img', 'aria-label': spec.inputAria });
    inGrid.style.setProperty('--cols', pc);
    this.inCells = [];
    for (var i = 0; i < pr; i++) {
      var row = [];
      for (var j = 0; j < pc; j++) {
        var ii = i - spec.padTop;
        var jj = j - spec.padLeft;
        var pad = ii < 0 || jj < 0 || ii >= spec.rows || jj >= spec.cols;
        var cell = el('div', { class: 'cnnx-cell' + (pad ? ' is-pad' : '') });
        if (showIn) cell.textContent = pad ? '0' : spec.inputText(ii, jj);
        inGrid.appendChild(cell);
        row.push(cell);
      }
      this.inCells.push(row);
    }
    this.inputBox.appendChild(inGrid);

    this.outputBox.textContent = '';
    this.outputBox.appendChild(el('p', { class: 'cnnx-grid-title', text: spec.outputLabel }));
    this.outCells = [];
    if (!spec.outRows) return; // 출력이 없으면 (설정 오류) 입력만 그립니다
    var outGrid = el('div', {
      class: 'cnnx-grid cnnx-grid--output',
      role: 'grid',
      tabindex: 0,
      'aria-label': spec.outputAria,
    });
    outGrid.style.setProperty('--cols', spec.outCols);
    for (var r = 0; r < spec.outRows; r++) {
      var orow = [];
      var rowEl = el('div', { role: 'row', class: 'cnnx-row' });
      for (var c = 0; c < spec.outCols; c++) {
        var v = spec.outputValue(r, c);
        var ocell = el('div', {
          class: 'cnnx-cell cnnx-cell--out',
          role: 'gridcell',
          'data-row': r,
          'data-col': c,
          'data-z': v,
          title: '(' + r + ', ' + c + '): ' + spec.outputText(r, c),
        });
        if (showOut) ocell.textContent = spec.outputText(r, c);
        rowEl.appendChild(ocell);
        orow.push(ocell);
      }
      outGrid.appendChild(rowEl);
      this.outCells.push(orow);
    }
    // 클릭·마우스 올리기: 이벤트 위임
    var pick = function (ev) {
      var t = ev.target.closest('[data-row]');
      if (t) self.opts.onSelect(+t.getAttribute('data-row'), +t.getAttribute('data-col'));
    };
    outGrid.addEventListener('click', pick);
    outGrid.addEventListener('mouseover', pick);
    // 방향키로 고르기
    outGrid.addEventListener('keydown', function (ev) {
      var r0 = self.sel[0];
      var c0 = self.sel[1];
      var moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
      var m = moves[ev.key];
      if (ev.key === 'Home') m = [0, -c0];
      if (ev.key === 'End') m = [0, spec.outCols - 1 - c0];
      if (!m) return;
      ev.preventDefault();
      var nr = Math.min(Math.max(r0 + m[0], 0), spec.outRows - 1);
      var nc = Math.min(Math.max(c0 + m[1], 0), spec.outCols - 1);
      self.opts.onSelect(nr, nc);
    });
    this.outputBox.appendChild(outGrid);
    this.outGrid = outGrid;
  };

  /** 선택한 출력 칸과 그 칸이 보는 입력 칸을 강조합니다 */
  GridPair.prototype.highlight = function (r, c) {
    this.sel = [r, c];
    var spec = this.spec;
    this.inCells.forEach(function (row) {
      row.forEach(function (cell) { cell.classList.remove('is-tap', 'is-window'); });
    });
    this.outCells.forEach(function (row) {
      row.forEach(function (cell) {
        cell.classList.remove('is-selected');
        cell.removeAttribute('aria-selected');
      });
    });
    var taps = spec.taps(r, c);
    var inCells = this.inCells;
    // 창 전체(팽창이 있으면 구멍 포함)를 옅게, 실제로 곱하는 칸을 진하게
    var r0 = taps.rows[0], r1 = taps.rows[taps.rows.length - 1];
    var c0 = taps.cols[0], c1 = taps.cols[taps.cols.length - 1];
    for (var i = r0; i <= r1; i++) {
      for (var j = c0; j <= c1; j++) {
        var cell = (inCells[i + spec.padTop] || [])[j + spec.padLeft];
        if (cell) cell.classList.add('is-window');
      }
    }
    taps.rows.forEach(function (i2) {
      taps.cols.forEach(function (j2) {
        var cell2 = (inCells[i2 + spec.padTop] || [])[j2 + spec.padLeft];
        if (cell2) cell2.classList.add('is-tap');
      });
    });
    var o = (this.outCells[r] || [])[c];
    if (o) {
      o.classList.add('is-selected');
      o.setAttribute('aria-selected', 'true');
    }
  };

  // ------------------------------------------------------------------ 1. 합성곱 탐색기

  var DRAW_MAX = 32; // 이보다 큰 입력은 격자를 그리지 않고 숫자만 계산합니다

  /** 작은 정수 예제: 입력 값(0~4)과 필터 0의 가중치(−2, −1, 1, 2 중 하나, 0은 없음), 편향 1 */
  function exampleInput(ch, i, j) {
    return (i * 7 + j * 3 + ch * 5 + ((i * j) % 3)) % 5;
  }
  var KERNEL_VALUES = [1, -1, 2, 1, -2, 1, -1];
  function exampleKernel(ch, u, v) {
    return KERNEL_VALUES[(u * 3 + v * 5 + ch * 2) % KERNEL_VALUES.length];
  }
  var EXAMPLE_BIAS = 1;

  /** 합성곱 층의 크기와 비용. 설정 c: {height, width, channels, kernel, stride, dilation, padding, filters, batch} */
  function convCompute(c) {
    var u = api.util;
    var res = { error: '' };
    if (c.dilation > 1 && c.stride > 1) {
      res.error = '케라스의 Conv2D는 스트라이드와 팽창(dilation)을 동시에 1보다 크게 둘 수 없습니다. 둘 중 하나를 1로 바꾸세요.';
      return res;
    }
    var h = u.windowOutput(c.height, c.kernel, c.stride, c.dilation, c.padding);
    var w = u.windowOutput(c.width, c.kernel, c.stride, c.dilation, c.padding);
    if (h.out <= 0 || w.out <= 0) {
      res.error = '"valid" 패딩에서는 (팽창을 반영한) 커널 ' + h.kEff + '×' + w.kEff + '가 입력 ' + c.height + '×' + c.width +
        '보다 클 수 없습니다. 출력 크기가 0 이하가 됩니다.';
      return res;
    }
    res.outH = h.out;
    res.outW = w.out;
    res.outC = c.filters;
    res.padTop = h.before;
    res.padBottom = h.after;
    res.padLeft = w.before;
    res.padRight = w.after;
    res.weights = c.kernel * c.kernel * c.channels * c.filters; // 필터마다 k×k×채널
    res.biases = c.filters; // 필터마다 편향 하나
    res.params = res.weights + res.biases;
    res.outputs = res.outH * res.outW * res.outC; // 샘플 하나의 출력 값 수
    res.mults = res.outputs * c.kernel * c.kernel * c.channels; // 출력 하나마다 k×k×채널 번 곱하기
    res.bytesImage = res.outputs * 4; // float32 = 4바이트
    res.bytesBatch = res.bytesImage * c.batch;
    return res;
  }

  /** 출력 칸 (r, c)가 보는 입력 위치 (행 목록, 열 목록) */
  function convTaps(cfg, res, r, c) {
    var u = api.util;
    return {
      rows: u.tapPositions(r, cfg.kernel, cfg.stride, cfg.dilation, res.padTop),
      cols: u.tapPositions(c, cfg.kernel, cfg.stride, cfg.dilation, res.padLeft),
    };
  }

  /** 출력 칸 (r, c)의 수용장: 실제 입력 안의 행·열 범위와, 입력 칸·패딩 칸에 놓인 커널 원소 수 (채널 하나 기준) */
  function convReceptive(cfg, res, r, c) {
    var taps = convTaps(cfg, res, r, c);
    var rowsIn = taps.rows.filter(function (i) { return i >= 0 && i < cfg.height; });
    var colsIn = taps.cols.filter(function (j) { return j >= 0 && j < cfg.width; });
    var inside = rowsIn.length * colsIn.length;
    // 행이나 열 중 한쪽이라도 입력 안에 없으면 커널 원소가 모두 패딩 위에 놓여 입력 칸을 하나도 보지 않습니다
    var any = inside > 0;
    return {
      rowStart: any ? rowsIn[0] : null,
      rowEnd: any ? rowsIn[rowsIn.length - 1] : null,
      colStart: any ? colsIn[0] : null,
      colEnd: any ? colsIn[colsIn.length - 1] : null,
      inputTaps: inside,
      paddingTaps: cfg.kernel * cfg.kernel - inside,
    };
  }

  /** 작은 정수 예제에서 필터 0이 출력 칸 (r, c)에서 하는 곱셈-덧셈. 패딩 칸의 값은 0입니다. */
  function convStep(cfg, res, r, c) {
    var taps = convTaps(cfg, res, r, c);
    var terms = [];
    var sum = EXAMPLE_BIAS;
    for (var ch = 0; ch < cfg.channels; ch++) {
      for (var a = 0; a < taps.rows.length; a++) {
        for (var b = 0; b < taps.cols.length; b++) {
          var i = taps.rows[a];
          var j = taps.cols[b];
          var pad = i < 0 || j < 0 || i >= cfg.height || j >= cfg.width;
          var x = pad ? 0 : exampleInput(ch, i, j);
          var w = exampleKernel(ch, a, b);
          terms.push({ ch: ch, x: x, w: w, pad: pad });
          sum += x * w;
        }
      }
    }
    return { terms: terms, sum: sum, bias: EXAMPLE_BIAS };
  }

  /** 검사용: 예제 입력 전체를 숫자 문자열로 (높이, 너비, 채널 순서) */
  function exampleDigits(h, w, ch) {
    var s = [];
    for (var i = 0; i < h; i++) for (var j = 0; j < w; j++) for (var k = 0; k < ch; k++) s.push(exampleInput(k, i, j));
    return s.join('');
  }

  /** 검사용: 필터 0의 가중치 [u][v][채널] */
  function exampleKernelArray(k, ch) {
    var out = [];
    for (var u2 = 0; u2 < k; u2++) {
      var row = [];
      for (var v2 = 0; v2 < k; v2++) {
        var cols = [];
        for (var c2 = 0; c2 < ch; c2++) cols.push(exampleKernel(c2, u2, v2));
        row.push(cols);
      }
      out.push(row);
    }
    return out;
  }

  var CONV_FIELDS = [
    // 이름, 라벨, 최소, 최대
    ['height', '입력 높이', 1, 1024],
    ['width', '입력 너비', 1, 1024],
    ['channels', '입력 채널', 1, 512],
    ['kernel', '커널 크기 k×k', 1, 11],
    ['stride', '스트라이드', 1, 8],
    ['dilation', '팽창(dilation)', 1, 4],
    ['filters', '필터 수', 1, 1024],
    ['batch', '배치 크기', 1, 1024],
  ];
  var CONV_SMALL = { height: 7, width: 7, channels: 1, kernel: 3, stride: 2, dilation: 1, padding: 'same', filters: 2, batch: 100 };
  var CONV_BOOK = { height: 150, width: 100, channels: 3, kernel: 5, stride: 1, dilation: 1, padding: 'same', filters: 200, batch: 100 };

  function ConvExplorer(root) {
    var self = this;
    this.root = root;
    this.controls = {};
    var form = el('div', { class: 'cnnx-controls', role: 'group', 'aria-label': '합성곱 층 설정' });
    CONV_FIELDS.forEach(function (f) {
      var field = numberField(f[0], f[1], CONV_SMALL[f[0]], f[2], f[3]);
      self.controls[f[0]] = field.input;
      form.appendChild(field.wrap);
    });
    var pad = selectField('padding', '패딩', [['same', '"same"'], ['valid', '"valid"']], CONV_SMALL.padding);
    this.controls.padding = pad.input;
    form.insertBefore(pad.wrap, form.children[6]);
    form.addEventListener('change', function () { self.update(); });
    form.addEventListener('input', function () { self.update(); });

    var presets = el('div', { class: 'cnnx-buttons' }, [
      el('button', { type: 'button', class: 'md-button', 'data-action': 'preset-book', text: '책의 예 (14.2.4절)' }),
      el('button', { type: 'button', class: 'md-button', 'data-action': 'preset-small', text: '작은 예 (7×7)' }),
    ]);
    presets.addEventListener('click', function (ev) {
      var b = ev.target.closest('button');
      if (!b) return;
      self.setConfig(b.getAttribute('data-action') === 'preset-book' ? CONV_BOOK : CONV_SMALL);
    });

    this.error = el('p', { class: 'cnnx-error', role: 'alert', 'data-value': 'error' });
    this.note = el('p', { class: 'cnnx-note' });
    this.grids = new GridPair({ onSelect: function (r, c) { self.select(r, c); } });

    var step = el('div', { class: 'cnnx-buttons', role: 'group', 'aria-label': '커널 옮기기' }, [
      el('button', { type: 'button', class: 'md-button', 'data-step': 'first', text: '« 처음 위치' }),
      el('button', { type: 'button', class: 'md-button', 'data-step': 'prev', text: '◀ 이전 위치' }),
      el('button', { type: 'button', class: 'md-button md-button--primary', 'data-step': 'next', text: '다음 위치 ▶' }),
    ]);
    step.addEventListener('click', function (ev) {
      var b = ev.target.closest('button');
      if (b) self.step(b.getAttribute('data-step'));
    });
    this.selText = el('p', { class: 'cnnx-selected', 'aria-live': 'polite' });
    this.terms = el('div', { class: 'cnnx-terms', tabindex: 0, role: 'region', 'aria-label': '곱셈-덧셈 내역' });

    var list = el('dl', { class: 'cnnx-results' });
    this.out = {
      size: resultRow(list, '출력 크기 (높이×너비×특성 맵)', 'output-size'),
      params: resultRow(list, '파라미터 (가중치 + 편향)', 'params'),
      mults: resultRow(list, '곱셈 횟수 (샘플 하나)', 'mults'),
      image: resultRow(list, '출력 메모리 (샘플 하나, float32)', 'bytes-image'),
      batch: resultRow(list, '출력 메모리 (배치 전체)', 'bytes-batch'),
    };

    root.textContent = '';
    root.appendChild(el('p', { class: 'cnnx-title', text: '합성곱 탐색기' }));
    root.appendChild(form);
    root.appendChild(presets);
    root.appendChild(this.error);
    root.appendChild(list);
    root.appendChild(this.note);
    root.appendChild(this.grids.root);
    root.appendChild(step);
    root.appendChild(this.selText);
    root.appendChild(this.terms);
    this.update();
  }

  ConvExplorer.prototype.config = function () {
    var c = {};
    var ctl = this.controls;
    CONV_FIELDS.forEach(function (f) { c[f[0]] = readInt(ctl[f[0]]); });
    c.padding = ctl.padding.value;
    return c;
  };

  ConvExplorer.prototype.setConfig = function (cfg) {
    var ctl = this.controls;
    Object.keys(cfg).forEach(function (key) {
      if (ctl[key]) setControl(ctl[key], cfg[key]);
    });
    if (cfg.select) this.select(cfg.select[0], cfg.select[1]);
  };

  /** 설정이 바뀌면: 크기·비용을 다시 계산하고 격자를 다시 그립니다 */
  ConvExplorer.prototype.update = function () {
    var cfg = this.config();
    var res = api.conv.compute(cfg);
    this.cfg = cfg;
    this.res = res;
    var o = this.out;
    this.error.textContent = res.error;
    this.root.classList.toggle('has-error', !!res.error);
    if (res.error) {
      Object.keys(o).forEach(function (k) { o[k].out.textContent = '—'; o[k].extra.textContent = ''; });
      this.grids.root.hidden = true;
      this.note.textContent = '';
      this.terms.textContent = '';
      this.selText.textContent = '';
      return;
    }
    // 숫자마다 data-value 요소를 하나씩 둡니다 (검사가 읽습니다)
    o.size.out.textContent = '';
    o.size.out.appendChild(el('span', { 'data-value': 'output-height', text: String(res.outH) }));
    o.size.out.appendChild(document.createTextNode('×'));
    o.size.out.appendChild(el('span', { 'data-value': 'output-width', text: String(res.outW) }));
    o.size.out.appendChild(document.createTextNode('×'));
    o.size.out.appendChild(el('span', { 'data-value': 'output-depth', text: String(res.outC) }));
    o.size.extra.textContent = ' (패딩: 위 ' + res.padTop + ', 아래 ' + res.padBottom + ', 왼쪽 ' + res.padLeft + ', 오른쪽 ' + res.padRight + ')';
    o.params.out.textContent = fmtInt(res.params);
    o.params.extra.textContent = '';
    o.params.extra.appendChild(document.createTextNode(' = 가중치 '));
    o.params.extra.appendChild(el('span', { 'data-value': 'weights', text: fmtInt(res.weights) }));
    o.params.extra.appendChild(document.createTextNode(' (' + cfg.kernel + '×' + cfg.kernel + '×' + cfg.channels + '×' + cfg.filters + ') + 편향 '));
    o.params.extra.appendChild(el('span', { 'data-value': 'biases', text: fmtInt(res.biases) }));
    o.mults.out.textContent = fmtInt(res.mults);
    o.mults.extra.textContent = '';
    if (res.mults >= 10000) {
      // 큰 수는 한국어 단위로도 (예: 2억 2,500만)
      o.mults.extra.appendChild(document.createTextNode(' ('));
      o.mults.extra.appendChild(el('span', { 'data-value': 'mults-korean', text: koreanCount(res.mults) }));
      o.mults.extra.appendChild(document.createTextNode(')'));
    }
    o.mults.extra.appendChild(document.createTextNode(' = 출력 '));
    o.mults.extra.appendChild(el('span', { 'data-value': 'outputs', text: fmtInt(res.outputs) }));
    o.mults.extra.appendChild(document.createTextNode('개 × ' + cfg.kernel + '×' + cfg.kernel + '×' + cfg.channels));
    o.image.out.textContent = fmtInt(res.bytesImage);
    o.image.extra.textContent = '';
    o.image.extra.appendChild(document.createTextNode(' 바이트 ≈ '));
    o.image.extra.appendChild(el('span', { 'data-value': 'bytes-image-human', text: humanBytes(res.bytesImage) }));
    o.batch.out.textContent = fmtInt(res.bytesBatch);
    o.batch.extra.textContent = '';
    o.batch.extra.appendChild(document.createTextNode(' 바이트 ≈ '));
    o.batch.extra.appendChild(el('span', { 'data-value': 'bytes-batch-human', text: humanBytes(res.bytesBatch) }));
    o.batch.extra.appendChild(document.createTextNode(' (배치 ' + cfg.batch + '개)'));

    var drawn = cfg.height <= DRAW_MAX && cfg.width <= DRAW_MAX;
    this.grids.root.hidden = !drawn;
    this.note.textContent = drawn
      ? '왼쪽은 패딩한 입력의 채널 0(점선 칸이 패딩), 오른쪽은 특성 맵 0입니다. 출력 칸을 누르거나 방향키로 고르면 그 칸의 수용장이 강조됩니다.'
      : '입력이 ' + DRAW_MAX + '×' + DRAW_MAX + '보다 커서 격자는 그리지 않고 숫자만 실제 크기로 계산합니다. 아래 버튼으로 커널을 옮기며 곱셈-덧셈은 볼 수 있습니다.';
    if (drawn) {
      var step = function (r, c) { return convStep(cfg, res, r, c).sum; };
      var big = res.outH * res.outW * cfg.kernel * cfg.kernel * cfg.channels > 3e6; // 너무 크면 출력 값은 생략
      this.grids.draw({
        rows: cfg.height,
        cols: cfg.width,
        padTop: res.padTop,
        padBottom: res.padBottom,
        padLeft: res.padLeft,
        padRight: res.padRight,
        outRows: res.outH,
        outCols: res.outW,
        inputLabel: '입력 (채널 0, 패딩 포함 ' + (cfg.height + res.padTop + res.padBottom) + '×' + (cfg.width + res.padLeft + res.padRight) + ')',
        inputAria: '패딩한 입력 격자',
        outputLabel: '출력 (특성 맵 0, ' + res.outH + '×' + res.outW + ')',
        outputAria: '출력 격자: 방향키로 칸을 고릅니다',
        inputText: function (i, j) { return String(exampleInput(0, i, j)); },
        outputValue: function (r, c) { return big ? '' : step(r, c); },
        outputText: function (r, c) { return big ? '' : String(step(r, c)); },
        taps: function (r, c) { return convTaps(cfg, res, r, c); },
      });
    }
    var sel = this.sel || [0, 0];
    this.select(Math.min(sel[0], res.outH - 1), Math.min(sel[1], res.outW - 1));
  };

  /** 출력 칸 하나를 고릅니다: 수용장 강조, 곱셈-덧셈 내역 */
  ConvExplorer.prototype.select = function (r, c) {
    var cfg = this.cfg;
    var res = this.res;
    if (res.error) return;
    r = Math.min(Math.max(r, 0), res.outH - 1);
    c = Math.min(Math.max(c, 0), res.outW - 1);
    this.sel = [r, c];
    if (!this.grids.root.hidden) this.grids.highlight(r, c);
    var rf = convReceptive(cfg, res, r, c);
    var st = convStep(cfg, res, r, c);

    this.selText.textContent = '';
    var span = function (key, text) { return el('span', { 'data-value': key, text: String(text) }); };
    var range = function (a, b) { return a === null ? '없음' : a; };
    this.selText.append(
      '선택한 출력 칸: (', span('sel-row', r), ', ', span('sel-col', c), '). 수용장은 입력의 ',
      span('rf-row-start', range(rf.rowStart)), '–', span('rf-row-end', range(rf.rowEnd)), '행, ',
      span('rf-col-start', range(rf.colStart)), '–', span('rf-col-end', range(rf.colEnd)), '열이고, 커널 원소 ',
      String(cfg.kernel * cfg.kernel), '개 중 ', span('rf-input-taps', rf.inputTaps), '개가 입력 칸에, ',
      span('rf-padding-taps', rf.paddingTaps), '개가 패딩 칸에 놓입니다 (채널마다).'
    );

    // 곱셈-덧셈 내역 (채널별). 항이 너무 많으면 채널별 합만 보여 줍니다.
    this.terms.textContent = '';
    this.terms.appendChild(el('p', { class: 'cnnx-terms-title', text: '이 위치에서 필터 0의 곱셈-덧셈 (작은 정수 예제: 입력 값 × 가중치, 패딩 칸의 값은 0, 편향 ' + st.bias + ')' }));
    var perChannel = cfg.kernel * cfg.kernel;
    var detailed = perChannel * cfg.channels <= 147;
    var shownChannels = Math.min(cfg.channels, 16);
    for (var ch = 0; ch < shownChannels; ch++) {
      var part = st.terms.slice(ch * perChannel, (ch + 1) * perChannel);
      var subtotal = part.reduce(function (acc, t) { return acc + t.x * t.w; }, 0);
      var line = el('p', { class: 'cnnx-term-line' }, ['채널 ' + ch + ': ']);
      if (detailed) {
        part.forEach(function (t, idx) {
          if (idx) line.appendChild(document.createTextNode(' + '));
          line.appendChild(el('span', { class: t.pad ? 'cnnx-term is-pad' : 'cnnx-term', text: t.x + '×' + (t.w < 0 ? '(' + t.w + ')' : t.w) }));
        });
        line.appendChild(document.createTextNode(' = ' + subtotal));
      } else {
        line.appendChild(document.createTextNode('합 ' + subtotal));
      }
      this.terms.appendChild(line);
    }
    if (cfg.channels > shownChannels) {
      this.terms.appendChild(el('p', { class: 'cnnx-term-line', text: '… 나머지 채널 ' + (cfg.channels - shownChannels) + '개도 같은 방식으로 더합니다.' }));
    }
    var total = el('p', { class: 'cnnx-term-total' }, ['출력 = 편향 ' + st.bias + ' + 모든 채널의 합 = ']);
    total.appendChild(el('strong', { 'data-value': 'step-sum', text: String(st.sum) }));
    total.appendChild(document.createTextNode(' (곱셈 '));
    total.appendChild(el('span', { 'data-value': 'step-mults', text: String(st.terms.length) }));
    total.appendChild(document.createTextNode('번)'));
    this.terms.appendChild(total);
  };

  /** 커널을 한 위치씩 옮깁니다 (행 우선 순서, 끝에서 처음으로 돌아감) */
  ConvExplorer.prototype.step = function (how) {
    var res = this.res;
    if (res.error) return;
    var n = res.outH * res.outW;
    var p = this.sel[0] * res.outW + this.sel[1];
    if (how === 'first') p = 0;
    else if (how === 'next') p = (p + 1) % n;
    else p = (p - 1 + n) % n;
    this.select(Math.floor(p / res.outW), p % res.outW);
  };

  // ------------------------------------------------------------------ 2. 풀링 탐색기

  /** 창 하나의 값을 요약합니다. values: 창 안의 실제 입력 값 (패딩 칸은 빼고) */
  function poolReduce(mode, values, windowSize) {
    if (mode === 'max') return Math.max.apply(null, values);
    // 케라스(텐서플로)의 평균 풀링은 패딩 칸을 세지 않고 실제 입력 칸으로만 나눕니다.
    var sum = values.reduce(function (a, b) { return a + b; }, 0);
    return sum / values.length;
  }

  /** 풀링 출력. cfg: {values: 2차원 배열, mode, pool, stride, padding} */
  function poolCompute(cfg) {
    var u = api.util;
    var H = cfg.values.length;
    var W = cfg.values[0].length;
    var h = u.windowOutput(H, cfg.pool, cfg.stride, 1, cfg.padding);
    var w = u.windowOutput(W, cfg.pool, cfg.stride, 1, cfg.padding);
    if (h.out <= 0 || w.out <= 0) {
      return { error: '"valid" 패딩에서는 풀링 창(' + cfg.pool + '×' + cfg.pool + ')이 입력(' + H + '×' + W + ')보다 클 수 없습니다.' };
    }
    var out = [];
    for (var r = 0; r < h.out; r++) {
      var row = [];
      for (var c = 0; c < w.out; c++) {
        var vals = [];
        u.tapPositions(r, cfg.pool, cfg.stride, 1, h.before).forEach(function (i) {
          u.tapPositions(c, cfg.pool, cfg.stride, 1, w.before).forEach(function (j) {
            if (i >= 0 && j >= 0 && i < H && j < W) vals.push(cfg.values[i][j]);
          });
        });
        row.push(api.pool.reduce(cfg.mode, vals, cfg.pool * cfg.pool));
      }
      out.push(row);
    }
    return { error: '', out: out, outH: h.out, outW: w.out, padTop: h.before, padBottom: h.after, padLeft: w.before, padRight: w.after };
  }

  /** 값을 오른쪽으로 한 칸: 왼쪽 열에는 0이 들어오고, 오른쪽 끝 열은 밀려 나갑니다 */
  function shiftRight(values) {
    return values.map(function (row) { return [0].concat(row.slice(0, row.length - 1)); });
  }

  /** 시드가 있는 난수 (mulberry32): 같은 시드면 같은 격자 */
  function rng(seed) {
    return function () {
      seed |= 0;
      seed = (seed + 0x6d2b79f5) | 0;
      var t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  // 14.3절 본문의 이미지 A (밝은 픽셀이 모두 짝수 열)
  var POOL_DEFAULT = [
    [5, 0, 0, 0, 0, 0],
    [0, 0, 8, 0, 0, 0],
    [0, 0, 3, 0, 0, 0],
    [6, 0, 0, 0, 0, 0],
    [0, 0, 9, 0, 0, 0],
    [2, 0, 0, 0, 0, 0],
  ];

  function PoolExplorer(root) {
    var self = this;
    this.root = root;
    this.seed = 14;
    this.values = POOL_DEFAULT.map(function (r) { return r.slice(); });
    this.original = this.values;
    this.shifts = 0;
    this.prevOut = null;
    this.controls = {};

    var form = el('div', { class: 'cnnx-controls', role: 'group', 'aria-label': '풀링 층 설정' });
    var mode = selectField('mode', '풀링 종류', [['max', '최대 풀링'], ['avg', '평균 풀링']], 'max');
    var fields = [
      mode,
      numberField('height', '입력 높이', 6, 1, 12),
      numberField('width', '입력 너비', 6, 1, 12),
      numberField('pool', '풀링 창 크기', 2, 1, 6),
      numberField('stride', '스트라이드', 2, 1, 6),
      selectField('padding', '패딩', [['valid', '"valid"'], ['same', '"same"']], 'valid'),
    ];
    ['mode', 'height', 'width', 'pool', 'stride', 'padding'].forEach(function (name, i) {
      self.controls[name] = fields[i].input;
      form.appendChild(fields[i].wrap);
    });
    form.addEventListener('change', function (ev) {
      if (ev.target === self.controls.height || ev.target === self.controls.width) self.resize();
      self.update(false);
    });

    var buttons = el('div', { class: 'cnnx-buttons' }, [
      el('button', { type: 'button', class: 'md-button', 'data-action': 'random', text: '새 무작위 값' }),
      el('button', { type: 'button', class: 'md-button md-button--primary', 'data-action': 'shift', text: '입력을 오른쪽으로 한 칸 밀기' }),
      el('button', { type: 'button', class: 'md-button', 'data-action': 'reset', text: '처음 입력으로' }),
    ]);
    buttons.addEventListener('click', function (ev) {
      var b = ev.target.closest('button');
      if (!b) return;
      var action = b.getAttribute('data-action');
      if (action === 'random') self.randomize();
      else if (action === 'shift') self.shift();
      else self.setValues(self.original);
    });

    this.error = el('p', { class: 'cnnx-error', role: 'alert', 'data-value': 'error' });
    this.grids = new GridPair({ onSelect: function (r, c) { self.select(r, c); } });
    this.message = el('p', { class: 'cnnx-invariance', 'aria-live': 'polite' });
    this.selText = el('p', { class: 'cnnx-selected', 'aria-live': 'polite' });

    root.textContent = '';
    root.appendChild(el('p', { class: 'cnnx-title', text: '풀링 탐색기' }));
    root.appendChild(form);
    root.appendChild(buttons);
    root.appendChild(this.error);
    root.appendChild(this.grids.root);
    root.appendChild(this.selText);
    root.appendChild(this.message);
    this.update(false);
  }

  PoolExplorer.prototype.config = function () {
    return {
      values: this.values,
      mode: this.controls.mode.value,
      pool: readInt(this.controls.pool),
      stride: readInt(this.controls.stride),
      padding: this.controls.padding.value,
    };
  };

  /** 높이·너비를 바꾸면 격자를 새 크기의 무작위 값으로 */
  PoolExplorer.prototype.resize = function () {
    this.randomize(true);
  };

  PoolExplorer.prototype.randomize = function (quiet) {
    var h = readInt(this.controls.height);
    var w = readInt(this.controls.width);
    var rand = rng(this.seed++);
    var values = [];
    for (var i = 0; i < h; i++) {
      var row = [];
      for (var j = 0; j < w; j++) row.push(Math.floor(rand() * 10));
      values.push(row);
    }
    this.setValues(values, quiet);
  };

  /** 새 입력 값 (이동 비교는 처음부터 다시) */
  PoolExplorer.prototype.setValues = function (values, quiet) {
    this.values = values.map(function (r) { return r.slice(); });
    this.original = this.values;
    this.shifts = 0;
    this.controls.height.value = values.length;
    this.controls.width.value = values[0].length;
    if (!quiet) this.update(false);
  };

  /** 입력을 오른쪽으로 한 칸 밀고, 밀기 전과 출력을 비교합니다 */
  PoolExplorer.prototype.shift = function () {
    var before = api.pool.compute(this.config());
    this.values = shiftRight(this.values);
    this.shifts += 1;
    this.update(true, before);
  };

  PoolExplorer.prototype.setConfig = function (cfg) {
    var ctl = this.controls;
    ['mode', 'pool', 'stride', 'padding'].forEach(function (key) {
      if (key in cfg) setControl(ctl[key], cfg[key]);
    });
    if (cfg.values) this.setValues(cfg.values);
    if (cfg.select) this.select(cfg.select[0], cfg.select[1]);
  };

  PoolExplorer.prototype.update = function (shifted, before) {
    var cfg = this.config();
    var res = api.pool.compute(cfg);
    this.cfg = cfg;
    this.res = res;
    this.error.textContent = res.error;
    this.root.classList.toggle('has-error', !!res.error);
    this.root.setAttribute('data-shifts', this.shifts);
    this.message.textContent = '';
    var values = cfg.values;
    var grid = this.grids;
    if (res.error) {
      // 출력은 없어도 입력 격자는 보여 줍니다
      this.selText.textContent = '';
      grid.draw({
        rows: values.length, cols: values[0].length, padTop: 0, padBottom: 0, padLeft: 0, padRight: 0,
        outRows: 0, outCols: 0, inputLabel: '입력 ' + values.length + '×' + values[0].length, inputAria: '입력 격자',
        outputLabel: '출력 없음', inputText: function (i, j) { return String(values[i][j]); },
      });
      values.forEach(function (row, i) {
        row.forEach(function (v, j) { grid.inCells[i][j].setAttribute('data-x', v); });
      });
      return;
    }
    var modeName = cfg.mode === 'max' ? '최대' : '평균';
    this.grids.draw({
      rows: values.length,
      cols: values[0].length,
      padTop: res.padTop,
      padBottom: res.padBottom,
      padLeft: res.padLeft,
      padRight: res.padRight,
      outRows: res.outH,
      outCols: res.outW,
      inputLabel: '입력 ' + values.length + '×' + values[0].length + (res.padTop + res.padBottom + res.padLeft + res.padRight ? ' (점선 칸은 패딩, 풀링에서는 세지 않음)' : ''),
      inputAria: '입력 격자',
      outputLabel: modeName + ' 풀링 출력 ' + res.outH + '×' + res.outW,
      outputAria: '출력 격자: 방향키로 칸을 고릅니다',
      inputText: function (i, j) { return String(values[i][j]); },
      outputValue: function (r, c) { return res.out[r][c]; },
      outputText: function (r, c) { return fmtShort(res.out[r][c]); },
      taps: function (r, c) {
        return {
          rows: api.util.tapPositions(r, cfg.pool, cfg.stride, 1, res.padTop),
          cols: api.util.tapPositions(c, cfg.pool, cfg.stride, 1, res.padLeft),
        };
      },
    });
    // 입력 칸에도 값 속성 (검사가 화면의 입력을 읽습니다)
    values.forEach(function (row, i) {
      row.forEach(function (v, j) { grid.inCells[i + res.padTop][j + res.padLeft].setAttribute('data-x', v); });
    });

    if (shifted && before && !before.error) {
      var changed = 0;
      for (var r = 0; r < res.outH; r++) {
        for (var c = 0; c < res.outW; c++) {
          if (Math.abs(before.out[r][c] - res.out[r][c]) > 1e-9) {
            changed += 1;
            this.grids.outCells[r][c].classList.add('is-changed');
          }
        }
      }
      var total = res.outH * res.outW;
      this.message.append('한 칸 밀기 전과 비교하면 출력 칸 ' + total + '개 중 ');
      this.message.appendChild(el('strong', { 'data-value': 'changed-cells', text: String(changed) }));
      this.message.append(
        changed === 0
          ? '개가 바뀌었습니다. 출력이 그대로입니다: 이 이동에는 불변입니다.'
          : '개가 바뀌었습니다(굵은 테두리). 값이 창 경계를 넘어가면 불변성이 깨집니다.'
      );
    } else {
      this.message.textContent = '"입력을 오른쪽으로 한 칸 밀기"를 눌러 출력이 그대로인지 보세요. 기본 입력은 14.3절의 이미지 A입니다.';
    }
    var sel = this.sel || [0, 0];
    this.select(Math.min(sel[0], res.outH - 1), Math.min(sel[1], res.outW - 1));
  };

  PoolExplorer.prototype.select = function (r, c) {
    var res = this.res;
    if (res.error) return;
    r = Math.min(Math.max(r, 0), res.outH - 1);
    c = Math.min(Math.max(c, 0), res.outW - 1);
    this.sel = [r, c];
    this.grids.highlight(r, c);
    var v = res.out[r][c];
    this.selText.textContent = '';
    this.selText.append('선택한 출력 칸 (', el('span', { 'data-value': 'sel-row', text: String(r) }), ', ',
      el('span', { 'data-value': 'sel-col', text: String(c) }), ')의 값: ');
    this.selText.appendChild(el('strong', { 'data-value': 'selected-value', text: String(v) }));
    this.selText.append(this.cfg.mode === 'max' ? ' (강조한 창의 최댓값)' : ' (강조한 창에서 패딩이 아닌 칸의 평균)');
  };

  // ------------------------------------------------------------------ 3. 수용장 계산기

  /**
   * 층을 하나 지날 때마다:  수용장 r ← r + (k_eff − 1) · j,  점프 j ← j · s.
   * 점프(jump)는 이 층의 이웃한 두 출력의 수용장이 입력에서 몇 칸 떨어져 시작하는지(유효 스트라이드)입니다.
   */
  function rfGrow(r, j, kEff) {
    return r + (kEff - 1) * j;
  }

  function rfCompute(cfg) {
    var n = cfg.size;
    var r = 1;
    var j = 1;
    var rows = [];
    for (var i = 0; i < cfg.layers.length; i++) {
      var L = cfg.layers[i];
      var d = L.type === 'pool' ? 1 : L.dilation;
      if (L.type === 'conv' && d > 1 && L.stride > 1) {
        return { rows: rows, error: (i + 1) + '번 층: 케라스의 Conv2D는 스트라이드와 팽창을 동시에 1보다 크게 둘 수 없습니다.' };
      }
      var o = api.util.windowOutput(n, L.kernel, L.stride, d, L.padding);
      if (o.out <= 0) {
        return { rows: rows, error: (i + 1) + '번 층: 입력(' + n + ')이 창(' + o.kEff + ')보다 작아 "valid" 출력이 0 이하가 됩니다.' };
      }
      r = api.rf.grow(r, j, o.kEff);
      j = j * L.stride;
      n = o.out;
      rows.push({ out: n, rf: r, jump: j });
    }
    return { rows: rows, error: '' };
  }

  var RF_PRESETS = {
    vgg: { size: 224, layers: [
      { type: 'conv', kernel: 3, stride: 1, dilation: 1, padding: 'same' },
      { type: 'conv', kernel: 3, stride: 1, dilation: 1, padding: 'same' },
      { type: 'conv', kernel: 3, stride: 1, dilation: 1, padding: 'same' },
    ] },
    seven: { size: 224, layers: [{ type: 'conv', kernel: 7, stride: 1, dilation: 1, padding: 'same' }] },
    resnet: { size: 224, layers: [
      { type: 'conv', kernel: 7, stride: 2, dilation: 1, padding: 'same' },
      { type: 'pool', kernel: 3, stride: 2, dilation: 1, padding: 'same' },
    ] },
  };
  var RF_MAX_LAYERS = 8;

  function RfCalculator(root) {
    var self = this;
    this.root = root;
    var size = numberField('size', '입력 크기 (정사각형 한 변)', 224, 1, 4096);
    this.sizeInput = size.input;
    var top = el('div', { class: 'cnnx-controls' }, [size.wrap]);
    top.addEventListener('change', function () { self.update(); });

    var presets = el('div', { class: 'cnnx-buttons', role: 'group', 'aria-label': '미리 준비한 층 쌓기' }, [
      el('button', { type: 'button', class: 'md-button', 'data-preset': 'vgg', text: '3×3 합성곱 세 개 (VGG)' }),
      el('button', { type: 'button', class: 'md-button', 'data-preset': 'seven', text: '7×7 합성곱 하나' }),
      el('button', { type: 'button', class: 'md-button', 'data-preset': 'resnet', text: 'ResNet-34 첫 부분' }),
    ]);
    presets.addEventListener('click', function (ev) {
      var b = ev.target.closest('button');
      if (b) self.setConfig(RF_PRESETS[b.getAttribute('data-preset')]);
    });

    this.list = el('ol', { class: 'cnnx-layers', 'aria-label': '층 목록 (입력 쪽부터)' });
    this.list.addEventListener('change', function () { self.update(); });
    this.list.addEventListener('click', function (ev) {
      var b = ev.target.closest('button[data-remove]');
      if (!b) return;
      b.closest('li').remove();
      self.update();
    });
    this.addButton = el('button', { type: 'button', class: 'md-button', text: '+ 층 추가' });
    this.addButton.addEventListener('click', function () {
      self.addLayer({ type: 'conv', kernel: 3, stride: 1, dilation: 1, padding: 'same' });
      self.update();
    });

    this.error = el('p', { class: 'cnnx-error', role: 'alert', 'data-value': 'error' });
    // 좁은 화면에서 가로로 스크롤되는 표: 키보드로도 스크롤하도록 초점과 이름을 줍니다 (접근성)
    this.table = el('div', { class: 'cnnx-table-wrap', tabindex: '0', role: 'region', 'aria-label': '층별 수용장 표' });

    root.textContent = '';
    root.appendChild(el('p', { class: 'cnnx-title', text: '수용장 계산기' }));
    root.appendChild(top);
    root.appendChild(presets);
    root.appendChild(this.list);
    root.appendChild(el('div', { class: 'cnnx-buttons' }, [this.addButton]));
    root.appendChild(this.error);
    root.appendChild(this.table);
    this.setConfig(RF_PRESETS.resnet);
  }

  /** 층 한 줄: 종류, 커널, 스트라이드, 팽창, 패딩, 삭제 */
  RfCalculator.prototype.addLayer = function (L) {
    var li = el('li', { class: 'cnnx-layer' });
    var type = selectField('type', '종류', [['conv', '합성곱'], ['pool', '최대 풀링']], L.type);
    var k = numberField('kernel', '커널', L.kernel, 1, 11);
    var s = numberField('stride', '스트라이드', L.stride, 1, 8);
    var d = numberField('dilation', '팽창', L.dilation, 1, 4);
    var p = selectField('padding', '패딩', [['same', '"same"'], ['valid', '"valid"']], L.padding);
    [type, k, s, d, p].forEach(function (f) { li.appendChild(f.wrap); });
    li.appendChild(el('button', { type: 'button', class: 'md-button cnnx-remove', 'data-remove': '', text: '삭제', 'aria-label': '이 층 삭제' }));
    this.list.appendChild(li);
  };

  RfCalculator.prototype.config = function () {
    var layers = [];
    this.list.querySelectorAll('li').forEach(function (li) {
      var get = function (name) { return li.querySelector('[name="' + name + '"]'); };
      layers.push({
        type: get('type').value,
        kernel: readInt(get('kernel')),
        stride: readInt(get('stride')),
        dilation: get('type').value === 'pool' ? 1 : readInt(get('dilation')),
        padding: get('padding').value,
      });
    });
    return { size: readInt(this.sizeInput), layers: layers };
  };

  RfCalculator.prototype.setConfig = function (cfg) {
    var self = this;
    if (cfg.layers) {
      this.list.textContent = '';
      cfg.layers.forEach(function (L) { self.addLayer(L); });
    }
    if (cfg.size) setControl(this.sizeInput, cfg.size);
    else this.update();
  };

  RfCalculator.prototype.update = function () {
    var cfg = this.config();
    var res = api.rf.compute(cfg);
    // 풀링 층은 팽창 칸을 쓰지 않습니다
    this.list.querySelectorAll('li').forEach(function (li) {
      li.querySelector('[name="dilation"]').disabled = li.querySelector('[name="type"]').value === 'pool';
    });
    this.addButton.disabled = cfg.layers.length >= RF_MAX_LAYERS;
    this.error.textContent = res.error;
    this.root.classList.toggle('has-error', !!res.error);

    var table = el('table', {}); // 클래스가 없어야 Material의 표 모양을 씁니다
    table.appendChild(el('thead', {}, [el('tr', {}, [
      el('th', { scope: 'col', text: '층' }),
      el('th', { scope: 'col', text: '출력 크기' }),
      el('th', { scope: 'col', text: '수용장' }),
      el('th', { scope: 'col', text: '점프' }),
      el('th', { scope: 'col', text: '입력 대비 수용장' }),
    ])]));
    var body = el('tbody');
    var n0 = cfg.size;
    var row = function (label, out, rf, jump, idx) {
      var bar = el('span', { class: 'cnnx-bar' });
      bar.style.width = Math.min(100, (100 * rf) / n0) + '%';
      body.appendChild(el('tr', {}, [
        el('th', { scope: 'row', text: label }),
        el('td', {}, [el('span', { 'data-value': 'out-' + idx, text: String(out) }), '×' + out]),
        el('td', {}, [el('span', { 'data-value': 'rf-' + idx, text: String(rf) }), '×' + rf]),
        el('td', {}, [el('span', { 'data-value': 'jump-' + idx, text: String(jump) })]),
        el('td', { class: 'cnnx-bar-cell' }, [el('span', { class: 'cnnx-bar-track' }, [bar])]),
      ]));
    };
    row('입력', n0, 1, 1, 0);
    res.rows.forEach(function (r, i) {
      var L = cfg.layers[i];
      var name = (L.type === 'pool' ? '최대 풀링 ' : '합성곱 ') + L.kernel + '×' + L.kernel +
        (L.stride > 1 ? ', 스트라이드 ' + L.stride : '') + (L.dilation > 1 ? ', 팽창 ' + L.dilation : '');
      row((i + 1) + '. ' + name, r.out, r.rf, r.jump, i + 1);
    });
    table.appendChild(body);
    this.table.textContent = '';
    this.table.appendChild(table);
    this.root.setAttribute('data-layers', String(res.rows.length));
  };

  // ------------------------------------------------------------------ 내보내기와 초기화

  function instances(kind) {
    return api[kind].instances;
  }

  api.conv = {
    compute: convCompute,
    receptive: convReceptive,
    step: convStep,
    exampleInput: exampleInput,
    exampleKernel: exampleKernel,
    exampleDigits: exampleDigits,
    exampleKernelArray: exampleKernelArray,
    exampleBias: EXAMPLE_BIAS,
    presets: { book: CONV_BOOK, small: CONV_SMALL },
    instances: [],
    setConfig: function (cfg, index) { instances('conv')[index || 0].setConfig(cfg); },
  };
  api.pool = {
    compute: poolCompute,
    reduce: poolReduce,
    shiftRight: shiftRight,
    instances: [],
    setConfig: function (cfg, index) { instances('pool')[index || 0].setConfig(cfg); },
  };
  api.rf = {
    compute: rfCompute,
    grow: rfGrow,
    presets: RF_PRESETS,
    instances: [],
    setConfig: function (cfg, index) { instances('rf')[index || 0].setConfig(cfg); },
  };

  var KINDS = { conv: ConvExplorer, pool: PoolExplorer, rf: RfCalculator };

  /** 페이지의 탐색기 자리를 모두 위젯으로 바꿉니다. 여러 번 불려도 한 번만 만듭니다. */
  function init() {
    document.querySelectorAll('.cnn-explorer[data-explorer]').forEach(function (root) {
      if (root.getAttribute('data-ready') === 'true') return;
      var kind = root.getAttribute('data-explorer');
      var Widget = KINDS[kind];
      if (!Widget) return;
      api[kind].instances.push(new Widget(root));
      root.setAttribute('data-ready', 'true');
    });
  }
  api.init = init;

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
  // Material의 instant navigation을 켜면 페이지가 바뀔 때마다 document$가 알려 줍니다
  if (window.document$ && typeof window.document$.subscribe === 'function') window.document$.subscribe(init);
})();
