"""What the hall sees: the public page of a Decision Day, the projector (pitches and results), feedback."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from youdecide.events import services
from youdecide.events.forms import FeedbackForm
from youdecide.events.models import DecisionDay
from youdecide.events.selectors import count_table, day_areas, now_and_next, running_order
from youdecide.programmes.views import officer_required
from youdecide.results.models import CountRun


def _event(slug: str) -> DecisionDay:
    return get_object_or_404(
        DecisionDay.objects.select_related("programme").filter(programme__is_published=True),
        slug=slug,
    )


def event_page(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(slug)
    return render(request, "events/event_page.html", {"event": event, "slots": running_order(event)})


@officer_required
def presenter(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(slug)
    current, following = now_and_next(event)
    template = (
        "events/_presenter_panel.html" if request.headers.get("HX-Request") else "events/presenter.html"
    )
    return render(
        request,
        template,
        {"event": event, "current": current, "following": following, "total": event.slots.count()},
    )


@officer_required
@require_POST
def presenter_move(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(slug)
    step = 1 if request.POST.get("direction") == "next" else -1
    services.show_slot(request.user, event, event.current_position + step)
    return redirect("events:presenter", slug=event.slug)


def results_screen(request: HttpRequest, slug: str) -> HttpResponse:
    """The confirmed count of each of the day's areas, for the projector; until then, a holding screen."""
    event = _event(slug)
    results = []
    for area in day_areas(event):
        run = CountRun.objects.filter(
            programme=event.programme, area=area, confirmed_at__isnull=False
        ).first()
        results.append((area, run, count_table(run) if run is not None else []))
    template = (
        "events/_results_panel.html" if request.headers.get("HX-Request") else "events/results_screen.html"
    )
    confirmed = any(run for _area, run, _rows in results)
    return render(request, template, {"event": event, "results": results, "confirmed": confirmed})


def feedback(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(slug)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.record_feedback(event, **form.answers())
        return render(request, "events/feedback_thanks.html", {"event": event})
    return render(request, "events/feedback.html", {"event": event, "form": form})
