"""``treaty diff``: what changed between revisions, the working tree, or two days."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from treaty.cli.exits import EXIT_OK, EXIT_PROBLEMS, fail
from treaty.cli.options import AsOfOption, RootOption, open_project, parse_as_of, parse_day_option
from treaty.cli.terminal import safe, terminal_width

if TYPE_CHECKING:
    import datetime as dt

    from treaty.project import Project
    from treaty.report.diff import Changelog
    from treaty.report.diff_state import Files


class DiffFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"
    github = "github"


WORKING_TREE = "working tree"


def diff(
    revisions: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="REV",
            help="At most two. None: HEAD against the working tree. One: that revision "
            "against the working tree. Two: the first against the second. Any git "
            "revision (HEAD~1, origin/main, a tag, a commit id); put -- before one that "
            "starts with -.",
            show_default=False,
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="YYYY-MM-DD",
            help="Instead of two revisions, two days: the positions dated from this day on, "
            "and the verdicts that changed since the day before it (in the working tree, or "
            "in REV_A if given).",
            show_default=False,
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            metavar="YYYY-MM-DD",
            help="With --since: the last day of the window. Default: today.",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOption = None,
    fmt: Annotated[
        DiffFormat,
        typer.Option(
            "--format",
            "-f",
            help="text: for the terminal. markdown: for a pull request comment. github: "
            'workflow notices on the changed files. json: {"version": 1, "from", "to" '
            '({"label", "revision", "as_of", "skipped"}), "window", "changed", "treaties", '
            '"clauses", "sources", "topics", "files"} (see README); stable.',
        ),
    ] = DiffFormat.text,
    exit_code: Annotated[
        bool,
        typer.Option(
            "--exit-code", help="Exit 1 when something changed, 0 when nothing did (as git diff)."
        ),
    ] = False,
    link_base: Annotated[
        str,
        typer.Option(
            "--link-base",
            metavar="URL",
            help="With --format markdown: put this before each file's path in its link, e.g. "
            "https://github.com/OWNER/REPO/blob/COMMIT/ (default: paths from the repository's "
            "top, as links inside it).",
            show_default=False,
        ),
    ] = "",
    root: RootOption = None,
) -> None:
    """What changed, in the domain's words: verdicts, each party's stance moves, new and
    withdrawn positions, changes of basis, evidence and conditions, clauses and treaties
    added, removed or renamed, and sources added, removed or changed, with the clauses they
    touch. Changes of layout alone (comments, key order, treaty fmt) are no change.

    Revisions are read from git's objects; nothing is checked out. Both states are read as of
    the same day (--as-of). A file with problems in one state is listed with its problem
    counts, and its clauses are not compared.

    Exit 0 (even with changes, unless --exit-code: then 1 when something changed); 2 usage
    error (not a git repository, an unknown revision, a bad day)."""
    from treaty.errors import UsageError
    from treaty.report import diff as changelog

    revs = revisions or []
    if link_base and fmt is not DiffFormat.markdown:
        fail(f"--link-base applies only to --format markdown, not --format {fmt.value}")
    window = _window(since, until, as_of, revs)
    day = window[1] if window else parse_as_of(as_of)
    if len(revs) > 2:
        fail(f"give at most two revisions, not {len(revs)}: `treaty diff [REV_A [REV_B]]`")
    project = open_project(root)
    try:
        prefix, views = _states(project, revs, window is not None, day)
    except UsageError as exc:
        fail(str(exc))
    if window is not None:
        import datetime as dt

        (files, label, oid, skipped) = views[0]
        before = changelog.View(label, oid, window[0] - dt.timedelta(days=1), files, skipped)
        after = changelog.View(label, oid, window[1], files, skipped)
        _name_invalid(files)
    else:
        before, after = (changelog.View(v[1], v[2], day, v[0], v[3]) for v in views)
    log = changelog.compare(before, after, window)
    typer.echo(_render(log, fmt, prefix, link_base), nl=False)
    raise typer.Exit(EXIT_PROBLEMS if exit_code and log.changed else EXIT_OK)


State = tuple["Files", str, "str | None", tuple[str, ...]]


def _states(
    project: Project, revs: list[str], by_day: bool, day: dt.date
) -> tuple[str, list[State]]:
    """The repository prefix of the project, and each state compared (files, label, commit,
    files skipped): one for --since, two otherwise."""
    from treaty.gitstate import repo as git
    from treaty.report.diff_state import substituted, working_tree

    if by_day and not revs:
        prefix = _prefix_if_any(project)
        return prefix, [(working_tree(project), WORKING_TREE, None, ())]
    repository = git.open_repository(project.root)
    named = revs or ["HEAD"]
    resolved = [git.resolve(repository, r) for r in named]
    base = working_tree(project)
    states: list[State] = []
    seen: dict[str, State] = {}
    for revision in resolved:
        if revision.oid not in seen:
            found = git.overlay(repository, revision, project.root)
            files = substituted(base, found.files)
            seen[revision.oid] = (files, revision.label, revision.oid, tuple(found.skipped))
        states.append(seen[revision.oid])
    if len(states) == 1 and not by_day:
        states.append((base, WORKING_TREE, None, ()))
    return repository.prefix, states


def _prefix_if_any(project: Project) -> str:
    """The project's folder in its repository, or "" when it is in none (--since needs no git)."""
    from treaty.gitstate import repo as git
    from treaty.gitstate.git import GitError

    try:
        return git.open_repository(project.root).prefix
    except GitError:
        return ""


def _window(
    since: str | None, until: str | None, as_of: str | None, revs: list[str]
) -> tuple[dt.date, dt.date] | None:
    if since is None:
        if until is not None:
            fail("--until needs --since (the first day of the window)")
        return None
    if as_of is not None:
        fail("--as-of does not go with --since: --until gives the last day")
    if len(revs) > 1:
        fail("--since reads one state of the files: give at most one revision")
    first = parse_day_option("--since", since)
    last = parse_day_option("--until", until) if until is not None else parse_as_of(None)
    if first > last:
        fail(f"--since {first.isoformat()} is after --until {last.isoformat()}")
    return first, last


def _name_invalid(files: Files) -> None:
    invalid = files.corpus.invalid
    if invalid:
        many = "1 file" if len(invalid) == 1 else f"{len(invalid)} files"
        typer.echo(
            f"treaty: {many} with problems left out (`treaty validate` shows them):", err=True
        )
        for path in invalid:
            typer.echo(f"  {safe(path)}", err=True)


def _render(log: Changelog, fmt: DiffFormat, prefix: str, link_base: str) -> str:
    from treaty.report import diff_render
    from treaty.report.diff_markdown import Links, as_markdown

    if fmt is DiffFormat.markdown:
        return as_markdown(log, Links(link_base, prefix))
    if fmt is DiffFormat.json:
        return diff_render.as_json(log)
    if fmt is DiffFormat.github:
        return diff_render.as_github(log, prefix)
    return diff_render.as_text(log, terminal_width())
