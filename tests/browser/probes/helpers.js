// 모든 검사(probe)가 함께 쓰는 도우미. 검사 함수 앞에 붙어 같은 범위에서 실행됩니다 (browser/sweep.py의 probe()).
const content = () => document.querySelector('article.md-content__inner') || document.querySelector('.md-content') || document.body;
const shown = el => {
  const s = getComputedStyle(el), r = el.getBoundingClientRect();
  return s.display !== 'none' && s.visibility !== 'hidden' && parseFloat(s.opacity) > 0 && r.width > 0 && r.height > 0;
};
const inClosedDetails = el => { for (let d = el.closest('details'); d; d = d.parentElement && d.parentElement.closest('details')) if (!d.open) return true; return false; };
const inHiddenTab = el => { const b = el.closest('.tabbed-block'); return !!b && getComputedStyle(b).display === 'none'; };
const reachable = el => !inClosedDetails(el) && !inHiddenTab(el);
const snip = el => (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 50);
const parseColor = c => {
  const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null;
  const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
  return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
};
const over = (fg, bg) => ({r: fg.r * fg.a + bg.r * (1 - fg.a), g: fg.g * fg.a + bg.g * (1 - fg.a), b: fg.b * fg.a + bg.b * (1 - fg.a), a: 1});
const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
const background = el => {
  const layers = [];
  for (let e = el; e; e = e.parentElement) { const c = parseColor(getComputedStyle(e).backgroundColor); if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; } }
  let bg = {r: 255, g: 255, b: 255, a: 1};
  const canvas = parseColor(getComputedStyle(document.documentElement).backgroundColor);
  if (layers.length === 0 || layers[layers.length - 1].a < 1) { if (canvas && canvas.a > 0) bg = over(canvas, bg); }
  for (const l of layers.reverse()) bg = over(l, bg);
  return bg;
};
const contrast = el => {
  const bg = background(el), fg = over(parseColor(getComputedStyle(el).color), bg);
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
};
const nextFrame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
