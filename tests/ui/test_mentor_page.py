"""The mentor page: empty store, busy store, the realistic week, the emotion form, bad input, instant advice,
exports; and the daily trade limit on the Settings page."""

from __future__ import annotations

import shutil

import pytest

from qbx_engine.core.clock import ManualClock
from qbx_engine.core.i18n import render, t
from qbx_engine.mentor import NOTE_MAX, report_markdown


def submit(view, note: str, before="frustrasi", after=None, market="volatile"):
    view.at.selectbox(key="qbx_mentor_before").select(before)
    view.at.selectbox(key="qbx_mentor_after").select(after)
    view.at.radio(key="qbx_mentor_market").set_value(market)
    view.at.text_area(key="qbx_mentor_note").input(note)
    view.click(t("ui.mentor_save", "id"))


def markdowns(view) -> list[str]:
    return [m.value for m in view.at.markdown]


def test_empty_store_is_friendly_on_both_tabs(app):
    view = app("mentor")
    assert [tab.label for tab in view.at.tabs] == [t("ui.mentor_tab_day", "id"), t("ui.mentor_tab_week", "id")]
    text = view.texts()
    assert t("ui.mentor_empty", "id") in text
    assert t("mentor.motivation.rest", "id") in text
    assert t("mentor.focus.rest", "id") in text and t("mentor.motivation.week_rest", "id") in text
    assert t("ui.mentor_no_history", "id") in text
    assert not view.errors() and not view.at.warning
    assert [b.label for b in view.at.get("download_button")].count(t("ui.mentor_report_md", "id")) == 2


def test_busy_store_shows_the_day_and_the_week(app, busy_dir):
    view = app()
    report, review = view.engine.mentor.report(), view.engine.mentor.weekly()
    assert 0 < report["summary"]["total_trades"] < review["summary"]["total_trades"]
    view.at.switch_page("pages/mentor.py").run()
    view.assert_clean()
    day_metrics, week_metrics = view.at.tabs[0].metric, view.at.tabs[1].metric
    assert day_metrics[0].value == str(report["summary"]["total_trades"])
    assert day_metrics[4].value == f"{report['disiplin']['score']}/10"
    assert week_metrics[0].value == str(review["summary"]["total_trades"])
    assert week_metrics[3].value == str(review["ringkasan_minggu"]["this"]["max_loss_streak"])
    assert report_markdown(report, "id") in markdowns(view)
    assert report_markdown(review, "id") in markdowns(view)
    assert len(view.at.get("vega_lite_chart")) == 3  # P/L through the day, by bot (day and week); no emotions yet
    costly = review["kebiasaan_termahal"]
    assert [w.value for w in view.at.warning] == \
        ([f"**{t('ui.mentor_costly', 'id')}** " + render(costly["msg"], "id").replace("#", "\\#")] if costly else [])
    history = view.at.dataframe[-1].value
    assert list(history["trades"]) == [s["total_trades"] for s in reversed(view.engine.mentor.sessions(30))
                                       if s["total_trades"]]


def test_the_realistic_week_on_the_page_in_both_languages(app, week_template, data_dir, monkeypatch):
    from qbx_ui import shell
    from tests.mentor.week import READ_AT

    folder, _ = week_template
    shutil.rmtree(data_dir)
    shutil.copytree(folder, data_dir)
    monkeypatch.setattr(shell, "CLOCK", ManualClock(READ_AT))  # Saturday morning, the week just done
    view = app("mentor")
    review = view.engine.mentor.weekly()
    assert review["kebiasaan_termahal"]["code"] == "tilt"
    assert report_markdown(review, "id") in markdowns(view)
    assert any(w.value.startswith("**Kebiasaan termahal:** Tilt pada trade manual — sekali (Kamis)")
               for w in view.at.warning)
    assert any(i.value.startswith("**Fokus minggu depan:** Satu aturan untuk minggu depan: setelah 3 kali rugi")
               for i in view.at.info)
    view.engine.update_settings(language="en")
    view.at.run()
    view.assert_clean()
    assert report_markdown(review, "en") in markdowns(view)
    assert any(w.value.startswith("**Most costly habit:** Tilt on manual trades — once (Thursday)")
               for w in view.at.warning)


def test_emotion_form_saves_and_gives_advice(app, busy_dir):
    view = app()
    view.at.switch_page("pages/mentor.py").run()
    submit(view, "Tiga kali kena SL beruntun.", before="tenang", after="frustrasi")
    (entry,) = view.engine.mentor.emotions()
    assert (entry["emotion_before"], entry["emotion_after"], entry["market_condition"], entry["note"]) == \
        ("tenang", "frustrasi", "volatile", "Tiga kali kena SL beruntun.")
    assert [toast.value for toast in view.at.toast] == [t("ui.mentor_saved", "id")]
    advice = view.engine.mentor.feedback("frustrasi")
    assert render(advice[0], "id").split(".")[0].replace("#", "\\#") in view.texts()
    assert "Tiga kali kena SL beruntun." in view.at.dataframe[0].value["note"].tolist()
    assert len(view.at.get("vega_lite_chart")) == 4  # now with P/L by emotion
    # The note is in today's report, with its own sentence.
    assert any("— tenang → frustrasi; pasar Anda tandai volatil." in m for m in markdowns(view))


def test_bad_note_is_shown_next_to_the_field_and_nothing_is_saved(app):
    view = app("mentor")
    submit(view, "    ")
    assert view.engine.mentor.emotions() == []
    assert t("mentor.err.note_empty", "id") in view.errors()
    # The box itself stops at the limit the engine enforces (the engine's own message is tested there).
    assert view.at.text_area(key="qbx_mentor_note").proto.max_chars == NOTE_MAX
    view.at.text_area(key="qbx_mentor_note").input("y" * (NOTE_MAX + 5))
    view.click(t("ui.mentor_save", "id"))
    assert view.engine.mentor.emotions() == []
    submit(view, "Sekarang benar.")
    assert [e["note"] for e in view.engine.mentor.emotions()] == ["Sekarang benar."]
    assert not view.errors()


def test_instant_advice_for_the_feeling_right_now(app):
    view = app("mentor")
    view.at.selectbox(key="qbx_mentor_now").select("bosan")
    view.click(t("ui.mentor_ask", "id"))
    assert t("mentor.now.bored", "id") in [i.value for i in view.at.info]


def test_mentor_page_in_english(app):
    view = app("mentor")
    view.engine.update_settings(language="en")
    view.at.run()
    assert view.at.title[0].value == t("nav.mentor", "en")
    assert t("ui.mentor_empty", "en") in view.texts()
    assert [tab.label for tab in view.at.tabs] == [t("ui.mentor_tab_day", "en"), t("ui.mentor_tab_week", "en")]


def test_daily_trade_limit_on_the_settings_page(app):
    view = app("settings")
    field = view.at.number_input(key="qbx_settings_max_trades")
    assert field.value == 0 and field.label == t("ui.mentor_max_trades", "id")
    assert (field.proto.min, field.proto.max) == (0, 1000)
    field.set_value(8)
    buttons = [b for b in view.at.button if b.label == t("ui.save_changes", "id")]
    buttons[-1].click().run()
    view.assert_clean()
    assert view.engine.get_settings()["mentor_max_trades_per_day"] == 8
    assert view.at.number_input(key="qbx_settings_max_trades").value == 8
    assert not view.errors()


@pytest.fixture
def week_template(tmp_path_factory):
    from tests.mentor.week import build

    folder = tmp_path_factory.mktemp("week")
    return folder, build(folder)
