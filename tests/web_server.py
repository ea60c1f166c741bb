"""A small HTTP server on 127.0.0.1 for the web tests: article pages, feeds, and every way a
fetch can go wrong (redirect loops, oversized and slow responses, binary files, 404)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def article_page(title: str, published: str, body: str) -> bytes:
    return (
        "<!doctype html><html><head>"
        f"<title>{title} | Test Wire</title>"
        f'<meta property="og:title" content="{title}">'
        '<meta property="og:site_name" content="Test Wire">'
        f'<meta property="article:published_time" content="{published}T09:00:00+00:00">'
        '<meta name="author" content="A. Reporter">'
        "</head><body><nav>Home | World | Sport</nav><article>"
        f"<h1>{title}</h1>"
        + "".join(f"<p>{p}</p>" for p in body.split("\n"))
        + "</article><footer>Copyright Test Wire. All rights reserved.</footer></body></html>"
    ).encode()


ODESA = article_page(
    "Drones hit Odesa port",
    "2024-03-03",
    "Russian drones struck the port of Odesa overnight, killing two dock workers and wounding "
    "five, the regional governor said on Sunday.\nFirefighters worked for hours to put out the blaze.",
)
KHARKIV = article_page(
    "Missile strike on Kharkiv",
    "2024-04-11",
    "A Russian missile hit a printing house in Kharkiv on Wednesday, killing three people, "
    "the city's mayor said.\nRescuers searched the rubble through the night.",
)
DNIPRO = article_page(
    "Attack on Dnipro",
    "2024-05-20",
    "Russian forces shelled Dnipro on Sunday with rockets, wounding four people, the regional governor said.",
)


def rss(base: str, paths: list[str]) -> bytes:
    items = "".join(
        f"<item><title>Item {p}</title><link>{base}{p}</link><guid>{base}{p}#id</guid></item>" for p in paths
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test feed</title>'
        f"<link>{base}/</link>{items}</channel></rss>"
    ).encode()


def atom(base: str, paths: list[str]) -> bytes:
    entries = "".join(
        f'<entry><title>Entry {p}</title><id>urn:test:{p}</id><link href="{base}{p}"/>'
        "<updated>2024-05-20T10:00:00Z</updated></entry>"
        for p in paths
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Test Atom</title><id>urn:test:feed</id><updated>2024-05-20T10:00:00Z</updated>{entries}</feed>"
    ).encode()


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the body
    chunks: int = 1  # the body sent in this many pieces, ``delay`` apart
    trickle: float = 0.0  # one byte every this many seconds (``sent`` counts what went out)
    trickle_headers: bool = False  # the trickle starts at the status line, not at the body


class PageServer:
    """Routes by path; ``hits`` counts requests per path, ``sent`` the bytes of a trickle."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: dict[str, int] = {}
        self.sent: dict[str, int] = {}
        self.hosts: list[str] = []  # the Host header of each request
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                server.hits[path] = server.hits.get(path, 0) + 1
                server.hosts.append(self.headers.get("Host", ""))
                route = server.routes.get(path)
                if route is None:
                    self.send_response(404, "Not Found")
                    self.send_header("Content-Type", "text/plain")
                    self.end_headers()
                    self.wfile.write(b"no such page")
                    return
                if route.trickle:
                    self.trickle(path, route)
                    return
                try:
                    self.send_response(route.status)
                    self.send_header("Content-Type", route.content_type)
                    for k, v in route.headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    size = max(1, len(route.body) // route.chunks) if route.body else 1
                    for start in range(0, len(route.body), size):
                        if route.delay:
                            time.sleep(route.delay)
                        self.wfile.write(route.body[start : start + size])
                        self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def trickle(self, path: str, route: Route) -> None:
                """The response written a byte at a time: a server that never quite stops."""
                self.close_connection = True
                head = (
                    f"HTTP/1.1 {route.status} OK\r\nContent-Type: {route.content_type}\r\n"
                    + "".join(f"{k}: {v}\r\n" for k, v in route.headers.items())
                    + (
                        ""
                        if "Transfer-Encoding" in route.headers
                        else f"Content-Length: {len(route.body)}\r\n"
                    )
                    + "\r\n"
                ).encode()
                if not route.trickle_headers:
                    self.wfile.write(head)
                    self.wfile.flush()
                rest = head + route.body if route.trickle_headers else route.body
                server.sent[path] = 0
                try:
                    for i in range(len(rest)):
                        time.sleep(route.trickle)
                        self.wfile.write(rest[i : i + 1])
                        self.wfile.flush()
                        server.sent[path] += 1
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, route: Route) -> str:
        self.routes[path] = route
        return self.url(path)


@contextmanager
def running_server() -> Iterator[PageServer]:
    server = PageServer()
    server.thread.start()
    try:
        yield server
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()


def standard_routes(server: PageServer) -> None:
    """The pages and feeds every web test uses."""
    server.add("/odesa.html", Route(ODESA))
    server.add("/kharkiv.html", Route(KHARKIV))
    server.add("/dnipro.html", Route(DNIPRO))
    server.add("/same-odesa.html", Route(ODESA))
    server.add("/notes.txt", Route(b"Just a note with no strike in it.", "text/plain"))
    server.add("/feed.rss", Route(rss(server.base, ["/odesa.html", "/kharkiv.html"]), "application/rss+xml"))
    server.add(
        "/feed.atom", Route(atom(server.base, ["/kharkiv.html", "/dnipro.html"]), "application/atom+xml")
    )
    server.add("/loop", Route(status=302, headers={"Location": "/loop2"}))
    server.add("/loop2", Route(status=302, headers={"Location": "/loop"}))
    for n in range(8):
        server.add(f"/hop{n}", Route(status=301, headers={"Location": f"/hop{n + 1}"}))
    server.add("/hop8", Route(ODESA))
    server.add("/moved", Route(status=301, headers={"Location": "/odesa.html"}))
    server.add("/to-file", Route(status=302, headers={"Location": "file:///etc/passwd"}))
    server.add("/big.html", Route(b"<html><body><p>" + b"x" * 300_000 + b"</p></body></html>"))
    server.add("/slow.html", Route(ODESA, delay=0.6, chunks=4))
    server.add("/picture.png", Route(b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png"))
    server.add("/broken-feed.rss", Route(b"this is no feed at all", "application/rss+xml"))
