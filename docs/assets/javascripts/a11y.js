// 접근성: 가로로 스크롤되는 영역(넓은 표, 긴 수식, 노트북의 긴 코드·출력)에 키보드 초점과 이름을 줍니다.
// 표의 스크롤 틀(.md-typeset__scrollwrap)은 Material이, 수식(.katex-display)은 katex-init.js가 페이지를 연 뒤에
// 만들므로 빌드할 때(tools/hooks.py)가 아니라 여기서, 그 둘보다 나중에(extra_javascript의 순서) 답니다.
// 코드 블록(pre > code)은 Material이 스스로 tabindex를 답니다.
document$.subscribe(({ body }) => {
  const regions = [
    [".md-typeset__scrollwrap", "가로로 스크롤되는 표"],
    [".katex-display", "가로로 스크롤되는 수식"],
    [".jp-InputArea-editor .highlight-ipynb, .jp-OutputArea-output pre", "가로로 스크롤되는 노트북 셀"],
  ];
  for (const [selector, label] of regions) {
    for (const el of body.querySelectorAll(selector)) {
      if (el.scrollWidth > el.clientWidth + 1 && !el.hasAttribute("tabindex")) {
        el.setAttribute("tabindex", "0");
        el.setAttribute("role", "region");
        el.setAttribute("aria-label", label);
      }
    }
  }
});
