"""Officers' voting pages: make batches of voting codes to print, and void a lost code."""

from __future__ import annotations

import segno
from django import forms
from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from youdecide.areas.models import Area
from youdecide.events.services import print_code_cards
from youdecide.programmes.models import Programme
from youdecide.programmes.selectors import area_pots
from youdecide.programmes.views import officer_required
from youdecide.voting import services, tokens
from youdecide.voting.errors import VotingRefused
from youdecide.voting.forms import add_refusal
from youdecide.voting.models import CodeBatch, CodeStatus


class CodeBatchForm(forms.Form):
    area = forms.ModelChoiceField(label=gettext_lazy("Area"), queryset=Area.objects.none())
    size = forms.IntegerField(label=gettext_lazy("How many codes"), min_value=1, max_value=services.MAX_BATCH)
    label = forms.CharField(
        label=gettext_lazy("Label"), max_length=120, help_text=gettext_lazy("e.g. 'Crewe library, June'")
    )

    def __init__(self, *args: object, programme: Programme, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["area"].queryset = Area.objects.filter(pots__programme=programme).order_by("name")  # type: ignore[attr-defined]


class VoidCodeForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Code to void"), max_length=30)
    reason = forms.CharField(label=gettext_lazy("Why"), max_length=200)


def _card(request: HttpRequest, programme: Programme, code: str) -> dict[str, str]:
    """What one printed card shows: the code, and a QR code of the voting page's address."""
    url = request.build_absolute_uri(reverse("voting:start", args=[programme.slug]))
    qr = segno.make(f"{url}#code={tokens.grouped(code)}", error="m")
    return {"code": tokens.grouped(code), "qr": qr.svg_inline(scale=3, title=_("QR code: the voting page"))}


@officer_required
def code_batches(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(Programme, slug=slug)
    form = CodeBatchForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            batch, codes = services.generate_code_batch(
                request.user,
                programme,
                form.cleaned_data["area"],
                form.cleaned_data["size"],
                form.cleaned_data["label"],
            )
        except VotingRefused as refused:
            add_refusal(form, refused)
        else:
            return render(
                request,
                "voting/office/cards.html",
                {
                    "programme": programme,
                    "batch": batch,
                    "cards": [_card(request, programme, c) for c in codes],
                },
            )
    batches = (
        CodeBatch.objects.filter(programme=programme)
        .select_related("area")
        .annotate(
            used=Count("codes", filter=Q(codes__status=CodeStatus.USED)),
            void=Count("codes", filter=Q(codes__status=CodeStatus.VOID)),
        )
    )
    return render(
        request,
        "voting/office/code_batches.html",
        {
            "programme": programme,
            "form": form,
            "void_form": VoidCodeForm(),
            "batches": batches,
            "pots": area_pots(programme),
        },
        status=422 if form.errors else 200,
    )


@officer_required
@require_POST
def void_code_view(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(Programme, slug=slug)
    form = VoidCodeForm(request.POST)
    if form.is_valid():
        try:
            services.void_code(
                request.user, programme, form.cleaned_data["code"], form.cleaned_data["reason"]
            )
        except VotingRefused as refused:
            for text in refused.messages:
                messages.error(request, text)
        else:
            messages.success(request, _("The code is void: it can no longer be used to vote."))
    else:
        messages.error(request, _("Give the code and the reason to void it."))
    return redirect("voting:code_batches", slug=programme.slug)


@officer_required
@require_POST
def cards_pdf(request: HttpRequest, slug: str, batch_id: int) -> HttpResponse:
    """The cards of a batch just made, as a PDF: the officer's page sends back its codes, which are checked
    against the batch (only their hashes are kept)."""
    programme = get_object_or_404(Programme, slug=slug)
    batch = get_object_or_404(CodeBatch, pk=batch_id, programme=programme)
    codes = [tokens.normalise(code, tokens.CODE_LENGTH) for code in request.POST.getlist("code")]
    digests = [tokens.code_digest(code) for code in codes if code]
    if (
        not digests
        or len(digests) != len(codes)
        or batch.codes.filter(digest__in=digests).count() != len(digests)
    ):
        return HttpResponse(
            _("These are not the codes of this batch."), status=400, content_type="text/plain"
        )
    url = request.build_absolute_uri(reverse("voting:start", args=[programme.slug]))
    pdf = print_code_cards(request.user, batch, url, [tokens.grouped(c) for c in codes if c])
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="voting-cards-{batch.pk}.pdf"'
    return response
