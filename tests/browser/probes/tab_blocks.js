// 라벨이 둘 이상인 첫 탭 세트에서, 블록마다 보이는지(true/false)를 차례로 돌려줍니다.
() => {
  const s = document.querySelector('.md-content .tabbed-set:has(> .tabbed-labels > label ~ label)');
  return [...s.querySelectorAll(':scope > .tabbed-content > .tabbed-block')]
    .map(b => getComputedStyle(b).display !== 'none' && b.getBoundingClientRect().height > 0);
}
