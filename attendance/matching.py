"""The preview of an attendance report: which of its rows are whose registration.

`preview_build(event=…, rows=…)` reads the event's registrations, its speakers and the
series' team (given) in two queries, whatever the report's length, and sorts each row into one
of four kinds:

- STAFF: the organiser or a presenter, left out of the attendees — the report says so
  (its role), or the row's name is one of the event's speakers, or its address is one of
  the series' team members';
- MATCHED: its e-mail address is a registration's participant's, compared case-
  insensitively (casefold);
- SUGGESTED: no address matched, but its name is close to the name of a registration no
  row matched: the same words in any order, any letter case, with or without accents,
  or a difflib ratio of at least SUGGEST_RATIO between them; each registration is
  suggested for one row at most, the closest first. A suggestion counts only when the
  organiser accepts it;
- UNMATCHED: the rest, for the organiser to match by hand (any registration of the event
  no address matched) or to add as a participant who came without registering (only with
  an e-mail address).

Registrations that rows may match: the event's pending, confirmed and waitlisted ones
whose participant's data was not deleted (an anonymised participant never matches; a
cancelled registration is none). Nothing here writes.
"""

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from events.models import Event, Speaker
from registrations.models import Registration

SUGGEST_RATIO = 0.82  # difflib's ratio between two normalised names that makes a suggestion
STAFF_ROLES = ("organiser", "presenter")

MATCHED, SUGGESTED, UNMATCHED, STAFF = "matched", "suggested", "unmatched", "staff"


@dataclass
class Candidate:
    """A registration of the event that rows may match."""

    registration_id: int
    participant_id: int
    name: str
    email: str
    state: str
    minutes_before: int  # from the event's imports saved already
    checked_in: bool
    key: str = ""  # the normalised name


@dataclass
class PreviewRow:
    index: int  # its position in the report's rows
    name: str
    email: str
    minutes: int
    role: str
    joins: int
    kind: str = UNMATCHED
    candidate: Candidate | None = None  # MATCHED, SUGGESTED
    score: int = 0  # SUGGESTED: how close the names are, in per cent
    staff_reason: str = ""  # STAFF: "role", "speaker" or "team"
    total_minutes: int = 0  # MATCHED, SUGGESTED: the registration's minutes with this report
    attended: bool = False  # MATCHED, SUGGESTED: at or above the threshold (or checked in)
    can_add: bool = False  # UNMATCHED: has a valid address, so it can be added


@dataclass
class Preview:
    threshold: int
    rows: list[PreviewRow]
    candidates: dict[int, Candidate]  # registration id -> candidate
    by_kind: dict[str, list[PreviewRow]] = field(default_factory=dict)

    def of(self, kind: str) -> list[PreviewRow]:
        return self.by_kind.get(kind, [])

    @property
    def matched(self) -> list[PreviewRow]:
        return self.of(MATCHED)

    @property
    def suggested(self) -> list[PreviewRow]:
        return self.of(SUGGESTED)

    @property
    def unmatched(self) -> list[PreviewRow]:
        return self.of(UNMATCHED)

    @property
    def staff(self) -> list[PreviewRow]:
        return self.of(STAFF)

    @property
    def attended_count(self) -> int:
        """Registrations the matched rows make attended (a registration counted once)."""
        return len({row.candidate.registration_id for row in self.matched if row.attended})

    def unclaimed(self) -> list[Candidate]:
        """The registrations no row matched by address: those a row may be matched to by
        hand, by name."""
        claimed = {row.candidate.registration_id for row in self.matched}
        return sorted((candidate for pk, candidate in self.candidates.items()
                       if pk not in claimed), key=lambda item: (item.key, item.registration_id))


def name_key(name: str) -> str:
    """A name as compared: without accents, letter case or punctuation, its words sorted
    ("Müller, Anna" and "anna muller" give "anna muller")."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = text.casefold().replace("ß", "ss")
    words = re.findall(r"\w+", text)
    return " ".join(sorted(words))


def email_key(email: str) -> str:
    return (email or "").strip().casefold()


def preview_build(*, event: Event, rows: list[dict],
                  team_emails: Iterable[str] = ()) -> Preview:
    """The preview of `rows` (a report's rows as stored: name, email, minutes, role,
    joins) for `event` (its series read): two queries. `team_emails`: the addresses of the
    series' team (the workspace knows them: orga.queries), whose rows are staff."""
    threshold = event.series.attendance_threshold_minutes
    candidates = _candidates(event)
    by_email = {candidate.email: candidate for candidate in candidates.values()}
    speakers = {name_key(name) for name in _speaker_names(event)} - {""}
    team = {email_key(email) for email in team_emails} - {""}
    preview_rows = [PreviewRow(index=index, name=str(row.get("name", "")),
                               email=str(row.get("email", "")).strip(),
                               minutes=int(row.get("minutes") or 0),
                               role=str(row.get("role", "")), joins=int(row.get("joins") or 1))
                    for index, row in enumerate(rows)]
    rest = []
    for row in preview_rows:
        key = name_key(row.name)
        if row.role in STAFF_ROLES:
            row.kind, row.staff_reason = STAFF, "role"
        elif email_key(row.email) in team:
            row.kind, row.staff_reason = STAFF, "team"
        elif key and key in speakers:
            row.kind, row.staff_reason = STAFF, "speaker"
        elif (candidate := by_email.get(email_key(row.email))) is not None and row.email:
            row.kind, row.candidate = MATCHED, candidate
        else:
            rest.append(row)
    claimed = {row.candidate.registration_id for row in preview_rows if row.kind == MATCHED}
    _suggest(rest, [item for pk, item in candidates.items() if pk not in claimed])
    for row in rest:
        if row.kind == UNMATCHED:
            row.can_add = _valid_email(row.email)
    _totals(preview_rows, threshold=threshold)
    by_kind: dict[str, list[PreviewRow]] = defaultdict(list)
    for row in preview_rows:
        by_kind[row.kind].append(row)
    return Preview(threshold=threshold, rows=preview_rows, candidates=candidates,
                   by_kind=dict(by_kind))


def _candidates(event: Event) -> dict[int, Candidate]:
    rows = (Registration.objects.filter(event=event, participant__anonymised_at__isnull=True)
            .exclude(state=Registration.State.CANCELLED)
            .order_by("pk")
            .values_list("pk", "participant_id", "participant__name", "participant__email",
                         "state", "attended_minutes", "checked_in_at"))
    return {pk: Candidate(registration_id=pk, participant_id=participant_id, name=name,
                          email=email_key(email), state=state, minutes_before=minutes or 0,
                          checked_in=checked_in is not None, key=name_key(name))
            for pk, participant_id, name, email, state, minutes, checked_in in rows}


def _speaker_names(event: Event) -> list[str]:
    return list(Speaker.objects.filter(talk_links__talk__event=event)
                .values_list("name", flat=True).distinct())


def _suggest(rows: list[PreviewRow], candidates: list[Candidate]) -> None:
    """Pair rows with registrations by name, the closest pairs first, each at most once."""
    by_key: dict[str, list[Candidate]] = defaultdict(list)
    by_prefix: dict[str, set[int]] = defaultdict(set)
    for position, candidate in enumerate(candidates):
        if candidate.key:
            by_key[candidate.key].append(candidate)
            for word in candidate.key.split():
                by_prefix[word[:3]].add(position)
    pairs: list[tuple[float, int, int, Candidate]] = []
    for row in rows:
        key = name_key(row.name)
        if not key:
            continue
        exact = by_key.get(key)
        if exact:
            pairs += [(1.0, row.index, item.registration_id, item) for item in exact]
            continue
        matcher = SequenceMatcher(autojunk=False)
        matcher.set_seq2(key)
        near = set().union(*(by_prefix.get(word[:3], set()) for word in key.split()))
        for position in near:
            candidate = candidates[position]
            matcher.set_seq1(candidate.key)
            if (matcher.real_quick_ratio() >= SUGGEST_RATIO
                    and matcher.quick_ratio() >= SUGGEST_RATIO
                    and (ratio := matcher.ratio()) >= SUGGEST_RATIO):
                pairs.append((ratio, row.index, candidate.registration_id, candidate))
    pairs.sort(key=lambda pair: (-pair[0], pair[1], pair[2]))
    by_index = {row.index: row for row in rows}
    taken: set[int] = set()
    for ratio, index, registration_id, candidate in pairs:
        row = by_index[index]
        if row.kind == SUGGESTED or registration_id in taken:
            continue
        row.kind, row.candidate, row.score = SUGGESTED, candidate, round(ratio * 100)
        taken.add(registration_id)


def _totals(rows: list[PreviewRow], *, threshold: int) -> None:
    """Each matched or suggested row's registration's minutes with this report (its rows
    that match it by address summed, a suggestion's own minutes added) and whether that
    makes it attended."""
    matched_minutes: dict[int, int] = defaultdict(int)
    for row in rows:
        if row.kind == MATCHED:
            matched_minutes[row.candidate.registration_id] += row.minutes
    for row in rows:
        if row.kind not in (MATCHED, SUGGESTED):
            continue
        candidate = row.candidate
        this = matched_minutes[candidate.registration_id] + (
            row.minutes if row.kind == SUGGESTED else 0)
        row.total_minutes = candidate.minutes_before + this
        row.attended = row.total_minutes >= threshold or candidate.checked_in


def _valid_email(email: str) -> bool:
    if not email:
        return False
    try:
        validate_email(email)
    except ValidationError:
        return False
    return True
