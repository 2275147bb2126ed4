"""``engine.safety``: entry gates per bot, the emergency brake and the no-trade calendar (:mod:`qbx_engine.safety`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.clock import local_when
from ..core.errors import BrokerUnavailable, QbxError
from ..core.i18n import Msg
from ..safety.brake import EmergencyBrake
from ..safety.calendar import PRESETS, preset_view
from ..safety.gates import Gates
from ..trading.gates import MARKET_CLOSED, Block

if TYPE_CHECKING:
    from ..engine import Engine

GATE_SETTINGS = ("cooldown_minutes", "sl_guard_count", "sl_guard_window", "sl_guard_pause", "max_trades_per_day",
                 "breakeven_at", "trail_distance")


class Safety:
    def __init__(self, engine: Engine):
        self._engine = engine
        self.emergency_brake = EmergencyBrake(engine.store.db("protections.json"), engine.journal, engine.settings,
                                              engine.clock, engine.event_log)
        self.gates = Gates(engine.journal, engine.settings, self.emergency_brake)

    def protections(self, bot_id: int) -> dict:
        """What bars this bot from opening now (reason and when it lifts, epoch seconds) and its settings."""
        engine = self._engine
        with engine.book.lock:
            bot = engine.book.get(bot_id)
        holding = None
        if bot.position_ticket and bot.max_trades_per_day:
            held = engine.guard.call(engine.broker.positions, bot_id)
            holding = held[0].open_time if held else None
        now = engine.now()
        blocks = [*self._market_closed(bot.market, now), *self.gates.all(bot, now, holding)]
        return {"blocks": [block.to_json() for block in blocks], "entries_off": bot.entries_off,
                "trailing_on": bot.trailing.on, "unit": bot.stop_mode,
                **{name: getattr(bot, name) for name in GATE_SETTINGS}}

    def _market_closed(self, market: str, now: float) -> list[Block]:
        """A closed market holds entries too (the tick waits for it): said here with when it opens."""
        engine = self._engine
        try:
            if engine.guard.call(engine.broker.is_market_open, market):
                return []
            opens = engine.guard.call(engine.broker.next_open, market)
        except QbxError:
            return []  # an unknown symbol or a broker down is said by the bot's own page and tick
        tz = engine.settings.get("timezone")
        reason = Msg("gate.market_closed", {"symbol": market, "when": local_when(opens, tz, now)}) \
            if opens is not None else Msg("gate.market_closed_unknown", {"symbol": market})
        return [Block(MARKET_CLOSED, reason, opens)]

    def set_entries_off(self, bot_id: int, off: bool) -> dict:
        """"Entries off": the bot keeps managing its position (exits, SL/TP, trailing) and opens nothing."""
        return self._engine.update_bot(bot_id, entries_off=off)

    def brake(self) -> dict:
        """The emergency brake as saved: on or off, why, its figures when it went on, when it lifts."""
        return self.emergency_brake.state()

    def brake_figures(self) -> dict:
        """Today's figures the brake judges by (day's starting balance, loss, drawdown from the peak), now."""
        engine = self._engine
        return self.emergency_brake.figures(engine.guard.call(engine.broker.account), engine.now()).to_json()

    def rearm_brake(self) -> dict:
        """The trader re-arms the brake: bots may open again; counting starts from the equity now."""
        engine = self._engine
        engine.check_open()
        self.emergency_brake.rearm(engine.guard.call(engine.broker.account))
        return self.emergency_brake.state()

    def watch_account(self) -> dict:
        """Let the brake look at the account now (it also does every few seconds and after each close)."""
        engine = self._engine
        engine.check_open()
        engine.guard.check()
        try:
            engine.trader.watch_account()
        except BrokerUnavailable as exc:
            engine.guard.failed(exc)
            raise
        return self.emergency_brake.state()

    @staticmethod
    def calendar_presets() -> list[dict]:
        """The no-trade calendar's presets: their days (which are estimates) and windows."""
        return [preset_view(name) for name in PRESETS]
