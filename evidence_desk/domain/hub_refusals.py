"""What the organisation hub answers when it refuses a request, worded on both ends.

The hub answers a refusal with ``{"error": code, "facts": {name: text}}`` and no sentence: the
device words it in its user's language from the same catalogue. The hub's transport refusals are
here, in the domain, because both the hub (evidence_desk/hub) and the device's client
(services/hub_client.py) need them and neither may import the other; so are the rules its
storage and acceptance refuse a push, a blob or an enrolment by (``rules``). The signature
refusals are integrity/http_signatures.py's, the record rules' are the rule table's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

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
        "hub.busy": "the hub is busy with other devices' uploads: try again in {seconds} s",
        "hub.refused": "the hub refused the request: {code} {facts}",
    }
)

#: what the hub's storage and acceptance refuse (evidence_desk/hub/acceptance.py and
#: repository.py): the rule code is the code of its phrase
rules = Catalogue(
    {
        # -- a pushed batch (acceptance.py) --
        "hub.unknown_device": "device {device} is not registered with this organisation",
        "hub.malformed": "device {device}: entry {seq} is malformed (a whole number and "
        "eight texts are expected)",
        "hub.seq": "device {device}: entry {seq} does not follow the hub's last entry {size}",
        "hub.prev": "device {device}: entry {seq} does not link to the entry before it",
        "hub.payload_hash": "device {device}: the payload of entry {seq} does not match its "
        "payload hash",
        "hub.payload": "device {device}: the payload of entry {seq} is not a JSON object",
        "hub.entry_hash": "device {device}: the hash of entry {seq} does not match its contents",
        "hub.signature": "device {device}: the signature of entry {seq} does not verify under "
        "any key the organisation holds for {actor}",
        "hub.unknown_user": "device {device}: {actor}, who wrote entry {seq}, is not a user of "
        "this organisation",
        "hub.inactive_user": "device {device}: {actor}, who wrote entry {seq}, is deactivated",
        "hub.unknown_action": "device {device}: entry {seq} has action {action}, which is not an "
        "action of this application",
        "hub.permission": "device {device}: entry {seq} by {actor} (role {role}) is {action}, "
        "which the role may not write",
        "hub.cloned_device": "device {device} pushed an entry {seq} other than the one the hub "
        "accepted ({held}, not {pushed}): two stores share this device's identity",
        # -- blobs (repository.py) --
        "hub.blob_chunk": "blob {digest}: chunk {index} was uploaded before with other bytes",
        "hub.blob_missing": "blob {digest}: chunks not uploaded: {missing}",
        "hub.witness": "no organisation checkpoint of size {size}, or the cosignature does not "
        "verify under your key",
        "hub.blob_elsewhere": "blob {digest} is kept on the object store, and this hub was "
        "started without --blobs",
        "hub.blob_digest": "blob {digest}: the uploaded chunks hash to {actual} ({size} bytes), "
        "not to the blob's digest ({expected_size} bytes); upload it again",
        # -- users, enrolments, devices (repository.py) --
        "hub.user_exists": "{user} is already a user of this organisation",
        "hub.no_user": "{user} is not a user of this organisation",
        "hub.device_exists": "device {device} is already registered (to {user})",
        "hub.device_retired": "This laptop (device {device}) was retired by {by} on {at}: "
        "{reason}. It keeps its {size} {size:entry|entries} and pushes nothing more",
        "hub.enrolment_unknown": "this enrolment code is not known to the hub",
        "hub.enrolment_used": "this enrolment code was used already",
        "hub.enrolment_expired": "this enrolment code expired at {expires_at}",
        "hub.organisation_exists": "this database already holds organisation {hub_id}",
        "hub.decided": "device {device}: entry {seq} decides contact {contact}, which {by} "
        "decided first ({action}, device {first_device}); the first decision stands",
        "hub.rule": "device {device}: entry {seq} ({action}) breaks the rule {violated} at its "
        "place in the organisation's order; it is kept in the device's chain, marked not "
        "accepted, and applied nowhere",
        # -- the routes (hub/routes.py) --
        "hub.batch_too_large": "a push holds at most {limit} entries, not {count}",
        "hub.bad_field": "the request's {field} is missing or malformed",
        "hub.invite_only": "an invitation's key may only pull the history and join",
        "hub.invite_closed": "the invitation for {user} is not open (used or revoked)",
        "hub.join_invalid": "device {device}: the join is not signed by the invitation's key "
        "for {user}, or is not the device's first entry",
        "hub.join_rule": "device {device}: entry {seq} ({action}) breaks the rule {violated}: "
        "the store's join with its history is refused and nothing was written",
        "hub.staged_differs": "device {device}: entry {seq} differs from the entry staged at "
        "that place for this join",
        "hub.staged_size": "device {device}: the hub holds {held} staged entries of this join "
        "ending at {head}, not {size} ending at {wanted}; ask what is staged and upload the rest",
    }
)


#: the gate's and a push's refusal of a device an admin retired (hub/retirements.py): the
#: laptop says who retired it, when and why, and the app stops syncing
DEVICE_RETIRED = "hub.device_retired"


@dataclass(frozen=True, slots=True)
class Refusal:
    """One refusal of the hub's storage or acceptance: ``rule`` (stable, e.g.
    ``hub.signature``) and its coded ``detail``."""

    rule: str
    detail: Phrase

    def facts(self) -> Mapping[str, str]:
        return dict(self.detail.facts)


def rule_refusal(rule: str, **facts: object) -> Refusal:
    """The refusal of ``rule`` worded by its own code (the hub's rules are their codes)."""
    return Refusal(rule, rules(rule, **facts))


class Refused(Exception):
    """The hub refused a request; nothing was written. ``refusal`` says which rule and why."""

    def __init__(self, refused: Refusal) -> None:
        super().__init__(str(refused.detail))
        self.refusal = refused


def worded_refusal(code: str, facts: Mapping[str, str]) -> Phrase:
    """The hub's refusal as a phrase of the code it named, when this program knows that code
    with those facts; else a phrase quoting the code and facts (a newer hub's refusal)."""
    try:
        return worded({"code": code, "facts": dict(facts)})
    except (ValueError, KeyError, IndexError):
        shown = ", ".join(f"{name}={value}" for name, value in sorted(facts.items()))
        return refusal("hub.refused", code=code, facts=shown)
