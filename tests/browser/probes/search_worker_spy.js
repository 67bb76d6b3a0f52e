// 페이지 스크립트보다 먼저 실행하는 초기화 스크립트(add_init_script)입니다.
// Material은 검색어를 웹 워커에 보내고({type: 2, data: 입력값}) 결과({type: 3})를 받습니다. 그 주고받음을 세어,
// 마지막으로 입력한 질의의 결과가 돌아와 그려진 뒤에 결과를 읽습니다 (중간 글자의 결과를 읽지 않도록).
(() => {
  const W = window.Worker;
  window.__search = {asked: 0, answered: 0, last: null};
  window.Worker = class extends W {
    constructor(...a) {
      super(...a);
      this.addEventListener('message', e => { if (e.data && e.data.type === 3) window.__search.answered++; });
    }
    postMessage(m, ...r) {
      if (m && m.type === 2) { window.__search.asked++; window.__search.last = m.data; }
      return super.postMessage(m, ...r);
    }
  };
})()
