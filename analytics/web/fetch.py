"""Fetching one page from the web with the care an untrusted address needs.

Only ``http`` and ``https``; every hop of a redirect (at most :attr:`FetchPolicy.max_redirects`)
is checked again, so a public page cannot send the fetcher to ``file:`` or to an address inside
the user's network. A host is refused when any address it resolves to is not a global one
(private, loopback, link-local, shared, reserved, multicast, unspecified), unless the policy
allows private addresses (``--allow-private``, ``STRIKES_ALLOW_PRIVATE=1``); the address the
connection was actually made to is checked too, before the body is read (a name that resolves
to a public address for the check and a private one for the connection is still refused).
The connection and the whole fetch have time limits, the body a size cap (counted as it
streams: a ``Content-Length`` is never trusted), and only the content types of articles (HTML,
plain text, PDF) or of feeds are taken. Every refusal and failure is a :class:`FetchError` with
a sentence a user can act on; nothing partial is ever returned. Proxies from the environment
are not used (the address checks would see the proxy).
"""

from __future__ import annotations

import ipaddress
import os
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import httpx

from analytics.readers.limits import describe_bytes

#: Environment variable that lets the dashboard fetch private and loopback addresses.
ALLOW_PRIVATE_ENV = "STRIKES_ALLOW_PRIVATE"
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
_CHUNK = 64 * 1024

Resolver = Callable[[str, int], list[str]]


class FetchError(Exception):
    """A page that was not fetched: ``reason`` says why, in words."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


@dataclass(frozen=True)
class FetchPolicy:
    """The limits of a fetch."""

    connect_timeout: float = 10.0
    total_timeout: float = 30.0
    max_bytes: int = 20 * 1024 * 1024
    max_redirects: int = 5
    allow_private: bool = False
    user_agent: str = "strike-events-dashboard/1.0 (news reader)"

    @classmethod
    def from_env(cls, allow_private: bool | None = None) -> FetchPolicy:
        """The default policy; private addresses allowed when asked or when
        ``$STRIKES_ALLOW_PRIVATE`` is 1/true/yes."""
        if allow_private is None:
            allow_private = os.environ.get(ALLOW_PRIVATE_ENV, "").strip().lower() in ("1", "true", "yes")
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
    """Every address ``host`` resolves to."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def _not_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


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


def _check_host(url: httpx.URL, raw: str, policy: FetchPolicy, resolve: Resolver) -> None:
    if policy.allow_private:
        return
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        addresses = resolve(url.host, port)
    except (OSError, UnicodeError) as exc:
        raise FetchError(raw, f"the host {url.host} could not be found ({exc})") from None
    for address in addresses:
        if _not_public(address):
            raise _refused_private(raw, url.host, address)


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


def _body(response: httpx.Response, raw: str, policy: FetchPolicy, deadline: float) -> bytes:
    declared = response.headers.get("content-length", "")
    limit = describe_bytes(policy.max_bytes)
    if declared.isdigit() and int(declared) > policy.max_bytes:
        raise FetchError(raw, f"refused: the page is larger than the {limit} limit")
    parts: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes(_CHUNK):
        size += len(chunk)
        if size > policy.max_bytes:
            raise FetchError(raw, f"refused: the page is larger than the {limit} limit")
        if time.monotonic() > deadline:
            raise FetchError(raw, f"timed out: the page took longer than {policy.total_timeout:g} s")
        parts.append(chunk)
    return b"".join(parts)


def fetch(
    url: str,
    policy: FetchPolicy | None = None,
    *,
    accept: Accept = "article",
    resolve: Resolver = system_resolver,
    transport: httpx.BaseTransport | None = None,
) -> Fetched:
    """Fetch ``url`` under ``policy`` (see the module doc); :class:`FetchError` otherwise."""
    policy = policy or FetchPolicy.from_env()
    raw = url.strip()
    try:
        current = httpx.URL(raw)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise FetchError(raw, f"not a web address ({exc})") from None
    deadline = time.monotonic() + policy.total_timeout
    seen: set[str] = set()
    headers = {"User-Agent": policy.user_agent, "Accept": "*/*"}
    with httpx.Client(
        trust_env=False, follow_redirects=False, transport=transport, headers=headers
    ) as client:
        for _hop in range(policy.max_redirects + 1):
            _check_url(current, raw)
            _check_host(current, raw, policy, resolve)
            seen.add(str(current))
            left = deadline - time.monotonic()
            if left <= 0:
                raise FetchError(raw, f"timed out: the page took longer than {policy.total_timeout:g} s")
            timeout = httpx.Timeout(left, connect=min(policy.connect_timeout, left))
            try:
                with client.stream("GET", current, timeout=timeout) as response:
                    peer = _peer(response)
                    if peer and not policy.allow_private and _not_public(peer):
                        raise _refused_private(raw, current.host, peer)
                    if response.status_code in _REDIRECTS and "location" in response.headers:
                        target = current.join(response.headers["location"])
                        if str(target) in seen:
                            raise FetchError(raw, "refused: the address redirects in a loop")
                        current = target
                        continue
                    if response.status_code >= 400:
                        phrase = response.reason_phrase or ""
                        raise FetchError(
                            raw, f"the server answered HTTP {response.status_code} {phrase}".rstrip()
                        )
                    content_type = _content_type(response)
                    kind = _kind(content_type, accept, raw)
                    data = _body(response, raw, policy, deadline)
                    return Fetched(str(response.url), content_type, kind, data)
            except httpx.ConnectTimeout:
                raise FetchError(
                    raw, f"timed out: no connection within {policy.connect_timeout:g} s"
                ) from None
            except httpx.TimeoutException:
                raise FetchError(
                    raw, f"timed out: the page took longer than {policy.total_timeout:g} s"
                ) from None
            except httpx.ConnectError as exc:
                raise FetchError(raw, f"could not connect to {current.host} ({exc})") from None
            except httpx.HTTPError as exc:
                raise FetchError(raw, f"the fetch failed ({type(exc).__name__}: {exc})") from None
    raise FetchError(raw, f"refused: too many redirects (more than {policy.max_redirects})")


def is_url(text: str) -> bool:
    """Whether a command-line argument is a web address rather than a path."""
    return text.strip().lower().startswith(("http://", "https://"))
