"""`explainer deploy`: check, build and publish the site to a git branch (not written yet)."""

from __future__ import annotations

import argparse

from .errors import ExplainerError
from .project import Project


def run(project: Project, args: argparse.Namespace) -> int:
    raise ExplainerError("explainer deploy is not available yet")
