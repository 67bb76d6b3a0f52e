"""docs/ch14의 실습 페이지마다 examples/에 노트북을 만들고 실행한 뒤, 페이지에 실린 그림을 저장합니다.

    python tools/make_notebooks.py                 # 코드가 있는 모든 페이지
    python tools/make_notebooks.py docs/ch14/14-02-convolutional-layers.md
    python tools/make_notebooks.py --force ...     # 코드가 그대로여도 다시 실행

코드 셀(소스와 태그)이 저장된 노트북과 같으면 다시 실행하지 않고 출력을 그대로 옮겨, 글만 고친 페이지는 빨리
다시 그립니다. 노트북과 그림(docs/assets/figures/*.png)은 생성물입니다. 손으로 고치지 말고 페이지를 고친 뒤 다시
실행하세요. tests/test_notebooks.py가 페이지와 노트북, 노트북과 그림이 어긋나면 실패합니다.

그림의 바이트는 같은 컴퓨터에서는 매번 같지만, 훈련 결과를 그리는 그림(예: 14.10의 탐지 결과)은 CPU의 부동소수점
계산 차이 때문에 다른 컴퓨터에서 다시 만들면 몇 픽셀이 다를 수 있습니다. 검사는 그림이 저장된 노트북의 출력과 같은지를
봅니다 (다시 실행한 결과와 비교하지 않습니다).
"""

from __future__ import annotations

import base64
import os
import re
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

import notebooks
import offline_data
import project
from project import FIGURES, ROOT

# 텐서플로가 로그 설정 전에 C++에서 바로 찍는 시작 메시지 (시각이 들어 있어 노트북을 매번 바꿉니다)
TF_STARTUP_NOISE = re.compile(r"^(WARNING: All log messages before absl::InitializeLog\(\)|[IWE]\d{4} \d\d:\d\d:\d\d)")


def drop_startup_noise(nb: nbformat.NotebookNode) -> None:
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        kept = []
        for out in cell.outputs:
            if out.output_type == "stream" and out.name == "stderr":
                lines = [ln for ln in out.text.splitlines(keepends=True) if not TF_STARTUP_NOISE.match(ln)]
                if not lines:
                    continue
                out.text = "".join(lines)
            kept.append(out)
        cell.outputs = kept
        cell.metadata.pop("execution", None)


def _reuse(nb: nbformat.NotebookNode, old: nbformat.NotebookNode) -> None:
    """코드가 같을 때: 저장된 노트북의 출력을 새 노트북의 코드 셀에 옮깁니다."""
    old_cells = [c for c in old.cells if c.cell_type == "code"]
    for new, prev in zip([c for c in nb.cells if c.cell_type == "code"], old_cells):
        new.outputs, new.execution_count = prev.outputs, prev.execution_count


def build(page: Path, force: bool = False) -> None:
    nb = notebooks.page_to_notebook(page)
    out = notebooks.notebook_path(page)
    started = time.perf_counter()
    old = nbformat.read(out, as_version=4) if out.exists() else None
    if old is not None and not force and old.metadata.get("code_hash") == nb.metadata["code_hash"]:
        _reuse(nb, old)
        how = "코드가 같아 실행하지 않음"
    else:
        with tempfile.TemporaryDirectory() as work:
            NotebookClient(
                nb,
                timeout=600,
                kernel_name="python3",
                resources={"metadata": {"path": work}},
                record_timing=False,
                skip_cells_with_tag=notebooks.SKIP,
            ).execute()
        drop_startup_noise(nb)
        how = "실행함"
    for name, png in notebooks.figure_outputs(nb).items():
        target = FIGURES / name
        target.parent.mkdir(parents=True, exist_ok=True)
        data = base64.b64decode(png)
        if not target.exists() or target.read_bytes() != data:
            target.write_bytes(data)
            print(f"  그림 {target.relative_to(ROOT)}")
    out.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, out)
    print(f"{out.relative_to(ROOT)} ({how}, {time.perf_counter() - started:.1f}s)")


def main(argv: list[str]) -> None:
    force = "--force" in argv
    args = [a for a in argv if a != "--force"]
    # 노트북 출력에 TensorFlow 로그가 섞이지 않게 (커널은 이 환경 변수를 물려받습니다)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    # 테스트(conftest.py의 enable_op_determinism)와 같이 결정적인 연산으로 실행해 그림이 매번 같게
    os.environ.setdefault("TF_DETERMINISTIC_OPS", "1")
    project.pin_compute_threads()  # 검사와 같은 스레드 수 (project.COMPUTE_THREADS)
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    pages = [Path(a).resolve() for a in args] or notebooks.hands_on_pages()
    with tempfile.TemporaryDirectory(prefix="keras-home-") as keras_home:
        # 테스트와 같은 오프라인 케라스 캐시 (사용자의 ~/.keras를 쓰지 않음)
        offline_data.use_offline_keras_home(Path(keras_home))
        for page in pages:
            build(page, force)


if __name__ == "__main__":
    main(sys.argv[1:])
