// 검색 결과 목록에 나온 페이지 주소(경로)를 순서대로 돌려줍니다.
() => [...document.querySelectorAll('.md-search-result__item')]
  .map(li => li.querySelector('a.md-search-result__link')).filter(Boolean)
  .map(a => new URL(a.href).pathname)
