"""기대 출력의 허용 오차를 잽니다: 페이지의 코드 블록을 다른 CPU처럼, 다른 시드로 실행해 숫자가 얼마나 흔들리는지 봅니다.

    python tools/tolerances.py docs/ch14/14-10-object-detection.md [페이지 …] [--seeds 2] [--write]

- CPU 변형: 텐서플로의 oneDNN은 명령어 집합에 따라 커널을 고르고, 반올림이 달라집니다. ONEDNN_MAX_CPU_ISA로
  SSE4.1, AVX2, 제한 없음(이 컴퓨터의 최대) 세 가지를 한 컴퓨터에서 재현합니다 (../shared/tools/cpu-variants와 같은 셋).
  검사는 스레드 하나로 계산하지만(tools/project.py의 COMPUTE_THREADS) 학습자의 코랩과 노트북은 코어 수만큼 스레드를
  쓰므로, 스레드 2개와 4개로 계산하는 변형도 함께 돌립니다 (스레드 수가 달라도 합을 나누는 방식이 달라져 반올림이 바뀜).
- 시드: 제한 없는 CPU에서 체인의 `set_random_seed(s)`를 s+1, s+2 …로 바꿔 실행합니다 (--seed-offset). 훈련은 반올림
  차이를 키우므로, 처음 보는 CPU의 결과는 시드를 바꾼 결과만큼 달라질 수 있습니다.
- 실행마다 `pytest --record-outputs`로 블록별 실제 출력을 받아 페이지의 기대 출력과 숫자별로 비교합니다.
  잰 폭(spread) = CPU 변형에서 페이지 값과의 가장 큰 차이, 제안하는 허용 오차 = 그 폭을 덮는 가장 작은 값(유효 숫자
  두 자리로 올림). CPU 변형에서 달라지지 않는 출력은 글자 그대로 비교합니다. 시드 실행의 폭은 참고로 함께 출력합니다:
  시드는 초기화뿐 아니라 무작위 데이터와 무작위 가중치 자체를 바꾸므로(예: 초기화 직후의 값을 출력하는 블록) 허용
  오차로 쓰면 반올림 수준의 출력까지 크게 풀어 버립니다. 숫자 아닌 글자가 CPU 변형에서 달라지는 출력은 허용 오차로
  덮을 수 없으므로 따로 알립니다.
- `--write`: 잰 폭이 0이 아닌 출력의 주석을 `<!--pytest-codeblocks:expected-output tolerance=T spread=S-->`로 고칩니다
  (폭이 0이면 허용 오차를 지워 글자 그대로 비교). 고친 뒤 diff를 읽으세요.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import page as page_model
from project import ROOT

# 변형 이름 → 환경 변수. "DEFAULT"는 제한 없는 CPU, 스레드 하나 (검사와 같음)
def _threads(n: int) -> dict[str, str]:
    return {"TF_NUM_INTRAOP_THREADS": str(n), "TF_NUM_INTEROP_THREADS": str(n)}


CPU_VARIANTS = {
    "SSE41": {"ONEDNN_MAX_CPU_ISA": "SSE41"},
    "AVX2": {"ONEDNN_MAX_CPU_ISA": "AVX2"},
    "DEFAULT": {},
    "스레드2": _threads(2),  # 코어 2개인 코랩
    "스레드4": _threads(4),  # 코어 4개인 노트북
}


def run_variant(pages: list[str], variant: str, seed_offset: int) -> dict[str, dict[str, str]]:
    env = {k: v for k, v in os.environ.items() if k != "ONEDNN_MAX_CPU_ISA" and not k.startswith("TF_NUM_")}
    env.update(CPU_VARIANTS[variant])
    with tempfile.TemporaryDirectory() as tmp:
        record = Path(tmp) / "outputs.json"
        cmd = [sys.executable, "-m", "pytest", "-q", "-n", "0", "-p", "no:randomly", *pages,
               "--record-outputs", str(record), "--seed-offset", str(seed_offset)]
        result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
        if not record.exists():
            sys.exit(f"{variant} 시드+{seed_offset}: 실행 실패\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
        return json.loads(record.read_text(encoding="utf-8"))


def nice_ceiling(x: float) -> str:
    """x 이상인 가장 작은 '유효 숫자 두 자리' 수를 글로 (0.0213 → "0.022")."""
    if x == 0:
        return "0"
    exp = math.floor(math.log10(x)) - 1
    value = math.ceil(round(x / 10**exp, 6)) * 10**exp
    if -8 < exp < 6:
        text = f"{value:.{max(-exp, 0)}f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    return f"{value:.1e}"


def measure(path: Path, runs: dict[str, dict[str, dict[str, str]]]) -> list[dict]:
    pg = page_model.load(path)
    key = str(path.relative_to(ROOT))
    report = []
    for block in pg.blocks:
        if block.output is None:
            continue
        expected = block.output.text
        want = page_model._split_numbers(expected)
        spread, text_changed, cpu_spread = 0.0, [], 0.0
        for name, outputs in runs.items():
            actual = outputs.get(key, {}).get(str(block.line))
            if actual is None:
                continue  # 이 실행에서 건너뛴 체인 (download)
            got = page_model._split_numbers(actual)
            if [w for w, _ in want] != [g for g, _ in got]:
                text_changed.append((name, actual))
                continue
            for (_, (w, _)), (_, (g, _)) in zip(want, got):
                if w is not None:
                    d = abs(float(g) - float(w))
                    spread = max(spread, d)
                    if "시드+0" in name:
                        cpu_spread = max(cpu_spread, d)
        seed_spread, spread = spread, cpu_spread
        text_changed = [(name, a) for name, a in text_changed if "시드+0" in name]
        report.append({"line": block.output.line, "spread": spread, "cpu_spread": cpu_spread, "seed_spread": seed_spread,
                       "text_changed": text_changed, "tolerance": block.output.tolerance})
    return report


def write(path: Path, report: list[dict]) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    for item in report:
        if item["text_changed"]:
            continue
        i = item["line"] - 1
        indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
        args = ""
        if item["spread"] > 0:
            s = nice_ceiling(item["spread"])
            args = f" tolerance={s} spread={s}"
        lines[i] = f"{indent}<!--pytest-codeblocks:expected-output{args}-->"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="+")
    parser.add_argument("--seeds", type=int, default=2, help="제한 없는 CPU에서 더 돌려 볼 시드 수 (기본 2: +1, +2)")
    parser.add_argument("--write", action="store_true", help="잰 폭으로 페이지의 허용 오차 주석을 고칩니다")
    parser.add_argument("--jobs", type=int, default=2, help="동시에 돌릴 실행 수 (코어 수)")
    args = parser.parse_args(argv)
    pages = [str(Path(p).resolve().relative_to(ROOT)) for p in args.pages]
    plan = [(variant, 0) for variant in CPU_VARIANTS] + [("DEFAULT", k) for k in range(1, args.seeds + 1)]
    with ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(lambda p: run_variant(pages, *p), plan))
    runs = {f"{variant} 시드+{k}": r for (variant, k), r in zip(plan, results)}
    status = 0
    for rel in pages:
        path = ROOT / rel
        report = measure(path, runs)
        for item in report:
            if item["text_changed"]:
                status = 1
                for name, actual in item["text_changed"]:
                    print(f"{rel}:{item['line']}: {name}에서 숫자 아닌 글자가 달라집니다 (허용 오차로 덮을 수 없음):\n{actual}")
            elif item["spread"] or item["tolerance"]:
                now = f"지금 tolerance={item['tolerance'].text}" if item["tolerance"] else "지금 허용 오차 없음"
                print(f"{rel}:{item['line']}: CPU 변형의 폭 {item['spread']:.3g} (시드까지 {item['seed_spread']:.3g}), "
                      f"제안 tolerance={nice_ceiling(item['spread'])} ({now})")
        if args.write:
            write(path, report)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
