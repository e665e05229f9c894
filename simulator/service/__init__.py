"""The calls service: start a call, perform its steps, end it and keep its report, whatever stores it.

A call is stored as its steps and rebuilt by replaying them (the engine is deterministic). The
service (:mod:`simulator.service.calls`) takes what it stores calls in (``ports.CallStore``, a unit
of work) and what it tells the helpdesk world (``ports.Desk``) as parameters, and raises domain
errors (:mod:`simulator.service.errors`); the web app maps those to HTTP in one place.

Nothing is imported here: the database models import :mod:`simulator.service.ports` for the call's
mode and status, and must not pull in the engine with it.
"""
