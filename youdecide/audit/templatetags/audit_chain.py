"""The audit chain head, for pages that let the public check the log has not been rewritten."""

from __future__ import annotations

from django import template

from youdecide.audit.models import AuditChainHead
from youdecide.audit.selectors import chain_head

register = template.Library()


@register.simple_tag
def audit_chain_head() -> AuditChainHead:
    return chain_head()
