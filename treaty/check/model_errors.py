"""Checking a loaded document against its model, with pydantic's errors as problems."""

from __future__ import annotations

import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from treaty.model import INVALID_DAY, PATTERN_FORMS, RATIONALE_MISSING, model_at
from treaty.problems import MAX_PROBLEMS, Code, Loc, Problem, problem
from treaty.safe_text import shorten
from treaty.suggest import did_you_mean

M = TypeVar("M", bound=BaseModel)


def check_model(model: type[M], data: Any, shown: str) -> tuple[M | None, list[Problem]]:
    """The validated model, or every problem pydantic found, each with its place."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        # One more than the report shows, so that it can say there were more (T016).
        errors = exc.errors(include_url=False)[: MAX_PROBLEMS + 1]
        return None, [_translate(model, err, shown) for err in errors]


def dotted(loc: Loc) -> str:
    """``('positions', 0, 'stance')`` as ``positions[0].stance``."""
    out = ""
    for part in loc:
        name = shorten(str(part), 40)
        out += f"[{part}]" if isinstance(part, int) else (f".{name}" if out else name)
    return out or "(file)"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"a true/false value ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        return f'text ("{shorten(value, 40)}")'
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _translate(model: type[BaseModel], err: Any, shown: str) -> Problem:
    loc: Loc = tuple(err["loc"])
    kind: str = err["type"]
    value = err.get("input")
    where = dotted(loc)
    if loc and loc[-1] == "[key]":
        loc = loc[:-1]
        return problem(shown, Code.INVALID_VALUE, f"{dotted(loc)}: {err['msg']}", loc, at_key=True)
    if kind == "extra_forbidden":
        parent = model_at(model, loc[:-1])
        hint = did_you_mean(str(loc[-1]), parent.model_fields) if parent else ""
        msg = f'unknown field "{shorten(str(loc[-1]))}"{hint}'
        return problem(shown, Code.UNKNOWN_FIELD, msg, loc, at_key=True)
    if kind == "missing":
        msg = f'missing required field "{loc[-1]}"'
        if len(loc) > 1:
            msg += f" in {dotted(loc[:-1])}"
        return problem(shown, Code.MISSING_FIELD, msg, loc[:-1], at_key=True)
    if kind == "enum":
        choices = _enum_choices(model, loc)
        hint = did_you_mean(str(value), choices)
        msg = f'{where}: "{shorten(str(value))}" is not one of {", ".join(choices)}{hint}'
        return problem(shown, Code.INVALID_VALUE, msg, loc)
    if kind == RATIONALE_MISSING:
        msg = f"{where}: an inferred position needs a rationale (one line on why)"
        return problem(shown, Code.RATIONALE_REQUIRED, msg, (*loc, "basis"))
    if kind == INVALID_DAY:
        return problem(shown, Code.INVALID_DATE, f"{where}: {err['msg']}", loc)
    if kind == "value_error":
        reason = str(err["ctx"]["error"]) if "ctx" in err else err["msg"]
        return problem(shown, Code.INVALID_VALUE, f"{where}: {reason}", loc)
    if kind == "string_pattern_mismatch":
        form = PATTERN_FORMS.get(err["ctx"]["pattern"], f"the pattern {err['ctx']['pattern']}")
        msg = f'{where}: "{shorten(str(value))}" is not {form}'
        return problem(shown, Code.INVALID_VALUE, msg, loc)
    if kind.endswith("_type") or kind.endswith("_parsing"):
        expected = err["msg"].removeprefix("Input should be ")
        msg = f"{where}: expected {expected}, found {_describe(value)}"
        return problem(shown, Code.WRONG_TYPE, msg, loc)
    return problem(shown, Code.INVALID_VALUE, f"{where}: {err['msg'].lower()}", loc)


def _enum_choices(model: type[BaseModel], loc: Loc) -> list[str]:
    parent = model_at(model, loc[:-1])
    if parent is None or not isinstance(loc[-1], str):
        return []
    info = parent.model_fields.get(loc[-1])
    if info is None:
        return []
    for arg in (info.annotation, *typing.get_args(info.annotation)):
        if isinstance(arg, type) and hasattr(arg, "__members__"):
            return [str(m.value) for m in arg]  # type: ignore[attr-defined]
    return []
