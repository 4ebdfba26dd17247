"""``python -m build_scripts``: the ``explainer`` command without the installed script."""

from build_scripts.commands.cli import main

raise SystemExit(main())
