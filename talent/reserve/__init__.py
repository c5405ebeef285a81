"""Reserve pool rules and scores as pure functions over plain records and arrays.

``policy`` loads the configurable policy file; ``eligibility``, ``readiness``,
``ninebox``, ``star`` and ``succession`` compute from plain data, with no session.
"""
