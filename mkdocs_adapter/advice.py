"""Loggers for advice that must be seen but must not fail a `mkdocs build --strict`.

MkDocs' strict mode counts warnings sent to the "mkdocs" logger tree. An overdue page review or an
unreadable link history is worth telling the editor about, yet the site itself is fine, so these
loggers sit outside that tree and print in MkDocs' own format, on standard output (MkDocs logs on
standard error), so that engine.py can list only the warnings that stopped a strict build.
"""
from __future__ import annotations

import logging
from contextlib import contextmanager
import sys


def advisory_logger(name: str) -> logging.Logger:
    logger = logging.getLogger(f"safeguarding.{name}")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stdout)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
    return logger


@contextmanager
def as_plugin_error():
    """The core's plain BuildProblem (and bad data, DataErrors) shown as MkDocs shows a plugin's error: the
    message alone, with no traceback."""
    from mkdocs.exceptions import PluginError

    from safeguarding_site.errors import BuildProblem, DataErrors

    try:
        yield
    except (BuildProblem, DataErrors) as exc:
        raise PluginError(str(exc)) from None
