// axe의 색 규칙(THEME_RULES) 앞에 부릅니다 (tests/browser/axe.py). 색 규칙의 시간은 글자가 있는 요소 수에 비례하고,
// 한 페이지의 글자 요소 대부분은 같은 색 조합이 되풀이된 것입니다 (본문 문단, 표 칸, 목차 링크 …).
// 글자 요소마다 색 조합의 열쇠 = [글자색, 글자 크기, 굵기, 글자 그림자, 가장 가까운 불투명한 배경(색 또는 그림), 조상까지
// 곱한 불투명도]를 만들고, 열쇠마다 처음 keep개만 글자를 남기며 나머지 요소는 자기 글자(직접 든 글자 마디)를 비웁니다
// (글자가 없는 요소는 색 규칙이 보지 않음; 비운 글자는 window.__axeEmptied에 두어 되살릴 수 있음). 두 번째 테마에서 다시
// 부르면 그 테마의 열쇠로 모자란 조합의 글자를 되살립니다: 두 테마 어디서든 새로운 조합은 모두 감사됩니다.
// 그려지지 않는 요소(접힌 상자 안 등)는 axe도 보지 않으므로 세지 않습니다.
// 색 규칙 밖의 규칙(이름, ARIA, 구조)은 이것을 부르기 전, 줄이지 않은 DOM에서 돕니다.
// 돌려주는 값: {kept: 글자를 남긴 요소 수, emptied: 글자를 비운 요소 수, keys: 이 테마의 조합 수}.
(keep) => {
  const background = el => {
    let opacity = 1;
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const s = getComputedStyle(e);
      opacity *= parseFloat(s.opacity);
      if (s.backgroundImage !== 'none') return `그림 ${e.tagName} ${opacity}`;
      const c = s.backgroundColor;
      if (c && c !== 'transparent' && !/rgba\([^)]*,\s*0\)$/.test(c)) return `${c} ${opacity}`;
    }
    return `없음 ${opacity}`;
  };
  const textNodes = el => [...el.childNodes].filter(n => n.nodeType === 3 && n.textContent.trim());
  if (!window.__axeEmptied) {  // 처음: 그려지는, 글자가 있는 요소를 모두 적어 둡니다 (비우기 전에 한꺼번에)
    window.__axeEmptied = new Map();  // 요소 → [[글자 마디, 원래 글자]]
    window.__axeKept = new Set();  // 글자를 남긴 요소 (속성을 달지 않아 axe가 보고하는 선택자가 그대로)
    window.__axeTexty = [...document.body.querySelectorAll('*')].filter(el =>
      textNodes(el).length && el.checkVisibility({visibilityProperty: true}));
  }
  const emptied = window.__axeEmptied, kept = window.__axeKept, elements = window.__axeTexty;
  const keyOf = el => { const s = getComputedStyle(el); return [s.color, s.fontSize, s.fontWeight, s.textShadow, background(el)].join('|'); };
  const keys = elements.map(keyOf);  // 모두 재고 나서 바꿉니다
  const count = new Map();
  elements.forEach((el, i) => { if (kept.has(el)) count.set(keys[i], (count.get(keys[i]) || 0) + 1); });
  elements.forEach((el, i) => {
    if (kept.has(el)) return;
    const n = count.get(keys[i]) || 0;
    if (n < keep) {  // 이 조합은 아직 모자람: 글자를 남기거나 되살립니다
      count.set(keys[i], n + 1);
      kept.add(el);
      for (const [node, text] of emptied.get(el) || []) node.data = text;
      emptied.delete(el);
    } else if (!emptied.has(el)) {
      const nodes = textNodes(el);
      emptied.set(el, nodes.map(node => [node, node.data]));
      nodes.forEach(node => { node.data = ''; });
    }
  });
  return {kept: kept.size, emptied: emptied.size, keys: new Set(keys).size};
}
