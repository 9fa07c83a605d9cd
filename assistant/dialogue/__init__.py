"""Dialogue state as queries: follow-ups inherit what they do not say from earlier results."""
