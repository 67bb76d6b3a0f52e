// 용어 툴팁을 기다리는 조건: Material의 툴팁이 열려 있고(크기가 있고) 용어 설명의 머리말(t)을 보여 줍니다.
t => {
  const e = document.querySelector('.md-tooltip2--active, .md-tooltip--active');
  return !!e && e.getBoundingClientRect().height > 0 && e.innerText.includes(t);
}
