"""The forms of the pages, one module per domain: what a user typed, kept as typed, and
its parsed value or the error to show beside the field.

``matching`` (the run form, a rejection, bulk decisions), ``mentoring`` (the log form, a
log's correction, goals, ending a pairing, the escalation ladder), ``reserve`` (a review
decision, a lifecycle step, an undo); ``fields`` reads the raw fields they all share.
"""
