"""The screening service: a yente-compatible REST API with API keys, rate limits and metrics.

``app.create_app`` builds the FastAPI application from typed settings; ``holder`` keeps the
compiled index of the current snapshot and swaps in a new one atomically; ``routers`` hold the
endpoints, one module per resource.
"""
