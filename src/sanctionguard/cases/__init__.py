"""Cases: the customer book, recorded screening runs, alerts with four-eyes decisions, the
allowlist, users with roles and the hash-chained audit log. ``CaseService`` is the entry point."""
