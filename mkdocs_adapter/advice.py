"""Loggers for advice that must be seen but must not fail a `mkdocs build --strict`.

MkDocs' strict mode counts warnings sent to the "mkdocs" logger tree. An overdue page review or an
unreadable link history is worth telling the editor about, yet the site itself is fine, so these
loggers sit outside that tree and print in MkDocs' own format, on standard output (MkDocs logs on
standard error), so that engine.py can list only the warnings that stopped a strict build.
"""
from __future__ import annotations

import logging
import sys


def advisory_logger(name: str) -> logging.Logger:
    logger = logging.getLogger(f"safeguarding.{name}")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stdout)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
    return logger
