"""A stricter policy file changes eligibility with no code change, through the API and the
service, and is read afresh on every request."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from talent.reserve import evaluation
from talent.reserve.policy import ENV_VAR
from tests.api.reserve.conftest import API, TODAY, grade_recent, nominate


def test_a_stricter_policy_file_names_the_new_reason(
    client, auth_headers, eligible_young, monkeypatch, tmp_path: Path, session
) -> None:
    reviewer = auth_headers["reviewer"]
    grade_recent(client, reviewer, eligible_young, ["competent", "excellent", "competent"])

    def check() -> dict:
        response = client.get(
            f"{API}/reserve/people/{eligible_young}/eligibility", headers=reviewer
        )
        assert response.status_code == 200
        return response.json()

    monkeypatch.delenv(ENV_VAR, raising=False)
    assert check()["eligible"] is True
    stricter = tmp_path / "stricter.toml"
    stricter.write_text(
        "[eligibility]\nmax_age = 28\nmin_service_years = 10\n"
        "[eligibility.assessments]\nmin_excellent = 2\n",
        encoding="utf-8",
    )
    monkeypatch.setenv(ENV_VAR, str(stricter))
    result = check()
    assert result["eligible"] is False
    assert result["reasons"] == ["age", "service_years", "assessment_grades"]
    nominated = nominate(client, reviewer, eligible_young)
    assert nominated["eligibility"]["reasons"] == ["age", "service_years", "assessment_grades"]
    # the file is read afresh: relaxing it again takes effect at once
    stricter.write_text("[eligibility]\nmax_age = 28\n", encoding="utf-8")
    assert check()["reasons"] == ["age"]
    assert evaluation.person_eligibility(
        session, person_id=eligible_young, on=date(TODAY.year, 12, 31)
    ).reasons == ["age"]
    served = client.get(f"{API}/reserve/policy", headers=reviewer).json()
    assert served["path"] == str(stricter) and served["policy"]["eligibility"]["max_age"] == 28
