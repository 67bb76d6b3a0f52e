"""글쓴이의 고리(author loop)가 얼마나 빠른지 잽니다: 바닥(floor)에 대한 배수를 출력합니다.

    python tools/author_loop.py [--runs 3]

- 바닥: 같은 사이트를 MkDocs + Material + 이 저장소의 훅으로, mkdocs-jupyter와 print-site 없이 빌드하는 시간.
- 두 번째 `mkdocs build`: 아무것도 바꾸지 않고 다시 빌드하는 시간 (바뀌지 않은 노트북은 캐시에서).
- `mkdocs serve` 다시 읽기: 서버가 뜬 뒤 14.3 페이지의 글 한 줄을 고쳐 저장하고, 그 글이 서버의 페이지에 보일 때까지.
각 값은 여러 번의 중앙값이고, 배수 = 값 / 바닥. 목표: 둘 다 1.5배 이하 (README).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from project import CHAPTER, MKDOCS_YML, ROOT

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
for name in ("CI", "PRINT_SITE", "GITHUB_REPOSITORY"):
    ENV.pop(name, None)  # 글쓴이의 컴퓨터처럼


def floor_config(tmp: Path) -> Path:
    """mkdocs-jupyter와 print-site를 뺀 설정 (다른 것은 그대로)."""
    text = MKDOCS_YML.read_text(encoding="utf-8")
    out, skipping = [], False
    for line in text.splitlines():
        if re.match(r"^  - (mkdocs-jupyter|print-site):", line):
            skipping = True
            continue
        if skipping and (line.startswith("    ") or line.startswith("  #")):
            continue
        skipping = False
        out.append(line)
    config = ROOT / f".author-loop-floor-{os.getpid()}.yml"  # 상대 경로(docs_dir, hooks)가 그대로 맞도록 저장소 안에
    config.write_text("\n".join(out) + "\n", encoding="utf-8")
    return config


def build_seconds(config: Path, site: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
                            cwd=ROOT, env=ENV, capture_output=True, text=True)
    took = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"빌드 실패 ({config.name}):\n{result.stderr[-2000:]}")
    return took


def serve_reload_seconds(port: int) -> float:
    page = CHAPTER / "14-03-pooling-layers.md"
    original = page.read_text(encoding="utf-8")
    marker = f"고리측정{int(time.time() * 1000)}"
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/ch14/14-03-pooling-layers/"

    def body() -> str:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    try:
        deadline = time.time() + 180
        while "14.3" not in body():
            if time.time() > deadline or server.poll() is not None:
                sys.exit("mkdocs serve가 뜨지 않았습니다")
            time.sleep(0.2)
        time.sleep(1.0)  # 첫 빌드 뒤 파일 감시가 자리 잡도록
        lines = original.splitlines(keepends=True)
        at = next(i for i, ln in enumerate(lines) if ln.strip() and not ln.startswith(("#", "!", "?", " ", "<", "`", "|")))
        lines[at] = lines[at].rstrip("\n") + f" {marker}\n"
        started = time.perf_counter()
        page.write_text("".join(lines), encoding="utf-8")
        while marker not in body():
            if time.perf_counter() - started > 120:
                sys.exit("고친 글이 서버에 나타나지 않았습니다")
            time.sleep(0.05)
        return time.perf_counter() - started
    finally:
        page.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        floor_yml = floor_config(tmp)
        try:
            build_seconds(floor_yml, tmp / "floor")  # 데우기
            floor = statistics.median(build_seconds(floor_yml, tmp / "floor") for _ in range(args.runs))
        finally:
            floor_yml.unlink()
        build_seconds(MKDOCS_YML, tmp / "site")  # 첫 빌드 (캐시 채우기)
        second = statistics.median(build_seconds(MKDOCS_YML, tmp / "site") for _ in range(args.runs))
        shutil.rmtree(tmp / "site", ignore_errors=True)
    reload_ = statistics.median(serve_reload_seconds(args.port + k) for k in range(args.runs))
    print(f"바닥(mkdocs-jupyter·print-site 없이 빌드): {floor:.1f}초")
    print(f"두 번째 mkdocs build: {second:.1f}초 ({second / floor:.2f}배)")
    print(f"mkdocs serve에서 글 한 줄 고친 뒤 보일 때까지: {reload_:.1f}초 ({reload_ / floor:.2f}배)")
    ok = second / floor <= 1.5 and reload_ / floor <= 1.5
    print("목표(둘 다 1.5배 이하):", "맞음" if ok else "넘음")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
