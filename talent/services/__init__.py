"""Use cases: a session in, domain objects out, domain errors raised. No HTTP here."""
