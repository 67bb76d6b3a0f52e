"""../shared/data의 실제 공개 파일에서 tests/data/(저장소에 넣는 작은 오프라인 데이터)를 만듭니다. 한 번만 실행합니다.

    python tools/make_test_data.py ../shared/data

- keras/models/imagenet_class_index.json: 바이트 그대로 복사 (케라스가 md5로 확인합니다).
- flower_photos/: 꽃 사진 500장(종류마다 100장, CC-BY 2.0)을 긴 변 256픽셀, JPEG 품질 85로 다시 저장합니다
  (저장소 크기를 줄이려고). 사진마다 원본 주소와 저작자를 MANIFEST.txt에 남깁니다.

테스트와 노트북 생성기는 tools/offline_data.py로 이 폴더를 케라스 캐시의 씨앗으로 씁니다.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

from PIL import Image

from project import DATA

LONG_SIDE = 256
QUALITY = 85


def main(shared: Path) -> None:
    models = DATA / "keras" / "models"
    models.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shared / "keras" / "models" / "imagenet_class_index.json", models / "imagenet_class_index.json")

    source = shared / "flower_photos"
    target = DATA / "flower_photos"
    shutil.rmtree(target, ignore_errors=True)
    rows = []
    for line in (source / "MANIFEST.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 5 or not parts[0].endswith(".jpg"):
            continue
        rel, _size, sha, _src, credit = parts
        image = Image.open(source / rel).convert("RGB")
        image.thumbnail((LONG_SIDE, LONG_SIDE), Image.Resampling.LANCZOS)
        out = target / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        image.save(out, "JPEG", quality=QUALITY, optimize=True)
        rows.append(f"{rel}\t{hashlib.sha256(out.read_bytes()).hexdigest()}\t{sha}\t{credit}")
    header = (
        "꽃 사진 500장 (tf_flowers의 flower_photos, 종류마다 100장). 라이선스: CC-BY 2.0\n"
        "(https://creativecommons.org/licenses/by/2.0/). 사진마다 원본 플리커 주소와 저작자를 아래에 적습니다.\n"
        f"원본 바이트에서 긴 변 {LONG_SIDE}픽셀, JPEG 품질 {QUALITY}로 줄여 다시 저장했습니다 (tools/make_test_data.py).\n"
        "전체 데이터셋(3,670장)은 https://storage.googleapis.com/download.tensorflow.org/example_images/flower_photos.tgz\n"
        "열: 경로, 이 파일의 sha256, 줄이기 전 원본의 sha256, 저작자 표시\n\n"
    )
    (target / "MANIFEST.txt").write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    total = sum(p.stat().st_size for p in DATA.rglob("*") if p.is_file())
    print(f"{len(rows)}장, tests/data 전체 {total / 1e6:.1f} MB")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
