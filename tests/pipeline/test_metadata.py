"""Metadata: the malformed-date pattern (written to be fast) finds what the plain one finds."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st


@settings(max_examples=1000, deadline=None)
@given(st.text(st.sampled_from("2020113年月日 9０"), max_size=24))
def test_malformed_date_pattern_finds_what_the_plain_one_finds(text):
    import re

    from xxgk_lint.pipeline.metadata import _MALFORMED

    plain = re.compile(r"(?<!\d)(?:20\d\d(?:1[0-2]|0?[1-9])月\d{1,2}日|20\d\d年(?:1[3-9]|[2-9]\d|0)月)")
    assert [m.span() for m in _MALFORMED.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_malformed_dates_are_found_where_no_digit_comes_before():
    from xxgk_lint.pipeline.metadata import _MALFORMED

    found = [m.group() for m in _MALFORMED.finditer("于20231月5日、2023年13月及12023年13月，2023年12月")]
    assert found == ["20231月5日", "2023年13月"]
