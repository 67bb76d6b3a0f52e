"""실제 브라우저 검사: 빌드한 사이트를 localhost에 띄우고 데비안 Chromium을 Playwright로 몰아 봅니다.

HTML 문자열 검사(tests/test_site.py)로는 알 수 없는 것, 곧 독자의 브라우저에서 실제로 일어나는 일을 봅니다.

| 파일 | 하는 일 |
|---|---|
| `conftest.py` | 픽스처: `browser`(Chromium), `site_base_url`·`site_server`(바이트를 세는 서버), `visits`(모든 페이지 한 번씩 방문) |
| `chromium.py` | Chromium과 playwright 찾기: 없으면 로컬에서는 건너뛰고 CI(`CI=true`)에서는 실패 |
| `server.py` | 빌드된 사이트를 보내며 보낸 바이트를 세는 HTTP 서버 |
| `sweep.py` | 페이지 한 번 방문에서 하는 일 (기능 세기, 툴팁, 탭, 어두운 테마, 폭 375px, 스크린숏)과 예산 |
| `report.py` | 출력 끝의 측정값 표 (`-s` 없이도 보임) |
| `probes/*.js` | 브라우저 안에서 실행하는 검사 (`sweep.probe(이름)`으로 불러옴) |
| `test_pages.py` | 페이지마다: 콘솔 오류, 다른 호스트 요청, 수식, 복사 버튼, 애드모니션, 탭, 툴팁, 그림, 대비, 폭 375px, 노트북 |
| `test_search.py` | 검색 상자에 질의(tests/search_queries.py)를 독자처럼 입력 |
| `test_budgets.py` | 페이지마다 전송 바이트와 로드 시간 |
| `test_screenshots.py` | 주요 페이지 스크린숏 (build/screenshots/) |
| `test_self.py` | 검사 자체의 검사: 망가뜨린 페이지를 잡는지, Chromium이 없을 때 CI에서 실패하는지 |
| `test_a11y.py` | axe 접근성 감사 (방문마다 `axe.py`: 색 규칙은 두 테마로 색 조합마다 요소 둘씩, 나머지 규칙은 모든 페이지에서) |
| `test_print.py` | 인쇄용 14장 전체: 모든 절·그림·수식, A4 폭의 인쇄 레이아웃 (훑기의 방문에서 잰 값) |
| `test_explorers.py` | 14.2·14.3절의 탐색기 세 개: 설정 200개 이상씩 케라스와 비교, 키보드·휴대폰·어두운 테마 |
| `test_cnn_viewer.py` | 14.5절의 CNN 들여다보기: 무작위 입력 200개 이상의 모든 숫자를 케라스와 비교, 망가뜨린 ReLU를 잡는지, 키보드·터치·휴대폰·어두운 테마 |

브라우저는 세션에 하나, 서버도 하나입니다. 브라우저를 내려받지 않습니다: 시스템의 Chromium
(`apt-get install chromium fonts-nanum`, 경로는 환경 변수 CHROMIUM으로 바꿀 수 있음)을 씁니다.
"""
