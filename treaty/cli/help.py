"""How commands show themselves in ``--help``, and what they remember of their command line.

typer's own style writes a required argument as ``{ID}``, an optional one given as ``[ID]``
as ``[[ID]]``, and an option's value by its Python type (``<list[str]>``). Here arguments are
written as people write them in usage lines (``ID``, ``[ID]``, ``PATH...``), option values in
upper case (``TEXT``, ``INTEGER``, ``PATH``) or as their choices (``[text|json]``), and the
command list of ``treaty --help`` gives each command's first sentence whole, wrapped rather
than cut off. ``styled(app)`` applies this to every command registered, wherever from.
"""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup
from typer.models import DefaultPlaceholder

ARGS = "treaty.args"  # ctx.meta: the command's arguments as given, for `replay`

_VALUE_NAMES = {
    "str": "TEXT",
    "int": "INTEGER",
    "int range": "INTEGER",
    "float": "NUMBER",
    "Path": "PATH",
    "dir": "DIR",
    "file": "FILE",
}


def _value_name(param: Any, ctx: Any) -> str:
    """``TEXT``, ``PATH``, ``[a|b]``: what an option without a metavar takes."""
    shown = str(param.display_type(ctx)).strip("<>")
    if shown.startswith("list[") and shown.endswith("]"):
        shown = shown[5:-1]
    if "|" in shown:
        return f"[{shown}]"
    return _VALUE_NAMES.get(shown, shown.upper())


def _argument(param: Any, usage: bool) -> str:
    name = str(param.metavar or param.name).upper().strip("[]")
    optional = usage and not param.required
    if param.nargs != 1:
        return f"[{name}]..." if optional else f"{name}..."
    return f"[{name}]" if optional else name


class Command(TyperCommand):
    """A command in treaty's help style, keeping its arguments for ``replay``."""

    def _name_values(self, ctx: Any) -> None:
        for param in self.get_params(ctx):
            flag = getattr(param, "is_flag", False) or getattr(param, "count", False)
            if param.param_type_name == "option" and param.metavar is None and not flag:
                param.metavar = _value_name(param, ctx)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        ctx.meta[ARGS] = list(args)
        return super().parse_args(ctx, args)

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                pieces.append(_argument(param, usage=True))
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        self._name_values(ctx)
        args, opts = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                args.append((_argument(param, usage=False), record[1]))
            else:
                opts.append(record)
        for title, rows in (("Arguments", args), ("Options", opts)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


class Group(TyperGroup):
    """A group whose command list gives each command's first sentence, whole."""

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=10_000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def _default(cls: object, typer_class: type) -> bool:
    """Whether a command's class is typer's own (not set, or set to typer's default)."""
    return cls is None or cls is typer_class or isinstance(cls, DefaultPlaceholder)


def styled(app: typer.Typer) -> typer.Typer:
    """``app`` with every command and group registered so far in treaty's help style."""
    if _default(app.info.cls, TyperGroup):
        app.info.cls = Group
    for command in app.registered_commands:
        if _default(command.cls, TyperCommand):
            command.cls = Command
    for group in app.registered_groups:
        if _default(group.cls, TyperGroup):
            group.cls = Group
        if group.typer_instance is not None:
            styled(group.typer_instance)
    return app
