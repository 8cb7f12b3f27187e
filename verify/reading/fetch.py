"""Fetch one web page: the only code in the project that talks to the network.

    fetched = fetch("https://www.example.com/article")
    fetched.final_url, fetched.content_type, fetched.charset, len(fetched.body)

Everything that can go wrong raises ``FetchError`` with a one-line message that names the URL,
the problem and what to do ("https://x/y: HTTP 404 Not Found — check the address"). The
safeguards, each because a fact-checker's notebook must never hang or fill the memory:

- connect and read timeouts, and an overall ``deadline`` for the whole fetch, so a server that
  trickles a byte a second cannot hold the notebook forever;
- the body is streamed and reading stops past ``max_bytes`` (a 50 MB page is refused after
  ``max_bytes``, not downloaded);
- redirects are followed by hand, at most ``max_redirects``, and a loop is named as a loop;
- only server errors (5xx) and timeouts are retried, ``retries`` times, with exponential backoff;
  a 404 will not get better by asking again;
- the content type is checked before the body is read: a PDF or an image is not an article;
- the SSRF guard (``fetch_guard``): before every connection, redirects included, the host's
  addresses are resolved (under the connect timeout and the deadline) and checked; loopback,
  private, link-local and other non-public addresses are refused unless ``allow_private`` or
  ``VERIFY_ALLOW_PRIVATE_FETCH=1`` allows them, and the socket connects to the address checked.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from email.message import Message
from http import HTTPStatus
from urllib.parse import urljoin, urlsplit

import requests
import urllib3

from .. import settings
from ..errors import FetchError
from .fetch_guard import (ALLOW_PRIVATE_ENV, AddressPolicy, AddressRefused, GuardedAdapter,
                          LookupTimedOut, checked_addresses)

USER_AGENT = "verify-workbench/0.1 (+fact-checking tool)"
"""Sent with every request, so site owners can see who is asking and why."""

_ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1"
_REDIRECTS = (301, 302, 303, 307, 308)
_CHUNK = 64 * 1024
_PORTS = {"http": 80, "https": 443}
_OFFLINE_HINT = "try again later, or save the page from a browser and load the file"


@dataclass(frozen=True)
class Fetched:
    """A fetched page: the bytes as the server sent them, and what the server said about them."""

    url: str
    """The URL as asked for."""
    final_url: str
    """The URL the page came from after following redirects (== ``url`` when there were none)."""
    status: int
    """The HTTP status of the final response (2xx: any other status raises FetchError)."""
    content_type: str
    """The media type from the Content-Type header, lower case, without parameters
    ("text/html"); empty when the server sent none."""
    charset: str
    """The charset named by the Content-Type header, lower case ("utf-8", "iso-8859-1"); empty
    when the header names none. The page's own ``<meta charset>`` is read by
    ``loading.decode``, not here."""
    body: bytes
    """The response body, decompressed (gzip/deflate), at most ``max_bytes`` long."""
    elapsed: float
    """Seconds from the first request to the last byte, retries and redirects included."""


def fetch(url: str, *, timeout: tuple[float, float] | None = None, max_bytes: int | None = None,
          max_redirects: int | None = None, retries: int | None = None,
          backoff: float | None = None, session: requests.Session | None = None,
          accept_types=("text/", "application/xhtml"), deadline: float | None = None,
          allow_private: bool | Collection[str] | None = None,
          resolver: Callable[[str, int], list] | None = None) -> Fetched:
    """Fetch ``url`` (http or https) and return its body; raise FetchError on any failure.

    ``timeout`` is (connect, read) in seconds; the read timeout is the longest silence allowed
    between two packets. ``deadline`` caps the whole fetch in seconds (retries, redirects and a
    slow body included). A limit left out (None) is the current setting (``verify.settings``:
    ``fetch_connect_timeout`` and ``fetch_read_timeout``, ``fetch_deadline``,
    ``fetch_max_bytes``, ``fetch_max_redirects``, ``fetch_retries``, ``fetch_retry_pause`` for
    ``backoff``). ``accept_types`` are the content-type prefixes taken as a web page; a
    response with no Content-Type is accepted (the loader sniffs it). ``session`` lets a caller
    reuse connections or swap in canned responses in tests.

    ``allow_private`` lets the fetch reach loopback, private and link-local addresses: True for
    all, a set of host names for those hosts only (a newsroom's own archive); None (the
    default) allows them only when the environment has ``VERIFY_ALLOW_PRIVATE_FETCH=1``.
    ``resolver(host, port)`` returns a host's IP addresses instead of the system's name lookup
    (tests map names without DNS).
    """
    _check_scheme(url, url)
    limits = settings.current()  # read once: one fetch keeps one set of limits
    if timeout is None:
        timeout = (limits.fetch_connect_timeout, limits.fetch_read_timeout)
    max_bytes = limits.fetch_max_bytes if max_bytes is None else max_bytes
    max_redirects = limits.fetch_max_redirects if max_redirects is None else max_redirects
    retries = limits.fetch_retries if retries is None else retries
    backoff = limits.fetch_retry_pause if backoff is None else backoff
    deadline = limits.fetch_deadline if deadline is None else deadline
    started = time.monotonic()
    stop_at = started + deadline
    policy = AddressPolicy.from_argument(allow_private, resolver)
    own_session = session is None
    if own_session:
        session = requests.Session()
        guarded = GuardedAdapter(policy)
        session.mount("http://", guarded)
        session.mount("https://", guarded)
    hop = _Hop(session, url, timeout, stop_at, deadline, policy, guarded_session=own_session)
    try:
        for attempt in range(retries + 1):
            try:
                final_url, response = _follow_redirects(hop, max_redirects)
                with response:
                    content_type, charset = _content_type(response)
                    _check_type(url, content_type, accept_types)
                    body = _read_capped(url, response, max_bytes, stop_at, deadline)
                return Fetched(url=url, final_url=final_url, status=response.status_code,
                               content_type=content_type, charset=charset, body=body,
                               elapsed=time.monotonic() - started)
            except _Retryable as problem:
                pause = backoff * 2 ** attempt
                if attempt == retries or time.monotonic() + pause >= stop_at:
                    tries = f" (after {attempt + 1} tries)" if attempt else ""
                    raise FetchError(f"{url}: {problem.what}{tries} — {problem.fix}",
                                     source=url, status=problem.status) from None
                time.sleep(pause)
    finally:
        if own_session:
            session.close()
    raise AssertionError("unreachable: the loop returns or raises")  # pragma: no cover


class _Retryable(Exception):
    """A failure worth asking again about: a server error (5xx) or a timeout."""

    def __init__(self, what: str, fix: str, status: int | None = None):
        super().__init__(what)
        self.what, self.fix, self.status = what, fix, status


def _check_scheme(asked: str, url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        where = "" if url == asked else f" (redirected to {url})"
        raise FetchError(f"{asked}: not an http(s) address{where} — give a URL that starts "
                         "with https:// or http://", source=asked)


@dataclass(frozen=True)
class _Hop:
    """What every request of one fetch shares."""

    session: requests.Session
    url: str
    """The URL as asked for: every message names it."""
    timeout: tuple[float, float]
    stop_at: float
    deadline: float
    policy: AddressPolicy
    guarded_session: bool
    """True when the session's own connections check their address (fetch made it)."""


def _follow_redirects(hop: _Hop, max_redirects: int):
    """GET the URL, following redirects by hand so a loop can be named, the deadline holds and
    every hop's address is checked.

    Returns (final URL, streamed response with a 2xx status).
    """
    session, url = hop.session, hop.url
    headers = {"Accept": _ACCEPT}
    # a caller's session that names its own agent keeps it; requests' default is replaced
    if session.headers.get("User-Agent", "python-requests").startswith("python-requests"):
        headers["User-Agent"] = USER_AGENT
    chain = [url]
    current = url
    while True:
        response = _get(hop, current, headers)
        if response.status_code not in _REDIRECTS:
            break
        location = response.headers.get("Location", "")
        response.close()
        if not location:
            raise FetchError(f"{url}: HTTP {response.status_code} redirect without a Location "
                             "— the site is broken; open it in a browser",
                             source=url, status=response.status_code)
        current = urljoin(current, location)
        _check_scheme(url, current)
        if current in chain:
            loop = " -> ".join(chain[chain.index(current):] + [current])
            raise FetchError(f"{url}: redirects in a loop ({loop}) — open it in a browser to "
                             "find the page's real address", source=url,
                             status=response.status_code)
        chain.append(current)
        if len(chain) > max_redirects + 1:
            raise FetchError(f"{url}: more than {max_redirects} redirects (last: {current}) — "
                             "open it in a browser to find the page's real address",
                             source=url, status=response.status_code)
    _check_status(url, response)
    return current, response


def _get(hop: _Hop, current: str, headers: dict):
    """One GET, its connection errors turned into FetchError (or _Retryable for timeouts)."""
    url = hop.url
    left = hop.stop_at - time.monotonic()
    if left <= 0:
        raise _deadline_passed(url, hop.deadline)
    connect, read = hop.timeout
    # never wait past the deadline for the first byte either (nor for the name lookup)
    timeout = (min(connect, left), min(read, left))
    try:
        if not hop.guarded_session or _proxied(hop.session, current):
            # the connection is not ours to check (a caller's session, or a proxy that
            # connects for us): check the page's host before anything is sent
            _check_host_first(current, hop, timeout[0])
        return hop.session.get(current, headers=headers, timeout=timeout, stream=True,
                               allow_redirects=False)
    except AddressRefused as refused:
        where = "" if current == url else f" (redirected to {current})"
        raise FetchError(f"{url}: {refused.describe()}{where}; pages on this machine, private "
                         "networks and cloud metadata addresses are not fetched — give the "
                         "page's public address, or, if you trust this address, pass "
                         f"allow_private=True (or set {ALLOW_PRIVATE_ENV}=1)",
                         source=url) from None
    except LookupTimedOut as stuck:
        raise FetchError(f"{url}: the name lookup for {stuck.host} gave no answer within "
                         f"{_secs(stuck.seconds)} — check your connection (DNS), or save the "
                         "page from a browser and load the file", source=url) from None
    except socket.gaierror:
        raise FetchError(f"{url}: host not found — check the address and your connection",
                         source=url) from None
    except requests.exceptions.ConnectTimeout:
        raise _Retryable(f"could not connect within {_secs(timeout[0])} (connect timeout)",
                         _OFFLINE_HINT) from None
    except requests.exceptions.ReadTimeout:
        raise _Retryable(f"no answer within {_secs(timeout[1])} (read timeout)",
                         "try again or save the page and load the file") from None
    except requests.exceptions.SSLError:
        raise FetchError(f"{url}: the secure connection failed (certificate problem) — open it "
                         "in a browser, save the page and load the file", source=url) from None
    except requests.exceptions.ConnectionError as err:
        if "more than 100 headers" in str(err):  # http.client's limit: not a silent server
            raise FetchError(f"{url}: the server sent too many headers (over 100, more than "
                             "any real page needs) — open it in a browser, save the page and "
                             "load the file", source=url) from None
        raise FetchError(f"{url}: {_connection_problem(err)} — check the address and your "
                         "connection", source=url) from None
    except requests.exceptions.InvalidURL:
        raise FetchError(f"{url}: not a valid web address — check it", source=url) from None
    except requests.exceptions.RequestException as err:
        raise FetchError(f"{url}: the request failed ({type(err).__name__}) — "
                         f"{_OFFLINE_HINT}", source=url) from None


def _check_host_first(current: str, hop: _Hop, seconds: float) -> None:
    """Resolve and check the host of ``current`` before the request is handed over."""
    parts = urlsplit(current)
    port = parts.port or _PORTS[parts.scheme.lower()]
    try:
        checked_addresses(parts.hostname or "", port, hop.policy, seconds)
    except socket.gaierror:
        host = parts.hostname or ""
        # Behind a proxy, only the proxy may know the name, but then nothing here can see where
        # it leads (an intranet name is exactly such a name): fail closed unless allowed.
        if hop.guarded_session and hop.policy.allows_private(host):
            return
        if hop.guarded_session:
            raise FetchError(
                f"{hop.url}: cannot check where {host} leads: the name does not resolve on this "
                "machine and the proxy would fetch it unchecked (it could be an internal "
                f"address) — if it is a public site, allow it with allow_private={{{host!r}}} "
                "or VERIFY_ALLOW_PRIVATE_FETCH=1", source=hop.url) from None
        raise


def _proxied(session: requests.Session, url: str) -> bool:
    """Whether requests would send ``url`` through a proxy (HTTP(S)_PROXY, or the session's)."""
    proxies = session.merge_environment_settings(url, {}, None, None, None)["proxies"]
    return bool(requests.utils.select_proxy(url, proxies))


def _connection_problem(err: Exception) -> str:
    text = str(err)
    if "NameResolution" in text or "Name or service not known" in text or \
            "nodename nor servname" in text or "getaddrinfo" in text:
        return "host not found"
    if "Connection refused" in text or "Errno 111" in text:
        return "the server refused the connection"
    if "RemoteDisconnected" in text or "Connection aborted" in text:
        return "the server closed the connection without answering"
    return "could not connect"


def _check_status(url: str, response) -> None:
    status = response.status_code
    if 200 <= status < 300:
        return
    response.close()
    try:
        reason = HTTPStatus(status).phrase
    except ValueError:
        reason = response.reason or ""
    what = f"HTTP {status} {reason}".rstrip()
    if status >= 500:
        raise _Retryable(what, f"the site is failing; {_OFFLINE_HINT}", status)
    if status in (401, 403):
        fix = "the site refuses automated access; open it in a browser, save the page and load the file"
    elif status == 429:
        fix = "the site asks to slow down; wait a minute and try again"
    elif status == 410:
        fix = "the page was removed; look for an archived copy (e.g. web.archive.org)"
    else:
        fix = "check the address"
    raise FetchError(f"{url}: {what} — {fix}", source=url, status=status)


def _content_type(response) -> tuple[str, str]:
    """("text/html", "utf-8") from the Content-Type header; empty strings when absent."""
    header = response.headers.get("Content-Type", "")
    if not header:
        return "", ""
    msg = Message()
    msg["Content-Type"] = header
    charset = msg.get_param("charset") or ""
    if isinstance(charset, tuple):  # RFC 2231 form
        charset = charset[2]
    return msg.get_content_type().lower(), str(charset).strip().strip('"').lower()


def _check_type(url: str, content_type: str, accept_types) -> None:
    if not content_type or content_type.startswith(tuple(accept_types)):
        return
    raise FetchError(f"{url}: sends {content_type}, not a web page: download it and export its "
                     "text (or copy the article's text), then load the text file", source=url,
                     status=200)


def _read_capped(url: str, response, max_bytes: int, stop_at: float, deadline: float) -> bytes:
    """The body, read a piece at a time: stop past ``max_bytes`` or at the deadline."""
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise _too_large(url, f"is {_mb(int(length))}", max_bytes)
    body = bytearray()
    try:
        for piece in _pieces(response):
            body += piece
            if len(body) > max_bytes:
                raise _too_large(url, f"sends more than {_mb(max_bytes)}", max_bytes)
            if time.monotonic() > stop_at:
                raise _deadline_passed(url, deadline)
    except (urllib3.exceptions.ReadTimeoutError, requests.exceptions.ConnectionError,
            TimeoutError) as err:
        if isinstance(err, requests.exceptions.ConnectionError) and "timed out" not in str(err):
            raise FetchError(f"{url}: the connection broke while the page was arriving — "
                             f"{_OFFLINE_HINT}", source=url) from None
        raise _Retryable("the page stopped arriving (read timeout)",
                         "try again or save the page and load the file") from None
    except (urllib3.exceptions.HTTPError, requests.exceptions.RequestException) as err:
        raise FetchError(f"{url}: the page arrived broken ({type(err).__name__}) — "
                         f"{_OFFLINE_HINT}", source=url) from None
    return bytes(body)


def _pieces(response):
    """Yield the decompressed body in pieces as they arrive.

    urllib3's read1 returns after one socket read, so the caller checks the deadline even when
    the server trickles a byte at a time; iter_content would wait for a whole chunk. A swapped-in
    response without read1 (canned responses in tests) falls back to iter_content.
    """
    read1 = getattr(response.raw, "read1", None)
    if read1 is None:
        yield from response.iter_content(_CHUNK)
        return
    while piece := read1(_CHUNK, decode_content=True):
        yield piece


def _too_large(url: str, what: str, max_bytes: int) -> FetchError:
    return FetchError(f"{url}: {what}; pages over {max_bytes / 1_000_000:g} MB are refused — save the "
                      "article's text and load the file, or raise max_bytes", source=url,
                      status=200)


def _deadline_passed(url: str, deadline: float) -> FetchError:
    # not retried: a trickling server would only eat the same time again
    return FetchError(f"{url}: not complete after {_secs(deadline)} (the overall deadline) — the "
                      "server is too slow; save the page from a browser and load the file",
                      source=url)


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def _secs(s: float) -> str:
    return f"{s:g} s"
