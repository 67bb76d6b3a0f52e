"""Chromium과 playwright 찾기. 없을 때 로컬에서는 이유를 출력하며 건너뛰고, CI(`CI=true`)에서는 실패합니다.

찾기(find_chromium)는 환경 변수 사전만 받으므로 브라우저를 띄우지 않고도 검사할 수 있습니다 (test_self.py).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from pathlib import Path

import pytest

DEFAULT_CHROMIUM = "/usr/bin/chromium"
INSTALL = "apt-get install chromium fonts-nanum"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # 다른 호스트 이름은 즉시 "찾을 수 없음"으로: 닫힌 망에서 시간 초과를 기다리지 않습니다.
    # 요청 자체는 그대로 기록되므로(sweep.Tab의 page.on("request")) 외부 요청 검사는 그대로 실패합니다.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]


class BrowserMissing(Exception):
    """브라우저 검사를 돌릴 수 없는 이유 (무엇이 없고 어떻게 설치하는지)."""


def in_ci(env: Mapping[str, str]) -> bool:
    return env.get("CI", "").strip().lower() == "true"


def find_chromium(env: Mapping[str, str], module: str = "playwright") -> Path:
    """Chromium 실행 파일의 경로. playwright 패키지(module)나 Chromium(env의 CHROMIUM, 기본 /usr/bin/chromium)이
    없으면 BrowserMissing을 던집니다."""
    if importlib.util.find_spec(module) is None:
        raise BrowserMissing(f"{module} 패키지가 없습니다 (pip install -r requirements.txt)")
    path = Path(env.get("CHROMIUM") or DEFAULT_CHROMIUM)
    if not path.is_file():
        raise BrowserMissing(f"Chromium이 없습니다: {path} ({INSTALL}, 또는 CHROMIUM=경로)")
    return path


def unavailable(reason: str, env: Mapping[str, str]):
    """브라우저를 쓸 수 없을 때: CI에서는 실패, 로컬에서는 이유를 출력하며 건너뜁니다."""
    if in_ci(env):
        how = "" if INSTALL in reason else f"\n  Chromium과 한글 글꼴: {INSTALL}"
        pytest.fail(f"[browser] CI(CI=true)에서는 브라우저 검사를 건너뛰지 않습니다: {reason}{how}", pytrace=False)
    print(f"\n[browser] 건너뜀: {reason}")
    pytest.skip(reason)


def require_chromium(env: Mapping[str, str], module: str = "playwright") -> Path:
    """browser 픽스처가 쓰는 찾기: 찾으면 경로를, 못 찾으면 unavailable()로 건너뛰거나 실패합니다."""
    try:
        return find_chromium(env, module)
    except BrowserMissing as e:
        reason = str(e)
    unavailable(reason, env)  # except 밖에서: 실패 메시지에 예외 사슬이 붙지 않도록
