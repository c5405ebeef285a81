"""Guidance logs: writing them, correcting them as new versions, confirmation, action items.

A log is never edited in place. ``create_log`` writes version 1; ``correct_log`` writes
version n+1 and moves ``GuidanceLog.latest_version`` to it; every version stays readable
through ``log_versions``. Only the pairing's mentee confirms, and a confirmation belongs to
the version it confirmed. Who may do what on a pairing is decided by ``pairing_as``.

This module imports no other service: ``talent.roster.people`` calls
``talent.mentoring.goals``, which calls this module, so an import back would be a cycle.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date

from sqlmodel import Session, col, func, select

from models import Pairing, Skill, User, utcnow
from models.mentoring import (
    CATEGORY_LABELS,
    ActionItem,
    GuidanceLog,
    GuidanceLogSkill,
    GuidanceLogVersion,
    LogCategory,
    LogConfirmation,
)
from models.mentoring_schemas import (
    ActionItemIn,
    ActionItemPublic,
    CategoryPublic,
    LogContent,
    LogCorrection,
    LogCreate,
    LogPublic,
    LogVersionPublic,
)
from talent import audit, clock
from talent.audit import Actor
from talent.db import write_lock
from talent.errors import InvalidInput, NotFound, RuleViolation
from talent.mentoring.access import (
    ADMIN,
    MENTEE,
    MENTOR,
    READERS,
    pairing_as,
)
from talent.roster.skills import skill_ids_for


def _log_and_pairing(
    session: Session, *, log_id: int, user: User, allowed: Collection[str], doing: str
) -> tuple[GuidanceLog, Pairing]:
    log = session.get(GuidanceLog, log_id)
    if log is None:
        raise NotFound("guidance log", log_id)
    pairing = pairing_as(
        session, pairing_id=log.pairing_id, user=user, allowed=allowed, doing=doing
    )
    return log, pairing


# --- checks ----------------------------------------------------------------------------------
def _check_date(pairing: Pairing, day: date) -> None:
    """A session happens while the pairing runs: not before its start, not after its end."""
    if day > clock.today():
        raise InvalidInput("date", "date is in the future")
    if day < pairing.start_date:
        raise InvalidInput("date", f"date is before the pairing started ({pairing.start_date})")
    if pairing.end_date is not None and day > pairing.end_date:
        raise InvalidInput("date", f"date is after the pairing ended ({pairing.end_date})")


def _check_due_dates(items: Sequence[ActionItemIn], not_before: date, field: str) -> None:
    for index, item in enumerate(items):
        if item.due_date is not None and item.due_date < not_before:
            raise InvalidInput(
                f"{field}.{index}.due_date", f"due date is before the session ({not_before})"
            )


# --- reading ---------------------------------------------------------------------------------
def categories(lang: str = "zh") -> list[CategoryPublic]:
    """The log categories with labels in ``lang``, for the log form's optional select."""
    return [CategoryPublic(code=c, label=CATEGORY_LABELS[c][lang]) for c in LogCategory]


def category_label(code: str | None, lang: str = "zh") -> str | None:
    """The words for a stored category code in ``lang``, or None for a log without one."""
    return None if code is None else CATEGORY_LABELS[LogCategory(code)][lang]


def _skill_codes(session: Session, version_ids: Sequence[int]) -> dict[int, list[str]]:
    rows = session.exec(
        select(GuidanceLogSkill.version_id, Skill.code)
        .join(Skill, col(Skill.id) == GuidanceLogSkill.skill_id)
        .where(col(GuidanceLogSkill.version_id).in_(version_ids))
        .order_by(Skill.code)
    ).all()
    found: dict[int, list[str]] = {v: [] for v in version_ids}
    for version_id, code in rows:
        found[version_id].append(code)
    return found


def _confirmations(session: Session, version_ids: Sequence[int]) -> dict[int, LogConfirmation]:
    rows = session.exec(
        select(LogConfirmation).where(col(LogConfirmation.version_id).in_(version_ids))
    ).all()
    return {c.version_id: c for c in rows}


def _content(
    version: GuidanceLogVersion, codes: list[str], confirmation: LogConfirmation | None, lang: str
) -> dict:
    return LogContent(
        version=version.version,
        date=version.session_date,
        minutes=version.minutes,
        topic=version.topic,
        category=LogCategory(version.category) if version.category else None,
        category_label=category_label(version.category, lang),
        skill_codes=codes,
        notes=version.notes,
        confirmed=confirmation is not None,
        confirmed_at=confirmation.confirmed_at if confirmation else None,
        confirmed_by=confirmation.confirmed_by if confirmation else None,
    ).model_dump()


def item_public(item: ActionItem, pairing_id: int, today: date | None = None) -> ActionItemPublic:
    today = today or clock.today()
    past_due = not item.done and item.due_date is not None and item.due_date < today
    return ActionItemPublic(
        **item.model_dump(exclude={"created_by"}), pairing_id=pairing_id, past_due=past_due
    )


def _logs_public(
    session: Session, logs: Sequence[GuidanceLog], lang: str = "zh"
) -> list[LogPublic]:
    """Logs at their latest versions, with skills, confirmation and action items, in order."""
    if not logs:
        return []
    log_ids = [log.id for log in logs]
    versions = {
        v.log_id: v
        for v in session.exec(
            select(GuidanceLogVersion)
            .join(GuidanceLog, col(GuidanceLog.id) == GuidanceLogVersion.log_id)
            .where(
                col(GuidanceLog.id).in_(log_ids),
                GuidanceLogVersion.version == GuidanceLog.latest_version,
            )
        ).all()
    }
    version_ids = [v.id for v in versions.values()]
    codes = _skill_codes(session, version_ids)
    confirmations = _confirmations(session, version_ids)
    items: dict[int, list[ActionItem]] = {log_id: [] for log_id in log_ids}
    for item in session.exec(
        select(ActionItem).where(col(ActionItem.log_id).in_(log_ids)).order_by(col(ActionItem.id))
    ).all():
        items[item.log_id].append(item)
    found = []
    for log in logs:
        version = versions[log.id]
        found.append(
            LogPublic(
                **_content(version, codes[version.id], confirmations.get(version.id), lang),
                id=log.id,
                pairing_id=log.pairing_id,
                versions=log.latest_version,
                created_by=log.created_by,
                created_at=log.created_at,
                corrected_at=version.created_at if version.version > 1 else None,
                action_items=[item_public(i, log.pairing_id) for i in items[log.id]],
            )
        )
    return found


def get_log(session: Session, *, log_id: int, user: User, lang: str = "zh") -> LogPublic:
    """One log as it stands; readable by admin, planner, its mentor and its mentee."""
    log, _ = _log_and_pairing(session, log_id=log_id, user=user, allowed=READERS, doing="read logs")
    return _logs_public(session, [log], lang)[0]


def list_logs(
    session: Session,
    *,
    pairing_id: int,
    user: User,
    lang: str = "zh",
    limit: int = 50,
    offset: int = 0,
) -> list[LogPublic]:
    """A pairing's logs at their latest versions, newest session first (ties: newest log)."""
    pairing_as(session, pairing_id=pairing_id, user=user, allowed=READERS, doing="read logs")
    logs = session.exec(
        select(GuidanceLog)
        .join(
            GuidanceLogVersion,
            (col(GuidanceLogVersion.log_id) == GuidanceLog.id)
            & (col(GuidanceLogVersion.version) == GuidanceLog.latest_version),
        )
        .where(GuidanceLog.pairing_id == pairing_id)
        .order_by(col(GuidanceLogVersion.session_date).desc(), col(GuidanceLog.id).desc())
        .offset(offset)
        .limit(limit)
    ).all()
    return _logs_public(session, logs, lang)


def log_versions(
    session: Session, *, log_id: int, user: User, lang: str = "zh"
) -> list[LogVersionPublic]:
    """Every version of a log, oldest first: the full correction history."""
    _log_and_pairing(session, log_id=log_id, user=user, allowed=READERS, doing="read logs")
    versions = session.exec(
        select(GuidanceLogVersion)
        .where(GuidanceLogVersion.log_id == log_id)
        .order_by(col(GuidanceLogVersion.version))
    ).all()
    ids = [v.id for v in versions]
    codes = _skill_codes(session, ids)
    confirmations = _confirmations(session, ids)
    return [
        LogVersionPublic(
            **_content(v, codes[v.id], confirmations.get(v.id), lang),
            correction_reason=v.correction_reason,
            created_by=v.created_by,
            created_at=v.created_at,
        )
        for v in versions
    ]


def last_log_dates(session: Session, pairing_ids: Collection[int] | None = None) -> dict[int, date]:
    """The latest session date per pairing, counting each log at its latest version."""
    query = (
        select(GuidanceLog.pairing_id, func.max(GuidanceLogVersion.session_date))
        .join(
            GuidanceLogVersion,
            (col(GuidanceLogVersion.log_id) == GuidanceLog.id)
            & (col(GuidanceLogVersion.version) == GuidanceLog.latest_version),
        )
        .group_by(col(GuidanceLog.pairing_id))
    )
    if pairing_ids is not None:
        query = query.where(col(GuidanceLog.pairing_id).in_(pairing_ids))
    return {pairing_id: day for pairing_id, day in session.exec(query).all()}


def log_totals(session: Session, pairing_id: int) -> tuple[int, int]:
    """(number of logs, minutes) of a pairing, each log at its latest version."""
    count, minutes = session.exec(
        select(func.count(), func.coalesce(func.sum(GuidanceLogVersion.minutes), 0))
        .select_from(GuidanceLog)
        .join(
            GuidanceLogVersion,
            (col(GuidanceLogVersion.log_id) == GuidanceLog.id)
            & (col(GuidanceLogVersion.version) == GuidanceLog.latest_version),
        )
        .where(GuidanceLog.pairing_id == pairing_id)
    ).one()
    return int(count), int(minutes)


# --- writing ---------------------------------------------------------------------------------
def _add_version(
    session: Session,
    *,
    log: GuidanceLog,
    version: int,
    day: date,
    minutes: int,
    topic: str,
    category: str | None,
    skill_ids: Sequence[int],
    notes: str | None,
    actor: Actor,
    correction_reason: str | None = None,
) -> GuidanceLogVersion:
    row = GuidanceLogVersion(
        log_id=log.id,
        version=version,
        session_date=day,
        minutes=minutes,
        topic=topic,
        category=category,
        notes=notes or None,
        correction_reason=correction_reason,
        created_by=actor.id,
    )
    session.add(row)
    session.flush()
    session.add_all(GuidanceLogSkill(version_id=row.id, skill_id=s) for s in skill_ids)
    return row


def _add_items(
    session: Session, *, log: GuidanceLog, items: Sequence[ActionItemIn], actor: Actor
) -> list[ActionItem]:
    rows = [
        ActionItem(log_id=log.id, text=i.text, due_date=i.due_date, created_by=actor.id)
        for i in items
    ]
    session.add_all(rows)
    session.flush()
    return rows


def create_log(
    session: Session,
    *,
    pairing_id: int,
    body: LogCreate,
    user: User,
    actor: Actor,
    lang: str = "zh",
) -> LogPublic:
    """Log a session on an active pairing: its mentor (or an admin) only.

    422 for a date in the future or before the pairing started, an unknown skill, or an
    action item due before the session; 409 ``pairing_not_active`` on an ended pairing.
    """
    pairing = pairing_as(
        session, pairing_id=pairing_id, user=user, allowed={ADMIN, MENTOR}, doing="log guidance"
    )
    if pairing.status != "active":
        raise RuleViolation(
            "pairing_not_active",
            f"pairing {pairing_id} is {pairing.status}: new logs go on active pairings only",
        )
    _check_date(pairing, body.date)
    skill_ids = skill_ids_for(session, body.skill_codes)
    _check_due_dates(body.action_items, body.date, "action_items")
    log = GuidanceLog(pairing_id=pairing_id, created_by=actor.id)
    session.add(log)
    session.flush()
    _add_version(
        session,
        log=log,
        version=1,
        day=body.date,
        minutes=body.minutes,
        topic=body.topic,
        category=body.category,
        skill_ids=skill_ids,
        notes=body.notes,
        actor=actor,
    )
    _add_items(session, log=log, items=body.action_items, actor=actor)
    created = _logs_public(session, [log], lang)[0]
    audit.record(
        session,
        actor=actor,
        action="guidance_log.create",
        entity="guidance_log",
        entity_id=log.id,
        after=created.model_dump(),
    )
    session.commit()
    return created


def correct_log(
    session: Session,
    *,
    log_id: int,
    body: LogCorrection,
    user: User,
    actor: Actor,
    lang: str = "zh",
) -> LogPublic:
    """Write version n+1 of a log from the latest version and the fields given.

    The earlier versions and their confirmations stay as they were; the new version
    is unconfirmed until the mentee confirms it. 409 ``no_change`` if nothing changes.
    """
    log, pairing = _log_and_pairing(
        session, log_id=log_id, user=user, allowed={ADMIN, MENTOR}, doing="correct logs"
    )
    write_lock(session, f"guidance_log:{log_id}")
    session.refresh(log)
    before = _logs_public(session, [log])[0]
    changes = body.model_dump(include=body.model_fields_set - {"reason"})
    for field in ("date", "minutes", "topic", "skill_codes"):
        if field in changes and changes[field] is None:
            raise InvalidInput(field, f"{field} cannot be null")
    day = changes.get("date", before.date)
    _check_date(pairing, day)
    codes = changes.get("skill_codes", before.skill_codes)
    skill_ids = skill_ids_for(session, codes)
    after_fields = {
        "date": day,
        "minutes": changes.get("minutes", before.minutes),
        "topic": changes.get("topic", before.topic),
        "category": changes.get("category", before.category),
        "skill_codes": sorted(codes),
        "notes": changes.get("notes", before.notes) or None,
    }
    if all(getattr(before, k) == v for k, v in after_fields.items()):
        raise RuleViolation("no_change", f"the correction changes nothing in log {log_id}")
    log.latest_version += 1
    session.add(log)
    _add_version(
        session,
        log=log,
        version=log.latest_version,
        day=day,
        minutes=after_fields["minutes"],
        topic=after_fields["topic"],
        category=after_fields["category"],
        skill_ids=skill_ids,
        notes=after_fields["notes"],
        actor=actor,
        correction_reason=body.reason,
    )
    corrected = _logs_public(session, [log], lang)[0]
    audit.record(
        session,
        actor=actor,
        action="guidance_log.correct",
        entity="guidance_log",
        entity_id=log.id,
        before=before.model_dump(),
        after=corrected.model_dump(),
    )
    session.commit()
    return corrected


def confirm_log(
    session: Session, *, log_id: int, user: User, actor: Actor, lang: str = "zh"
) -> LogPublic:
    """The mentee confirms the latest version of a log; nobody else may (403).

    409 ``already_confirmed`` when that version is confirmed already.
    """
    log, pairing = _log_and_pairing(
        session, log_id=log_id, user=user, allowed={MENTEE}, doing="confirm logs"
    )
    write_lock(session, f"guidance_log:{log_id}")
    session.refresh(log)
    version = session.exec(
        select(GuidanceLogVersion).where(
            GuidanceLogVersion.log_id == log_id, GuidanceLogVersion.version == log.latest_version
        )
    ).one()
    if _confirmations(session, [version.id]):
        raise RuleViolation(
            "already_confirmed", f"version {version.version} of log {log_id} is already confirmed"
        )
    confirmation = LogConfirmation(
        version_id=version.id,
        person_id=pairing.mentee_id,
        confirmed_by=user.id,
    )
    session.add(confirmation)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="guidance_log.confirm",
        entity="guidance_log",
        entity_id=log.id,
        after=confirmation,
    )
    session.commit()
    return _logs_public(session, [log], lang)[0]


def add_action_items(
    session: Session, *, log_id: int, items: Sequence[ActionItemIn], user: User, actor: Actor
) -> list[ActionItemPublic]:
    """Add agreed action items to a log (its mentor or an admin)."""
    log, pairing = _log_and_pairing(
        session, log_id=log_id, user=user, allowed={ADMIN, MENTOR}, doing="add action items"
    )
    if not items:
        raise InvalidInput("items", "give at least one action item")
    logged_on = _logs_public(session, [log])[0].date
    _check_due_dates(items, logged_on, "items")
    rows = _add_items(session, log=log, items=items, actor=actor)
    created = [item_public(r, pairing.id) for r in rows]
    for row in rows:
        audit.record(
            session,
            actor=actor,
            action="action_item.create",
            entity="action_item",
            entity_id=row.id,
            after=row,
        )
    session.commit()
    return created


def set_item_done(
    session: Session, *, item_id: int, done: bool, user: User, actor: Actor
) -> ActionItemPublic:
    """Tick an action item done (or open it again): its mentor, its mentee or an admin."""
    item = session.get(ActionItem, item_id)
    if item is None:
        raise NotFound("action item", item_id)
    _, pairing = _log_and_pairing(
        session,
        log_id=item.log_id,
        user=user,
        allowed={ADMIN, MENTOR, MENTEE},
        doing="update action items",
    )
    if item.done == done:
        raise RuleViolation(
            "no_change", f"action item {item_id} is already {'done' if done else 'open'}"
        )
    before = item.model_dump()
    item.done = done
    item.done_at = utcnow() if done else None
    item.done_by = user.id if done else None
    session.add(item)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="action_item.done" if done else "action_item.reopen",
        entity="action_item",
        entity_id=item.id,
        before=before,
        after=item,
    )
    session.commit()
    session.refresh(item)
    return item_public(item, pairing.id)


def pairing_items(
    session: Session, *, pairing_id: int, user: User, open_only: bool = False
) -> list[ActionItemPublic]:
    """A pairing's action items: open ones first by due date (undated last), then by id."""
    pairing_as(session, pairing_id=pairing_id, user=user, allowed=READERS, doing="read logs")
    return open_items(session, pairing_ids=[pairing_id], open_only=open_only)


def open_items(
    session: Session, *, pairing_ids: Collection[int], open_only: bool = True
) -> list[ActionItemPublic]:
    """Action items of ``pairing_ids`` (no access check: callers have done it)."""
    query = (
        select(ActionItem, GuidanceLog.pairing_id)
        .join(GuidanceLog, col(GuidanceLog.id) == ActionItem.log_id)
        .where(col(GuidanceLog.pairing_id).in_(pairing_ids))
    )
    if open_only:
        query = query.where(col(ActionItem.done).is_(False))
    rows = session.exec(query).all()
    found = [item_public(item, pairing_id) for item, pairing_id in rows]
    return sorted(found, key=lambda i: (i.done, i.due_date is None, i.due_date or date.min, i.id))
