"""Reading a page the way a person does: the text they see, with whitespace collapsed."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

ATTRIBUTION = (
    "Contains public sector information licensed under the Open Government Licence v3.0. "
    "Contains OS data © Crown copyright and database right."
)

_HIDDEN = {"script", "style", "head", "template"}
_INLINE = {"a", "abbr", "b", "code", "em", "i", "label", "small", "span", "strong", "time"}


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden_depth += 1
        elif tag not in _INLINE:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN and self._hidden_depth:
            self._hidden_depth -= 1
        elif tag not in _INLINE:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._hidden_depth:
            self.parts.append(data)


def visible_text(response: Any) -> str:
    """The page's body text, every run of whitespace made one space; block elements end a word."""
    parser = _VisibleText()
    parser.feed(response.content.decode())
    return re.sub(r"\s+", " ", "".join(parser.parts)).strip()


def page_title(response: Any) -> str:
    match = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)
    return re.sub(r"\s+", " ", match.group(1)).strip() if match else ""
