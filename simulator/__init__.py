"""eerstelijn's engine: calls between a trainee and a scripted customer, the helpdesk and the scoring.

The core packages (content, qualification, nlu, conversation, world, assessment, scripts) import no web,
database or voice library; those live in ``simulator.adapters`` and in ``webapp``.
"""

__version__ = "0.1.0"
