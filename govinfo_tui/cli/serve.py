"""`govinfo serve`: the app in a browser, for whoever holds the address it prints, and nobody else.

textual-serve has no login and no Origin check, and on a shared server 127.0.0.1 is reachable by
every local account (review S1). This subclass of its Server adds, as aiohttp middleware on
every route:
- a secret token: `?token=...` in the printed address, then a cookie (HttpOnly, SameSite=Strict)
  so the page's script, stylesheet, WebSocket and downloads carry it;
- on the WebSocket, an `Origin` that must be this server's own: a web page elsewhere that the
  owner has open cannot drive the app (cross-site WebSocket hijacking);
- a page template of its own that loads nothing from the internet (textual-serve's asks Google
  for a font), and a Content-Security-Policy that keeps it so.
What each session records as is fixed by the command it runs, chosen at start; the browser sends
keys and sizes only.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import os
import secrets
from pathlib import Path
from urllib.parse import quote, urlsplit

from aiohttp import web
from aiohttp.typedefs import Handler
from textual_serve.server import Server

from ..core.errors import GovinfoError
from ..i18n import t

TOKEN_ENV = "GOVINFO_SERVE_TOKEN"
MIN_TOKEN = 16
PAGE = Path(__file__).with_name("serve_page")


class ServeError(GovinfoError):
    """A server that would not be safe to start."""


def choose_token(given: str | None) -> str:
    """--token, else $GOVINFO_SERVE_TOKEN, else a new random one. The variable is taken out of the
    environment, which the app processes inherit: they have no use for it."""
    from_env = os.environ.pop(TOKEN_ENV, None)
    token = given or from_env or secrets.token_urlsafe(24)
    if len(token) < MIN_TOKEN:
        raise ServeError("serve.short_token", min=MIN_TOKEN)
    return token


def origin_of(url: str) -> str:
    """`scheme://host[:port]` as a browser sends it in `Origin` (no default port, lower case)."""
    parts = urlsplit(url)
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    default = {"http": 80, "https": 443}.get(scheme)
    return f"{scheme}://{host}" if port in (None, default) else f"{scheme}://{host}:{port}"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class GuardedServer(Server):
    """textual-serve's Server behind a token and an Origin check (see the module docstring)."""

    def __init__(
        self,
        command: str,
        host: str,
        port: int,
        title: str,
        *,
        token: str,
        public_url: str | None,
        by: str,
    ) -> None:
        super().__init__(command, host=host, port=port, title=title, public_url=public_url, templates_path=PAGE)
        self.token = token
        self.by = by
        self.fixed_origin = origin_of(public_url) if public_url else None
        # named after the token, so two servers on one host (ports do not separate cookies) keep theirs
        self.cookie = "govinfo-" + hashlib.sha256(token.encode()).hexdigest()[:12]
        self.secure = self.public_url.startswith("https:")
        socket = "ws" + origin_of(self.public_url)[len("http") :]  # http -> ws, https -> wss
        self.policy = (
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            f"font-src 'self'; connect-src 'self' {socket}; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
        )

    @property
    def address(self) -> str:
        return f"{self.public_url.rstrip('/')}/?token={quote(self.token, safe='')}"

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._guard)
        return app

    def _expected_origin(self, request: web.Request) -> str:
        """Behind a proxy, the public address's. Otherwise the one the browser asked for (localhost
        and 127.0.0.1 alike): a page elsewhere sends its own Origin, and a page whose name was
        rebound to this machine to match has none of our cookies."""
        return self.fixed_origin or f"{request.scheme}://{request.host}".lower()

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        offered = request.query.get("token") or request.cookies.get(self.cookie, "")
        if not hmac.compare_digest(offered.encode(), self.token.encode()):
            raise web.HTTPForbidden(text=t("serve.no_token"))
        if request.match_info.route.name == "websocket":
            origin = request.headers.get("Origin", "")
            if origin.lower() != self._expected_origin(request):
                raise web.HTTPForbidden(text=t("serve.bad_origin", origin=origin or "-"))
        response: web.StreamResponse = await handler(request)
        if not response.prepared:  # a WebSocket or a download has sent its headers already
            if "token" in request.query:
                response.set_cookie(
                    self.cookie, self.token, httponly=True, samesite="Strict", secure=self.secure, path="/"
                )
            response.headers["Content-Security-Policy"] = self.policy
            response.headers["Referrer-Policy"] = "no-referrer"
        return response

    async def on_startup(self, app: web.Application) -> None:
        self.console.print(t("serve.started", by=self.by, address=self.address), markup=False, highlight=False)
