"""The office's procedures as services.

- ``events``, ``workflow``, ``legal_status``: the event catalogue, the transition table per right and regime
  (a file's status is the fold of its events) and the WIPO ST.27/ST.61/ST.87 code of each event (pure).
- ``record``: the one writer of events (step check, optimistic locking, derived status and dates).
- ``filing``, ``examination``, ``publication``, ``grant``, ``maintenance``, ``recordals``, ``disputes``: one
  module per procedure; every call runs in the caller's transaction and writes nothing when it fails.
- ``clock``: the statutory clock of a file and the office's backlog; ``cli``: ``ipoffice show`` / ``backlog``.

See ``docs/procedures.md``.
"""
