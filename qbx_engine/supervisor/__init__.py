"""The embedded supervisor: the bots' jobs and every change of a bot's status.

``jobs``: one APScheduler interval job per running bot (pause is the job's pause)
and the engine's periodic looks. ``lifecycle``: create, edit, start, pause, resume,
stop and delete, each saved with its job and its activity-log line so that store and
scheduler agree when a call returns. Imports the domains; used only by the Engine.
"""
