"""What the organisation hub answers when it refuses a request, worded on both ends.

The hub answers a refusal with ``{"error": code, "facts": {name: text}}`` and no sentence: the
device words it in its user's language from the same catalogue. The hub's transport refusals are
here, in the domain, because both the hub (evidence_desk/hub) and the device's client
(services/hub_client.py) need them and neither may import the other; the signature refusals are
integrity/http_signatures.py's, the record rules' are the rule table's.
"""

from __future__ import annotations

from collections.abc import Mapping

from evidence_desk.domain.wording import Catalogue, Phrase, worded

refusal = Catalogue(
    {
        "hub.content_type": "the hub takes only application/json bodies, not {content_type}",
        "hub.too_large": "the request body is larger than the {limit} bytes the hub accepts",
        "hub.malformed_json": "the request body is not JSON (line {line}, column {column})",
        "hub.not_object": "the request body must be a JSON object",
        "hub.user_deactivated": "{user} is deactivated on this hub",
        "hub.not_found": "the hub has no {method} {path}",
        "hub.internal": "the hub could not handle the request (see the hub's log)",
        "hub.refused": "the hub refused the request: {code} {facts}",
    }
)


def worded_refusal(code: str, facts: Mapping[str, str]) -> Phrase:
    """The hub's refusal as a phrase of the code it named, when this program knows that code
    with those facts; else a phrase quoting the code and facts (a newer hub's refusal)."""
    try:
        return worded({"code": code, "facts": dict(facts)})
    except (ValueError, KeyError, IndexError):
        shown = ", ".join(f"{name}={value}" for name, value in sorted(facts.items()))
        return refusal("hub.refused", code=code, facts=shown)
