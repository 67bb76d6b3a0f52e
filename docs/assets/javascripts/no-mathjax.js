// mkdocs-jupyter는 노트북 페이지에 MathJax 스크립트 주소를 넣습니다.
// 기본값은 CDN이므로, 외부 요청을 막기 위해 이 빈 로컬 파일을 가리키게 합니다 (mkdocs.yml: custom_mathjax_url).
// 노트북의 수식도 katex-init.js가 KaTeX로 그립니다.
