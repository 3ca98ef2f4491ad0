"""The registry's provenance fields (url, retrieved) and the evidence's speaker, as the models
read them."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from treaty.model import Evidence, Quote
from treaty.registry import Source

ENTRY = {
    "id": "s",
    "file": "a.txt",
    "title": None,
    "outlet": None,
    "published": None,
    "sha256": "0" * 64,
}


def test_url_and_retrieved_are_optional_and_unknown_by_default() -> None:
    source = Source.model_validate(ENTRY)
    assert (source.url, source.retrieved) == (None, None)


def test_a_web_address_and_a_day_are_kept() -> None:
    source = Source.model_validate(
        {**ENTRY, "url": "https://example.org/a?b=1#c", "retrieved": "2021-12-24"}
    )
    assert source.url == "https://example.org/a?b=1#c"
    assert source.retrieved == dt.date(2021, 12, 24)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "example.org/a",
        "https://",
        "https://example.org/a b",
        "",
    ],
)
def test_only_http_and_https_addresses_are_urls(url: str) -> None:
    with pytest.raises(ValidationError):
        Source.model_validate({**ENTRY, "url": url})


def test_a_speaker_belongs_to_evidence_and_is_optional() -> None:
    said = Evidence.model_validate({"source": "s", "quote": "q", "speaker": "Jen Psaki"})
    assert said.speaker == "Jen Psaki"
    assert Evidence.model_validate({"source": "s", "quote": "q"}).speaker is None
    with pytest.raises(ValidationError):
        Evidence.model_validate({"source": "s", "quote": "q", "speaker": ""})
    # Where a provision is reported, nobody speaks: the field is not there.
    with pytest.raises(ValidationError):
        Quote.model_validate({"source": "s", "quote": "q", "speaker": "Jen Psaki"})
