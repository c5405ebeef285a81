"""The reserve pool of the demo, on top of a loaded demo roster (``load.load_reserve_demo``).

``system`` is the ground every part stands on (one court system and its draws);
``records`` (assessments, case-work metrics), ``files`` (political file, positive /
negative lists), ``activities`` (training, honours), ``nominations``, ``reviews`` and
``pool`` (two review cycles played out) and ``posts`` (key posts and their backups).
"""
