"""케라스 캐시를 저장소의 작은 데이터(tests/data/)로 채웁니다. 테스트(conftest.py)와 노트북 생성기가 씁니다.

페이지의 코드는 `tf.keras.utils.get_file(...)`과 `decode_predictions`를 그대로 부릅니다. 케라스는 `KERAS_HOME`
아래 캐시에 파일이 있으면 내려받지 않으므로, 실행 전에 `KERAS_HOME`을 임시 폴더로 정하고 그곳을 채웁니다.
사용자의 `~/.keras`는 읽지도 쓰지도 않습니다.

- models/imagenet_class_index.json: 그대로 복사합니다.
- datasets/flower_photos_archive: 케라스 3의 `get_file("flower_photos", origin=…flower_photos.tgz, extract=True)`는
  이 이름의 아카이브가 캐시에 있으면 내려받지 않고 datasets/flower_photos/에 풉니다. 원본과 같은 모양(맨 위 폴더
  flower_photos/)의 tar.gz를 사진 폴더에서 만듭니다. 시각·소유자를 고정하므로 언제 만들어도 같은 바이트입니다.
"""

from __future__ import annotations

import gzip
import io
import os
import shutil
import tarfile
from pathlib import Path

from project import DATA


def _flower_archive(target: Path) -> None:
    source = DATA / "flower_photos"
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for path in [source, *sorted(source.rglob("*"))]:
            info = tar.gettarinfo(str(path), arcname=("flower_photos" / path.relative_to(source)).as_posix())
            info.mtime, info.uid, info.gid, info.uname, info.gname = 0, 0, 0, "", ""
            info.mode = 0o755 if path.is_dir() else 0o644
            if path.is_file():
                with path.open("rb") as f:
                    tar.addfile(info, f)
            else:
                tar.addfile(info)
    with gzip.GzipFile(target, "wb", mtime=0) as gz:
        gz.write(buffer.getvalue())


def seed_keras_home(keras_home: Path) -> Path:
    """keras_home 아래를 오프라인 데이터로 채우고 그 경로를 돌려줍니다 (이미 있으면 그대로 둡니다)."""
    models, datasets = keras_home / "models", keras_home / "datasets"
    models.mkdir(parents=True, exist_ok=True)
    datasets.mkdir(parents=True, exist_ok=True)
    for src in (DATA / "keras" / "models").iterdir():
        if not (models / src.name).exists():
            shutil.copyfile(src, models / src.name)
    archive = datasets / "flower_photos_archive"
    if not archive.exists():
        _flower_archive(archive)
    return keras_home


def use_offline_keras_home(keras_home: Path) -> Path:
    """텐서플로를 불러오기 전에 부릅니다: KERAS_HOME을 keras_home으로 정하고 채웁니다."""
    os.environ["KERAS_HOME"] = str(keras_home)
    return seed_keras_home(keras_home)
