// 인쇄용 페이지(print_page/)를 인쇄 매체로 흉내 낸 상태에서 잽니다 (tests/browser/test_print.py).
// 돌려주는 값: 절(section.print-page)마다의 제목, 그림·수식·코드 수, 잘리는 코드, 닫힌 상자, 안 그려진 그림.
() => {
  const sections = [...document.querySelectorAll('section.print-page')].map(s => ({
    id: s.id,
    title: (s.querySelector('h1') || {}).textContent || '',
    images: s.querySelectorAll('img').length,
    math: s.querySelectorAll('.arithmatex').length,
    katex: s.querySelectorAll('.arithmatex .katex').length,
    code: s.querySelectorAll('pre > code').length,
  }));
  const clipped = [...document.querySelectorAll('.md-content pre, .md-content pre > code')]
    .filter(el => el.scrollWidth > el.clientWidth + 1)
    .map(el => `${el.tagName.toLowerCase()} 폭 ${el.clientWidth}px < 내용 ${el.scrollWidth}px: ${snip(el)}`);
  const closed = [...document.querySelectorAll('.md-content details:not([open])')].map(snip);
  const broken = [...document.querySelectorAll('.md-content img')]
    .filter(img => !img.complete || img.naturalWidth === 0).map(img => img.getAttribute('src'));
  const noAlt = [...document.querySelectorAll('.md-content img')]
    .filter(img => !(img.getAttribute('alt') || '').trim()).map(img => img.getAttribute('src'));
  return {sections, clipped, closed, broken, noAlt};
}
