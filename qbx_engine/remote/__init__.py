"""Control from outside the dashboard: what drives the Engine from the phone or another program.

The Telegram bot that answers commands and the HTTP API (with the TradingView alert
receiver) live here. They sit beside the dashboard, above the Engine: they call its
public surface and facades, run on their own threads, and never inside a tick.
"""
