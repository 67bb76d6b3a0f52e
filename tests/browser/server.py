"""빌드된 사이트를 127.0.0.1에 띄우는 HTTP 서버. 보낸 바이트(헤더 + 본문)를 세어 페이지마다 전송량을 잽니다."""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import site_checks


class _CountingWriter:
    """서버가 보낸 바이트를 셉니다: 페이지를 차례로 열므로, 열기 전후의 차이가 그 페이지의 전송량입니다."""

    def __init__(self, raw, server):
        self._raw, self._server = raw, server

    def write(self, data):
        with self._server.lock:
            self._server.sent_bytes += len(data)
        return self._raw.write(data)

    def __getattr__(self, name):
        return getattr(self._raw, name)


class _Handler(SimpleHTTPRequestHandler):
    def setup(self):
        super().setup()
        self.wfile = _CountingWriter(self.wfile, self.server)

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")  # 페이지마다 빈 캐시로 재도록
        super().end_headers()

    def log_message(self, format, *args):
        pass

    def handle(self):
        # 브라우저가 받다 만 요청(스크롤로 불러오는 그림 등)을 끊으면 서버 쪽 쓰기가 실패합니다: 정상이므로 조용히 넘깁니다
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass


@dataclass
class CountingServer:
    url: str  # 사이트 주소 (끝에 /, site_url의 경로 포함: http://127.0.0.1:포트/cnn-ch14-study/)
    server: ThreadingHTTPServer

    def sent_bytes(self) -> int:
        with self.server.lock:
            return self.server.sent_bytes

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def base_path() -> str:
    """검사가 빌드한 사이트(built_site)의 site_url 경로 (예: /cnn-ch14-study/, 저장소가 없으면 /)."""
    return site_checks.base_path(site_checks.local_site_url())


def start_server(directory: Path, tmp: Path, path: str | None = None) -> CountingServer:
    """directory를 127.0.0.1의 빈 포트에서 path(기본: site_url의 경로) 아래에 띄웁니다.
    같은 경로에 두어야 404.html처럼 절대 경로를 쓰는 페이지도 실제 배포처럼 열립니다."""
    path = base_path() if path is None else path
    root = directory
    if path.strip("/"):
        root = tmp
        mount = tmp / path.strip("/")
        mount.parent.mkdir(parents=True, exist_ok=True)
        mount.symlink_to(directory, target_is_directory=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(root)))
    server.daemon_threads = True
    server.lock, server.sent_bytes = threading.Lock(), 0
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return CountingServer(f"http://127.0.0.1:{server.server_port}{path.rstrip('/')}/", server)
