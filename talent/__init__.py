"""talent: mentorship-chain matching and reserve-cadre pool for court HR departments."""

__version__ = "0.1.0"
