"""docs/ch14의 실습 페이지마다 examples/에 노트북을 만들고 실행한 뒤, 페이지에 실린 그림을 저장합니다.

    python tools/make_notebooks.py                 # 코드가 있는 모든 페이지
    python tools/make_notebooks.py docs/ch14/14-02-convolutional-layers.md

노트북과 그림(docs/assets/figures/*.png)은 생성물입니다. 손으로 고치지 말고 페이지를 고친 뒤 다시 실행하세요.
tests/test_notebooks.py가 페이지와 노트북, 노트북과 그림이 어긋나면 실패합니다.
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
import notebooks  # noqa: E402


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


def build(page: Path) -> None:
    base_url = notebooks.mkdocs_config()["site_url"]
    nb = notebooks.page_to_notebook(page, base_url)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as work:
        NotebookClient(
            nb,
            timeout=600,
            kernel_name="python3",
            resources={"metadata": {"path": work}},
            record_timing=False,
            skip_cells_with_tag="skip-execution",
        ).execute()
    drop_startup_noise(nb)
    for name, png in notebooks.figure_outputs(nb).items():
        target = notebooks.FIGURES / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(png))
        print(f"  그림 {target.relative_to(notebooks.ROOT)}")
    out = notebooks.notebook_path(page)
    out.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, out)
    print(f"{out.relative_to(notebooks.ROOT)} ({time.perf_counter() - started:.1f}s)")


def main(argv: list[str]) -> None:
    # 노트북 출력에 TensorFlow 로그가 섞이지 않게 (커널은 이 환경 변수를 물려받습니다)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    # 테스트(conftest.py의 enable_op_determinism)와 같이 결정적인 연산으로 실행해 그림이 매번 같게
    os.environ.setdefault("TF_DETERMINISTIC_OPS", "1")
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    pages = [Path(a).resolve() for a in argv] or notebooks.hands_on_pages()
    for page in pages:
        build(page)


if __name__ == "__main__":
    main(sys.argv[1:])
