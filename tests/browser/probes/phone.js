// 폭 375px에서: 문서 전체와 본문 블록이 화면 폭을 넘지 않아야 합니다 (코드·표·수식 상자는 안에서 스크롤하므로 제외).
// 돌려주는 값: {width, docWidth, bad: 넘치는 블록 (앞의 10개), nbad}
async () => {
  await nextFrame();
  const W = document.documentElement.clientWidth;
  const doc = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
  const bad = [];
  const scrollers = 'pre, .highlight, .md-typeset__scrollwrap, div.arithmatex, .jp-OutputArea-output, .jp-InputArea, .katex-display, .tabbed-labels';
  const root = content();
  for (const el of root.querySelectorAll('p, li, h1, h2, h3, h4, h5, h6, dt, dd, blockquote, figcaption, figure, img, .admonition, details, .tabbed-set, ' + scrollers)) {
    if (el.parentElement && el.parentElement.closest(scrollers)) continue;
    if (!reachable(el) || !shown(el)) continue;
    const r = el.getBoundingClientRect();
    const inner = el.matches(scrollers) ? 0 : el.scrollWidth - el.clientWidth;
    if (r.left < -1 || r.right > W + 1 || inner > 1) bad.push(`<${el.tagName.toLowerCase()}> ${Math.round(r.left)}..${Math.round(r.right)}px` + (inner > 1 ? ` (안에서 ${inner}px 넘침)` : '') + ': ' + snip(el));
  }
  return {width: W, docWidth: doc, bad: bad.slice(0, 10), nbad: bad.length};
}
