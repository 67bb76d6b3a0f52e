// 수식 렌더링: 사이트가 직접 제공하는 KaTeX(assets/vendor/katex)로 그립니다.
// 일반 페이지는 pymdownx.arithmatex가 \( \), \[ \]로 감싸 두고,
// 노트북 페이지(mkdocs-jupyter)는 $ … $ 를 그대로 두므로 두 형식을 모두 처리합니다.
document$.subscribe(({ body }) => {
  renderMathInElement(body, {
    delimiters: [
      { left: "$$", right: "$$", display: true },
      { left: "$", right: "$", display: false },
      { left: "\\(", right: "\\)", display: false },
      { left: "\\[", right: "\\]", display: true },
    ],
    throwOnError: false,
  });
});
