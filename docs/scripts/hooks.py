"""MkDocs hooks: the pages generated at build time, never typed by hand.

- `cli.md`: the CLI reference, from the Typer app (`cli_reference.py`);
- `accuracy.md`: `sitrep eval` on the shared corpora (`accuracy_table.py`).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from accuracy_table import accuracy_markdown  # noqa: E402
from cli_reference import cli_reference  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

GENERATED = {"cli.md": cli_reference, "accuracy.md": accuracy_markdown}


def on_files(files: Files, config: Any) -> Files:
    """Add the generated pages to the site."""
    for name, generate in GENERATED.items():
        files.append(File.generated(config, name, content=generate()))
    return files
