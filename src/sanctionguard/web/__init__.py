"""The analysts' web UI: server-rendered pages over the snapshot store and the case service.

``create_web_app`` builds the FastAPI application; it runs on its own (``sanctionguard ui``)
or mounted inside the API server, and every URL it renders is relative to its root path.
"""

from sanctionguard.web.app import create_web_app
from sanctionguard.web.settings import WebSettings

__all__ = ["WebSettings", "create_web_app"]
