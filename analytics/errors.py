"""The project's own errors. Bad input raises InputError, never anything else."""

from __future__ import annotations


class InputError(Exception):
    """A file (or upload) that cannot be read as articles, with a one-line reason for the user."""

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason
