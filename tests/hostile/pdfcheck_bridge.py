"""The suite's PDF readers (tests/pdfcheck.py), for the hostile cases."""

from ..pdfcheck import squash, text  # noqa: F401
