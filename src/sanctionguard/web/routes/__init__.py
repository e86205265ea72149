"""The UI's routers: sign-in, alerts and decisions, screening runs, lists and search."""
