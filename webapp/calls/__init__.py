"""Call sessions in the web app: the calls service wired to the database, and what a call shows.

The engine is deterministic, so a call is stored as its steps (``CallSession.steps``) and rebuilt by
replaying them wherever it is not in this worker's cache of live runners. The core's
:mod:`simulator.service` is the one place that changes a call (:mod:`webapp.calls.service` wires it);
:mod:`webapp.calls.present` shapes what the console and the API show of it.
"""
