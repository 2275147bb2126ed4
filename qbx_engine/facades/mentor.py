"""``engine.mentor``: the trading mentor's calls (:mod:`qbx_engine.mentor`)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

import openai

from ..core import inputs
from ..core.i18n import t
from ..mentor import endpoint as endpoints
from ..mentor.audit import asked_language
from ..mentor.chat import Chat, ChatError, Request, Turn, clean_question
from ..mentor.chatlog import FOLDER, ChatLog
from ..mentor.context import MentorView
from ..mentor.desk import HISTORY_DAYS, MentorDesk
from ..mentor.packet import Material, Packet, build

if TYPE_CHECKING:
    from ..engine import Engine


class Mentor:
    def __init__(self, engine: Engine):
        self._engine = engine
        self.desk = MentorDesk(engine.journal, engine.store.emotions)
        store = engine.store
        self.chat = Chat(ChatLog(lambda relative: store.db(relative, derived=True), store.data_dir / FOLDER),
                         engine.now)

    def add_emotion(self, entry: dict) -> dict:
        """Log how the trader feels (several entries a day are fine); ValidationError saves nothing."""
        self._engine.check_open()
        return self.desk.add_emotion(entry, self._engine.now(), self._tz())

    def emotions(self, day: str | date | None = None) -> list[dict]:
        """The emotion log of one day (``YYYY-MM-DD`` or a date; today by default)."""
        return self.desk.emotions(self._engine.day(day), self._tz())

    def report(self, day: str | date | None = None) -> dict:
        """The mentor's analysis of one day (today by default); messages are keys, render per language."""
        return self.desk.analyse(self._engine.day(day), self.view())

    def weekly(self, week: str | date | None = None) -> dict:
        """The mentor's review of the Monday-Sunday week (trader's time zone) holding ``week`` (this week)."""
        return self.desk.weekly(self._engine.day(week), self.view())

    def feedback(self, emotion: str) -> list[dict]:
        """Advice for the emotion felt right now, given today's trades so far and the trader's limits."""
        return self.desk.feedback(emotion, self._engine.day(None), self.view())

    def sessions(self, days: int = 30) -> list[dict]:
        """The last ``days`` calendar days (1 to 3650; today last), each with its trades, totals and emotions."""
        days = inputs.whole("days", days, 1, 3650)
        today = self._engine.day(None)
        return self.desk.sessions(today - timedelta(days=days - 1), today, self._tz())

    def view(self) -> MentorView:
        engine = self._engine
        settings = engine.settings.all()
        return MentorView(tz=settings["timezone"], currency=engine.account_currency(), now=engine.now(),
                          max_per_day=settings["mentor_max_trades_per_day"], positions=engine.positions)

    # -- ask the mentor (qbx_engine.mentor.chat) -----------------------------------------------------------------
    def chat_setup(self) -> dict:
        """Whether questions can be asked, of which model where, where each setting came from, and whether the
        trader must first allow sending the facts to an internet host. Nothing secret: the key is masked."""
        setup = self._setup()
        out = {"configured": setup.endpoint is not None, "problem": setup.problem.to_json() if setup.problem else None,
               "sources": dict(setup.sources), "key": setup.key_masked, "consent": self._settings("mentor_ai_consent"),
               "timeout": self._settings("mentor_ai_timeout"), "stream": self._settings("mentor_ai_stream"),
               "needs_consent": False}
        if setup.endpoint is not None:
            out.update(setup.endpoint.describe())
            out["needs_consent"] = endpoints.needs_consent(setup.endpoint, out["consent"])
        return out

    def facts(self, day: str | date | None = None, lang: str | None = None) -> dict:
        """What a question about ``day`` (today) sends besides the question: the model's instructions and the facts
        packet, in ``lang`` (the dashboard's language by default); the page shows it as "the data sent"."""
        packet = self._packet(self._engine.day(day))
        lang = lang if lang in packet.texts else self._settings("language")
        return {"day": packet.day.isoformat(), "lang": lang, "instructions": t("mentor.chat.system", lang),
                "text": packet.text(lang)}

    def ask(self, question: str, day: str | date | None = None) -> Turn:
        """Ask about ``day`` (today) and its week; returns the turn being answered (read ``turn.events()``).

        ValidationError for an empty or overlong question; ChatError when no endpoint is set up, when an
        internet endpoint has not been allowed, or while the previous question about the day is answered."""
        self._engine.check_open()
        text = clean_question(question)
        the_day = self._engine.day(day)
        setup = self._setup()
        if setup.endpoint is None:
            raise ChatError(setup.problem.key if setup.problem else "mentor.chat.err.not_configured",
                            **(setup.problem.params if setup.problem else {}))
        if endpoints.needs_consent(setup.endpoint, self._settings("mentor_ai_consent")):
            raise ChatError("mentor.chat.err.consent", host=setup.endpoint.host)
        earlier = [turn for turn in self.chat.turns(the_day) if turn.get("status") in ("verified", "unverified")]
        lang = asked_language(text, self._settings("language"))
        request = Request(day=the_day, question=text, lang=lang, packet=self._packet(the_day),
                          endpoint=setup.endpoint, timeout=float(self._settings("mentor_ai_timeout")),
                          stream=bool(self._settings("mentor_ai_stream")),
                          history=tuple(t for t in earlier if t["status"] == "verified"),
                          questions=tuple([t["question"] for t in earlier] + [text]))
        return self.chat.start(request)

    def conversation(self, day: str | date | None = None) -> list[dict]:
        """The questions and answers about ``day`` (today), oldest first; one still being answered is "pending"."""
        return self.chat.turns(self._engine.day(day))

    def conversation_days(self) -> list[str]:
        """The days with a saved conversation, newest first."""
        return [day.isoformat() for day in self.chat.log.days()]

    def forget(self, day: str | date | None = None) -> int:
        """Delete the conversation about ``day`` (today) from the data folder; returns how many questions it had."""
        self._engine.check_open()
        return self.chat.forget(self._engine.day(day))

    def test_endpoint(self) -> dict:
        """Ask the configured server for its models: ``{"host", "model", "models", "found"}``; ChatError says why
        it cannot be reached (no facts are sent)."""
        setup = self._setup()
        if setup.endpoint is None:
            raise ChatError(setup.problem.key if setup.problem else "mentor.chat.err.not_configured",
                            **(setup.problem.params if setup.problem else {}))
        point = setup.endpoint
        timeout = float(self._settings("mentor_ai_timeout"))
        client = openai.OpenAI(base_url=point.url, api_key=point.api_key or "no-key-needed", max_retries=0,
                               timeout=openai.Timeout(min(timeout, 30.0), connect=min(5.0, timeout)))
        client.organization = client.project = client.admin_api_key = None
        try:
            models = sorted(m.id for m in client.models.list())
        except openai.APIConnectionError:
            raise ChatError("mentor.chat.err.connect", host=point.host) from None
        except (openai.AuthenticationError, openai.PermissionDeniedError) as exc:
            raise ChatError("mentor.chat.err.auth", host=point.host, status=exc.status_code) from None
        except openai.APIStatusError as exc:
            raise ChatError("mentor.chat.err.server", host=point.host, status=exc.status_code, detail="") from None
        except (openai.OpenAIError, AttributeError, TypeError):
            raise ChatError("mentor.chat.err.models", host=point.host) from None
        finally:
            client.close()
        return {"host": point.host, "model": point.model, "models": models, "found": point.model in models}

    def close(self, wait: float = 5.0) -> None:
        """Stop answers in flight (bounded wait); nothing is written to the data folder afterwards."""
        self.chat.close(wait)

    def _packet(self, day: date) -> Packet:
        engine = self._engine
        view = self.view()
        monday = day - timedelta(days=day.weekday())
        sunday = monday + timedelta(days=6)
        today = engine.day(None)
        return build(Material(
            day=day, now=engine.now(), tz=view.tz, currency=view.currency, max_per_day=view.max_per_day,
            report=self.desk.analyse(day, view), review=self.desk.weekly(day, view),
            week_days=self.desk.sessions(monday, max(monday, min(sunday, today)), view.tz),
            month=self.desk.sessions(day - timedelta(days=HISTORY_DAYS - 1), day, view.tz),
            notes=self.desk.emotions(monday, view.tz, sunday), bots=engine.list_bots()))

    def _setup(self) -> endpoints.Setup:
        return endpoints.load(self._engine.settings.all())

    def _settings(self, name: str):
        return self._engine.settings.get(name)

    def _tz(self) -> str:
        return self._engine.settings.get("timezone")

