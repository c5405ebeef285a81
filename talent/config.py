"""Settings, read once from the environment (variables prefixed ``TALENT_``)."""

from __future__ import annotations

import logging
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEMO_SECRET_KEY = "demo-only-secret-key-change-me-in-production-0123456789"

log = logging.getLogger("talent")


class Settings(BaseSettings):
    """Everything the service reads from its environment.

    ``secret_key`` has a demo-only default so that ``make run`` works out of the box;
    any real deployment sets ``TALENT_SECRET_KEY`` (a warning is logged otherwise).
    """

    model_config = SettingsConfigDict(env_prefix="TALENT_", extra="ignore")

    database_url: str = "sqlite:///./talent.db"
    secret_key: str = DEMO_SECRET_KEY
    token_minutes: int = 8 * 60
    admin_username: str = "admin"
    admin_password: str | None = None
    sqlite_busy_timeout_ms: int = 30_000
    timezone: str = "Asia/Shanghai"
    """The court's time zone (IANA name): times shown and "today" are taken there."""

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"TALENT_TIMEZONE: unknown time zone {value!r}") from error
        return value

    @property
    def uses_demo_secret(self) -> bool:
        return self.secret_key == DEMO_SECRET_KEY


@lru_cache
def get_settings() -> Settings:
    settings = Settings()
    if settings.uses_demo_secret:
        log.warning(
            "TALENT_SECRET_KEY is not set: using the demo-only secret key. "
            "Set TALENT_SECRET_KEY before serving real data."
        )
    return settings
