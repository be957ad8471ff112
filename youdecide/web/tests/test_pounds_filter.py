from django.template import Context, Template


def render(source: str, **context: object) -> str:
    return Template("{% load money %}" + source).render(Context(context))


def test_whole_pounds_have_no_pence() -> None:
    assert render("{{ pot|pounds }}", pot=3_000_000) == "£30,000"


def test_pence_are_shown_when_there_are_some() -> None:
    assert render("{{ cost|pounds }}", cost=125_050) == "£1,250.50"


def test_a_missing_amount_shows_nothing() -> None:
    assert render("[{{ nothing|pounds }}]") == "[]"
