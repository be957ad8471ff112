"""{% remember %}: a part of a page rendered once for what it shows, then kept by the process.

    {% load fragments %}{% remember programme.slug proposal %}<li>…</li>{% endremember %}

The values given must be everything the part shows (strings, numbers, tuples and frozen dataclasses of
them); the part is kept under them and under the language, time zone, script prefix and URL configuration
in use. A kept part is never out of date: a change to anything it shows is a new key, rendered afresh. An
area's page lists 60 proposal cards: each is rendered once, then read back, until the proposal changes.
Each {% remember %} keeps its most recently used parts, up to PARTS; a template reloaded (in development)
starts afresh, as the parts belong to the compiled template.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

from django import template
from django.template.base import FilterExpression, Node, NodeList, Parser, Token
from django.urls import get_script_prefix, get_urlconf
from django.utils import timezone, translation
from django.utils.safestring import SafeString

register = template.Library()

PARTS = 2000


class RememberNode(Node):
    def __init__(self, nodelist: NodeList, values: list[FilterExpression]) -> None:
        self.nodelist = nodelist
        self.values = values
        self._parts: OrderedDict[Hashable, SafeString] = OrderedDict()
        self._lock = threading.Lock()

    def render(self, context: template.Context) -> str:
        key = (
            translation.get_language(),
            timezone.get_current_timezone_name(),
            get_script_prefix(),
            get_urlconf(),
            context.autoescape,
            *(value.resolve(context) for value in self.values),
        )
        with self._lock:
            part = self._parts.get(key)
            if part is not None:
                self._parts.move_to_end(key)
                return part
        part = self.nodelist.render(context)  # safe: what the template made of it
        with self._lock:
            self._parts[key] = part
            while len(self._parts) > PARTS:
                self._parts.popitem(last=False)
        return part


@register.tag
def remember(parser: Parser, token: Token) -> RememberNode:
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"'{bits[0]}' needs the values the part shows")
    nodelist = parser.parse(("endremember",))
    parser.delete_first_token()
    return RememberNode(nodelist, [parser.compile_filter(bit) for bit in bits[1:]])
