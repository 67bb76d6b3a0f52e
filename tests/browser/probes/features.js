// 데스크톱, 밝은 테마에서 한 번: 페이지에 있는 기능을 세고(features) 문제를 모읍니다(problems).
// 돌려주는 값: {features, problems, abbr_target} (abbr_target: 툴팁 검사용으로 화면 가운데로 옮긴 첫 용어)
() => {
  const root = content();
  const f = {}, p = {math: [], copy: [], admonitions: [], tabs: [], images: [], figures: [], notebook: []};
  // 수식: arithmatex가 감싼 것은 모두 KaTeX가 그렸어야 하고, 날것의 구분 기호가 본문에 남지 않아야 합니다.
  const arith = root.querySelectorAll('.arithmatex');
  f.math = root.querySelectorAll('.katex').length;
  for (const a of arith) if (!a.querySelector('.katex')) p.math.push('KaTeX가 그리지 않은 수식: ' + snip(a));
  for (const e of root.querySelectorAll('.katex-error')) p.math.push('KaTeX 오류: ' + (e.getAttribute('title') || snip(e)));
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {acceptNode: n =>
    n.parentElement.closest('pre, code, script, style, textarea, .katex, .highlight, .jp-OutputArea') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
  const rawMath = /\\\(|\\\)|\\\[|\\\]|\$\$|\$[^\s$][^$]*\$/;
  for (let n; (n = walker.nextNode());) if (rawMath.test(n.textContent)) p.math.push('날것의 수식 구분 기호: ' + n.textContent.trim().slice(0, 60));
  // 코드 블록: Material의 복사 버튼 (노트북 페이지의 코드 셀은 mkdocs-jupyter의 clipboard-copy)
  const codes = [...root.querySelectorAll('pre > code')].filter(c => !c.closest('.jp-OutputArea'));
  f.code = codes.length;
  for (const c of codes) {
    const btn = c.parentElement.querySelector('.md-code__button[data-md-type="copy"], .md-clipboard');
    if (!btn) p.copy.push('복사 버튼 없음: ' + snip(c));
    else if (reachable(btn) && !shown(btn)) p.copy.push('복사 버튼이 보이지 않음: ' + snip(c));
  }
  const cells = root.querySelectorAll('.jp-CodeCell .jp-InputArea');
  f.nb_code = cells.length;
  for (const c of cells) if (!c.querySelector('clipboard-copy')) p.copy.push('노트북 코드 셀에 복사 버튼 없음: ' + snip(c));
  if (cells.length && !customElements.get('clipboard-copy')) p.copy.push('clipboard-copy 요소가 정의되지 않음 (스크립트가 안 돌았음)');
  // 애드모니션과 접는 상자: 보이고, 제목과 아이콘이 있어야 합니다.
  const adms = root.querySelectorAll('.admonition, details');
  f.admonitions = adms.length;
  for (const a of adms) {
    const title = a.querySelector(':scope > .admonition-title, :scope > summary');
    if (!reachable(a.parentElement || a)) continue;
    if (!shown(a)) { p.admonitions.push('보이지 않음: ' + snip(a)); continue; }
    if (!title || !shown(title) || !title.textContent.trim()) { p.admonitions.push('제목이 보이지 않음: ' + snip(a)); continue; }
    const before = getComputedStyle(title, '::before');
    const icon = before.maskImage || before.webkitMaskImage;
    if (!icon || icon === 'none') p.admonitions.push('아이콘이 없음: ' + snip(title));
    const border = parseColor(getComputedStyle(a).borderLeftColor);
    if (!border || border.a === 0) p.admonitions.push('테두리 색이 없음 (애드모니션 CSS가 안 먹음): ' + snip(title));
  }
  // 탭: 세트마다 라벨 수 = 블록 수, 처음에는 블록 하나만 보입니다.
  const sets = root.querySelectorAll('.tabbed-set');
  f.tabs = sets.length;
  for (const s of sets) {
    const labels = s.querySelectorAll(':scope > .tabbed-labels > label');
    const blocks = [...s.querySelectorAll(':scope > .tabbed-content > .tabbed-block')];
    if (labels.length !== blocks.length || labels.length === 0) p.tabs.push(`라벨 ${labels.length}개, 블록 ${blocks.length}개: ` + snip(s));
    const visible = blocks.filter(b => getComputedStyle(b).display !== 'none').length;
    if (reachable(s) && visible !== 1) p.tabs.push(`보이는 탭 블록이 ${visible}개: ` + snip(s));
  }
  // 그림: 모두 불러와졌고(naturalWidth > 0), 본문 그림에는 대체 텍스트와 캡션이 있습니다.
  const imgs = root.querySelectorAll('img');
  f.images = imgs.length;
  for (const i of imgs) {
    const name = (i.getAttribute('src') || '').slice(0, 60);
    if (!i.complete || i.naturalWidth === 0) p.images.push('불러오지 못한 그림: ' + name);
    else if (reachable(i) && !shown(i)) p.images.push('보이지 않는 그림: ' + name);
    if (!i.closest('.jp-OutputArea') && !(i.getAttribute('alt') || '').trim()) p.images.push('대체 텍스트 없음: ' + name);
  }
  const figs = root.querySelectorAll('figure');
  f.figures = figs.length;
  for (const g of figs) {
    const cap = g.querySelector('figcaption');
    if (!cap || !cap.textContent.trim()) p.figures.push('캡션 없음: ' + snip(g));
    else if (reachable(g) && !shown(cap)) p.figures.push('캡션이 보이지 않음: ' + snip(cap));
  }
  // 용어 툴팁 (마우스를 올려 보는 검사는 Python 쪽에서)
  f.abbr = root.querySelectorAll('abbr[title]').length;
  // 노트북
  f.notebook = !!root.querySelector('.jp-Notebook');
  f.nb_outputs = root.querySelectorAll('.jp-OutputArea-output').length;
  f.nb_cells_with_output = [...root.querySelectorAll('.jp-CodeCell:not(:has(.jp-CodeCell))')].filter(c => c.querySelector('.jp-OutputArea-output')).length;
  for (const o of root.querySelectorAll('.jp-OutputArea-output')) if (!o.textContent.trim() && !o.querySelector('img, svg')) p.notebook.push('빈 출력: ' + snip(o.closest('.jp-CodeCell') || o));
  f.nb_links = [...root.querySelectorAll('.notebook-links a')].map(a => ({text: a.textContent.trim(), href: a.href, download: a.hasAttribute('download')}));
  f.scheme = document.body.getAttribute('data-md-color-scheme');
  // 한글 글꼴이 있는지: 없으면 "한"이 글꼴에 없는 글자(U+E000)와 똑같은 네모로 그려집니다.
  const glyph = ch => { const c = document.createElement('canvas'); c.width = c.height = 32; const g = c.getContext('2d');
    g.font = '24px ' + getComputedStyle(document.body).fontFamily; g.fillText(ch, 2, 26); return g.getImageData(0, 0, 32, 32).data.join(); };
  f.hangul_font = glyph('한') !== glyph('\uE000');
  // 툴팁 검사용: 첫 용어를 화면 가운데로 옮기고 그 위치를 돌려줍니다
  const abbr = [...root.querySelectorAll('abbr[title]')].find(a => reachable(a) && shown(a));
  let abbr_target = null;
  if (abbr) {
    abbr.scrollIntoView({block: 'center'});
    const r = abbr.getBoundingClientRect();
    abbr_target = {x: r.left + r.width / 2, y: r.top + r.height / 2, title: abbr.getAttribute('title'), text: abbr.textContent};
  }
  return {features: f, problems: p, abbr_target};
}
