"""Outbound notifications (Telegram, a JSON webhook): see :mod:`.notifier`.

Kept light: :mod:`qbx_engine.settings` imports :mod:`.categories` from here.
"""
