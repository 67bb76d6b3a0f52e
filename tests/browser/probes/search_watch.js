// 결과 목록이 바뀐 마지막 시각을 window.__searchChanged에 기록합니다 (결과가 멈출 때까지 기다리려고).
() => {
  window.__searchChanged = performance.now();
  new MutationObserver(() => { window.__searchChanged = performance.now(); })
    .observe(document.querySelector('.md-search-result'), {childList: true, subtree: true, characterData: true});
}
