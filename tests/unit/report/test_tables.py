"""Helpers shared by the reports."""

from __future__ import annotations

from treaty.report.tables import markdown_link


def test_a_markdown_link_cannot_be_broken_out_of() -> None:
    assert markdown_link("a [b] | c", "https://example.org/x_(y)|z") == (
        r"[a \[b\] \| c](https://example.org/x_%28y%29%7Cz)"
    )
