"""What a command does to the engine, and what the chat and the activity log are told.

Reads answer at once. Changes call the Engine's own lifecycle and facades, which already make a
repeat harmless (pausing a paused bot changes nothing). Changes to money or to what trades (closing a
position, starting bots, stopping all, re-arming the brake) first return a question (:class:`Ask`);
the poller asks the chat and runs the command again with ``confirmed`` once the trader agrees. A
confirmed close acts only on the very position the question showed.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...core.errors import QbxError, UnknownBot
from ...core.i18n import Msg, number, render
from ...reports.views import status_label
from ...trading.bots import ACTIVE, ERROR, PAUSED, STOPPED
from . import views
from .parse import Command
from .views import esc, signed, tx

READS = ("help", "status", "bot", "balance", "daily", "profit", "positions", "report", "weekly", "brake")


@dataclass(frozen=True)
class Ask:
    """A change waiting for the trader's yes: the command, and for a close the position it was shown."""

    command: Command
    ticket: int | None = None


@dataclass(frozen=True)
class Outcome:
    text: str  # the reply, Telegram HTML
    result: Msg  # what the activity log records
    bot_id: int | None = None
    ask: Ask | None = None


def needs_confirmation(command: Command) -> bool:
    return command.name in ("close", "rearm", "start") or (command.name == "stop" and command.args == ("all",))


class Desk:
    def __init__(self, engine, dashboard_url: str):
        self.engine = engine
        self.dashboard = dashboard_url

    def run(self, command: Command, lang: str, confirmed: Ask | None = None) -> Outcome:
        """Run ``command``; an engine refusal becomes the reply (in ``lang``) and the logged result."""
        bot_id = next((a for a in command.args if isinstance(a, int) and not isinstance(a, bool)), None)
        try:
            if command.name in READS:
                return Outcome(self._read(command, lang), Msg("tg.res.shown"), bot_id)
            if needs_confirmation(command) and confirmed is None:
                return self._question(command, lang)
            return self._change(command, lang, confirmed)
        except UnknownBot as exc:
            return Outcome(esc(exc.message(lang)), exc.msg, None)
        except QbxError as exc:
            return Outcome("⚠️ " + esc(exc.message(lang)), exc.msg, bot_id)

    # -- reads --------------------------------------------------------------------------------
    def _read(self, command: Command, lang: str) -> str:
        engine, name, args = self.engine, command.name, command.args
        if name == "help":
            return views.help_text(lang)
        if name == "status" and not args:
            return views.status(engine, lang)
        if name in ("status", "bot"):
            return views.bot(engine, args[0], lang)
        if name == "balance":
            return views.account(engine, lang)
        if name == "daily":
            return views.daily(engine, lang)
        if name == "profit":
            return views.profit(engine, args[0], lang)
        if name == "positions":
            return views.positions(engine, lang)
        if name == "report":
            return views.day_report(engine, lang, self.dashboard)
        if name == "weekly":
            return views.week_report(engine, lang, self.dashboard)
        return views.brake(engine, lang)

    # -- questions ------------------------------------------------------------------------------
    def _question(self, command: Command, lang: str) -> Outcome:
        """The question for a change that needs a yes, or the answer at once when there is nothing to do."""
        engine, target = self.engine, command.args[0] if command.args else None
        if command.name == "close" and isinstance(target, int):
            bot = engine.get_bot(target)
            position = self._position(target)
            if position is None:
                return self._told(Msg("tg.done.no_position", {"id": target, "name": bot["name"]}), lang, target)
            ask = Msg("tg.ask.close", {"id": target, "name": bot["name"], "side": position["side"].upper(),
                                       "volume": number(position["volume"], 2, lang), "symbol": position["symbol"],
                                       "ticket": position["ticket"], "profit": signed(position["profit"], lang),
                                       "currency": engine.account_currency()})
            return Outcome(tx(ask.key, lang, **ask.params), Msg("tg.res.asked"), target,
                           Ask(command, position["ticket"]))
        if command.name == "rearm":
            state = engine.safety.brake()
            if not state["on"]:
                return self._told(Msg("tg.brake.not_on"), lang)
            return self._asking(command, Msg("tg.ask.rearm", {"why": render(state["reason"], lang)}), lang)
        if command.name == "start" and target != "all":
            bot = engine.get_bot(target)
            if bot["status"] == ACTIVE:
                return self._told(Msg("tg.done.already_active", {"id": target, "name": bot["name"]}), lang, target)
            question = Msg("tg.ask.start", {"id": target, "name": bot["name"], "market": bot["market"],
                                            "timeframe": bot["timeframe"]})
            return self._asking(command, question, lang, target)
        wanted = (STOPPED, PAUSED) if command.name == "start" else (ACTIVE, PAUSED, ERROR)
        bots = [b for b in engine.list_bots() if b["status"] in wanted]
        if not bots:
            return self._told(Msg("tg.done.nothing"), lang)
        key = "tg.ask.start_all" if command.name == "start" else "tg.ask.stop_all"
        return self._asking(command, Msg(key, {"n": len(bots), "bots": _ids(bots)}), lang)

    def _asking(self, command: Command, question: Msg, lang: str, bot_id: int | None = None) -> Outcome:
        text = tx(question.key, lang, **question.params)
        if command.name == "start":
            text += self._brake_note(lang)
        return Outcome(text, Msg("tg.res.asked"), bot_id, Ask(command))

    # -- changes --------------------------------------------------------------------------------
    def _change(self, command: Command, lang: str, confirmed: Ask | None) -> Outcome:
        name, args = command.name, command.args
        if name == "close":
            return self._close(args[0], confirmed, lang)
        if name == "rearm":
            if not self.engine.safety.brake()["on"]:
                return self._told(Msg("tg.brake.not_on"), lang)
            self.engine.safety.rearm_brake()
            return self._told(Msg("tg.done.rearm"), lang)
        if name == "entries":
            return self._entries(args[0], args[1], lang)
        if args[0] == "all":
            return self._all(name, lang)
        return self._one(name, args[0], lang)

    def _one(self, name: str, bot_id: int, lang: str) -> Outcome:
        engine = self.engine
        before = engine.get_bot(bot_id)
        call = {"pause": engine.pause_bot, "resume": engine.resume_bot, "stop": engine.stop_bot,
                "start": engine.start_bot}[name]
        after = call(bot_id)
        changed = after["status"] != before["status"]
        result = Msg(f"tg.done.{name}" if changed else "tg.done.unchanged",
                     {"id": bot_id, "name": after["name"], "status": {"id": _label(after, "id"),
                                                                      "en": _label(after, "en")}})
        text = tx(result.key, lang, **result.params)
        if name == "pause" and changed and after.get("position_ticket"):
            text += "\n" + tx("tg.note.paused_position", lang)
        if name in ("start", "resume") and changed:
            text += self._brake_note(lang)
        return Outcome(text, result, bot_id)

    def _all(self, name: str, lang: str) -> Outcome:
        engine = self.engine
        if name == "start":
            done = engine.start_all()["started"]
        elif name == "stop":
            done = engine.stop_all()["stopped"]
        else:
            wanted = ACTIVE if name == "pause" else PAUSED
            call = engine.pause_bot if name == "pause" else engine.resume_bot
            done, problems = [], []
            for bot in engine.list_bots():
                if bot["status"] != wanted:
                    continue
                try:
                    call(bot["id"])
                    done.append(bot["id"])
                except QbxError as exc:
                    problems.append(exc.msg)
            if problems:
                result = Msg("tg.done.all_partly", {"done": _ids([{"id": i} for i in done]) or "-",
                                                    "problems": [m.to_json() for m in problems]})
                return Outcome("⚠️ " + tx(result.key, lang, **result.params), result)
        result = Msg(f"tg.done.{name}_all", {"n": len(done), "bots": _ids([{"id": i} for i in done])}) if done \
            else Msg("tg.done.nothing")
        text = tx(result.key, lang, **result.params)
        if name in ("start", "resume") and done:
            text += self._brake_note(lang)
        return Outcome(text, result)

    def _close(self, bot_id: int, confirmed: Ask | None, lang: str) -> Outcome:
        engine = self.engine
        bot = engine.get_bot(bot_id)
        position = self._position(bot_id)
        expected = confirmed.ticket if confirmed is not None else None
        if position is None or position["ticket"] != expected:
            result = Msg("tg.done.position_gone", {"id": bot_id, "name": bot["name"], "ticket": expected})
            return self._told(result, lang, bot_id)
        closed = engine.close_position(bot_id)
        if closed is None:
            return self._told(Msg("tg.done.position_gone", {"id": bot_id, "name": bot["name"], "ticket": expected}),
                              lang, bot_id)
        net = round(closed["profit"] + closed.get("commission", 0.0) + closed.get("swap", 0.0), 2)
        result = Msg("tg.done.close", {"id": bot_id, "name": bot["name"], "ticket": closed["ticket"],
                                       "symbol": closed["symbol"], "side": closed["side"].upper(),
                                       "price": closed["close_price"], "profit": net,
                                       "currency": engine.account_currency()})
        return self._told(result, lang, bot_id)

    def _entries(self, target: int | str, on: bool, lang: str) -> Outcome:
        engine = self.engine
        ids = [b["id"] for b in engine.list_bots()] if not isinstance(target, int) else [target]
        for bot_id in ids:
            engine.safety.set_entries_off(bot_id, not on)
        if target == "all":
            result = Msg("tg.done.entries_all_on" if on else "tg.done.entries_all_off", {"n": len(ids)})
            return Outcome(tx(result.key, lang, **result.params), result)
        bot = engine.get_bot(ids[0])
        result = Msg("tg.done.entries_on" if on else "tg.done.entries_off", {"id": ids[0], "name": bot["name"]})
        return Outcome(tx(result.key, lang, **result.params), result, ids[0])

    # -- pieces ---------------------------------------------------------------------------------
    def _position(self, bot_id: int) -> dict | None:
        return next((p for p in self.engine.positions() if p["bot_id"] == bot_id), None)

    def _brake_note(self, lang: str) -> str:
        return "\n🛑 " + tx("tg.note.brake_on", lang) if self.engine.safety.brake()["on"] else ""

    @staticmethod
    def _told(result: Msg, lang: str, bot_id: int | None = None) -> Outcome:
        return Outcome(tx(result.key, lang, **result.params), result, bot_id)


def _ids(bots: list[dict]) -> str:
    return ", ".join(f"#{b['id']}" for b in bots)


def _label(bot: dict, lang: str) -> str:
    return status_label(bot["status"], lang)

