"""{% remember %}: a part rendered once for the values it shows, then read back, and rendered afresh as soon
as one of them changes."""

from __future__ import annotations

from django.template import Context, Template


def render(source: str, **context: object) -> str:
    return Template("{% load fragments %}" + source).render(Context(context))


def test_a_part_is_rendered_once_for_the_same_values() -> None:
    source = "{% remember title %}<h3>{{ title }}</h3> {{ note }}{% endremember %}"
    template = Template("{% load fragments %}" + source)

    first = template.render(Context({"title": "Tea dance", "note": "first"}))
    again = template.render(Context({"title": "Tea dance", "note": "second"}))

    assert first == "<h3>Tea dance</h3> first"
    assert again == first  # kept: "note" is not among the values it is kept under


def test_a_part_is_rendered_afresh_when_a_value_changes() -> None:
    template = Template(
        "{% load fragments %}{% remember title cost %}{{ title }}: {{ cost }}{% endremember %}"
    )

    assert template.render(Context({"title": "Tea dance", "cost": 100})) == "Tea dance: 100"
    assert template.render(Context({"title": "Tea dance", "cost": 250})) == "Tea dance: 250"
    assert template.render(Context({"title": "Tea dances", "cost": 250})) == "Tea dances: 250"


def test_a_kept_part_is_escaped_as_the_page_escapes() -> None:
    source = "{% remember name %}{{ name }}{% endremember %}"

    assert render(source, name="Friends & <Neighbours>") == "Friends &amp; &lt;Neighbours&gt;"
    assert render("{% autoescape off %}" + source + "{% endautoescape %}", name="Friends & <Neighbours>") == (
        "Friends & <Neighbours>"
    )
