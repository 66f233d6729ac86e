"""The pitch session's rules (writes), by subject:

- states: application_state_change, the one way an application changes state, and the
  slots counted under the call's lock;
- applications: apply, edit until the call closes, withdraw (the applicant's);
- reviews: the reviewers' scores;
- slots: confirming an offered slot, the sweep that offers lapsed slots to the best
  shortlisted, the line-up on the agenda;
- votes: the audience's vote.
"""

from pitches.services.states import (  # noqa: F401
    TRANSITIONS,
    PitchError,
    application_state_change,
    call_lock,
    offer_deadline,
    slots_taken,
)
