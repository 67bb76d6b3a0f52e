"""검색 검사의 질의 표 (한 곳에만 둡니다).

tests/browser/test_search.py는 이 질의를 실제 브라우저의 검색 상자에 독자처럼 한 글자씩 입력하고, 기대하는
페이지가 상위 결과(TOP_N개 페이지) 안에 있는지 봅니다. 새 절을 쓰면 그 절이 가르치는 낱말을 여기에 더하세요.
맨 낱말, 조사가 붙은 낱말, 영어 용어, 한영 혼합, 띄어쓰기를 뺀 꼴("특성맵"), 용어집의 다른 표기("피처 맵")를
고루 넣습니다. 절마다 질의가 MIN_PER_SECTION개 이상, 그중 하나 이상은 FORGIVING 종류여야 합니다 (tests/test_site.py). 여러 절에 두루 나오는 낱말(예: "국부 수용장"은
14.2가 더 자주 씀)보다 그 절만 가르치는 낱말을 고르세요. 결과의 순위는 테스트 출력 끝의 표에 나옵니다.

각 줄: (입력할 질의, 그 낱말을 가르치는 페이지의 사이트 주소, 종류)
"""

TOP_N = 5
MIN_PER_SECTION = 3
# 독자가 흔히 다르게 입력하는 종류: 띄어쓰기를 뺀 꼴과 용어집의 '다른 표기' (tools/glossary.py의 search_aliases)
FORGIVING = ("붙여 씀", "다른 표기")

QUERIES = [
    # 14.1 시각 피질 구조
    ("시각 피질", "ch14/14-01-visual-cortex/", "맨 낱말"),
    ("네오코그니트론", "ch14/14-01-visual-cortex/", "맨 낱말"),
    ("휴벨과 비셀", "ch14/14-01-visual-cortex/", "조사"),
    ("LeNet-5", "ch14/14-01-visual-cortex/", "영어"),
    ("시각피질", "ch14/14-01-visual-cortex/", "붙여 씀"),
    ("국부수용장", "ch14/14-01-visual-cortex/", "붙여 씀"),
    # 14.2 합성곱 층
    ("합성곱", "ch14/14-02-convolutional-layers/", "맨 낱말"),
    ("합성곱은", "ch14/14-02-convolutional-layers/", "조사"),
    ("수용장", "ch14/14-02-convolutional-layers/", "맨 낱말"),
    ("수용장을", "ch14/14-02-convolutional-layers/", "조사"),
    ("스트라이드", "ch14/14-02-convolutional-layers/", "맨 낱말"),
    ("스트라이드를", "ch14/14-02-convolutional-layers/", "조사"),
    ("제로 패딩", "ch14/14-02-convolutional-layers/", "맨 낱말"),
    ("제로패딩", "ch14/14-02-convolutional-layers/", "붙여 씀"),
    ("특성 맵을", "ch14/14-02-convolutional-layers/", "조사"),
    ("특성맵", "ch14/14-02-convolutional-layers/", "붙여 씀"),
    ("피처 맵을", "ch14/14-02-convolutional-layers/", "다른 표기"),
    ("padding same", "ch14/14-02-convolutional-layers/", "영어"),
    ("Conv2D 필터", "ch14/14-02-convolutional-layers/", "혼합"),
    ("stride 스트라이드", "ch14/14-02-convolutional-layers/", "혼합"),
    # 14.3 풀링 층
    ("최대 풀링", "ch14/14-03-pooling-layers/", "맨 낱말"),
    ("풀링층", "ch14/14-03-pooling-layers/", "붙여 씀"),
    ("전역평균풀링", "ch14/14-03-pooling-layers/", "붙여 씀"),
    ("맥스 풀링", "ch14/14-03-pooling-layers/", "다른 표기"),
    ("불변성", "ch14/14-03-pooling-layers/", "맨 낱말"),
    # 14.4–14.13 (Conv2D처럼 여러 절에 두루 나오는 코드 이름 대신 그 절이 가르치는 낱말)
    ("깊이별 풀링", "ch14/14-04-pooling-in-keras/", "맨 낱말"),
    ("깊이별풀링", "ch14/14-04-pooling-in-keras/", "붙여 씀"),
    ("GlobalAvgPool2D", "ch14/14-04-pooling-in-keras/", "영어"),
    ("인셉션 모듈", "ch14/14-05-cnn-architectures/", "맨 낱말"),
    ("인셉션모듈", "ch14/14-05-cnn-architectures/", "붙여 씀"),
    ("AlexNet", "ch14/14-05-cnn-architectures/", "영어"),
    ("잔차 유닛", "ch14/14-06-resnet34-keras/", "맨 낱말"),
    ("투영스킵연결", "ch14/14-06-resnet34-keras/", "붙여 씀"),
    ("ResidualUnit", "ch14/14-06-resnet34-keras/", "영어"),
    ("decode_predictions", "ch14/14-07-pretrained-models/", "영어"),
    ("사전 훈련 모델", "ch14/14-07-pretrained-models/", "맨 낱말"),
    ("사전훈련된 모델", "ch14/14-07-pretrained-models/", "붙여 씀"),
    ("전이 학습", "ch14/14-08-transfer-learning/", "맨 낱말"),
    ("전이학습", "ch14/14-08-transfer-learning/", "붙여 씀"),
    ("미세조정", "ch14/14-08-transfer-learning/", "다른 표기"),
    ("꽃 사진", "ch14/14-08-transfer-learning/", "맨 낱말"),
    ("경계 상자를", "ch14/14-09-classification-localization/", "조사"),
    ("바운딩박스", "ch14/14-09-classification-localization/", "붙여 씀"),
    ("히트맵", "ch14/14-09-classification-localization/", "다른 표기"),
    ("비최댓값 억제", "ch14/14-10-object-detection/", "맨 낱말"),
    ("비최대값 억제", "ch14/14-10-object-detection/", "다른 표기"),
    ("앵커박스", "ch14/14-10-object-detection/", "붙여 씀"),
    ("YOLO 앵커 박스", "ch14/14-10-object-detection/", "혼합"),
    ("칼만 필터", "ch14/14-11-object-tracking/", "맨 낱말"),
    ("칼만필터", "ch14/14-11-object-tracking/", "붙여 씀"),
    ("헝가리언 알고리즘", "ch14/14-11-object-tracking/", "다른 표기"),
    ("DeepSORT", "ch14/14-11-object-tracking/", "영어"),
    ("U-Net", "ch14/14-12-semantic-segmentation/", "영어"),
    ("전치 합성곱", "ch14/14-12-semantic-segmentation/", "맨 낱말"),
    ("전치합성곱", "ch14/14-12-semantic-segmentation/", "붙여 씀"),
    ("역합성곱", "ch14/14-12-semantic-segmentation/", "다른 표기"),
    ("그람 행렬", "ch14/14-13-exercises/", "맨 낱말"),
    ("그람행렬", "ch14/14-13-exercises/", "붙여 씀"),
    ("그램 행렬", "ch14/14-13-exercises/", "다른 표기"),
]
