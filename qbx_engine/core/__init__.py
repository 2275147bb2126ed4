"""Core: what every part of the engine needs and nothing domain-specific.

The clock, the error family, translated messages (i18n), input checks, exact money
arithmetic, the secrets file and logging. Imports only the standard library,
NumPy and the translation tables in :mod:`qbx_engine.texts`.
"""
