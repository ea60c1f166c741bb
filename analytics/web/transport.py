"""The connection under a fetch: to the addresses that were checked, within one deadline.

:mod:`analytics.web.fetch` resolves a host once and checks every address; this transport then
connects to those addresses and never looks the name up again, so a name that answers a public
address to the check and a private one to a second lookup (DNS rebinding) cannot steer the
connection. The request still carries the name (``Host`` header, TLS SNI and certificate check),
because httpcore takes those from the URL, not from the address connected to.

Every socket operation (connect, TLS handshake, each read and write) gets a timeout shrunk to
the time left before the fetch's deadline, so a server that trickles one byte a second, in the
headers or the body, is cut off at the deadline rather than holding the fetch as long as it likes
(httpx's own timeouts are per operation, and each trickled byte restarts them).
"""

from __future__ import annotations

import ssl
import time
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

SocketOption = Any  # httpcore's SOCKET_OPTION, passed through untouched


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every operation ends by the deadline."""

    def __init__(self, stream: httpcore.NetworkStream, deadline: float) -> None:
        self._stream = stream
        self._deadline = deadline

    def _left(self, timeout: float | None, error: type[Exception]) -> float:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise error("the deadline of the fetch has passed")
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        left = self._left(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, left), self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class PinnedBackend(httpcore.NetworkBackend):
    """Connects a host name only to the addresses :meth:`pin` gave it, before ``deadline``."""

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self._pins: dict[str, list[str]] = {}
        self._inner = httpcore.SyncBackend()

    def pin(self, host: str, addresses: list[str]) -> None:
        """The addresses ``host`` (as it appears in the URL, IDNA-encoded) may be connected to."""
        self._pins[host] = list(addresses)

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = self._pins.get(host)
        if not addresses:
            # a host the fetcher did not check: never connect to it by resolving it here
            raise httpcore.ConnectError(f"{host} was not checked before connecting")
        error: Exception = httpcore.ConnectError(f"no address of {host} answered")
        for address in addresses:  # in order, like a resolver's answer list
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise httpcore.ConnectTimeout("the deadline of the fetch has passed")
            wait = left if timeout is None else min(timeout, left)
            try:
                stream = self._inner.connect_tcp(address, port, wait, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
                continue
            return _DeadlineStream(stream, self.deadline)
        raise error

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class PinnedTransport(httpx.HTTPTransport):
    """httpx's own transport (its request and error mapping) over a :class:`PinnedBackend`."""

    def __init__(self, backend: PinnedBackend) -> None:
        super().__init__(trust_env=False)
        # HTTPTransport builds its pool without a way to pass a network backend: rebuild it with
        # the same TLS defaults (certifi's roots, hostname checks) and the pinned backend.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            network_backend=backend,
        )
