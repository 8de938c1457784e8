"""Error types. Every failure a user can fix carries file, line, column, field and a hint."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem in an input file."""

    file: str
    line: int
    col: int
    field: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}:{self.col}: {self.field or '(file)'}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


@dataclass(frozen=True, order=True)
class InputWarning(Problem):
    """Something in an input that is allowed but probably not meant (a starter's placeholder left in).

    Printed like a problem, marked ``warning:``; the input still loads and builds.
    """

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}:{self.col}: {self.field or '(file)'}: warning: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class ReporterError(Exception):
    """Base of every error the CLI reports without a traceback."""

    def lines(self) -> list[str]:
        return [str(self)]


class InputError(ReporterError):
    """One or more problems in an input file (assessment, content pack, theme)."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]


class ContentError(InputError):
    """The content pack is invalid (same shape as any other bad input)."""


class RenderError(ReporterError):
    """A document could not be rendered (blocked fetch, layout that cannot fit, renderer warning)."""

    def __init__(self, document: str, message: str):
        self.document = document
        self.message = message
        super().__init__(f"{document}: {message}")


class UsageError(ReporterError):
    """The command line itself is wrong (exit code 2)."""
