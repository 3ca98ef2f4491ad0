"""The one way files are edited: lock, read, compose, check the result, write only if valid.

An edit is refused (nothing written) when the file already has problems, when the result
would have any (the same checks as ``treaty validate``), or when the file changed meanwhile.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Mapping
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from treaty.cache.run import run
from treaty.errors import TreatyError
from treaty.files.reading import Limits, decode, read_bytes
from treaty.files.strays import sweep
from treaty.files.writes import (
    BadLock,
    Busy,
    Snapshot,
    locked,
    read_snapshot,
    signals_deferred,
    write_atomic,
)
from treaty.problems import Code, Loc, Problem
from treaty.project import Project, canonical
from treaty.safe_text import describe_char, find_control
from treaty.yaml.events import EditError


@dataclass(frozen=True)
class Rejected:
    """A problem the new content would have; ``field`` is where in the new entry (or file)."""

    field: Loc
    problem: Problem


@dataclass
class Outcome:
    """What an edit did: the files written, or why it wrote nothing."""

    written: list[Path] = field(default_factory=list)
    # Problems of files as they are on disk (fix these first).
    problems: list[Problem] = field(default_factory=list)
    # Problems the new content would have had.
    rejected: list[Rejected] = field(default_factory=list)
    # Why the edit could not be made, when no problem says it.
    refusal: str | None = None
    # Files of the edit left as they were when a write failed midway (after others).
    unwritten: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.problems or self.rejected or self.refusal)


Compose = Callable[[str], str]
Vet = Callable[[Mapping[Path, bytes]], list[Problem]]


class Refused(TreatyError):
    """Raised by a compose function: the edit cannot be made, for these problems (an entry
    that is not there, or is there already); nothing is written."""

    def __init__(self, *problems: Problem) -> None:
        super().__init__(problems[0].message if problems else "refused")
        self.problems = list(problems)


def edit_file(
    project: Project,
    path: Path,
    compose: Compose,
    new_part: Callable[[Loc], Loc | None],
    extra: Mapping[Path, bytes] | None = None,
) -> Outcome:
    """Replace ``path``'s text with ``compose(text)``, if the file is valid before and after.

    ``new_part`` maps a problem's place in the composed file to its place in the new part
    (None: not in it). ``extra`` are new files that go with the edit (a new seed file): they
    are checked with it, created just before it, and removed again if it is refused."""
    return edit_files(project, {path: compose}, lambda _, loc: new_part(loc), extra)


def edit_files(
    project: Project,
    edits: Mapping[Path, Compose],
    new_part: Callable[[Path, Loc], Loc | None],
    extra: Mapping[Path, bytes] | None = None,
    *,
    tolerate: Callable[[Problem], bool] = lambda _: False,
    vet: Vet | None = None,
) -> Outcome:
    """Edit several files as one: each is locked, read and composed, all the results are
    checked together (as ``treaty validate`` would check them), and only if every one is
    valid are they written, one after the other. A write that fails midway leaves the files
    before it written and says so (``Outcome.written``, ``Outcome.unwritten``).

    ``tolerate``: problems the files may have before the edit (the one it repairs).
    ``vet``: a last look at the new bytes, whose problems refuse the edit."""
    order = sorted(edits, key=lambda p: str(canonical(p)))
    for path in order:
        shown = project.display(path)
        if not path.exists() and not path.is_symlink():
            return Outcome(refusal=f"{shown} does not exist")
        # Before taking its lock: only a regular file of the project, as validation reads it.
        _, unsafe = read_bytes(path, shown, project.root, Limits().max_bytes)
        if unsafe:
            return Outcome(problems=unsafe)
    for folder in {p.parent for p in order} | {other.parent for other in extra or {}}:
        sweep(folder)  # what killed edits left here
    try:
        with ExitStack() as stack:
            for path in order:  # always in the same order, so two edits cannot deadlock
                stack.enter_context(locked(path))
            return _edit_locked(project, order, edits, new_part, extra or {}, tolerate, vet)
    except BadLock as exc:
        shown = project.display(order[0])
        return Outcome(problems=[Problem(shown, None, None, Code.EDIT_CONFLICT, str(exc))])
    except Busy:
        return Outcome(problems=[_busy(project.display(order[0]))])


def _edit_locked(
    project: Project,
    order: list[Path],
    edits: Mapping[Path, Compose],
    new_part: Callable[[Path, Loc], Loc | None],
    extra: Mapping[Path, bytes],
    tolerate: Callable[[Problem], bool],
    vet: Vet | None,
) -> Outcome:
    snapshots = {path: read_snapshot(path) for path in order}
    for path, snapshot in snapshots.items():
        if snapshot.data is None:
            return Outcome(refusal=f"{project.display(path)} does not exist")
    before = run(project, order)
    mine = {canonical(p) for p in order}
    own = [p for p in before.problems if canonical(Path(p.path)) in mine and not tolerate(p)]
    if own:
        return Outcome(problems=own)
    new: dict[Path, bytes] = {}
    for path in order:
        shown = project.display(path)
        data = snapshots[path].data
        assert data is not None  # checked above
        text, bad = decode(data, shown)
        if text is None:
            return Outcome(problems=bad)
        try:
            new_text = edits[path](text)
        except EditError as exc:
            return Outcome(refusal=f"{shown}: {exc}")
        except Refused as exc:
            return Outcome(problems=exc.problems)
        bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
        new[path] = bom + new_text.encode("utf-8")
    outcome = check_new(project, {**new, **extra}, new_part)
    if outcome.ok and vet is not None:
        outcome.problems += vet({**new, **extra})
    if not outcome.ok:
        return outcome
    # SIGTERM and SIGINT wait until the files are written (milliseconds).
    with signals_deferred():
        return _write(project, order, new, snapshots, extra)


def _write(
    project: Project,
    order: list[Path],
    new: Mapping[Path, bytes],
    snapshots: Mapping[Path, Snapshot],
    extra: Mapping[Path, bytes],
) -> Outcome:
    """The new files first (removed again if the edit fails before its first write), then
    the edited ones, in order; a failure midway says what was and was not written."""
    written: list[Path] = []
    for other, other_raw in extra.items():
        conflict = write_atomic(
            other, other_raw, expect=Snapshot(other, None), shown=project.display(other)
        )
        if conflict is not None:
            _remove(written)
            return Outcome(problems=[conflict])
        written.append(other)
    created = list(written)
    order = [path for path in order if new[path] != snapshots[path].data]  # unchanged: no write
    for i, path in enumerate(order):
        shown = project.display(path)
        try:
            conflict = write_atomic(path, new[path], expect=snapshots[path], shown=shown)
        except OSError as exc:
            if i == 0:
                _remove(created)
                raise
            why = f"cannot write {shown}: {exc.strerror or exc}"
            return Outcome(written=written, unwritten=order[i:], refusal=why)
        except BaseException:
            if i == 0:
                _remove(created)
            raise
        if conflict is not None:
            if i == 0:
                _remove(created)
                return Outcome(problems=[conflict])
            return Outcome(written=written, unwritten=order[i:], problems=[conflict])
        written.append(path)
    return Outcome(written=written)


def create_file(
    project: Project, path: Path, raw: bytes, new_part: Callable[[Loc], Loc | None]
) -> Outcome:
    """Write a new file, if it would be valid; never over an existing one."""
    shown = project.display(path)
    if path.exists() or path.is_symlink():
        return Outcome(problems=[exists(shown)])
    outcome = check_new(project, {path: raw}, lambda _, loc: new_part(loc))
    if not outcome.ok:
        return outcome
    path.parent.mkdir(parents=True, exist_ok=True)
    sweep(path.parent)
    conflict = write_atomic(path, raw, expect=Snapshot(path, None), shown=shown)
    if conflict is not None:
        return Outcome(problems=[conflict])
    return Outcome(written=[path])


def check_new(
    project: Project, pending: Mapping[Path, bytes], new_part: Callable[[Path, Loc], Loc | None]
) -> Outcome:
    """The problems ``pending`` would have, each placed in the new part where it is there.

    Every one is the edit's doing (the files were checked before it), so every one refuses
    it: a problem of the whole file (too large, too many values) as much as one of a field."""
    result = run(project, list(pending), pending=pending)
    outcome = Outcome()
    for p in result.problems:
        place = new_part(Path(p.path), p.loc) if p.loc is not None else None
        outcome.rejected.append(Rejected(() if place is None else place, p))
    # A new entry with problems of its own is also the root of a T430 ("nothing that cites it
    # is checked"): news to nobody while the entry is being refused for those problems.
    if any(r.problem.code is not Code.DEPENDS_ON_INVALID for r in outcome.rejected):
        outcome.rejected = [
            r for r in outcome.rejected if r.problem.code is not Code.DEPENDS_ON_INVALID
        ]
    return outcome


def text_problems(shown: str, value: object, loc: Loc = ()) -> list[Rejected]:
    """What the text given for a new entry (an option, a file name) holds that no file may:
    a control or bidirectional character (T012), or a byte that is not UTF-8 (an argument's
    invalid bytes arrive as lone surrogates, T003). Checked before anything is composed, so
    that it is refused naming the option, never a crash while writing."""
    if isinstance(value, dict):
        return [r for k, v in value.items() for r in text_problems(shown, v, (*loc, k))]
    if isinstance(value, (list, tuple)):
        return [r for i, v in enumerate(value) for r in text_problems(shown, v, (*loc, i))]
    if not isinstance(value, str):
        return []
    bad = find_control(value, value=True)
    if bad is not None:
        msg = f"control character {describe_char(value[bad])} in text; remove it"
        return [Rejected(loc, Problem(shown, None, None, Code.CONTROL_CHARACTER, msg))]
    if any("\ud800" <= char <= "\udfff" for char in value):
        msg = "text that is not valid UTF-8; give it as UTF-8"
        return [Rejected(loc, Problem(shown, None, None, Code.ENCODING, msg))]
    return []


def _remove(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def exists(shown: str) -> Problem:
    """The refusal to overwrite a file."""
    return Problem(shown, None, None, Code.FILE_EXISTS, "already exists; nothing was overwritten")


def _busy(shown: str) -> Problem:
    return Problem(
        shown,
        None,
        None,
        Code.EDIT_CONFLICT,
        "another command is editing this file; nothing written, run the command again",
    )
