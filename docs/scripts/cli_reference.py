"""Write the CLI reference (Markdown) from the Typer app itself: every command, its arguments and options.

Run by the MkDocs hook at build time (`docs/scripts/hooks.py`), or by hand:
    .venv/bin/python docs/scripts/cli_reference.py > cli.md
"""

from __future__ import annotations

from typing import Any

import typer

from sitrep.cli.app import app


def cell(text: str | None) -> str:
    """A Markdown table cell."""
    return (text or "").replace("|", "\\|").replace("\n", " ")


def is_option(param: Any) -> bool:
    """Whether a parameter is an option (`--format`) rather than an argument."""
    return any(name.startswith("-") for name in param.opts)


def parameter_row(param: Any, ctx: Any) -> str:
    """One table row: the argument or option, its default and help.

    Click's introspection, duck-typed: Typer ships its own copy of Click.
    """
    if not is_option(param):
        name = param.metavar or param.name.upper()
        return f"| `{name}` | {'required' if param.required else ''} | {cell(param.help)} |"
    names = ", ".join(f"`{name}`" for name in [*param.opts, *param.secondary_opts])
    default = param.default
    shown = "" if default is None or default is False else f"`{getattr(default, 'value', default)}`"
    return f"| {names} | {shown} | {cell(param.help)} |"


def cli_reference() -> str:
    """The reference of every `sitrep` command, in the order the app declares them."""
    group: Any = typer.main.get_command(app)  # a TyperGroup (Typer's own copy of Click)
    lines = ["# CLI reference", "",
             "Generated from the Typer app (`sitrep.cli.app`) when the documentation is built.", "",
             cell(group.help), ""]
    root = group.context_class(group, info_name="sitrep")
    for name in group.list_commands(root):
        command = group.get_command(root, name)
        assert command is not None
        ctx = command.context_class(command, info_name=name, parent=root)
        lines += [f"## sitrep {name}", "", (command.help or "").strip(), "", "```text",
                  command.get_usage(ctx).replace("Usage: ", ""), "```", ""]
        params = [param for param in command.get_params(ctx) if param.name != "help"]
        if params:
            lines += ["| argument or option | default | description |", "| --- | --- | --- |"]
            lines += [parameter_row(param, ctx) for param in params]
            lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(cli_reference())
