"""The HTTP API and TradingView alert bots: alert checks, their log lines, API errors and the Settings section."""

TEXTS: dict[str, dict[str, str]] = {
    # the alert strategy's reasons
    "why.alert_none": {"id": "Tidak ada alert di bar ini.", "en": "No alert in this bar."},
    "why.alert_bar": {"id": "Alert TradingView {signal} tiba di bar ini.",
                      "en": "A TradingView {signal} alert arrived in this bar."},
    "why.alert": {"id": "Alert TradingView: {signal} (id {id}, harga {price}), diterima {age} detik setelah dikirim.",
                  "en": "TradingView alert: {signal} (id {id}, price {price}), taken {age} s after it was sent."},
    "why.alert_waiting": {"id": "Menunggu alert TradingView.", "en": "Waiting for a TradingView alert."},
    # what is wrong with an alert's body (each names the field TradingView must fill in)
    "alert.too_big": {"id": "Isi alert {size} byte; paling banyak {max}.",
                      "en": "The alert's body is {size} bytes; at most {max}."},
    "alert.not_utf8": {"id": "Isi alert bukan teks UTF-8.", "en": "The alert's body is not UTF-8 text."},
    "alert.not_json": {"id": "Isi alert bukan JSON yang sah (baris {line}, kolom {column}). Periksa tanda kutip "
                             "dan koma di kotak Message alert TradingView.",
                       "en": "The alert's body is not valid JSON (line {line}, column {column}). Check the quotes "
                             "and commas in the TradingView alert's Message box."},
    "alert.not_object": {"id": "Isi alert harus objek JSON seperti {{\"signal\": \"buy\", \"id\": \"...\"}}, "
                               "bukan {value}.",
                         "en": "The alert's body must be a JSON object such as {{\"signal\": \"buy\", \"id\": "
                               "\"...\"}}, not {value}."},
    "alert.too_many_fields": {"id": "Alert berisi {count} kolom; paling banyak {max}.",
                              "en": "The alert has {count} fields; at most {max}."},
    "alert.bad_signal": {"id": "signal harus buy, sell atau close (juga long, short, flat, exit), bukan {value}.",
                         "en": "signal must be buy, sell or close (long, short, flat and exit also work), "
                               "not {value}."},
    "alert.bad_id": {"id": "id wajib: teks 1-64 karakter ASCII yang unik per alert, mis. "
                           "\"{{{{ticker}}}}-{{{{timenow}}}}\", bukan {value}.",
                     "en": "id is required: 1-64 ASCII characters, unique per alert, e.g. "
                           "\"{{{{ticker}}}}-{{{{timenow}}}}\", not {value}."},
    "alert.bad_price": {"id": "price harus angka lebih dari 0 (mis. {{{{close}}}}), bukan {value}.",
                        "en": "price must be a number above 0 (e.g. {{{{close}}}}), not {value}."},
    "alert.bad_time": {"id": "time harus waktu ISO seperti 2026-11-25T10:00:00Z ({{{{timenow}}}}) atau detik epoch, "
                             "bukan {value}.",
                       "en": "time must be an ISO time such as 2026-11-25T10:00:00Z ({{{{timenow}}}}) or epoch "
                             "seconds, not {value}."},
    "alert.future_time": {"id": "time {value} lebih dari {skew} detik di masa depan: cocokkan jam komputer ini.",
                          "en": "time {value} is more than {skew} s in the future: check this computer's clock."},
    "alert.bad_ticker": {"id": "ticker harus teks pendek (mis. {{{{ticker}}}}), bukan {value}.",
                         "en": "ticker must be short text (e.g. {{{{ticker}}}}), not {value}."},
    "alert.unfilled": {"id": "{value} tidak diisi oleh TradingView: placeholder hanya berlaku di kotak Message "
                             "alert, bukan di dalam alert() Pine (di sana pakai str.tostring(close)).",
                       "en": "TradingView did not fill in {value}: placeholders work in the alert's Message box, "
                             "not inside Pine's alert() (use str.tostring(close) there)."},
    "alert.unknown_secret": {"id": "Tidak ada bot dengan rahasia webhook ini (salah ketik, sudah diganti, atau "
                                   "botnya dihapus).",
                             "en": "No bot has this webhook secret (a typo, a renewed secret, or a deleted bot)."},
    # why an alert is not acted on
    "alert.not_alert_bot": {"id": "bot ini bukan bot alert TradingView (strateginya sudah diganti)",
                            "en": "this bot is not a TradingView alert bot (its strategy was changed)"},
    "alert.inactive": {"id": "bot sedang {status}; alert tidak disimpan untuk nanti",
                       "en": "the bot is {status}; alerts are not kept for later"},
    "alert.other_market": {"id": "ticker {ticker} bukan pasar bot ini ({market}); hapus kolom ticker untuk "
                                 "menerima ticker apa pun",
                           "en": "ticker {ticker} is not this bot's market ({market}); remove the ticker field "
                                 "to accept any ticker"},
    "alert.stale": {"id": "umurnya {age} detik, batas bot ini {max_age} detik",
                    "en": "it is {age} s old, this bot's limit is {max_age} s"},
    "alert.why_paused": {"id": "bot dijeda", "en": "the bot was paused"},
    "alert.why_stopped": {"id": "bot dihentikan", "en": "the bot was stopped"},
    "alert.why_halted": {"id": "bot berhenti karena error", "en": "the bot halted after errors"},
    "alert.why_deleted": {"id": "bot dihapus", "en": "the bot was deleted"},
    "alert.create_kind": {"id": "Bot alert memakai strategi Alert TradingView (tradingview_alert), bukan {value}.",
                          "en": "An alert bot uses the TradingView alerts strategy (tradingview_alert), not {value}."},
    "alert.not_alert_bot_id": {"id": "Bot #{bot_id} bukan bot alert TradingView: tidak punya rahasia webhook.",
                               "en": "Bot #{bot_id} is not a TradingView alert bot: it has no webhook secret."},
    "alert.created_no_secret": {"id": "Bot #{bot_id} dibuat, tetapi rahasia webhook-nya gagal dibuat ({problem}). "
                                      "Buat lagi dengan 'Ganti rahasia webhook' di halaman Bot.",
                                "en": "Bot #{bot_id} was created, but its webhook secret was not ({problem}). "
                                      "Issue one with 'Renew webhook secret' on the Bots page."},
    # the activity log
    "ev.alert_queued": {"id": "Alert {signal} diterima (id {id}, harga {price}); dieksekusi di tick berikutnya.",
                        "en": "Alert {signal} received (id {id}, price {price}); acted on at the next tick."},
    "ev.alert_bad": {"id": "Alert ditolak, kolom {field}: {problem}", "en": "Alert refused, field {field}: {problem}"},
    "ev.alert_duplicate": {"id": "Alert {signal} id {id} sudah pernah diterima: diabaikan (dieksekusi sekali saja).",
                           "en": "Alert {signal} id {id} was received before: ignored (acted on once only)."},
    "ev.alert_refused": {"id": "Alert {signal} (id {id}) ditolak: {why}.",
                         "en": "Alert {signal} (id {id}) refused: {why}."},
    "ev.alert_unknown_secret": {"id": "Alert dengan rahasia webhook yang tidak dikenal ditolak.",
                                "en": "An alert with an unknown webhook secret was refused."},
    "ev.alert_stale": {"id": "Alert {signal} (id {id}) ditolak saat tick: umurnya {age} detik, batas {max_age} detik.",
                       "en": "Alert {signal} (id {id}) refused at the tick: {age} s old, the limit is {max_age} s."},
    "ev.alert_superseded": {"id": "Alert {signal} (id {id}) tidak dieksekusi: alert yang lebih baru tiba sebelum tick.",
                            "en": "Alert {signal} (id {id}) not acted on: a newer alert arrived before the tick."},
    "ev.alert_dropped": {"id": "Alert {signal} (id {id}) tidak disimpan: bot dijeda atau dihentikan setelah alert "
                               "tiba.",
                         "en": "Alert {signal} (id {id}) not kept: the bot was paused or stopped after it arrived."},
    "ev.alert_not_kept": {"id": "{count} alert yang menunggu tidak disimpan ({ids}): {why}.",
                          "en": "{count} waiting alert(s) not kept ({ids}): {why}."},
    "ev.alert_secret_issued": {"id": "Rahasia webhook dibuat (ditampilkan sekali).",
                               "en": "Webhook secret issued (shown once)."},
    "ev.alert_secret_rotated": {"id": "Rahasia webhook diganti; yang lama tidak berlaku lagi.",
                                "en": "Webhook secret renewed; the old one no longer works."},
    # the HTTP API's refusals
    "api.bad_json": {"id": "Isi permintaan bukan objek JSON yang sah.",
                     "en": "The request body is not a valid JSON object."},
    "api.bad_param": {"id": "{name} tidak sah untuk permintaan ini.",
                      "en": "{name} is not valid for this request."},
    "api.not_found": {"id": "Alamat ini tidak ada.", "en": "There is nothing at this address."},
    "api.wrong_method": {"id": "Metode HTTP ini tidak berlaku di alamat ini.",
                         "en": "This HTTP method does not apply to this address."},
    "api.http_error": {"id": "Permintaan ditolak (kode {code}).", "en": "The request was refused (code {code})."},
    "api.too_many": {"id": "Terlalu banyak permintaan; coba lagi dalam {seconds} detik.",
                     "en": "Too many requests; try again in {seconds} s."},
    "api.too_large": {"id": "Isi permintaan lebih dari {max} byte.", "en": "The request body is over {max} bytes."},
    "api.no_auth": {"id": "Butuh header Authorization: Bearer <token> (token [api] di .streamlit/secrets.toml).",
                    "en": "The header Authorization: Bearer <token> is needed (the [api] token in "
                          ".streamlit/secrets.toml)."},
    "api.wrong_token": {"id": "Token salah.", "en": "Wrong token."},
    "api.closed": {"id": "QuantumBotX sedang ditutup; coba lagi setelah dashboard berjalan lagi.",
                   "en": "QuantumBotX is closing; try again once the dashboard runs again."},
    "api.unlogged": {"id": "{what} sudah dilakukan, tetapi barisnya di log aktivitas gagal ditulis ke {path} "
                           "({problem}). Kosongkan ruang disk.",
                     "en": "{what} was done, but its line in the activity log could not be written to {path} "
                           "({problem}). Free some disk space."},
    "api.did_create": {"id": "Bot '{name}' dibuat", "en": "Bot '{name}' created"},
    "api.did_update": {"id": "Pengaturan diubah ({fields})", "en": "Settings changed ({fields})"},
    "api.did_delete": {"id": "Bot '{name}' dihapus", "en": "Bot '{name}' deleted"},
    "api.did_start": {"id": "Bot dimulai", "en": "Bot started"},
    "api.did_pause": {"id": "Bot dijeda", "en": "Bot paused"},
    "api.did_resume": {"id": "Bot dilanjutkan", "en": "Bot resumed"},
    "api.did_stop": {"id": "Bot dihentikan", "en": "Bot stopped"},
    "api.did_rotate": {"id": "Rahasia webhook diganti", "en": "Webhook secret renewed"},
    "ev.api": {"id": "Lewat API dari {client}: {what}.", "en": "Through the API from {client}: {what}."},
    "ev.api_refused": {"id": "Permintaan API dari {client} ditolak: token tidak ada atau salah.",
                       "en": "An API request from {client} was refused: no token or a wrong one."},
    # why a server does not run (Settings)
    "api.no_token": {"id": "API mati: belum ada token. Tambahkan ke .streamlit/secrets.toml:\n\n[api]\ntoken = "
                           "\"<minimal 24 karakter acak>\"\n\nlalu mulai ulang server di bawah.",
                     "en": "The API is off: no token is set. Add to .streamlit/secrets.toml:\n\n[api]\ntoken = "
                           "\"<at least 24 random characters>\"\n\nthen restart the servers below."},
    "api.short_token": {"id": "API mati: token hanya {length} karakter; minimal {min}.",
                        "en": "The API is off: the token has only {length} characters; at least {min}."},
    "api.bad_token": {"id": "API mati: token harus teks ASCII tanpa spasi.",
                      "en": "The API is off: the token must be ASCII text without spaces."},
    "api.bad_secrets": {"id": "API mati: {problem}", "en": "The API is off: {problem}"},
    "api.cannot_listen": {"id": "Tidak bisa mendengarkan di {host}:{port}: {problem}. Pilih port lain di bawah.",
                          "en": "Cannot listen on {host}:{port}: {problem}. Choose another port below."},
    "settings.bad_host": {"id": "Alamat harus localhost atau alamat IP komputer ini, bukan {value}.",
                          "en": "The address must be localhost or an IP address of this computer, not {value}."},
    "settings.bad_port": {"id": "Port harus bilangan bulat 1024-65535, bukan {value}.",
                          "en": "The port must be a whole number from 1024 to 65535, not {value}."},
    "settings.same_port": {"id": "API dan penerima alert butuh port berbeda (keduanya {value}).",
                           "en": "The API and the alert receiver need different ports (both are {value})."},
    "settings.bad_public_url": {"id": "Alamat publik harus https://nama-host dari tunnel Anda, tanpa path, bukan "
                                      "{value}.",
                                "en": "The public address must be your tunnel's https://host-name, without a "
                                      "path, not {value}."},
}
