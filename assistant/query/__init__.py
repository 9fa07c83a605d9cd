"""The typed query a question is understood as, and the check that it used the whole question."""
