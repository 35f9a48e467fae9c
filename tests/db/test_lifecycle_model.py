"""The lifecycle against a model: hypothesis drives sequences of governed cuts, draft edits,
VERIFY runs, review decisions, enactments, revisions and supersedes, retirements and rollbacks
through the real gateway, and runs each one, side by side, on a small pure-Python model of
what it should do. The model never reads the database; it predicts every outcome, the exact
SQLSTATE of each refusal included, and a refusal changes nothing. After every step the
database must agree with the model (units, versions, content, change-set statuses, reviews,
rollback records, signatures, the lifecycle log per unit and its seals, the document in force)
and every check the database offers must pass: fn_iu_verify_invariants,
fn_iu_lifecycle_log_check, cutter_governance.fn_gov_chain_check, and no canonical-writer marker
or gateway ticket left behind.

The vocabulary is tiny on purpose (one document, six addresses, three texts, one of them in
composed and decomposed form) so operations collide often: re-cuts of the same content,
conflicting cuts, edits of enacted units, revisions over pending revisions.

By default a fixed seed keeps CI deterministic. IU_FULL=1 runs a much longer randomised hunt;
on a failure hypothesis prints the shortest sequence it found and the blob that reproduces it.
"""

from __future__ import annotations

import copy
import hashlib
import os
import unicodedata
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

import psycopg
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    initialize,
    invariant,
    multiple,
    precondition,
    rule,
    run_state_machine_as_test,
)

from harness import keys, lifecycle
from tests.conftest import as_role, cloned_database, connect
from tests.db import governed

FULL = os.environ.get("IU_FULL") == "1"
SETTINGS = settings(
    max_examples=1000 if FULL else 25,
    stateful_step_count=40 if FULL else 20,
    deadline=None,
    derandomize=not FULL,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)

DOC = "LMD"
ADDRESSES = (
    "LMD",
    "LMD/art_1",
    "LMD/art_1/para_1",
    "LMD/art_1/para_2",
    "LMD/art_2",
    "LMD/art_2/para_1",
)
# "café" twice: composed and decomposed, one text (the same NFC form, the same content hash).
BODIES = ("alpha", "beta", "caf\u00e9", "cafe\u0301")

EXECUTOR, VERIFIER, REVIEWER, OBJECTOR = "alice", "victor", "rita", "mallory"
ACTIVE = ("draft", "enacted")
UNKNOWN_DECISION = UUID(int=0)
REASON = "repealed by the lifecycle model test"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def content_hash(body: str) -> str:
    return hashlib.sha256(nfc(body).encode()).hexdigest()


def manifest_digest(pairs: list[tuple[str, str]]) -> str:
    return hashlib.sha256("".join(f"{a}\t{h}\n" for a, h in pairs).encode()).hexdigest()


def parent_of(address: str) -> str | None:
    return address.rsplit("/", 1)[0] if "/" in address else None


def is_ancestor(ancestor: str, address: str) -> bool:
    return address.startswith(ancestor + "/")


def outcome(answer: Any) -> str:
    """A short name for what an operation did, for hypothesis' statistics."""
    if isinstance(answer, list) and answer and isinstance(answer[0], str):
        return "+".join(sorted(set(answer)))
    if isinstance(answer, tuple):
        return str(answer[0])
    if isinstance(answer, set):
        return "fail " + "+".join(sorted(answer)) if answer else "pass"
    return answer if isinstance(answer, str) else "done"


def answers(rows) -> list[tuple[str, str]]:
    """(address, action) of a writer's answer, in its order."""
    return [(r.canonical_address, r.action) for r in rows]


# --- the model ------------------------------------------------------------------------------------


class Refused(Exception):
    """The model's prediction that the database refuses an operation with this SQLSTATE."""

    def __init__(self, code: str, why: str) -> None:
        super().__init__(f"{code}: {why}")
        self.code = code
        self.why = why


@dataclass
class Version:
    no: int
    body: str  # stored NFC-normalised
    status: str
    change_set: int  # the model key of the change set that wrote it

    @property
    def hash(self) -> str:
        return content_hash(self.body)


@dataclass
class Unit:
    address: str
    doc_order: int
    created_by: int
    versions: list[Version]
    status: str = "draft"
    current_no: int = 1
    # (entity_collection, from_status, to_status, transition_type), in log order
    log: list[tuple[str, str, str, str]] = field(default_factory=list)

    @property
    def current(self) -> Version:
        return next(v for v in self.versions if v.no == self.current_no)

    @property
    def pending(self) -> Version | None:
        """A revision waiting beside the enacted version."""
        return next((v for v in self.versions if v.status == "draft" and v.no != self.current_no), None)

    @property
    def stored_hash(self) -> str:
        """What a manifest must list for this unit: its pending revision, or else its current text."""
        return (self.pending or self.current).hash


@dataclass
class ChangeSet:
    key: int
    entries: list[tuple[str, str, str]]  # (address, content hash, created | revised | unchanged)
    actor: str = EXECUTOR
    status: str = "recorded"
    id: UUID | None = None

    @property
    def manifest(self) -> str:
        return manifest_digest([(a, h) for a, h, _ in self.entries])


@dataclass
class Review:
    subject: str
    decision: str
    decided_by: str
    manifest: str
    change_set: int | None  # None: bound to the manifest digest only
    id: UUID | None = None


class Model:
    """What each operation does to one document, by the rules the README states. When one call
    breaks several rules at once, the model checks them in the order the writers document, so it
    names the same SQLSTATE. Operations take and keep model keys; database ids only name things."""

    def __init__(self) -> None:
        self.units: dict[str, Unit] = {}
        self.change_sets: list[ChangeSet] = []
        self.reviews: list[Review] = []
        self.seals: list[str] = []
        self.rolled_back: list[int] = []
        self.verifications = 0

    def atomically(self, operation: Callable[[], Any]) -> Any:
        """A refused operation changes nothing."""
        saved = copy.deepcopy(self.__dict__)
        try:
            return operation()
        except Refused:
            self.__dict__.update(saved)
            raise

    def status(self, address: str) -> str | None:
        unit = self.units.get(address)
        return unit.status if unit else None

    def _unit(self, address: str) -> Unit:
        unit = self.units.get(address)
        if unit is None:
            raise Refused("IU007", f"unit {address} does not exist")
        return unit

    # governed recording

    def cut(self, units: list[tuple[str, str]]) -> int:
        seen: set[str] = set()
        for address, _ in units:
            parent = parent_of(address)
            if parent and parent not in seen and parent not in self.units:
                raise Refused("IU005", f"the parent of {address} does not exist before it")
            seen.add(address)
        for address, body in units:
            unit = self.units.get(address)
            if unit and unit.current.hash != content_hash(body):
                raise Refused("IU006", f"{address} holds other content")
        for address, body in units:
            unit = self.units.get(address)
            if unit and unit.stored_hash != content_hash(body):
                raise Refused("IU013", f"{address} has a pending revision: the manifest does not match it")
        key = len(self.change_sets)
        base = max((u.doc_order for u in self.units.values()), default=-1) + 1
        entries = []
        for ordinal, (address, body) in enumerate(units):
            action = "unchanged"
            if address not in self.units:
                first = Version(1, nfc(body), "draft", key)
                self.units[address] = Unit(address, base + ordinal, key, [first])
                action = "created"
            entries.append((address, content_hash(body), action))
        self.change_sets.append(ChangeSet(key, entries))
        return key

    def revise(self, changes: list[tuple[str, str]]) -> int:
        for address, body in changes:
            unit = self._unit(address)
            if unit.status != "enacted":
                raise Refused("IU003", f"{address} is {unit.status}: only enacted units are revised")
            if unit.pending and unit.pending.hash != content_hash(body):
                raise Refused("IU006", f"{address} already has a pending revision with other content")
        key = len(self.change_sets)
        entries = []
        for address, body in changes:
            unit = self.units[address]
            action = "unchanged"
            if unit.pending is None and unit.current.hash != content_hash(body):
                no = max(v.no for v in unit.versions) + 1
                unit.versions.append(Version(no, nfc(body), "draft", key))
                action = "revised"
            entries.append((address, content_hash(body), action))
        self.change_sets.append(ChangeSet(key, entries))
        return key

    def _derived_action(self, unit: Unit, key: int) -> str:
        if unit.created_by == key:
            return "created"
        if (unit.pending or unit.current).change_set == key:
            return "revised"
        return "unchanged"

    def verify(self, key: int, verifier: str) -> set[str]:
        """The VERIFY checks that fail (the others always pass here); the status follows the verdict."""
        cs = self.change_sets[key]
        if cs.status == "rolled_back":
            raise Refused("IU003", "the change set is rolled back")
        if verifier == cs.actor:
            raise Refused("IU012", "the verifier is the executor")
        failing: set[str] = set()
        for address, hash_, action in cs.entries:
            unit = self.units.get(address)
            if unit is None:
                failing.add("units_present")
                continue
            if unit.stored_hash != hash_:
                failing.add("content_hashes_match")
            if self._derived_action(unit, key) != action:
                failing.add("counts_match")
        if cs.status in ("recorded", "verified", "verify_failed"):
            cs.status = "verify_failed" if failing else "verified"
        self.verifications += 1
        return failing

    def record_review(self, subject: str, decision: str, reviewer: str, key: int | None,
                      manifest: str) -> None:
        if key is not None:
            cs = self.change_sets[key]
            if cs.status == "rolled_back":
                raise Refused("IU003", "the change set was rolled back")
            if reviewer == cs.actor:
                raise Refused("IU012", "the reviewer is the executor")
            manifest = cs.manifest
        self.reviews.append(Review(subject, decision, reviewer, manifest, key))

    def _approved_change_set(self, review: Review) -> ChangeSet | None:
        """The recorded change set carrying the content a decision approves."""
        carriers = [
            cs for cs in self.change_sets
            if cs.manifest == review.manifest and cs.status != "rolled_back"
            and (review.change_set is None or cs.key == review.change_set)
        ]
        carriers.sort(key=lambda cs: (cs.status in ("verified", "enacted"), cs.key), reverse=True)
        return carriers[0] if carriers else None

    def review_check(self, decision_id: UUID | None, subject: str,
                     actor: str) -> tuple[Review, ChangeSet | None]:
        if decision_id is None:
            raise Refused("IU004", f"no decision to {subject}")
        review = next((r for r in self.reviews if r.id == decision_id), None)
        if review is None:
            raise Refused("IU004", "no such decision")
        if review.decision != "approve":
            raise Refused("IU004", "the decision is a rejection")
        if review.subject != subject:
            raise Refused("IU004", f"the decision approves {review.subject}, not {subject}")
        position = self.reviews.index(review)
        if any(r.manifest == review.manifest and r.subject == subject and r.decision == "reject"
               for r in self.reviews[position + 1:]):
            raise Refused("IU004", "the approval was followed by a rejection of the same content")
        cs = self._approved_change_set(review)
        if review.decided_by == actor:
            raise Refused("IU004", "decided by the actor")
        if cs and review.decided_by == cs.actor:
            raise Refused("IU004", "decided by the executor of the change set")
        if subject in ("enact", "supersede"):
            if cs is None:
                raise Refused("IU004", "no recorded change set carries the approved content")
            if cs.status not in ("verified", "enacted"):
                raise Refused("IU003", f"the change set is {cs.status}, not verified")
        return review, cs

    def _settle(self, cs: ChangeSet | None) -> None:
        if cs is None or cs.status != "verified":
            return
        for address, hash_, _ in cs.entries:
            unit = self.units.get(address)
            if unit is None or unit.current.status != "enacted" or unit.current.hash != hash_:
                return
        cs.status = "enacted"

    # the lifecycle

    def edit(self, address: str, body: str) -> str:
        unit = self._unit(address)
        if unit.status == "enacted":
            raise Refused("IU002", f"{address} is enacted")
        if unit.status != "draft" or unit.current.status != "draft":
            raise Refused("IU003", f"{address} is {unit.status}")
        if unit.current.hash == content_hash(body):
            return "unchanged"
        unit.current.body = nfc(body)
        return "edited"

    def enact(self, addresses: list[str], decision_id: UUID | None, actor: str) -> list[str]:
        _, cs = self.review_check(decision_id, "enact", actor)
        units = [self._unit(a) for a in addresses]
        closed = [u.address for u in units if u.status not in ACTIVE]
        if closed:
            raise Refused("IU003", f"{closed[0]} is {self.units[closed[0]].status}")
        drafts = [u for u in units if u.status == "draft"]
        if drafts:
            assert cs is not None
            approved = {a: h for a, h, _ in cs.entries}
            for unit in drafts:
                if approved.get(unit.address) != unit.current.hash:
                    raise Refused("IU004", f"the decision does not cover {unit.address} as it stands")
            batch = {u.address for u in drafts}
            for unit in drafts:
                parent = parent_of(unit.address)
                if parent and self.units[parent].status != "enacted" and parent not in batch:
                    raise Refused("IU003", f"{unit.address} before its parent")
            for unit in drafts:
                unit.status = unit.current.status = "enacted"
                unit.log.append(("information_unit", "draft", "enacted", "enact"))
            self.seals.append("enact")
        self._settle(cs)
        return ["enacted" if u in drafts else "already_enacted" for u in units]

    def supersede(self, addresses: list[str], decision_id: UUID | None, actor: str) -> list[str]:
        _, cs = self.review_check(decision_id, "supersede", actor)
        assert cs is not None
        approved = {a: (h, action) for a, h, action in cs.entries}
        units = [self._unit(a) for a in addresses]
        for unit in units:
            hash_, action = approved.get(unit.address, (None, None))
            if unit.status != "enacted" or (
                unit.pending is None and (action != "revised" or unit.current.hash != hash_)
            ):
                raise Refused("IU003", f"{unit.address} has no revision to supersede")
        for unit in units:
            if unit.pending and unit.pending.hash != approved.get(unit.address, (None, None))[0]:
                raise Refused("IU004", f"the decision does not cover the revision of {unit.address}")
        moving = [u for u in units if u.pending]
        for unit in moving:
            new = unit.pending
            assert new is not None
            unit.current.status = "superseded"
            new.status = "enacted"
            unit.current_no = new.no
            unit.log.append(("unit_version", "enacted", "superseded", "supersede"))
            unit.log.append(("unit_version", "draft", "enacted", "enact"))
        if moving:
            self.seals.append("supersede")
        self._settle(cs)
        return ["superseded" if u in moving else "already_superseded" for u in units]

    def units_digest(self, addresses: list[str]) -> str:
        """What a retirement decision approves: the enacted ones, in document order, as they stand."""
        units = sorted((self.units[a] for a in set(addresses) if self.status(a) == "enacted"),
                       key=lambda u: (u.doc_order, u.address))
        return manifest_digest([(u.address, u.current.hash) for u in units])

    def retire(self, addresses: list[str], decision_id: UUID | None, actor: str) -> list[str]:
        units = [self._unit(a) for a in addresses]
        enacted = [u.address for u in units if u.status == "enacted"]
        if enacted:
            review, _ = self.review_check(decision_id, "retire", actor)
            if review.manifest != self.units_digest(enacted):
                raise Refused("IU004", "the decision approves retiring other units")
        moving = [u for u in units if u.status in ACTIVE]
        if not moving:
            return ["already_retired"] * len(units)
        batch = {u.address for u in moving}
        for unit in moving:
            for child in self.units.values():
                if parent_of(child.address) == unit.address and child.status != "retired" \
                        and child.address not in batch:
                    raise Refused("IU003", f"{unit.address} before its child {child.address}")
        before = {u.address: u.status for u in units}
        for unit in moving:
            withdrawn = [v for v in unit.versions if v.status == "draft" and v.no != unit.current_no]
            unit.log.append(("information_unit", unit.status, "retired",
                             "retire" if unit.status == "enacted" else "withdraw"))
            unit.log.extend(("unit_version", "draft", "retired", "withdraw") for _ in withdrawn)
            for version in unit.versions:
                if version.status in ACTIVE:
                    version.status = "retired"
            unit.status = "retired"
        self.seals.append("retire" if enacted else "withdraw")
        return [{"enacted": "retired", "draft": "withdrawn"}.get(before[u.address], "already_retired")
                for u in units]

    def rollback(self, key: int) -> tuple[str, int, int]:
        cs = self.change_sets[key]
        if cs.status == "rolled_back":
            return ("already_rolled_back", 0, 0)
        if cs.status == "enacted":
            raise Refused("IU002", "the change set is enacted")
        created = {a for a, u in self.units.items() if u.created_by == key}
        versions = [(u, v) for u in self.units.values() for v in u.versions
                    if v.change_set == key or u.address in created]
        if any(v.status != "draft" for _, v in versions):
            raise Refused("IU002", "something the change set wrote is no longer a draft")
        if any(parent_of(a) in created and a not in created for a in self.units):
            raise Refused("IU006", "a unit of another change set hangs under a unit it would remove")
        live = [other for other in self.change_sets if other.key != key and other.status != "rolled_back"]
        if any(a in created for other in live for a, _, _ in other.entries):
            raise Refused("IU006", "another live change set's manifest lists a unit it would remove")
        for unit, version in versions:
            unit.versions.remove(version)
        for address in created:
            del self.units[address]
        cs.status = "rolled_back"
        self.rolled_back.append(key)
        return ("rolled_back", len(created), len(versions))


# --- the machine ----------------------------------------------------------------------------------

BODY = st.sampled_from(BODIES)
ADDRESS = st.sampled_from(ADDRESSES)
UNITS = st.lists(st.tuples(ADDRESS, BODY), min_size=1, max_size=4, unique_by=lambda t: t[0])
# How the review step of an enactment or supersede goes: mostly a proper approval, else each of
# the ways it must be refused.
DECISIONS = st.sampled_from(
    ["approve"] * 6 + ["approve_by_digest"] * 2
    + ["none", "unknown", "reject", "other_subject", "self", "executor", "executor_by_digest",
       "later_rejected", "reuse"]
)
MOSTLY = st.sampled_from([True, True, True, False])
# VERIFY before the review, mostly: an unverified change set is refused (IU003) otherwise.
VERIFY_FIRST = MOSTLY
RETIRE_DECISIONS = st.sampled_from(["exact"] * 3 + ["none", "other_units", "self"])
OTHER_SUBJECT = {"enact": "supersede", "supersede": "enact"}


class LifecycleMachine(RuleBasedStateMachine):
    change_sets = Bundle("change_sets")

    def __init__(self, server, template: str, signers: dict[str, keys.Signer],
                 later: Callable[[Callable[[], Any]], None]) -> None:
        super().__init__()
        self.signers = signers
        self.model = Model()
        self._later = later
        self._database = ExitStack()
        name = self._database.enter_context(cloned_database(server, template, prefix="iu_lm"))
        try:
            self.conn = connect(server, name)
        except BaseException:
            self._database.close()
            raise

    def teardown(self) -> None:
        self.conn.close()
        # DROP DATABASE is the slowest part of an example: it runs while the next one does.
        self._later(self._database.close)

    # each operation twice: on the model, then in the database

    def _both(self, what: str, on_model: Callable[[], Any],
              on_database: Callable[[], Any]) -> tuple[bool, Any, Any]:
        """Run one operation on the model and in the database: both succeed, or both refuse with
        the same SQLSTATE. Returns (succeeded, the model's answer, the database's answer)."""
        try:
            expected, refusal = self.model.atomically(on_model), None
        except Refused as refused:
            expected, refusal = None, refused
        try:
            got, error = on_database(), None
        except psycopg.Error as exc:
            got, error = None, exc
        code = error.sqlstate if error else None
        event(f"{what}: {code or outcome(expected)}")
        if refusal is None:
            assert error is None, f"{what}: the model expects success, the database refused {code}: {error}"
        else:
            assert code == refusal.code, (
                f"{what}: the model expects {refusal}, the database "
                + (f"refused {code}: {error}" if error else f"succeeded ({got!r})")
            )
        return refusal is None, expected, got

    def _cs_id(self, key: int | None) -> UUID | None:
        return None if key is None else self.model.change_sets[key].id

    def _cut(self, units: list[tuple[str, str]]) -> int | None:
        ok, key, cs_id = self._both(
            "cut", lambda: self.model.cut(units),
            lambda: governed.cut(self.conn, self.signers[EXECUTOR], units))
        if not ok:
            return None
        self.model.change_sets[key].id = cs_id
        return key

    def _revise(self, changes: list[tuple[str, str]]) -> int | None:
        ok, key, got = self._both(
            "revise", lambda: self.model.revise(changes),
            lambda: governed.revise(self.conn, self.signers[EXECUTOR], changes))
        if not ok:
            return None
        cs_id, rows = got
        self.model.change_sets[key].id = cs_id
        assert answers(rows) == [
            (a, action) for a, _, action in self.model.change_sets[key].entries]
        return key

    def _verify(self, key: int, verifier: str) -> None:
        ok, failing, got = self._both(
            "verify", lambda: self.model.verify(key, verifier),
            lambda: governed.verify(self.conn, self._cs_id(key), self.signers[verifier]))
        if ok:
            (_, verdict), checks = got
            assert {c.check for c in checks if c.outcome != "pass"} == failing, checks
            assert verdict == ("fail" if failing else "pass")

    def _review(self, subject: str, decision: str, reviewer: str, key: int | None,
                manifest: str) -> UUID | None:
        ok, _, decision_id = self._both(
            f"review {subject} {decision}",
            lambda: self.model.record_review(subject, decision, reviewer, key, manifest),
            lambda: governed.review(
                self.conn, self.signers[reviewer], change_set_id=self._cs_id(key),
                manifest_sha256=manifest if key is None else None, subject=subject, decision=decision))
        if not ok:
            return None
        self.model.reviews[-1].id = decision_id
        return decision_id

    def _decide(self, key: int, subject: str, mode: str) -> tuple[bool, UUID | None, str]:
        """The decision an enactment or supersede of change set `key` acts under, and who acts;
        False when recording the decision was itself (rightly) refused."""
        manifest = self.model.change_sets[key].manifest
        if mode == "none":
            return True, None, EXECUTOR
        if mode == "unknown":
            return True, UNKNOWN_DECISION, EXECUTOR
        if mode == "reuse":
            earlier = [r for r in self.model.reviews if r.change_set == key or r.manifest == manifest]
            return True, earlier[-1].id if earlier else None, EXECUTOR
        reviewer, bind, decision, about, actor = REVIEWER, key, "approve", subject, EXECUTOR
        if mode == "approve_by_digest":
            bind = None
        elif mode == "reject":
            decision = "reject"
        elif mode == "other_subject":
            about = OTHER_SUBJECT[subject]
        elif mode == "self":
            actor = REVIEWER
        elif mode == "executor":
            reviewer = EXECUTOR
        elif mode == "executor_by_digest":
            reviewer, bind, actor = EXECUTOR, None, VERIFIER
        decision_id = self._review(about, decision, reviewer, bind, manifest)
        if decision_id is None:
            return False, None, actor
        if mode == "later_rejected" and self._review(subject, "reject", OBJECTOR, key, manifest) is None:
            return False, None, actor
        return True, decision_id, actor

    def _enact(self, key: int, mode: str, verify_first: bool, subset: list[bool] | None) -> None:
        if verify_first:
            self._verify(key, VERIFIER)
        proceed, decision_id, actor = self._decide(key, "enact", mode)
        if not proceed:
            return
        entries = self.model.change_sets[key].entries
        addresses = [a for a, _, action in entries if action != "revised"] or [a for a, _, _ in entries]
        if subset is not None:
            addresses = [a for a, keep in zip(addresses, subset, strict=False) if keep] or addresses[:1]
        ok, expected, rows = self._both(
            "enact", lambda: self.model.enact(addresses, decision_id, actor),
            lambda: governed.enact(self.conn, addresses, decision_id, actor))
        if ok:
            assert answers(rows) == list(zip(addresses, expected, strict=True))

    def _supersede(self, key: int, mode: str, verify_first: bool) -> None:
        if verify_first:
            self._verify(key, VERIFIER)
        proceed, decision_id, actor = self._decide(key, "supersede", mode)
        if not proceed:
            return
        entries = self.model.change_sets[key].entries
        addresses = [a for a, _, action in entries if action == "revised"] or [a for a, _, _ in entries]

        def on_database():
            with self.conn.transaction(), as_role(self.conn, "cutter_exec"):
                return lifecycle.supersede(self.conn, addresses, actor, decision_id)

        ok, expected, rows = self._both(
            "supersede", lambda: self.model.supersede(addresses, decision_id, actor), on_database)
        if ok:
            assert answers(rows) == list(zip(addresses, expected, strict=True))

    def _with_missing_ancestors(self, units: list[tuple[str, str]]) -> list[tuple[str, str]]:
        wanted = {a for a, _ in units}
        extra = [(a, BODIES[0]) for a in ADDRESSES
                 if a not in wanted and a not in self.model.units and any(is_ancestor(a, w) for w in wanted)]
        return sorted(units + extra, key=lambda u: ADDRESSES.index(u[0]))

    # rules

    @initialize(target=change_sets, units=UNITS, enact=MOSTLY)
    def first_cut(self, units, enact):
        """Every example starts from one document, mostly enacted."""
        key = self._cut(self._with_missing_ancestors(units))
        if key is None:
            return multiple()
        if enact:
            self._enact(key, "approve", verify_first=True, subset=None)
        return key

    @rule(target=change_sets, units=UNITS, complete=st.booleans())
    def cut(self, units, complete):
        """A governed cut; `complete` adds the missing ancestors in document order, else the
        units go in as drawn (a parent missing or after its child is IU005)."""
        key = self._cut(self._with_missing_ancestors(units) if complete else units)
        return multiple() if key is None else key

    @rule(target=change_sets, units=UNITS)
    def cut_and_enact(self, units):
        """The whole flow in one step: a complete cut that re-cuts existing units as they stand
        (unchanged), VERIFY, an approval by someone else, enact."""
        units = [(a, self.model.units[a].current.body if a in self.model.units else b) for a, b in units]
        key = self._cut(self._with_missing_ancestors(units))
        if key is None:
            return multiple()
        self._enact(key, "approve", verify_first=True, subset=None)
        return key

    @rule(address=ADDRESS, body=BODY)
    def edit_draft(self, address, body):
        def on_database():
            with self.conn.transaction(), as_role(self.conn, "cutter_exec"):
                return self.conn.execute(
                    "SELECT action FROM fn_iu_apply_edit_draft(p_canonical_address => %s, p_body => %s,"
                    " p_actor => %s)",
                    (address, body, EXECUTOR),
                ).fetchone()[0]

        ok, expected, got = self._both("edit", lambda: self.model.edit(address, body), on_database)
        if ok:
            assert got == expected

    @rule(cs=change_sets, verifier=st.sampled_from([VERIFIER, VERIFIER, VERIFIER, EXECUTOR]))
    def verify(self, cs, verifier):
        self._verify(cs, verifier)

    @rule(cs=change_sets, mode=DECISIONS, verify_first=VERIFY_FIRST,
          subset=st.none() | st.lists(st.booleans(), min_size=len(ADDRESSES), max_size=len(ADDRESSES)))
    def enact(self, cs, mode, verify_first, subset):
        """Review and enact a change set's drafts (all of them, or `subset` of them)."""
        self._enact(cs, mode, verify_first, subset)

    @rule(target=change_sets, changes=UNITS)
    def revise(self, changes):
        key = self._revise(changes)
        return multiple() if key is None else key

    @rule(cs=change_sets, mode=DECISIONS, verify_first=VERIFY_FIRST)
    def supersede(self, cs, mode, verify_first):
        self._supersede(cs, mode, verify_first)

    @precondition(lambda self: any(u.status == "enacted" for u in self.model.units.values()))
    @rule(target=change_sets, changes=UNITS, mode=DECISIONS)
    def revise_and_supersede(self, changes, mode):
        """The whole supersede: a revision of changed enacted units, VERIFY, review, supersede."""
        changes = [(a, b) for a, b in changes if self.model.status(a) == "enacted"]
        key = self._revise(changes) if changes else None
        if key is None:
            return multiple()
        self._supersede(key, mode, verify_first=True)
        return key

    @rule(addresses=st.lists(ADDRESS, min_size=1, max_size=3, unique=True), existing=MOSTLY,
          with_descendants=st.booleans(), mode=RETIRE_DECISIONS)
    def retire(self, addresses, existing, with_descendants, mode):
        """Retire enacted units (a decision for exactly them) and withdraw drafts. With
        `existing`, addresses without a unit are left out (unless none is left: IU007); with
        `with_descendants`, every live unit under them goes in the same batch."""
        if existing:
            addresses = [a for a in addresses if a in self.model.units] or addresses
        if with_descendants:
            addresses = addresses + [
                a for a in ADDRESSES
                if a not in addresses and self.model.status(a) in ACTIVE
                and any(is_ancestor(p, a) for p in addresses)
            ]
        enacted = [a for a in addresses if self.model.status(a) == "enacted"]
        if any(self.model.units[a].pending for a in enacted):
            event("retire: a unit with a pending revision")
        decision_id, actor = None, EXECUTOR
        if enacted and mode in ("exact", "self"):
            reviewer = REVIEWER if mode == "exact" else EXECUTOR
            decision_id = self._review("retire", "approve", reviewer, None, self.model.units_digest(enacted))
        elif enacted and mode == "other_units":
            every = [a for a in self.model.units if self.model.status(a) == "enacted"]
            other = every if set(every) != set(enacted) else enacted[:-1]
            decision_id = self._review("retire", "approve", REVIEWER, None, self.model.units_digest(other))

        def on_database():
            with self.conn.transaction(), as_role(self.conn, "cutter_exec"):
                return lifecycle.retire(self.conn, addresses, actor, decision_id, REASON)

        ok, expected, rows = self._both(
            "retire", lambda: self.model.retire(addresses, decision_id, actor), on_database)
        if ok:
            assert answers(rows) == list(zip(addresses, expected, strict=True))

    @rule(target=change_sets, cs=consumes(change_sets), keep=st.sampled_from([False, False, False, True]))
    def rollback(self, cs, keep):
        """Roll a change set back; one rolled back leaves the bundle unless `keep` (to be tried again)."""
        def on_database():
            with self.conn.transaction(), as_role(self.conn, "cutter_exec"):
                return lifecycle.rollback(self.conn, self._cs_id(cs), EXECUTOR, "the model rolls it back")

        ok, expected, row = self._both("rollback", lambda: self.model.rollback(cs), on_database)
        if ok:
            assert (row.action, row.removed_units, row.removed_versions) == expected
        return cs if keep or self.model.change_sets[cs].status != "rolled_back" else multiple()

    # after every step

    @invariant()
    def units_and_versions_agree(self):
        key_of = {cs.id: cs.key for cs in self.model.change_sets}
        units = {
            r[0]: (r[1], r[2], key_of.get(r[3]), r[4], r[5])
            for r in self.conn.execute(
                "SELECT iu.canonical_address, iu.lifecycle_status, iu.doc_order, iu.created_change_set_id,"
                " cur.version_no, cur.content_hash FROM information_unit AS iu"
                " JOIN unit_version AS cur ON cur.id = iu.current_version_id"
            )
        }
        assert units == {
            a: (u.status, u.doc_order, u.created_by, u.current_no, u.current.hash)
            for a, u in self.model.units.items()
        }
        versions = self.conn.execute(
            "SELECT iu.canonical_address, uv.version_no, uv.lifecycle_status, uv.body, uv.content_hash,"
            " uv.change_set_id FROM unit_version AS uv JOIN information_unit AS iu ON iu.id = uv.iu_id"
            " ORDER BY 1, 2"
        ).fetchall()
        assert [(a, n, s, b, h, key_of.get(c)) for a, n, s, b, h, c in versions] == sorted(
            (a, v.no, v.status, v.body, v.hash, v.change_set)
            for a, u in self.model.units.items() for v in u.versions
        )

    @invariant()
    def governance_records_agree(self):
        assert self.conn.execute(
            "SELECT id, status FROM cutter_governance.cut_change_set ORDER BY chain_pos"
        ).fetchall() == [(cs.id, cs.status) for cs in self.model.change_sets]
        assert self.conn.execute(
            "SELECT id, subject, decision, decided_by, manifest_sha256 FROM cutter_governance.review_decision"
            " ORDER BY chain_pos"
        ).fetchall() == [(r.id, r.subject, r.decision, r.decided_by, r.manifest) for r in self.model.reviews]
        assert self.conn.execute(
            "SELECT change_set_id FROM cutter_governance.rollback_record ORDER BY chain_pos"
        ).fetchall() == [(self.model.change_sets[k].id,) for k in self.model.rolled_back]
        # one envelope and one executor signature per change set, one signature per verify
        # result and per review decision: a refused step recorded nothing
        assert self.conn.execute(
            "SELECT (SELECT count(*) FROM cutter_governance.manifest_envelope),"
            " (SELECT count(*) FROM cutter_governance.verify_result),"
            " (SELECT count(*) FILTER (WHERE lane = 'executor') FROM cutter_governance.dot_pair_signature),"
            " (SELECT count(*) FILTER (WHERE lane = 'verifier') FROM cutter_governance.dot_pair_signature),"
            " (SELECT count(*) FILTER (WHERE lane = 'reviewer') FROM cutter_governance.dot_pair_signature)"
        ).fetchone() == (
            len(self.model.change_sets), self.model.verifications, len(self.model.change_sets),
            self.model.verifications, len(self.model.reviews),
        )

    @invariant()
    def lifecycle_log_agrees(self):
        logged: dict[str, list[tuple[str, str, str, str]]] = {}
        for address, *entry in self.conn.execute(
            "SELECT l.canonical_address, l.entity_collection, l.from_status, l.to_status, l.transition_type"
            " FROM iu_lifecycle_log AS l JOIN iu_lifecycle_log_seal AS s ON s.id = l.seal_id"
            " ORDER BY s.chain_pos, l.seal_ordinal"
        ):
            logged.setdefault(address, []).append(tuple(entry))
        assert logged == {a: u.log for a, u in self.model.units.items() if u.log}
        assert [t for (t,) in self.conn.execute(
            "SELECT transition_type FROM iu_lifecycle_log_seal ORDER BY chain_pos"
        )] == self.model.seals

    @invariant()
    def the_document_in_force_agrees(self):
        with as_role(self.conn, "iu_reader"):
            in_force = lifecycle.document_at(self.conn, DOC)
        assert [(r.canonical_address, r.version_no, r.content_hash) for r in in_force] == [
            (u.address, u.current_no, u.current.hash)
            for u in sorted(self.model.units.values(), key=lambda u: (u.doc_order, u.address))
            if u.status == "enacted"
        ]

    @invariant()
    def every_database_check_passes(self):
        assert self.conn.execute(
            "SELECT v.* FROM information_unit AS r"
            " CROSS JOIN LATERAL fn_iu_verify_invariants(r.canonical_address, true) AS v"
            " WHERE r.parent_id IS NULL"
        ).fetchall() == []
        assert self.conn.execute("SELECT * FROM fn_iu_lifecycle_log_check()").fetchall() == []
        assert self.conn.execute(
            "SELECT table_name, chain_pos, problem FROM cutter_governance.fn_gov_chain_check()"
            " WHERE problem <> 'head'"
        ).fetchall() == []
        # every writer cleared its marker and closed its gateway ticket
        assert self.conn.execute(
            "SELECT coalesce(current_setting('app.canonical_writer', true), ''),"
            " (SELECT count(*) FROM iu_gateway_ticket)"
        ).fetchone() == ("", 0)


def test_the_database_follows_the_lifecycle_model(server, template_db, tmp_path_factory):
    root = tmp_path_factory.mktemp("lifecycle-model-keys")
    signers = {name: keys.load_or_create(name, root) for name in (EXECUTOR, VERIFIER, REVIEWER, OBJECTOR)}
    drops: list[Future] = []
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="iu-lm-drop") as dropper:

        def later(job: Callable[[], Any]) -> None:
            drops.append(dropper.submit(job))

        run_state_machine_as_test(
            lambda: LifecycleMachine(server, template_db, signers, later), settings=SETTINGS)
    for drop in drops:
        drop.result()
