"""Key posts with their holder, A / B backups and emergency cover (岗位AB角); the coverage
report; backup suggestions ranked by readiness and graph-aware skill fit."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import numpy as np
from sqlmodel import Session, col, select

from models import Person, PersonSkill, Skill, SkillRelation, Unit
from models.reserve import KeyPost, KeyPostSkill, PostBackup
from models.reserve_schemas import (
    ROLE_NAMES,
    BackupSuggestion,
    CoverageSummary,
    KeyPostCreate,
    KeyPostPublic,
    KeyPostUpdate,
    NotReadyBackup,
    OverloadedBackup,
    PostCoverage,
    RequiredSkill,
    SuccessionPerson,
    SuccessionReport,
    UncoveredPost,
)
from talent import audit, clock
from talent.audit import Actor
from talent.db import get_row, write_lock
from talent.errors import InvalidInput, NotFound, RuleViolation
from talent.matching.graph import RelationRow, SkillRow, skill_proximity
from talent.matching.scoring import mentor_coverage
from talent.reserve import evaluation, succession
from talent.roster.people import get_person


def get_post(session: Session, post_id: int) -> KeyPost:
    return get_row(session, KeyPost, post_id, "key_post")


def _skill_ids(session: Session, required: list[RequiredSkill]) -> dict[int, int]:
    codes = {r.skill_code for r in required}
    found = {
        s.code: s.id for s in session.exec(select(Skill).where(col(Skill.code).in_(codes))).all()
    }
    missing = sorted(codes - set(found))
    if missing:
        raise InvalidInput("required_skills", f"unknown skill code(s): {', '.join(missing)}")
    return {found[r.skill_code]: r.level for r in required}


def _check_person(session: Session, person_id: int | None) -> None:
    if person_id is not None:
        get_person(session, person_id)


def _posts_public(session: Session, posts: list[KeyPost]) -> list[KeyPostPublic]:
    ids = [p.id for p in posts]
    codes = {s.id: s.code for s in session.exec(select(Skill)).all()}
    skills: dict[int, list[RequiredSkill]] = defaultdict(list)
    for row in evaluation.rows_for(session, KeyPostSkill, KeyPostSkill.post_id, ids):
        skills[row.post_id].append(RequiredSkill(skill_code=codes[row.skill_id], level=row.level))
    backups: dict[int, dict[str, int]] = defaultdict(dict)
    for backup in evaluation.rows_for(session, PostBackup, PostBackup.post_id, ids):
        backups[backup.post_id][backup.role] = backup.person_id
    return [
        KeyPostPublic(
            **p.model_dump(
                include={"id", "title", "unit_id", "holder_id", "description", "active"}
            ),
            required_skills=sorted(skills[p.id], key=lambda r: r.skill_code),
            backups=backups[p.id],
        )
        for p in posts
    ]


def create_post(session: Session, *, body: KeyPostCreate, actor: Actor) -> KeyPostPublic:
    if session.get(Unit, body.unit_id) is None:
        raise NotFound("unit", body.unit_id)
    _check_person(session, body.holder_id)
    levels = _skill_ids(session, body.required_skills)
    if session.exec(
        select(KeyPost).where(KeyPost.unit_id == body.unit_id, KeyPost.title == body.title)
    ).first():
        raise RuleViolation("duplicate_key_post", f"unit {body.unit_id} has a post '{body.title}'")
    post = KeyPost(
        title=body.title,
        unit_id=body.unit_id,
        holder_id=body.holder_id,
        description=body.description,
    )
    session.add(post)
    session.flush()
    session.add_all(
        KeyPostSkill(post_id=post.id, skill_id=sid, level=lvl)
        for sid, lvl in sorted(levels.items())
    )
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="reserve.key_post.create",
        entity="key_post",
        entity_id=post.id,
        after=post.model_dump() | {"required_skills": body.model_dump()["required_skills"]},
    )
    session.commit()
    session.refresh(post)
    return _posts_public(session, [post])[0]


def update_post(
    session: Session, *, post_id: int, body: KeyPostUpdate, actor: Actor
) -> KeyPostPublic:
    post = get_post(session, post_id)
    changes = body.model_dump(exclude_unset=True)
    if changes.get("active", True) is None:
        raise InvalidInput("active", "active cannot be null")
    if "holder_id" in changes:
        _check_person(session, changes["holder_id"])
        holder_backup = session.exec(
            select(PostBackup).where(
                PostBackup.post_id == post_id, PostBackup.person_id == changes["holder_id"]
            )
        ).first()
        if holder_backup is not None:
            raise RuleViolation(
                "holder_as_backup", f"person {changes['holder_id']} backs up this post already"
            )
    before = _posts_public(session, [post])[0].model_dump()
    if body.required_skills is not None:
        levels = _skill_ids(session, body.required_skills)
        for row in session.exec(select(KeyPostSkill).where(KeyPostSkill.post_id == post_id)).all():
            session.delete(row)
        session.flush()
        session.add_all(
            KeyPostSkill(post_id=post_id, skill_id=sid, level=lvl)
            for sid, lvl in sorted(levels.items())
        )
    for field in ("holder_id", "description", "active"):
        if field in changes:
            setattr(post, field, changes[field])
    session.add(post)
    session.flush()
    after = _posts_public(session, [post])[0]
    audit.record(
        session,
        actor=actor,
        action="reserve.key_post.update",
        entity="key_post",
        entity_id=post.id,
        before=before,
        after=after.model_dump(),
    )
    session.commit()
    return after


def list_posts(
    session: Session, *, unit_id: int | None = None, limit: int = 50, offset: int = 0
) -> list[KeyPostPublic]:
    query = select(KeyPost)
    if unit_id is not None:
        query = query.where(KeyPost.unit_id == unit_id)
    posts = session.exec(query.order_by(col(KeyPost.id)).offset(offset).limit(limit)).all()
    return _posts_public(session, list(posts))


def post_public(session: Session, *, post_id: int) -> KeyPostPublic:
    return _posts_public(session, [get_post(session, post_id)])[0]


def set_backup(
    session: Session, *, post_id: int, role: str, person_id: int, actor: Actor
) -> KeyPostPublic:
    """Name the A, B or emergency backup of a post, replacing whoever held that role."""
    if role not in ROLE_NAMES:
        raise InvalidInput("role", f"role must be one of {', '.join(ROLE_NAMES)}")
    write_lock(session, f"reserve.key_post.{post_id}")
    post = get_post(session, post_id)
    person = get_person(session, person_id)
    if not person.active:
        raise RuleViolation("inactive_backup", f"person {person_id} is not active")
    if person_id == post.holder_id:
        raise RuleViolation("holder_as_backup", "the holder cannot back up their own post")
    rows = session.exec(select(PostBackup).where(PostBackup.post_id == post_id)).all()
    if any(r.person_id == person_id and r.role != role for r in rows):
        raise RuleViolation(
            "duplicate_backup", f"person {person_id} already backs up this post in another role"
        )
    current = next((r for r in rows if r.role == role), None)
    before = current.model_dump() if current else None
    if current is None:
        current = PostBackup(
            post_id=post_id, role=role, person_id=person_id, assigned_on=clock.today()
        )
    current.person_id, current.assigned_on, current.assigned_by = person_id, clock.today(), actor.id
    audit.saved(
        session,
        current,
        actor=actor,
        action="reserve.backup.set",
        entity="post_backup",
        before=before,
    )
    session.commit()
    return post_public(session, post_id=post_id)


def remove_backup(session: Session, *, post_id: int, role: str, actor: Actor) -> KeyPostPublic:
    get_post(session, post_id)
    row = session.exec(
        select(PostBackup).where(PostBackup.post_id == post_id, PostBackup.role == role)
    ).first()
    if row is None:
        raise NotFound("backup", f"{post_id}/{role}")
    before = row.model_dump()
    session.delete(row)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="reserve.backup.remove",
        entity="post_backup",
        entity_id=before["id"],
        before=before,
    )
    session.commit()
    return post_public(session, post_id=post_id)


def coverage(session: Session, *, on: date | None = None) -> SuccessionReport:
    """The coverage report over the active key posts, with names, and ``people``: the
    holder and every backup with their readiness and band (confirmed at the last review,
    else suggested) on ``on``."""
    on = on or clock.today()
    posts = list(
        session.exec(
            select(KeyPost).where(col(KeyPost.active).is_(True)).order_by(col(KeyPost.id))
        ).all()
    )
    public = _posts_public(session, posts)
    rows = [succession.PostRow(p.id, p.title, p.unit_id, p.holder_id, p.backups) for p in public]
    backup_ids = sorted({pid for p in public for pid in p.backups.values()})
    everyone = sorted(set(backup_ids) | {p.holder_id for p in public if p.holder_id})
    people = {p.id: p for p in evaluation.rows_for(session, Person, Person.id, everyone)}
    ready = evaluation.readiness_map(session, on=on, include=everyone)
    confirmed = evaluation.confirmed_bands(session, everyone)
    bands = {pid: confirmed.get(pid) or ready[pid].band for pid in everyone if pid in ready}
    report = succession.coverage_report(
        rows,
        bands,
        {pid: p.active for pid, p in people.items()},
        evaluation.current_policy().succession,
    )
    units = {u.id: u.name for u in session.exec(select(Unit)).all()}
    names = {pid: p.name for pid, p in people.items()}
    return SuccessionReport(
        on=on,
        posts=[
            PostCoverage(
                **row,
                unit_name=units.get(row["unit_id"]),
                holder_name=names.get(row["holder_id"]) if row["holder_id"] is not None else None,
                backup_names={role: names.get(pid) for role, pid in row["backups"].items()},
            )
            for row in report["posts"]
        ],
        uncovered=[
            UncoveredPost(**row, unit_name=units.get(row["unit_id"])) for row in report["uncovered"]
        ],
        not_ready=[
            NotReadyBackup(**row, name=names.get(row["person_id"])) for row in report["not_ready"]
        ],
        overloaded=[
            OverloadedBackup(**row, name=names.get(row["person_id"]))
            for row in report["overloaded"]
        ],
        summary=CoverageSummary(**report["summary"]),
        people=[
            SuccessionPerson(
                person_id=pid,
                name=person.name,
                unit_id=person.unit_id,
                active=person.active,
                readiness=ready[pid].readiness if pid in ready else None,
                band=bands.get(pid),
                band_confirmed=confirmed.get(pid),
            )
            for pid, person in sorted(people.items())
        ],
    )


def suggestions(
    session: Session, *, post_id: int, k: int = 5, on: date | None = None
) -> list[BackupSuggestion]:
    """The best backups for a post among the readiness cohort, with names."""
    post = post_public(session, post_id=post_id)
    return suggestions_for(session, [post], k=k, on=on)[post_id]


def suggestions_for(
    session: Session, posts: list[KeyPostPublic], *, k: int = 5, on: date | None = None
) -> dict[int, list[BackupSuggestion]]:
    """The ``k`` best backups of each post, ranked by readiness and graph-aware skill fit
    (:func:`talent.reserve.succession.rank_suggestions`), with names; by post id.

    The cohort's readiness and skill coverage are computed once for all the posts, so a
    page can show every post's suggestions at the price of one.
    """
    on = on or clock.today()
    policy = evaluation.current_policy()
    ready = evaluation.readiness_map(session, on=on, policy=policy)
    ids = sorted(pid for pid in ready)
    skills = list(session.exec(select(Skill).order_by(col(Skill.id))).all())
    column = {s.id: k for k, s in enumerate(skills)}
    proximity = skill_proximity(
        [SkillRow(s.id, s.code, s.name, s.parent_id) for s in skills],
        [
            RelationRow(r.skill_a_id, r.skill_b_id, r.weight)
            for r in session.exec(select(SkillRelation)).all()
        ],
    )
    row_of = {pid: i for i, pid in enumerate(ids)}
    levels = np.zeros((len(ids), len(skills)))
    for h in evaluation.rows_for(session, PersonSkill, PersonSkill.person_id, ids):
        levels[row_of[h.person_id], column[h.skill_id]] = h.level
    cover = mentor_coverage(levels, proximity)
    codes = {s.code: s.id for s in skills}
    readiness = np.array([ready[pid].readiness for pid in ids])
    ranked_by_post: dict[int, list[succession.SuggestionRow]] = {}
    for post in posts:
        required = [(column[codes[r.skill_code]], r.level) for r in post.required_skills]
        fit = succession.skill_fit(cover, required)
        exclude = set(post.backups.values()) | ({post.holder_id} if post.holder_id else set())
        ranked_by_post[post.id] = succession.rank_suggestions(
            ids, readiness, fit, policy.succession, exclude=exclude, k=k
        )
    named = sorted({r["person_id"] for rows in ranked_by_post.values() for r in rows})
    confirmed = evaluation.confirmed_bands(session, named)
    people = {p.id: p for p in evaluation.rows_for(session, Person, Person.id, named)}
    return {
        post_id: [
            BackupSuggestion(
                **r,
                name=people[r["person_id"]].name,
                unit_id=people[r["person_id"]].unit_id,
                band=confirmed.get(r["person_id"]) or ready[r["person_id"]].band,
            )
            for r in rows
        ]
        for post_id, rows in ranked_by_post.items()
    }
