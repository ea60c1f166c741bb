"""Fetching one page from the web with the care an untrusted address needs.

Only ``http`` and ``https``; every hop of a redirect (at most :attr:`FetchPolicy.max_redirects`)
is checked again, so a public page cannot send the fetcher to ``file:`` or to an address inside
the user's network; a redirect to something that is no web address at all (``javascript:``,
``http:host``) is refused like any other. A host is looked up once per hop and refused when any
address it resolves to is not a global one (private, loopback, link-local, shared, reserved,
multicast, unspecified; an IPv4 address inside an IPv6 one, as NAT64, 6to4 and IPv4-mapped
addresses carry it, is judged as that IPv4 address), unless the policy allows private addresses
(``--allow-private``, ``STRIKES_ALLOW_PRIVATE=1``). The connection then goes to the addresses
that were checked (:mod:`analytics.web.transport`), never to a second lookup of the name, so a
name that answers a public address first and a private one next (DNS rebinding) cannot reach
the private one; the address actually connected to is checked again before anything is read.

The whole fetch (connect, headers, body, every redirect) ends at one deadline, enforced on
every read, so a server trickling a byte at a time is cut off. The body has a size cap counted
on the decoded bytes as they are decompressed, a bounded piece at a time (a compressed response
of a few kilobytes cannot grow past the cap in memory), and on the bytes received; a page
compressed more than once (``Content-Encoding: gzip, gzip``) is refused, as only bombs do that.
A ``Content-Length`` is never trusted. Only the content types of articles (HTML, plain text, PDF)
or of feeds are taken. Every refusal and failure is a :class:`FetchError` with a sentence a user
can act on; nothing partial is ever returned. Proxies from the environment are not used (the
address checks would see the proxy).
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

import httpx

from analytics import settings
from analytics.readers.limits import describe_bytes
from analytics.web.transport import PinnedBackend, PinnedTransport

Accept = Literal["article", "feed"]
#: Content types taken, and the reader each goes to.
ARTICLE_TYPES: dict[str, str] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "txt",
    "application/pdf": "pdf",
}
FEED_TYPES: frozenset[str] = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        # many feeds are served as plain text or HTML by mistake: feedparser decides
        "text/plain",
        "text/html",
    }
)
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
#: The most bytes one decompression step produces: the cap is checked after each step, so the
#: decoded bytes ever held are at most the cap plus this.
DECODE_CHUNK = 64 * 1024
#: Content codings decoded here (and the only ones asked for).
_CODINGS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}
#: Where an IPv6 address carries an IPv4 one that decides where the packet goes (RFC 6052).
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
#: IPv6 ranges Python's ``is_global`` (3.11) still calls global but that never lead to a public
#: host: IPv4-compatible (deprecated, ::a.b.c.d), local-use NAT64 (RFC 8215), IPv4-translated.
_NOT_GLOBAL_V6 = tuple(ipaddress.ip_network(n) for n in ("::/96", "64:ff9b:1::/48", "::ffff:0:0:0/96"))

Resolver = Callable[[str, int], list[str]]


class FetchError(Exception):
    """A page that was not fetched: ``reason`` says why, in words; ``retry`` whether trying
    again later may succeed (a timeout, a connection failure, a server error) or not (a
    refusal, a page that is not an article, HTTP 4xx)."""

    def __init__(self, url: str, reason: str, *, retry: bool = False) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.retry = retry


@dataclass(frozen=True)
class FetchPolicy:
    """The limits of a fetch (``total_timeout``: seconds for everything, redirects included)."""

    connect_timeout: float = 10.0
    total_timeout: float = 30.0
    max_bytes: int = 20 * 1024 * 1024
    max_redirects: int = 5
    allow_private: bool = False
    user_agent: str = "strike-events-dashboard/1.0 (news reader)"

    @classmethod
    def from_env(cls, allow_private: bool | None = None) -> FetchPolicy:
        """The default policy; private addresses allowed when asked or when
        ``$STRIKES_ALLOW_PRIVATE`` says so (1/true/yes/on)."""
        if allow_private is None:
            allow_private = settings.ALLOW_PRIVATE.read()
        return cls(allow_private=allow_private)


@dataclass
class Fetched:
    """A fetched page: the address it came from after redirects, its content type, the reader
    it goes to (``html``, ``txt``, ``pdf``; ``feed`` for a feed) and its bytes."""

    url: str
    content_type: str
    kind: str
    data: bytes


def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to, in the system's order of preference (the order the
    connection tries them in)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def is_public_address(address: str) -> bool:
    """Whether ``address`` is a global unicast address. An IPv6 address that embeds an IPv4
    one (IPv4-mapped ``::ffff:a.b.c.d``, NAT64 ``64:ff9b::a.b.c.d``, 6to4 ``2002:AABB:CCDD::``)
    is judged by the IPv4 address, which is where its packets end up."""
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        elif ip.sixtofour is not None:
            ip = ip.sixtofour
        elif ip in _NAT64:
            ip = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        elif any(ip in net for net in _NOT_GLOBAL_V6):
            return False
    return ip.is_global and not ip.is_multicast


def _refused_private(url: str, host: str, address: str) -> FetchError:
    what = "is" if host == address else f"resolves to {address}, which is"
    return FetchError(
        url,
        f"refused: {host} {what} a private, loopback or reserved address; pages inside your own "
        "network are only fetched with --allow-private (or STRIKES_ALLOW_PRIVATE=1)",
    )


def _check_url(url: httpx.URL, raw: str) -> None:
    if url.scheme not in ("http", "https"):
        raise FetchError(
            raw, f"refused: only http and https addresses are fetched, not {url.scheme or 'this'}:"
        )
    if not url.host:
        raise FetchError(raw, "refused: the address has no host name")


def _addresses(url: httpx.URL, host: str, raw: str, policy: FetchPolicy, resolve: Resolver) -> list[str]:
    """The addresses of ``url``'s host, looked up once and checked: the only ones connected to."""
    try:
        ipaddress.ip_address(host)
        addresses = [host]  # a literal address is its own answer
    except ValueError:
        port = url.port or (443 if url.scheme == "https" else 80)
        try:
            addresses = list(resolve(host, port))
        except (OSError, UnicodeError) as exc:
            raise FetchError(raw, f"the host {url.host} could not be found ({exc})", retry=True) from None
    if not addresses:
        raise FetchError(raw, f"the host {url.host} could not be found (no address)", retry=True)
    if not policy.allow_private:
        for address in addresses:
            if not is_public_address(address):
                raise _refused_private(raw, url.host, address)
    return addresses


def _peer(response: httpx.Response) -> str | None:
    stream = response.extensions.get("network_stream")
    try:
        server = stream.get_extra_info("server_addr") if stream is not None else None
    except Exception:  # noqa: BLE001 - not every transport can tell; the name check stands
        return None
    return str(server[0]) if server else None


def _content_type(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";", 1)[0].strip().lower()


def _kind(content_type: str, accept: Accept, raw: str) -> str:
    if accept == "feed":
        if content_type in FEED_TYPES or content_type.endswith("+xml"):
            return "feed"
        raise FetchError(raw, f"not a news feed: the server sent {content_type or 'no content type'}")
    if content_type in ARTICLE_TYPES:
        return ARTICLE_TYPES[content_type]
    raise FetchError(
        raw,
        f"not an article: the server sent {content_type or 'no content type'} (HTML, plain text or PDF are read)",
    )


def _coding(response: httpx.Response, raw: str) -> str | None:
    header = response.headers.get("content-encoding", "")
    codings = [c.strip().lower() for c in header.split(",") if c.strip().lower() not in ("", "identity")]
    if len(codings) > 1:
        # no server needs this; a decompression bomb does (each layer multiplies the size)
        raise FetchError(raw, f"refused: the page is compressed more than once ({header.strip()})")
    if codings and codings[0] not in _CODINGS:
        raise FetchError(raw, f"refused: the page is compressed as {codings[0]}, which is not read")
    return codings[0] if codings else None


class _Inflater:
    """Decompresses a body at most :data:`DECODE_CHUNK` bytes at a time, so the size cap is
    checked before more is produced (httpx's decoders return all a chunk expands to at once)."""

    def __init__(self, coding: str, raw: str) -> None:
        self._coding = coding
        self._raw = raw
        self._obj = zlib.decompressobj(_CODINGS[coding])
        self._started = False

    def pieces(self, data: bytes) -> Iterator[bytes]:
        buf = data
        while buf and not self._obj.eof:  # bytes after the end of the stream are ignored
            try:
                out = self._obj.decompress(buf, DECODE_CHUNK)
            except zlib.error as exc:
                if self._coding == "deflate" and not self._started:
                    # "deflate" should carry a zlib header; some servers send bare deflate
                    self._coding, self._obj = "raw deflate", zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise FetchError(
                    self._raw, f"the page's {self._coding} compression is broken ({exc})"
                ) from None
            self._started = True
            if out:
                yield out
            buf = self._obj.unconsumed_tail
            while not buf and len(out) == DECODE_CHUNK and not self._obj.eof:
                out = self._obj.decompress(b"", DECODE_CHUNK)  # output still pending inside zlib
                if out:
                    yield out

    def tail(self) -> bytes:
        # everything was drained above (each step stopped short of the limit), so this is small
        return self._obj.flush()


def _body(response: httpx.Response, raw: str, policy: FetchPolicy, deadline: float) -> bytes:
    declared = response.headers.get("content-length", "")
    limit = describe_bytes(policy.max_bytes)
    too_large = FetchError(raw, f"refused: the page is larger than the {limit} limit")
    if declared.isdigit() and int(declared) > policy.max_bytes:
        raise too_large
    inflater = _Inflater(coding, raw) if (coding := _coding(response, raw)) else None
    parts: list[bytes] = []
    size = received = 0
    for chunk in response.iter_raw():
        received += len(chunk)
        if received > policy.max_bytes:  # bytes on the wire count too (junk after a gzip stream)
            raise too_large
        for piece in inflater.pieces(chunk) if inflater else (chunk,):
            size += len(piece)
            if size > policy.max_bytes:
                raise too_large
            parts.append(piece)
        if time.monotonic() > deadline:  # the transport stops reads at the deadline; this is
            raise _timed_out(raw, policy)  # for a transport given by the caller
    if inflater:
        parts.append(inflater.tail())
        if size + len(parts[-1]) > policy.max_bytes:
            raise too_large
    return b"".join(parts)


def _timed_out(raw: str, policy: FetchPolicy) -> FetchError:
    return FetchError(raw, f"timed out: the page took longer than {policy.total_timeout:g} s", retry=True)


def _redirect(current: httpx.URL, location: str, raw: str) -> httpx.URL:
    try:
        return current.join(location)
    except (httpx.InvalidURL, ValueError, TypeError, UnicodeError):
        shown = location if len(location) <= 80 else location[:77] + "..."
        raise FetchError(
            raw, f"refused: the server redirected to {shown!r}, which is not a web address"
        ) from None


def fetch(
    url: str,
    policy: FetchPolicy | None = None,
    *,
    accept: Accept = "article",
    resolve: Resolver = system_resolver,
    transport: httpx.BaseTransport | None = None,
) -> Fetched:
    """Fetch ``url`` under ``policy`` (see the module doc); :class:`FetchError` otherwise.
    ``transport`` (for tests) replaces the connection to the checked addresses."""
    policy = policy or FetchPolicy.from_env()
    raw = url.strip()
    try:
        current = httpx.URL(raw)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise FetchError(raw, f"not a web address ({exc})") from None
    deadline = time.monotonic() + policy.total_timeout
    backend = PinnedBackend(deadline)
    seen: set[str] = set()
    headers = {"User-Agent": policy.user_agent, "Accept": "*/*", "Accept-Encoding": ", ".join(_CODINGS)}
    # The transport is used without httpx.Client: the client works out every redirect's target
    # itself and raises on a Location that is no URL, before the response can be looked at.
    with transport or PinnedTransport(backend) as connection:
        for _hop in range(policy.max_redirects + 1):
            _check_url(current, raw)
            host = current.raw_host.decode("ascii")  # what the transport is asked to connect to
            backend.pin(host, _addresses(current, host, raw, policy, resolve))
            seen.add(str(current))
            left = deadline - time.monotonic()
            if left <= 0:
                raise _timed_out(raw, policy)
            timeout = httpx.Timeout(left, connect=min(policy.connect_timeout, left))
            request = httpx.Request(
                "GET", current, headers=headers, extensions={"timeout": timeout.as_dict()}
            )
            try:
                response = connection.handle_request(request)
                response.request = request
                with contextlib.closing(response):
                    peer = _peer(response)
                    if peer and not policy.allow_private and not is_public_address(peer):
                        raise _refused_private(raw, current.host, peer)
                    if response.status_code in _REDIRECTS and "location" in response.headers:
                        target = _redirect(current, response.headers["location"], raw)
                        if str(target) in seen:
                            raise FetchError(raw, "refused: the address redirects in a loop")
                        current = target
                        continue
                    if response.status_code >= 400:
                        phrase = response.reason_phrase or ""
                        raise FetchError(
                            raw,
                            f"the server answered HTTP {response.status_code} {phrase}".rstrip(),
                            retry=response.status_code >= 500 or response.status_code == 429,
                        )
                    content_type = _content_type(response)
                    kind = _kind(content_type, accept, raw)
                    data = _body(response, raw, policy, deadline)
                    return Fetched(str(current), content_type, kind, data)
            except httpx.ConnectTimeout:
                if left <= policy.connect_timeout:  # the total limit was the nearer one
                    raise _timed_out(raw, policy) from None
                raise FetchError(
                    raw, f"timed out: no connection within {policy.connect_timeout:g} s", retry=True
                ) from None
            except httpx.TimeoutException:
                raise _timed_out(raw, policy) from None
            except httpx.ConnectError as exc:
                raise FetchError(raw, f"could not connect to {current.host} ({exc})", retry=True) from None
            except httpx.HTTPError as exc:  # a broken response; the server may be mended
                raise FetchError(raw, f"the fetch failed ({type(exc).__name__}: {exc})", retry=True) from None
            except (httpx.InvalidURL, httpx.StreamError) as exc:
                raise FetchError(raw, f"the fetch failed ({type(exc).__name__}: {exc})") from None
    raise FetchError(raw, f"refused: too many redirects (more than {policy.max_redirects})")


def is_url(text: str) -> bool:
    """Whether a command-line argument is a web address rather than a path."""
    return text.strip().lower().startswith(("http://", "https://"))
