"""Names vulture (the dead-code check in scripts/test.sh) cannot see used, each with why it stays.

Vulture reads this file as code, so naming an attribute here counts as a use. Registry decorators
(routes, steps, detectors, commands…) are ignored in ``[tool.vulture]`` of pyproject.toml instead.
Add a name only with its reason; code that only tests call does not belong here but out of the code.
"""

# ruff: noqa: B018, E702, F821
# mypy: ignore-errors
# fmt: off

# --- frameworks call these by name ---------------------------------------------------------------
# SQLAlchemy: a TypeDecorator's hooks, the declarative base's type map, columns and relationships the
# schema needs (foreign keys, audit columns) though no Python reads them
impl; cache_ok; _.process_bind_param; _.process_result_value; type_annotation_map
last_used_at; created_by_id; created_by; owner_id; reviewed_by; article_pk; instructor_id; ticket_id
_.reviewed_by; _.last_used_at
# Flask-Login: the user protocol and the manager's settings
_.is_active; _.is_anonymous; _.get_id; _.login_view; _.session_protection; _._login_user
# Flask: a permanent session (its lifetime is the config's); the configuration classes' keys
_.permanent
DATABASE_URL; SECRET_KEY; PERMANENT_SESSION_LIFETIME; SESSION_COOKIE_HTTPONLY; SESSION_COOKIE_SAMESITE
SESSION_COOKIE_SECURE; SESSION_COOKIE_NAME; REMEMBER_COOKIE_HTTPONLY; REMEMBER_COOKIE_SAMESITE
MAX_CONTENT_LENGTH; WTF_CSRF_CHECK_DEFAULT; WTF_CSRF_TIME_LIMIT; BABEL_DEFAULT_LOCALE; BABEL_DEFAULT_TIMEZONE
LOGIN_MAX_FAILURES; LOGIN_MAX_FAILURES_PER_ADDRESS; LOGIN_FAILURE_WINDOW; PROXY_HOPS; SELF_REGISTRATION
ITEM_LEVEL_MARGIN; ITEM_RATE_MARGIN; ITEM_MIN_CALLS
PRELOAD; VOICE_REDIS_URL; VOICE_TTS_ENGINE; VOICE_TELEPHONE; XAPI_BASE_URL; TEMPLATES_AUTO_RELOAD; TESTING
# WTForms: a second password field checked by EqualTo, inline validators found by their name
confirm; _.validate_deadline; _.validate_reason
# gunicorn reads its settings module by name
preload_app; on_starting
# pydantic: model settings and hooks; language fields filled from YAML
model_config; model_post_init; fr; en
# RQ runs the ASR job by its dotted name (asr_queue.JOB)
recognise_job

# --- content and templates use these by name -----------------------------------------------------
# persona YAML names the caller model's conditions and callbacks (caller_model.CONDITIONS, CALLBACKS)
_.upset; _.facts_known; _.ticket_created; _.kb_shared; _.problem_linked; _.risk_explained
_.request_refused; _.empathy_shown; _.paraphrased; _.solution_before_heard; _.basics_repeated; _.blamed
_.password_asked; _.peer_talk; _.on_hold_unannounced; _.on_hold_too_long; _.answered_late
_.silent_too_long; _.long_monologue; _.settle; _.sour; _.confirm_identity
# fields of the scenario book's schema (exercises/world/scenario-book.yaml) and the simulated PC's state
service_desk_phone; identity_fields; start_type; restarts; _.restarts
# Jinja templates read these
_.unplaced; _.percent; identity_steps; security_steps; speaker; confirmed; category_names
# what a recording and a turn decision carry to the voice front end (JSON)
offset_s; cut_after_s
# event types a call's log holds by value (a refused say/end_call step), and a payload key of the log
_.SAY; _.END_CALL; cut_at

# --- used by tools/, bench/ or the test suite's measuring helpers, on purpose --------------------
caller_lines  # tools/measure_freeform.py reports it
join_base  # simulator/adapters/voice/dev_whisper.py: joins the test-only whisper wheels (tests, bench_voice)
word_error_rate  # the voice evaluation's measure (bench_voice and the ASR quality tests)
parse_script  # scripts from text: the tests and bench_engine write scripts inline

# --- only tests call these; left to the packages' owners (listed in the report of issue 11) -------
worst  # simulator/nlu/evaluation.py Rotation.worst
known_sentences  # simulator/assessment/explain.py
cohort_heatmap; portfolios  # simulator/assessment/portfolio.py (and bench_assessment)
asked_topics  # simulator/conversation/caller_model.py, never written
_.role_groups  # simulator/qualification/model.py
_.customer_stopped  # simulator/voice/turns.py: no front end tells the tracker yet
margin  # simulator/assessment/items.py: a field of the item analysis's findings (new on main, 2 Dec)
codes_of  # simulator/assessment/explain.py (new on main, 2 Dec)
PureBoundedComposer  # simulator/content/bounded.py: the reference the yaml-limits test holds the fast composer against
