// 글자가 배경과 구별되는지: 대표 요소 몇 개의 대비를 잽니다 (밝은 테마와 어두운 테마에서 한 번씩).
// 돌려주는 값: {scheme, samples: [{kind: 'text' | 'large' | 'code', sel, text, ratio}]}
async () => {
  await nextFrame();
  const root = content();
  const out = [];
  // 접힌 상자(<details>) 안은 열고 닫히는 애니메이션 중에 색이 반투명하게 잡히므로 펼쳐진 본문에서만 고릅니다
  const pick = (sel, kind) => { const el = [...root.querySelectorAll(sel)].find(e => shown(e) && !e.closest('details') && e.textContent.trim()); if (el) out.push({kind, sel, text: snip(el), ratio: contrast(el)}); };
  pick('h1', 'large'); pick('p', 'text'); pick('li', 'text'); pick('td', 'text');
  pick('.admonition p', 'text'); pick('.admonition-title', 'text'); pick('figcaption', 'text');
  pick('.jp-MarkdownCell p', 'text'); pick('.jp-OutputArea-output pre', 'text');
  pick('.highlight code', 'code'); pick('.highlight code .n', 'code'); pick('.highlight code .k, .highlight code .kn', 'code');
  pick('.jp-InputArea pre', 'code');
  out.push({kind: 'text', sel: 'nav', text: 'md-nav__link', ratio: (() => { const l = [...document.querySelectorAll('.md-nav__link')].find(shown); return l ? contrast(l) : 99; })()});
  return {scheme: document.body.getAttribute('data-md-color-scheme'), samples: out};
}
