"""One exception tree for the whole pipeline.

    NewsroomError            exit code 2 unless a subclass says otherwise
    ├── InputError           bad input: a file that cannot be read or parsed
    ├── ConfigError          a broken newsroom.toml or command-line option
    └── ModelError           a machine-translation model cannot be found or installed

Every error carries the path and line it concerns where those are known, so
the command line can print ``path:line: message``.
"""

from __future__ import annotations

__all__ = ["NewsroomError", "InputError", "ConfigError", "ModelError"]


class NewsroomError(Exception):
    """Root of all errors raised on purpose by the pipeline."""

    exit_code = 2

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path if self.line is None else f"{self.path}:{self.line}"
            where += ": "
        return where + self.message


class InputError(NewsroomError):
    """An article, PO file or other input cannot be read or parsed."""


class ConfigError(NewsroomError):
    """The project configuration or a command-line option is wrong."""


class ModelError(NewsroomError):
    """A machine-translation model is missing or cannot be installed."""
