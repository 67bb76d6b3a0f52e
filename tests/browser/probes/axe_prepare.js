// axe 감사 전 준비 (tests/browser/test_a11y.py). 색과 구조는 그대로 두고 axe가 볼 마디 수만 줄입니다 (감사 시간은
// 마디 수에 비례하고, 줄인 마디는 모두 앞에 남긴 것과 같은 모양이 되풀이된 것입니다):
// - 코드 블록의 구문 강조 토큰(span)은 클래스마다 색이 같으므로, 같은 클래스의 토큰은 처음 것만 남기고 나머지는
//   그 글자로 바꿉니다 (글자는 코드 블록 자신의 색으로 그대로 검사됨). 페이지의 모든 색 조합이 남습니다.
// - 그러고 나서 남긴 토큰이 없는 코드 블록은 처음 두 줄과 가장 긴 줄만 남깁니다 (글자색은 블록마다 같고, 가장 긴 줄이
//   남으므로 가로 스크롤 여부도 같음).
// - KaTeX 수식(화면용 마디는 aria-hidden, 글자색은 본문과 같음)과 용어 툴팁(abbr)은 처음 몇 개만 남기고 나머지는
//   그 글자로 바꿉니다.
// - CNN 들여다보기의 특성 맵 미리보기(.cnnv-mini, aria-hidden인 색 칸 수백 개, 글자 없음)는 처음 두 개만 칸을 남기고
//   나머지는 칸을 비웁니다 (단추와 번호 라벨은 그대로).
// - 전환 효과(transition)를 꺼서 테마를 바꾼 직후의 중간 색을 재지 않게 합니다.
// 돌려주는 값: 줄이기 전과 뒤의 마디 수.
() => {
  const before = document.getElementsByTagName('*').length;
  const toText = el => el.replaceWith(document.createTextNode(el.textContent));
  const seen = new Set();
  for (const span of [...document.querySelectorAll('pre span[class], .highlight span[class]')]) {
    if (span.children.length) continue;
    const key = span.className + '|' + (span.closest('.jp-OutputArea') ? 'out' : 'in');
    if (seen.has(key)) toText(span);
    else seen.add(key);
  }
  for (const code of document.querySelectorAll('pre > code, .highlight-ipynb pre, .jp-OutputArea-output pre')) {
    if (code.querySelector('span[class]')) continue;
    const lines = code.textContent.split('\n');
    if (lines.length <= 3) continue;
    const longest = lines.reduce((a, b) => (b.length > a.length ? b : a), '');
    code.textContent = [lines[0], lines[1], longest].join('\n');
  }
  for (const [selector, keep] of [['.katex', 8], ['abbr[title]', 12]]) {
    [...document.querySelectorAll(selector)].slice(keep).forEach(el => {
      if (selector === '.katex') el.replaceWith(document.createTextNode(el.querySelector('annotation')?.textContent || el.textContent));
      else toText(el);
    });
  }
  [...document.querySelectorAll('.cnnv-mini[aria-hidden="true"]')].slice(2).forEach(mini => mini.replaceChildren());
  const style = document.createElement('style');
  style.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';
  document.head.appendChild(style);
  return {before, after: document.getElementsByTagName('*').length};
}
