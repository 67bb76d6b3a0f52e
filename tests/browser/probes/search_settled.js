// 질의 q의 결과가 준비되었는지: 워커가 마지막으로 받은 검색어가 q이고, 보낸 만큼 답이 왔고, 결과 목록이 100 ms 동안 그대로 (워커가 마지막 답을 보낸 뒤 목록을 그리는 데는 몇 ms면 충분합니다).
q => window.__search.last === q && window.__search.asked === window.__search.answered
  && performance.now() - window.__searchChanged > 100
