"""Publishing behind a real nginx with the shipped configuration: media types, revalidation, gzip."""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT, SCHEDULES, run

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
pytestmark = pytest.mark.skipif(
    NGINX is None and not os.environ.get("SCHEDGEN_REQUIRE_NGINX"),
    reason="needs Debian's nginx (apt install nginx-light); .ci/run installs it",
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    """The seed site built, and a real nginx serving it with deploy/nginx/schedgen-site.conf."""
    assert NGINX is not None, "nginx is required here (SCHEDGEN_REQUIRE_NGINX is set)"
    work = tmp_path_factory.mktemp("nginx")
    shutil.copytree(SCHEDULES, work / "schedules")
    site = work / "output"
    options = ("--only", "html,ics,json", "--as-of", "2024-05-01", "--base-url", "http://127.0.0.1")
    assert run("build", str(work / "schedules"), "-o", str(site), *options).exit_code == 0
    port = free_port()
    temp = "".join(
        f"{kind}_temp_path {work}/{kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    config = work / "nginx.conf"
    config.write_text(
        ("user root;\n" if os.geteuid() == 0 else "")  # the test's folders are private to the user running it
        + f"daemon off;\nworker_processes 1;\npid {work}/nginx.pid;\nerror_log {work}/error.log;\n"
        + "events {}\nhttp {\n  access_log off;\n"
        + temp
        + f"  server {{\n    listen 127.0.0.1:{port};\n    root {site};\n    index index.html;\n"
        + f"    include {ROOT / 'deploy' / 'nginx' / 'schedgen-site.conf'};\n  }}\n}}\n",
        encoding="utf-8",
    )
    server = subprocess.Popen([NGINX, "-c", str(config), "-p", str(work)], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert server.poll() is None, server.stderr.read().decode() if server.stderr else "nginx stopped"
            assert time.monotonic() < deadline, "nginx did not start"
            time.sleep(0.1)
    yield port, work
    server.terminate()
    server.wait(10)
    if server.stderr:
        server.stderr.close()


def get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def test_feeds_and_pages_go_out_with_their_media_types_and_revalidate(published: tuple[int, Path]) -> None:
    port, _ = published
    status, headers, body = get(port, "/haidong-2024/haidong-2024.ics")
    assert status == 200 and body.startswith(b"BEGIN:VCALENDAR")
    assert headers["content-type"] == "text/calendar; charset=utf-8"
    assert headers["cache-control"] == "no-cache" and headers["etag"] and headers["last-modified"]
    assert get(port, "/haidong-2024/haidong-2024.ics", {"If-None-Match": headers["etag"]})[0] == 304
    assert get(port, "/haidong-2024/haidong-2024.ics", {"If-Modified-Since": headers["last-modified"]})[0] == 304
    status, headers, _ = get(port, "/")
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    assert get(port, "/units.json")[1]["content-type"] == "application/json; charset=utf-8"


def test_feeds_are_compressed_for_clients_that_ask(published: tuple[int, Path]) -> None:
    port, _ = published
    status, headers, body = get(port, "/all.ics", {"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-encoding"] == "gzip" and "Accept-Encoding" in headers["vary"]
    import gzip

    assert gzip.decompress(body).startswith(b"BEGIN:VCALENDAR")


def test_a_rebuild_of_unchanged_plans_still_answers_304(published: tuple[int, Path]) -> None:
    port, work = published
    _, before, _ = get(port, "/anqiu-eco-farm/anqiu-eco-farm.ics")
    options = ("--only", "html,ics,json", "--as-of", "2024-05-01", "--base-url", "http://127.0.0.1")
    assert run("build", str(work / "schedules"), "-o", str(work / "output"), *options).exit_code == 0
    conditional = {"If-None-Match": before["etag"], "If-Modified-Since": before["last-modified"]}
    assert get(port, "/anqiu-eco-farm/anqiu-eco-farm.ics", conditional)[0] == 304


def test_the_builds_own_records_are_not_published(published: tuple[int, Path]) -> None:
    port, _ = published
    assert get(port, "/.schedgen/manifest.json")[0] == 404
    assert get(port, "/.schedgen/feed-state/haidong-2024.json")[0] == 404
    assert get(port, "/.schedgen-build")[0] == 404
