"""Links to a form that fill in what the linking page knows.

A program page knows the receiving program; a referral protocol knows its parties: who refers,
who receives, and how to reach them. The link carries those values after ``#``
(``#receiving_organization=...&receiving_contact=...``): the fragment is never sent to a server,
and the form's script (``forms/form.js``) copies each value into the field of that name when the
form marks the field ``prefill: true`` (organizations only, never a person). A link carries only
the fields its form accepts, so the same code serves every form.

Names are written "Organization, Program" in the page's language, the contact is the program's
phone (else the organization's, else an email), as on the program page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from literacy_directory.catalog.directory import Catalog
from literacy_directory.core.lang import in_language


@dataclass(frozen=True)
class FormLink:
    """One link to a form from a protocol: the receiving party's name ("" when the protocol has
    only one receiver, so the link needs no more words) and the fragment that fills the form."""

    receiver: str
    fragment: str


class FormLinks:
    """The fragments of links to the catalog's forms, in one language (a Jinja global)."""

    def __init__(self, catalog: Catalog, lang: str):
        self.catalog = catalog
        self.lang = lang

    def fragment(self, form_id: str, values: dict[str, str]) -> str:
        """``#name=value&...`` for the values whose field the form lets a link fill; "" when none."""
        form = self.catalog.forms.get(form_id)
        accepted = {f.id for f in form.fields if f.prefill} if form else set()
        pairs = [f"{name}={quote(value, safe='')}" for name, value in values.items() if name in accepted and value]
        return "#" + "&".join(pairs) if pairs else ""

    def for_program(self, form_id: str, program: Any) -> str:
        """The fragment of a link to ``form_id`` from a program page: the program receives."""
        return self.fragment(form_id, self._receiving(program.organization_id, program.id))

    def for_protocol(self, form_id: str, protocol: Any) -> list[FormLink]:
        """One link per receiving party; each names the referring party too when there is only
        one other party that refers (one way: the referrer; two ways between two: the other)."""
        parties = protocol.meta.parties
        receivers = [p for p in parties if p.role in ("receiver", "both")]
        links = []
        for receiver in receivers:
            referrers = [p for p in parties if p.role in ("referrer", "both") and p is not receiver]
            values = self._receiving(receiver.organization_id, receiver.program_id)
            if len(referrers) == 1:
                referring = self._name(referrers[0].organization_id, referrers[0].program_id)
                values |= {"referring_organization": referring, "sharing_organization": referring}
            label = values["receiving_organization"] if len(receivers) > 1 else ""
            links.append(FormLink(label, self.fragment(form_id, values)))
        return links

    def _receiving(self, organization_id: str, program_id: str | None) -> dict[str, str]:
        return {
            "receiving_organization": self._name(organization_id, program_id),
            "receiving_contact": self._contact(organization_id, program_id),
        }

    def _name(self, organization_id: str, program_id: str | None) -> str:
        names = [self.catalog.organizations.get(organization_id), self.catalog.programs.get(program_id or "")]
        return ", ".join(in_language(r.name_en, r.name_fr, self.lang) for r in names if r is not None)

    def _contact(self, organization_id: str, program_id: str | None) -> str:
        org = self.catalog.organizations.get(organization_id)
        program = self.catalog.programs.get(program_id or "")
        found = (
            getattr(program, "contact_phone", None),
            getattr(org, "phone", None),
            getattr(program, "contact_email", None),
            getattr(org, "email", None),
        )
        return next((str(value) for value in found if value), "")
