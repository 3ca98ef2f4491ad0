"""Checking a loaded document against its model, with pydantic's errors as problems."""

from __future__ import annotations

import re
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from treaty.model import INVALID_DAY, PARTY_PATTERN, PATTERN_FORMS, RATIONALE_MISSING
from treaty.model_paths import model_at
from treaty.phrases import PHRASE_PATTERN
from treaty.problems import MAX_PROBLEMS, Code, Loc, Problem, problem
from treaty.safe_text import shorten
from treaty.suggest import closest, did_you_mean

M = TypeVar("M", bound=BaseModel)


def check_model(model: type[M], data: Any, shown: str) -> tuple[M | None, list[Problem]]:
    """The validated model, or every problem pydantic found, each with its place."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        # One more than the report shows, so that it can say there were more (T016).
        errors = _one_per_typo(model, exc.errors(include_url=False))[: MAX_PROBLEMS + 1]
        return None, [_translate(model, err, shown) for err in errors]


def _one_per_typo(model: type[BaseModel], errors: list[Any]) -> list[Any]:
    """One typo is one problem: a misspelt key (``tpoics:``) is reported as an unknown field
    with its did-you-mean, not also as the missing field it names."""
    meant = set()
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] == "extra_forbidden" and isinstance(loc[-1], str):
            parent = model_at(model, loc[:-1])
            if parent is not None:
                close = closest(loc[-1], parent.model_fields)
                if close is not None:
                    meant.add((*loc[:-1], close))
    return [e for e in errors if not (e["type"] == "missing" and tuple(e["loc"]) in meant)]


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
    """A pydantic error in the format's own words, with an example of the right form."""
    loc: Loc = tuple(err["loc"])
    kind: str = err["type"]
    value = err.get("input")
    where = dotted(loc)
    if loc and loc[-1] == "[key]":
        loc = loc[:-1]
        if kind == "string_pattern_mismatch" and err["ctx"]["pattern"] == PHRASE_PATTERN:
            msg = f'{dotted(loc[:-1])}: "{shorten(str(value))}" is not {_PHRASE_FORM}'
            return problem(shown, Code.INVALID_VALUE, msg, loc, at_key=True)
        msg = f"{dotted(loc)}: {_value_problem(model, loc, kind, err, value)}"
        return problem(shown, Code.INVALID_VALUE, msg, loc, at_key=True)
    if kind == "extra_forbidden":
        parent = model_at(model, loc[:-1])
        hint = did_you_mean(str(loc[-1]), parent.model_fields) if parent else ""
        msg = f'unknown field "{shorten(str(loc[-1]))}"{hint}'
        return problem(shown, Code.UNKNOWN_FIELD, msg, loc, at_key=True)
    if kind == "missing":
        msg = f'missing required field "{loc[-1]}"'
        if len(loc) > 1:
            msg += f" in {dotted(loc[:-1])}"
        example = example_at(model, loc)
        if example is not None:
            unknown = ", or null when unknown" if _nullable(model, loc) else ""
            msg += f" (e.g. {loc[-1]}: {example}{unknown})"
        return problem(shown, Code.MISSING_FIELD, msg, loc[:-1], at_key=True)
    if kind == RATIONALE_MISSING:
        msg = f"{where}: an inferred position needs a rationale (one line on why)"
        return problem(shown, Code.RATIONALE_REQUIRED, msg, (*loc, "basis"))
    if kind == INVALID_DAY:
        reason = str(err["msg"])
        example = ", e.g. 2021-12-23" if reason.startswith("expected") else ""
        return problem(shown, Code.INVALID_DATE, f"{where}: {reason}{example}", loc)
    expected = _EXPECTED.get(kind)
    if expected is not None:
        inner = model_at(model, loc) if kind in ("model_type", "list_type") else None
        example = _eg(model, loc)
        if inner is not None and kind == "model_type":
            expected = f"a {_a_mapping_of(inner)}"
        elif inner is not None and not example:
            expected = f"a list of {_a_mapping_of(inner, plural=True)}"
        msg = f"{where}: expected {expected}{example}, found {_describe(value)}"
        return problem(shown, Code.WRONG_TYPE, msg, loc)
    return problem(
        shown, Code.INVALID_VALUE, f"{where}: {_value_problem(model, loc, kind, err, value)}", loc
    )


# What the format calls the kinds of value pydantic expected.
_EXPECTED = {
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
    "dict_type": "a mapping",
    "list_type": "a list",
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "date_type": "a day written YYYY-MM-DD",
}


def _value_problem(model: type[BaseModel], loc: Loc, kind: str, err: Any, value: Any) -> str:
    """What is wrong with a value of the right kind."""
    ctx = err.get("ctx") or {}
    if kind == "enum":
        # The enum of a field, or pydantic's list of it (a mapping's values have no field).
        expected = str(ctx.get("expected", ""))
        choices = _enum_choices(model, loc) or re.findall(r"'([^']*)'", expected)
        hint = did_you_mean(str(value), choices)
        return f'"{shorten(str(value))}" is not one of {", ".join(choices)}{hint}'
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern"))
        form = PATTERN_FORMS.get(pattern, f"of the form {pattern}")
        return f'"{shorten(str(value))}" is not {form}{_upper_case(ctx.get("pattern"), value)}'
    if kind == "string_too_short":
        return f"is empty; write something here{_eg(model, loc)}"
    if kind == "too_short":
        n = int(ctx.get("min_length", 1))
        entries = "1 entry" if n == 1 else f"{n} entries"
        found = int(ctx.get("actual_length") or 0)
        return f"needs at least {entries}, has {found or 'none'}{_eg(model, loc)}"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = next(iter(ctx.values()), "")
        words = {
            "greater_than_equal": f"{bound} or more",
            "greater_than": f"more than {bound}",
            "less_than_equal": f"{bound} or less",
            "less_than": f"less than {bound}",
        }[kind]
        return f"must be {words}, found {_describe(value)}{_eg(model, loc)}"
    if kind == "value_error" and "error" in ctx:
        return str(ctx["error"])
    return f"{str(err['msg']).lower()}{_eg(model, loc)}"


def _upper_case(pattern: object, value: Any) -> str:
    """A did-you-mean for a party id written in lower case (``us`` for ``US``)."""
    if (
        pattern == PARTY_PATTERN
        and isinstance(value, str)
        and re.match(PARTY_PATTERN, value.upper())
    ):
        return f' (did you mean "{value.upper()}"?)'
    return ""


def _a_mapping_of(inner: type[BaseModel], plural: bool = False) -> str:
    """``party: a mapping of id and name``: what a list holds, in the format's words."""
    required = [name for name, info in inner.model_fields.items() if info.is_required()]
    names = ", ".join(required[:-1]) + f" and {required[-1]}" if len(required) > 1 else required[0]
    noun = _NOUNS.get(inner.__name__, inner.__name__.lower())
    return f"{noun}s, mappings of {names}" if plural else f"{noun}: a mapping of {names}"


# Models named otherwise than the format names what they hold.
_NOUNS = {"Evidence": "quote"}


def _nullable(model: type[BaseModel], loc: Loc) -> bool:
    parent = model_at(model, loc[:-1])
    info = parent.model_fields.get(str(loc[-1])) if parent else None
    return info is not None and type(None) in typing.get_args(info.annotation)


def _eg(model: type[BaseModel], loc: Loc) -> str:
    example = example_at(model, loc)
    return f" (e.g. {example})" if example is not None else ""


def example_at(model: type[BaseModel], loc: Loc) -> str | None:
    """The schema's example of the field at ``loc`` (of an item, for a place in a list),
    written as it would be in a file; None when the format has none to give."""
    if not loc:
        return None
    items = 0
    while loc and isinstance(loc[-1], int):
        loc, items = loc[:-1], items + 1
    if not loc:
        return None
    parent = model_at(model, loc[:-1])
    info = parent.model_fields.get(str(loc[-1])) if parent else None
    if info is None or not info.examples:
        return None
    example: Any = info.examples[0]
    for _ in range(items):
        if not isinstance(example, list) or not example:
            return None
        example = example[0]
    if example in ([], {}):
        return None
    return flow(example)


def flow(value: Any) -> str:
    """A small value as YAML's flow style writes it: ``[a, b]``, ``{id: US, name: ...}``."""
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()) + "}"
    text = str(value)
    if isinstance(value, str) and (
        not re.fullmatch(r"[A-Za-z0-9][\w .'()-]*", text) or ": " in text
    ):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


# A phrase of clauses/audit-phrases.yaml is a mapping's key: its form is said here.
_PHRASE_FORM = "a phrase (it needs at least one word)"


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
