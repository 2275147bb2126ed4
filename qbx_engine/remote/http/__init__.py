"""The HTTP API and the TradingView alert receiver (FastAPI on uvicorn), beside the dashboard's one Engine.

:mod:`.api` serves the bots, the account and the mentor to programs on this computer (Bearer token);
:mod:`.alerts` receives TradingView's webhooks for alert bots, and is what a tunnel exposes; :mod:`.server`
runs both on their own threads and ports. See the README's "HTTP API" and "TradingView alerts".
"""

from .alerts import build_alerts
from .api import build_api
from .server import RemoteHttp

__all__ = ["RemoteHttp", "build_alerts", "build_api"]
