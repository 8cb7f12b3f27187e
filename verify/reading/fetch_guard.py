"""Which addresses a fetch may connect to: the SSRF guard of ``fetch.fetch`` (docs/design.md,
"Fetching").

Served to others (Voilà), the workbench fetches any address a user types. Without a guard that
user could make the server read its own admin pages (127.0.0.1), the office network (10.x,
192.168.x) or the cloud's metadata service (169.254.169.254) and get the answer back as a
"source". So, before every connection, redirects included:

- the host name is resolved here, once, under the connect timeout (a name lookup that never
  answers cannot hold the notebook);
- every address it resolves to is checked: loopback, private, link-local, unspecified,
  shared (carrier-grade NAT), multicast, reserved and any other non-public address is refused,
  IPv4-mapped IPv6 forms (::ffff:127.0.0.1) included;
- the socket connects to an address that was checked, never to a second lookup's answer, so a
  name that answers "public" to the check and "127.0.0.1" to the connect (DNS rebinding) gets
  nowhere.

The caller may allow private addresses: ``allow_private=True``, or a set of host names (a
newsroom's own archive server), or the environment variable ``VERIFY_ALLOW_PRIVATE_FETCH=1``
(the project's tests against 127.0.0.1 set it).
"""

from __future__ import annotations

import ipaddress
import os
import socket
import sys
import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass

import requests.adapters
import urllib3.connection
import urllib3.connectionpool
from urllib3.util.connection import allowed_gai_family

ALLOW_PRIVATE_ENV = "VERIFY_ALLOW_PRIVATE_FETCH"
"""Set to "1" to let fetches reach private addresses (the project's own tests do)."""

Resolver = Callable[[str, int], list]
"""``resolver(host, port)`` -> the IP addresses (strings) the host name stands for."""

_SHARED = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT: an ISP's private space


class AddressRefused(Exception):
    """A host resolves to an address the policy refuses. Not an OSError on purpose: urllib3
    and requests must not take it for a network failure to retry or rename."""

    def __init__(self, host: str, address: str, reason: str):
        super().__init__(f"{host} -> {address}: {reason}")
        self.host, self.address, self.reason = host, address, reason

    def describe(self) -> str:
        """"localhost resolves to 127.0.0.1, a loopback address (this machine)"."""
        if _is_address(self.host):
            return f"{self.address} is {self.reason}"
        return f"{self.host} resolves to {self.address}, {self.reason}"


class LookupTimedOut(Exception):
    """The name lookup gave no answer within the time allowed."""

    def __init__(self, host: str, seconds: float):
        super().__init__(f"the name lookup for {host} gave no answer within {seconds:g} s")
        self.host, self.seconds = host, seconds


@dataclass(frozen=True)
class AddressPolicy:
    """What a fetch may connect to."""

    allow_all: bool = False
    """Private addresses allowed everywhere."""
    allowed_hosts: frozenset = frozenset()
    """Host names (as written in the URL, lower case) allowed to be private."""
    resolver: Resolver | None = None
    """Maps a host name to its addresses instead of the system's lookup (tests, no DNS)."""

    @classmethod
    def from_argument(cls, allow_private: bool | Collection[str] | None,
                      resolver: Resolver | None = None) -> "AddressPolicy":
        """The policy for ``fetch(allow_private=...)``: None defers to the environment."""
        if allow_private is None:
            allow_private = os.environ.get(ALLOW_PRIVATE_ENV, "") == "1"
        if isinstance(allow_private, bool):
            return cls(allow_all=allow_private, resolver=resolver)
        if isinstance(allow_private, str):  # one host name, not a set of its letters
            allow_private = [allow_private]
        hosts = frozenset(str(h).strip("[]").lower() for h in allow_private)
        return cls(allowed_hosts=hosts, resolver=resolver)

    def allows_private(self, host: str) -> bool:
        return self.allow_all or host.strip("[]").lower() in self.allowed_hosts


def refusal_reason(address: str) -> str | None:
    """Why ``address`` may not be fetched without permission ("a loopback address (this
    machine)"), or None for a public internet address."""
    ip = ipaddress.ip_address(address.split("%")[0])  # "fe80::1%eth0": the zone is no part of it
    if ip.version == 6:
        # ::ffff:127.0.0.1 reaches 127.0.0.1, and 6to4's 2002:7f00:1:: routes to it
        ip = ip.ipv4_mapped or ip.sixtofour or ip
    if ip.is_loopback:
        return "a loopback address (this machine)"
    if ip.is_unspecified:
        return "the unspecified address (this machine)"
    if ip.is_link_local:
        return "a link-local address (where cloud metadata services answer)"
    if ip.version == 4 and ip in _SHARED:
        return "a shared address (carrier-grade NAT, a provider's private network)"
    if ip.is_multicast:
        return "a multicast address"
    if ip.is_reserved:  # before is_private, which counts 240.0.0.0/4 in too
        return "a reserved address"
    if ip.is_private:
        return "a private network address"
    if not ip.is_global:
        return "not a public internet address"
    return None


def checked_addresses(host: str, port: int, policy: AddressPolicy,
                      timeout: float | None) -> list[tuple]:
    """Resolve ``host`` and check every address it gives: [(family, sockaddr), ...] to
    connect to, in order. Raises AddressRefused when any is refused (one private answer is
    enough: a connect could land on it), LookupTimedOut, or socket.gaierror for an unknown
    name."""
    bare = host.strip("[]")
    found = _lookup(bare, port, policy.resolver, timeout)
    if not found:
        raise socket.gaierror(socket.EAI_NONAME, f"{bare}: no address")
    if not policy.allows_private(bare):
        for _family, sockaddr in found:
            reason = refusal_reason(sockaddr[0])
            if reason:
                raise AddressRefused(bare, sockaddr[0], reason)
    return found


def _lookup(host: str, port: int, resolver: Resolver | None, timeout: float | None) -> list:
    """getaddrinfo, waited for at most ``timeout`` seconds: no socket timeout covers a name
    lookup, and a stuck resolver must not hold the notebook."""
    try:
        return within(timeout, lambda: _resolve(host, port, resolver), name=f"lookup {host}")
    except TimeoutError:
        raise LookupTimedOut(host, timeout or 0.0) from None


def within(seconds: float | None, call: Callable, *, name: str = "verify worker"):
    """``call()`` in a worker thread, waited for at most ``seconds`` (None: for ever): its
    result, or its exception raised here, or ``TimeoutError`` when it is still running then.
    What no timeout covers (a name lookup, a fetcher of the caller's) cannot hang the notebook;
    a call given up on finishes in the background and its result is dropped."""
    outcome: dict = {}

    def run():
        try:
            outcome["result"] = call()
        except BaseException as err:  # noqa: BLE001 - handed to the caller's thread
            outcome["error"] = err

    worker = threading.Thread(target=run, name=name, daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise TimeoutError(f"{name}: still running after {seconds} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def _resolve(host: str, port: int, resolver: Resolver | None) -> list[tuple]:
    names = [host] if resolver is None else list(resolver(host, port) or [])
    found = []
    for name in names:
        # numeric answers (from the hook) are only parsed, never looked up
        flags = 0 if resolver is None else socket.AI_NUMERICHOST
        for family, _type, _proto, _name, sockaddr in socket.getaddrinfo(
                name, port, allowed_gai_family(), socket.SOCK_STREAM, flags=flags):
            found.append((family, sockaddr))
    return found


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


# --- the connection that checks before it connects -------------------------------------------

class _GuardedConnectionMixin:
    """Replaces urllib3's _new_conn: resolve, check, connect to a checked address."""

    policy: AddressPolicy = AddressPolicy()

    def _new_conn(self) -> socket.socket:
        try:
            found = checked_addresses(self._dns_host, self.port, self.policy,
                                      _seconds(self.timeout))
        except socket.gaierror as err:
            raise urllib3.exceptions.NameResolutionError(self.host, self, err) from err
        problem = None
        for family, sockaddr in found:
            sock = socket.socket(family, socket.SOCK_STREAM)
            try:
                for option in self.socket_options or ():
                    sock.setsockopt(*option)
                if self.timeout is not None and _seconds(self.timeout) is not None:
                    sock.settimeout(self.timeout)
                if self.source_address:
                    sock.bind(self.source_address)
                sock.connect(sockaddr)
            except OSError as err:
                sock.close()
                problem = err
                continue
            sys.audit("http.client.connect", self, self.host, self.port)
            return sock
        if isinstance(problem, TimeoutError):
            raise urllib3.exceptions.ConnectTimeoutError(
                self, f"Connection to {self.host} timed out. (connect timeout={self.timeout})")
        raise urllib3.exceptions.NewConnectionError(
            self, f"Failed to establish a new connection: {problem}")


def _seconds(timeout) -> float | None:
    return timeout if isinstance(timeout, (int, float)) else None


class GuardedAdapter(requests.adapters.HTTPAdapter):
    """A requests adapter whose connections check their address first (see the module
    docstring). Connections through a proxy are not guarded here (the proxy connects, and
    resolves the name itself): ``fetch`` checks the page's host before asking the proxy."""

    def __init__(self, policy: AddressPolicy, **kwargs):
        self.policy = policy
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        policy = self.policy
        http_conn = type("GuardedHTTPConnection",
                         (_GuardedConnectionMixin, urllib3.connection.HTTPConnection),
                         {"policy": policy})
        https_conn = type("GuardedHTTPSConnection",
                          (_GuardedConnectionMixin, urllib3.connection.HTTPSConnection),
                          {"policy": policy})
        http_pool = type("GuardedHTTPConnectionPool",
                         (urllib3.connectionpool.HTTPConnectionPool,), {"ConnectionCls": http_conn})
        https_pool = type("GuardedHTTPSConnectionPool",
                          (urllib3.connectionpool.HTTPSConnectionPool,),
                          {"ConnectionCls": https_conn})
        # an instance attribute: other sessions' pool managers keep urllib3's own classes
        self.poolmanager.pool_classes_by_scheme = {"http": http_pool, "https": https_pool}
