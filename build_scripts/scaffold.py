"""`explainer new`: start a new explainer project from an article (not written yet)."""

from __future__ import annotations

import argparse

from .errors import ExplainerError


def run(args: argparse.Namespace) -> int:
    raise ExplainerError("explainer new is not available yet")
