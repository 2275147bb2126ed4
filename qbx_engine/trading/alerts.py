"""TradingView alerts for alert bots: checked, matched to a bot by its own secret, queued durably, taken once.

The path of one alert: :class:`AlertInbox` reads the webhook's body, finds the bot whose secret it carries
(:class:`AlertSecrets` keeps only SHA-256 digests of the secrets), refuses what must not be traded (a bot
that is not active, an alert older than the bot's limit, a body TradingView filled in wrongly) with a line
in the activity log, and otherwise appends it to :class:`AlertQueue` — on disk before the sender is told
"queued". The bot's next tick (:meth:`qbx_engine.trading.trader.Trader.tick`) takes the newest waiting alert,
writing "taken" to disk *before* any order, so an alert is acted on at most once even across ``kill -9``;
older alerts waiting with it are superseded, stale ones refused. Every accepted alert ends with one
outcome record (taken, superseded, stale or dropped). Alerts of a bot that is paused or stopped are not
kept for later: refused on arrival, dropped when the bot pauses or stops with alerts still waiting.

When the broker cannot be reached during the order, the alert goes back to waiting, as a strategy's bar does:
a "retry" record, written after the failure, reopens it, and the next tick takes it again (writing "taken"
again) unless it has grown stale. A crash before that record leaves it taken: never ordered twice. An order the
broker did carry out before failing is found by the next tick as the bot's position (adopted), and the retried
alert then opens nothing more, exactly as a strategy's repeated signal does not.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import threading
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..core.errors import QbxError, StoreWriteError, ValidationError
from ..core.i18n import Msg, shown
from ..core.inputs import MAX_TIME, number
from ..strategies.tradingview_alert import NAME as ALERT_STRATEGY
from ..strategies.tradingview_alert import WORDS, TradingViewAlert
from . import events as ev
from .botbook import BotBook
from .bots import ACTIVE, STATUS_LABELS, Bot

if TYPE_CHECKING:  # the store's files and logs, through Store.db / Store.log only
    from ..store.durable import DurableDB
    from ..store.partitioned import PartitionedLog

MAX_BODY = 4096  # bytes: TradingView's messages are a few hundred
MAX_FIELDS = 20
ID_PATTERN = re.compile(r"^[\x20-\x7e]{1,64}$")  # printable ASCII: {{ticker}}-{{timenow}} and the like
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{32,128}$")
FUTURE_SKEW = 120.0  # seconds an alert's own time may run ahead of this computer's clock
UNKNOWN_LOG_EVERY = 60.0  # seconds between two log lines about unknown secrets (a guessing flood writes little)
KEEP_IDS = 7 * 86400.0  # how long an accepted alert's id is remembered against duplicates
ACCEPTED, TAKEN, STALE, SUPERSEDED, DROPPED = "accepted", "taken", "stale", "superseded", "dropped"
OUTCOMES = (TAKEN, STALE, SUPERSEDED, DROPPED)
RETRY = "retry"  # a "taken" undone: the broker failed during the order; the alert waits for the next tick
SIGNAL_WORDS = {"BUY": "buy", "SELL": "sell", "EXIT": "close"}


class UnknownAlertSecret(QbxError):
    """No bot has this webhook secret (a typo, a rotated secret, or a deleted bot)."""

    def __init__(self):
        super().__init__("alert.unknown_secret")


class AlertRefused(QbxError):
    """An alert that is not acted on (the bot is not active, the alert is too old, not an alert bot); logged."""

    def __init__(self, key: str, **params):
        super().__init__(key, **params)


@dataclass(frozen=True)
class Alert:
    bot_id: int
    alert_id: str
    signal: str  # BUY, SELL or EXIT
    price: float | None
    sent_at: float | None  # the alert's own time, when it carried one ({{timenow}})
    received_at: float
    ticker: str | None = None

    def age(self, now: float) -> float:
        return now - (self.sent_at if self.sent_at is not None else self.received_at)

    def shown(self) -> dict[str, Any]:
        """What a log line says about the alert."""
        return {"id": self.alert_id, "signal": SIGNAL_WORDS[self.signal], "price": self.price if self.price else "-"}

    def to_record(self, now: float) -> dict:
        return {"ts": now, "kind": ACCEPTED, "bot_id": self.bot_id, "alert_id": self.alert_id,
                "signal": self.signal, "price": self.price, "sent_at": self.sent_at,
                "received_at": self.received_at, "ticker": self.ticker}

    @classmethod
    def from_record(cls, record: dict) -> Alert | None:
        try:
            return cls(int(record["bot_id"]), str(record["alert_id"]), str(record["signal"]), record.get("price"),
                       record.get("sent_at"), float(record["received_at"]), record.get("ticker"))
        except (KeyError, TypeError, ValueError):
            return None


# -- reading a webhook's body ---------------------------------------------------------------------
def read_body(body: Any) -> dict:
    """The JSON object a webhook sent (bytes, text or an already parsed object), or ValidationError("body")."""
    if isinstance(body, (bytes, bytearray)):
        if len(body) > MAX_BODY:
            raise ValidationError.one("body", "alert.too_big", size=len(body), max=MAX_BODY)
        try:
            body = bytes(body).decode("utf-8")
        except UnicodeDecodeError:
            raise ValidationError.one("body", "alert.not_utf8") from None
    if isinstance(body, str):
        if len(body) > MAX_BODY:
            raise ValidationError.one("body", "alert.too_big", size=len(body), max=MAX_BODY)
        try:
            body = json.loads(body)
        except ValueError as exc:
            line, column = getattr(exc, "lineno", 1), getattr(exc, "colno", 1)
            raise ValidationError.one("body", "alert.not_json", line=line, column=column) from None
    if not isinstance(body, dict):
        raise ValidationError.one("body", "alert.not_object", value=shown(body))
    if len(body) > MAX_FIELDS:
        raise ValidationError.one("body", "alert.too_many_fields", count=len(body), max=MAX_FIELDS)
    return body


def check_fields(data: dict, now: float) -> dict[str, Any]:
    """signal, id, price, time and ticker of an alert, each checked (ValidationError names every bad one)."""
    errors: dict[str, Msg] = {}
    clean: dict[str, Any] = {}
    word = data.get("signal")
    if isinstance(word, str) and word.strip().lower() in WORDS:
        clean["signal"] = WORDS[word.strip().lower()]
    else:
        errors["signal"] = _placeholder(word) or Msg("alert.bad_signal", {"value": _shown(word)})
    raw_id = data.get("id")
    text_id = str(raw_id).strip() if isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool) else None
    if text_id and ID_PATTERN.match(text_id):
        clean["alert_id"] = text_id
    else:
        errors["id"] = _placeholder(raw_id) or Msg("alert.bad_id", {"value": _shown(raw_id)})
    price = data.get("price")
    if price is None or price == "":
        clean["price"] = None
    else:
        amount = number(price)
        if amount is None or amount <= 0:
            errors["price"] = _placeholder(price) or Msg("alert.bad_price", {"value": _shown(price)})
        clean["price"] = amount
    when = data.get("time")
    if when is None or when == "":
        clean["sent_at"] = None
    else:
        moment = _moment(when)
        if moment is None:
            errors["time"] = _placeholder(when) or Msg("alert.bad_time", {"value": _shown(when)})
        elif moment > now + FUTURE_SKEW:
            errors["time"] = Msg("alert.future_time", {"value": _shown(when), "skew": int(FUTURE_SKEW)})
        clean["sent_at"] = moment
    ticker = data.get("ticker")
    if ticker is not None and not (isinstance(ticker, str) and 0 < len(ticker.strip()) <= 40):
        errors["ticker"] = Msg("alert.bad_ticker", {"value": _shown(ticker)})
    clean["ticker"] = ticker.strip() if isinstance(ticker, str) else None
    if errors:
        raise ValidationError(errors)
    return clean


def _shown(value: Any) -> str:
    return "null" if value is None else shown(value)


def _placeholder(value: Any) -> Msg | None:
    """A {{placeholder}} TradingView did not fill in (placeholders work in the alert's Message box only)."""
    if isinstance(value, str) and "{{" in value:
        return Msg("alert.unfilled", {"value": shown(value)})
    return None


def _moment(value: Any) -> float | None:
    """Epoch seconds (or milliseconds) or an ISO 8601 time such as TradingView's 2026-11-25T10:00:00Z."""
    if isinstance(value, bool):
        return None
    seconds = number(value) if isinstance(value, (int, float)) or (
        isinstance(value, str) and value.strip().lstrip("-").replace(".", "", 1).isdigit()) else None
    if seconds is None and isinstance(value, str) and len(value) <= 40:
        try:
            parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            return None
        seconds = (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).timestamp()
    if seconds is None:
        return None
    if seconds > 1e11:
        seconds /= 1000.0  # milliseconds, as Pine's timenow gives them
    return seconds if 0 < seconds < MAX_TIME else None


# A broker's tag on a symbol: one of these words after a separator (any case), or a lone lower-case "m" right
# after an upper-case name (EURUSDm). Only tags no real symbol ends with, so stripping one never turns one market
# into another (".B" of BRK.B is not one of them, nor the "M" that ends a name in capitals).
_SEPARATED_TAG = re.compile(r"(?<=.)[._-](?:m|pro|i|ecn|raw|std)$", re.IGNORECASE)
_LOWER_M = re.compile(r"^[A-Z0-9]+m$")


def market_key(name: str) -> str:
    """A symbol as an exchange, a broker or TradingView writes it, reduced to the market it names:
    ``OANDA:EURUSD``, ``EURUSD.m``, ``EURUSDm``, ``EURUSD.pro``, ``EURUSD_i``, ``#US30``, ``eurusd``."""
    text = name.strip().rsplit(":", 1)[-1].strip().lstrip("#")
    text = _SEPARATED_TAG.sub("", text)
    if _LOWER_M.match(text):
        text = text[:-1]
    return re.sub(r"[^A-Z0-9]", "", text.upper())


def same_market(ticker: str, market: str) -> bool:
    """Whether TradingView's ticker (``OANDA:XAUUSD``, ``EURUSD``) names exactly the bot's market (``XAUUSD.m``):
    ``US`` is not US30, nor USDJPY."""
    tv, ours = market_key(ticker), market_key(market)
    return bool(tv) and tv == ours


# -- the bots' secrets ---------------------------------------------------------------------------
def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


class AlertSecrets:
    """One webhook secret per alert bot, stored only as its SHA-256 digest (a secret is 256 random bits, so
    a plain digest cannot be reversed or guessed); the secret itself is shown once, when it is issued."""

    TABLE = "secrets"

    def __init__(self, db: DurableDB):
        self.db = db
        self._lock = threading.Lock()
        self._by_digest = {doc["digest"]: int(doc["bot_id"]) for doc in db.all(self.TABLE)
                           if isinstance(doc.get("digest"), str) and isinstance(doc.get("bot_id"), int)}

    def issue(self, bot_id: int, now: float) -> str:
        """A new secret for the bot; the one before it stops working at once."""
        token = secrets.token_urlsafe(32)
        digest = _digest(token)
        with self._lock:
            old = self.db.get(self.TABLE, bot_id)
            self.db.upsert_doc(self.TABLE, bot_id, {"bot_id": bot_id, "digest": digest, "issued_at": now})
            if old is not None:
                self._by_digest.pop(old.get("digest"), None)
            self._by_digest[digest] = bot_id
        return token

    def bot_for(self, token: Any) -> int | None:
        if not isinstance(token, str) or not TOKEN_PATTERN.match(token):
            return None
        return self._by_digest.get(_digest(token))

    def issued_at(self, bot_id: int) -> float | None:
        doc = self.db.get(self.TABLE, bot_id)
        return None if doc is None else doc.get("issued_at")

    def forget(self, bot_id: int) -> None:
        with self._lock:
            old = self.db.get(self.TABLE, bot_id)
            if old is None:
                return
            self.db.remove(self.TABLE, bot_id)
            self._by_digest.pop(old.get("digest"), None)


# -- the durable queue ------------------------------------------------------------------------------
class AlertQueue:
    """Accepted alerts per bot, and each one's outcome, as records appended to the ``alerts`` log.

    What is waiting is rebuilt on open from the last :data:`KEEP_IDS` of records (an alert older than that is
    past every bot's age limit), as are the ids seen, so a duplicate is recognised across restarts.
    """

    def __init__(self, log: PartitionedLog, clock):
        self.log = log
        self.clock = clock
        self._lock = threading.Lock()
        self._pending: dict[int, list[tuple[Alert, int | None]]] = {}  # per bot: (alert, bot generation)
        self._seen: dict[tuple[int, str], float] = {}
        self._accepted = 0
        self._restore()

    def _restore(self) -> None:
        accepted: dict[tuple[int, str], Alert] = {}
        finished: set[tuple[int, str]] = set()
        for record in self.log.iterate(since=self.clock.now() - KEEP_IDS):
            key = (record.get("bot_id"), record.get("alert_id"))
            if record.get("kind") == ACCEPTED:
                alert = Alert.from_record(record)
                if alert is not None:
                    accepted[(alert.bot_id, alert.alert_id)] = alert
                    self._seen[(alert.bot_id, alert.alert_id)] = alert.received_at
            elif record.get("kind") in OUTCOMES:
                finished.add(key)  # type: ignore[arg-type]
            elif record.get("kind") == RETRY:
                finished.discard(key)
        for key, alert in sorted(accepted.items(), key=lambda item: item[1].received_at):
            if key not in finished:
                self._pending.setdefault(alert.bot_id, []).append((alert, None))

    def accept(self, alert: Alert, generation: int | None) -> bool:
        """Queue the alert (on disk when this returns); False if an alert with its id was accepted before."""
        key = (alert.bot_id, alert.alert_id)
        with self._lock:
            if key in self._seen:
                return False
            self._seen[key] = alert.received_at  # the id is taken from here on, so a resend waits for this one
            _, commit = self.log.stage(alert.to_record(self.clock.now()))
        try:
            commit()  # outside the lock: alerts arriving together (a bar close) share one flush
        except BaseException:
            with self._lock:
                self._seen.pop(key, None)
            raise
        with self._lock:
            self._pending.setdefault(alert.bot_id, []).append((alert, generation))
            self._accepted += 1
            if self._accepted % 1000 == 0:
                self._forget_old()
        return True

    def _forget_old(self) -> None:
        edge = self.clock.now() - KEEP_IDS
        self._seen = {key: at for key, at in self._seen.items() if at >= edge}

    def has_pending(self, bot_id: int) -> bool:
        return bool(self._pending.get(bot_id))

    def pending(self, bot_id: int) -> list[Alert]:
        with self._lock:
            return [alert for alert, _ in self._pending.get(bot_id, ())]

    def bots_waiting(self) -> list[int]:
        with self._lock:
            return [bot_id for bot_id, waiting in self._pending.items() if waiting]

    def take(self, bot_id: int, now: float, max_age: float,
             generation: int | None) -> tuple[Alert | None, list[tuple[Alert, str]]]:
        """The alert to act on now (its "taken" record on disk first) and the others that were waiting, each
        with its outcome: ``dropped`` (the bot was paused or stopped since it arrived), ``stale`` or
        ``superseded`` (a newer one came). StoreWriteError leaves unwritten ones waiting and acts on none."""
        with self._lock:
            waiting = self._pending.get(bot_id)
            if not waiting:
                return None, []
            chosen: Alert | None = None
            settled: list[tuple[Alert, str]] = []
            for alert, born in waiting:
                if born is not None and generation is not None and born != generation:
                    settled.append((alert, DROPPED))
                elif alert.age(now) > max_age:
                    settled.append((alert, STALE))
                else:
                    if chosen is not None:
                        settled.append((chosen, SUPERSEDED))
                    chosen = alert
            if chosen is not None:
                settled.append((chosen, TAKEN))
            self._settle(bot_id, settled, now)
        discarded = [(alert, outcome) for alert, outcome in settled if outcome != TAKEN]
        return chosen, discarded

    def retry(self, alert: Alert, generation: int | None, problem: Msg) -> None:
        """A taken alert waits again: its order failed because the broker could not be reached. The "retry" record
        (with the broker's words) is on disk before it waits; StoreWriteError leaves it taken, never to be
        ordered again."""
        with self._lock:
            self.log.append({**_outcome(alert, RETRY, self.clock.now()), "problem": problem.to_json()})
            waiting = self._pending.setdefault(alert.bot_id, [])
            waiting.append((alert, generation))
            waiting.sort(key=lambda pair: pair[0].received_at)  # a newer one that came meanwhile still wins

    def acted_on(self, bot_id: int) -> list[dict]:
        """The bot's "taken" records that stood (a retried take is replaced by the take after it), oldest first."""
        acted: dict[str, dict] = {}
        for record in self.log.iterate(match={"bot_id": bot_id, "kind": [TAKEN, RETRY]}):
            acted.pop(record["alert_id"], None)
            if record["kind"] == TAKEN:
                acted[record["alert_id"]] = record
        return list(acted.values())

    def drop(self, bot_id: int) -> list[Alert]:
        """Every alert waiting for the bot, no longer kept (the bot was paused, stopped or deleted)."""
        with self._lock:
            settled = [(alert, DROPPED) for alert, _ in self._pending.get(bot_id, ())]
            self._settle(bot_id, settled, self.clock.now())
        return [alert for alert, _ in settled]

    def discard(self, bot_id: int, alert_id: str) -> None:
        """Forget one waiting alert (it could not be logged); its "dropped" record is written if the disk lets."""
        with self._lock:
            waiting = self._pending.get(bot_id, [])
            found = [(alert, DROPPED) for alert, _ in waiting if alert.alert_id == alert_id]
            self._pending[bot_id] = [pair for pair in waiting if pair[0].alert_id != alert_id]
            with suppress(StoreWriteError):  # then it waits again on the next start: stale, or taken and logged
                for alert, outcome in found:
                    self.log.append(_outcome(alert, outcome, self.clock.now()))

    def _settle(self, bot_id: int, settled: list[tuple[Alert, str]], now: float) -> None:
        """Write the outcomes; what was written leaves the queue (call under the lock). The alerts set aside go
        in one write, however many a flood left waiting; "taken" goes alone and last, so when it fails
        nothing is acted on, and when it succeeds the alert can never be taken again."""
        done: set[str] = set()
        aside = [(alert, outcome) for alert, outcome in settled if outcome != TAKEN]
        taken = [alert for alert, outcome in settled if outcome == TAKEN]
        try:
            if aside:
                self.log.append_many([_outcome(alert, outcome, now) for alert, outcome in aside])
                done.update(alert.alert_id for alert, _ in aside)
            for alert in taken:
                self.log.append(_outcome(alert, TAKEN, now))
                done.add(alert.alert_id)
        finally:
            left = [pair for pair in self._pending.get(bot_id, []) if pair[0].alert_id not in done]
            if left:
                self._pending[bot_id] = left
            else:
                self._pending.pop(bot_id, None)

    def records(self, bot_id: int, limit: int = 50) -> list[dict]:
        """The bot's newest alert records (accepted ones and outcomes), newest first."""
        return self.log.query(match={"bot_id": bot_id}, limit=limit)


def _outcome(alert: Alert, outcome: str, now: float) -> dict:
    return {"ts": now, "kind": outcome, "bot_id": alert.bot_id, "alert_id": alert.alert_id, "signal": alert.signal}


# -- receiving ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Receipt:
    status: str  # "queued" or "duplicate"
    bot_id: int
    alert_id: str
    signal: str

    def to_json(self) -> dict:
        return {"status": self.status, "bot_id": self.bot_id, "alert_id": self.alert_id,
                "signal": SIGNAL_WORDS[self.signal]}


def is_alert_bot(bot: Bot) -> bool:
    return bot.strategy_name == ALERT_STRATEGY


def max_age(bot: Bot) -> float:
    return float(bot.strategy_params.get("max_age", TradingViewAlert.params[0].default))


class AlertInbox:
    """Where webhooks land: authenticate, check, log, queue (see the module's description)."""

    def __init__(self, book: BotBook, secrets_: AlertSecrets, queue: AlertQueue, clock):
        self.book = book
        self.secrets = secrets_
        self.queue = queue
        self.clock = clock
        self._unknown = 0  # unknown secrets refused since the last line about them
        self._unknown_logged_at: float | None = None
        self._unknown_lock = threading.Lock()

    def receive(self, token: str | None, body: Any) -> Receipt:
        """Queue one alert, or raise: UnknownAlertSecret, ValidationError (the field named), AlertRefused."""
        now = self.clock.now()
        data: dict | None = None
        problem: ValidationError | None = None
        try:
            data = read_body(body)
        except ValidationError as exc:
            problem = exc
        if token is None and data is not None:
            token = data.get("token")
        bot = self._bot(token)
        try:
            if problem is not None:
                raise problem
            fields = check_fields(data or {}, now)
        except ValidationError as exc:
            field, why = next(iter(exc.field_errors.items()))
            self.book.event(bot.id, ev.ALERT_REFUSED, Msg("ev.alert_bad", {"field": field, "problem": why}),
                            collapse=f"alert:bad:{field}")
            raise
        alert = Alert(bot.id, fields["alert_id"], fields["signal"], fields["price"], fields["sent_at"], now,
                      fields["ticker"])
        self._admit(bot, alert, now)
        runtime = self.book.runtime(bot.id)
        if not self.queue.accept(alert, runtime.generation if runtime is not None else None):
            self.book.event(bot.id, ev.ALERT_REFUSED, Msg("ev.alert_duplicate", alert.shown()),
                            collapse="alert:duplicate")
            return Receipt("duplicate", bot.id, alert.alert_id, alert.signal)
        try:
            self.book.event(bot.id, ev.ALERT, Msg("ev.alert_queued", alert.shown()))
        except StoreWriteError:
            self.queue.discard(bot.id, alert.alert_id)  # a bot never trades on an alert the log does not show
            raise
        return Receipt("queued", bot.id, alert.alert_id, alert.signal)

    def _bot(self, token: Any) -> Bot:
        bot_id = self.secrets.bot_for(token)
        bot = self.book.find(bot_id) if bot_id is not None else None
        runtime = self.book.runtime(bot_id) if bot_id is not None else None
        if bot is None or runtime is None or runtime.deleting:
            self._log_unknown()
            raise UnknownAlertSecret()
        return bot

    def _log_unknown(self) -> None:
        """One line, then at most one a minute with the count since: refusing costs no disk write mostly."""
        now = self.clock.now()
        with self._unknown_lock:
            self._unknown += 1
            if self._unknown_logged_at is not None and now - self._unknown_logged_at < UNKNOWN_LOG_EVERY:
                return
            count, self._unknown, self._unknown_logged_at = self._unknown, 0, now
        with suppress(StoreWriteError):  # the refusal stands; the count is lost with the line
            self.book.event(None, ev.ALERT_REFUSED, Msg("ev.alert_unknown_secret", {"count": count}))

    def _admit(self, bot: Bot, alert: Alert, now: float) -> None:
        """Refuse, with its line in the log, an alert this bot must not act on."""
        refusal: tuple[str, str, dict] | None = None
        runtime = self.book.runtime(bot.id)
        limit = max_age(bot)
        if not is_alert_bot(bot):
            refusal = ("not_alert_bot", "alert.not_alert_bot", {})
        elif bot.status != ACTIVE or runtime is None or not runtime.trading_allowed:
            refusal = (f"inactive:{bot.status}", "alert.inactive", {"status": STATUS_LABELS[bot.status]})
        elif alert.ticker is not None and not same_market(alert.ticker, bot.market):
            refusal = ("ticker", "alert.other_market", {"ticker": alert.ticker, "market": bot.market})
        elif alert.age(now) > limit:
            refusal = ("stale", "alert.stale", {"age": round(alert.age(now)), "max_age": int(limit)})
        if refusal is None:
            return
        cause, key, params = refusal
        why = Msg(key, params)
        self.book.event(bot.id, ev.ALERT_REFUSED, Msg("ev.alert_refused", {**alert.shown(), "why": why}),
                        collapse=f"alert:{cause}" if cause != "stale" else False)
        raise AlertRefused(key, **params)
