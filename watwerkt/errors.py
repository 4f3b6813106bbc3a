"""The one kind of error a user can fix: its message is complete, located and in Dutch.

Every command and the MkDocs adapter catch `UserError` and print its message with a non-zero
exit, never a traceback. Anything else escaping is a bug in the engine.
"""
from __future__ import annotations


class UserError(Exception):
    """Something the person running the command can fix; str(error) says what and where, in Dutch."""
