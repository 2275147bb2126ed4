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
    "ev.alert_unknown_secret": {"id": "{count} alert dengan rahasia webhook yang tidak dikenal ditolak (paling banyak "
                                      "satu baris per menit).",
                                "en": "{count} alert(s) with an unknown webhook secret refused (at most one line a "
                                      "minute)."},
    "ev.alert_stale": {"id": "Alert {signal} (id {id}) ditolak saat tick: umurnya {age} detik, batas {max_age} detik.",
                       "en": "Alert {signal} (id {id}) refused at the tick: {age} s old, the limit is {max_age} s."},
    "ev.alert_superseded": {"id": "Alert {signal} (id {id}) tidak dieksekusi: alert yang lebih baru tiba sebelum tick.",
                            "en": "Alert {signal} (id {id}) not acted on: a newer alert arrived before the tick."},
    "ev.alert_dropped": {"id": "Alert {signal} (id {id}) tidak disimpan: bot dijeda atau dihentikan setelah alert "
                               "tiba.",
                         "en": "Alert {signal} (id {id}) not kept: the bot was paused or stopped after it arrived."},
    "ev.alerts_stale": {"id": "{count} alert ditolak saat tick karena lebih tua dari {max_age} detik ({ids}).",
                        "en": "{count} alerts refused at the tick, older than {max_age} s ({ids})."},
    "ev.alerts_superseded": {"id": "{count} alert tidak dieksekusi karena alert yang lebih baru tiba sebelum tick "
                                   "({ids}).",
                             "en": "{count} alerts not acted on: a newer alert arrived before the tick ({ids})."},
    "ev.alerts_dropped": {"id": "{count} alert tidak disimpan: bot dijeda atau dihentikan setelah alert tiba ({ids}).",
                          "en": "{count} alerts not kept: the bot was paused or stopped after they arrived ({ids})."},
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
    # the Bots page: an alert bot's webhook
    "alerts.ui.secret_once": {
        "id": "Webhook bot '{name}' siap. Rahasianya hanya ditampilkan sekarang: salin ke alert TradingView Anda. "
              "Kalau hilang, ganti rahasianya (yang lama berhenti berlaku).",
        "en": "The webhook of bot '{name}' is ready. Its secret is shown only now: copy it into your TradingView "
              "alert. If you lose it, renew the secret (the old one stops working)."},
    "alerts.ui.webhook_public": {"id": "**Webhook URL** (tempel di alert TradingView → Notifications → Webhook URL):",
                                 "en": "**Webhook URL** (paste it in the TradingView alert → Notifications → "
                                       "Webhook URL):"},
    "alerts.ui.webhook_local": {"id": "**Webhook di komputer ini** (ganti bagian `http://127.0.0.1:port` dengan "
                                      "alamat https tunnel Anda):",
                                "en": "**Webhook on this computer** (replace the `http://127.0.0.1:port` part with "
                                      "your tunnel's https address):"},
    "alerts.ui.need_tunnel": {"id": "TradingView tidak bisa menjangkau 127.0.0.1. Jalankan tunnel (cloudflared atau "
                                    "ngrok, lihat README) ke port penerima alert, lalu simpan alamat https-nya di "
                                    "Pengaturan → API dan alert TradingView.",
                              "en": "TradingView cannot reach 127.0.0.1. Run a tunnel (cloudflared or ngrok, see the "
                                    "README) to the alert receiver's port, then save its https address in Settings "
                                    "→ API and TradingView alerts."},
    "alerts.ui.secret_alone": {"id": "**Rahasia** (untuk mengirimnya di isi alert sebagai \"token\" ke /alerts):",
                               "en": "**Secret** (to send it in the alert's body as \"token\" to /alerts instead):"},
    "alerts.ui.message_strategy": {"id": "**Message** untuk alert strategi Pine (long → buy, short → sell, flat → "
                                         "close):",
                                   "en": "**Message** for a Pine strategy's alert (long → buy, short → sell, flat "
                                         "→ close):"},
    "alerts.ui.message_indicator": {"id": "**Message** untuk alert indikator atau harga (tulis buy, sell atau close):",
                                    "en": "**Message** for an indicator or price alert (write buy, sell or close):"},
    "alerts.ui.saved_it": {"id": "Sudah saya simpan", "en": "I have saved it"},
    "alerts.ui.secret_since": {"id": "Rahasia webhook berlaku sejak {when}.",
                               "en": "Webhook secret valid since {when}."},
    "alerts.ui.no_secret": {"id": "Bot ini belum punya rahasia webhook: buat dengan tombol di bawah.",
                            "en": "This bot has no webhook secret yet: issue one with the button below."},
    "alerts.ui.waiting": {"id": "{n} alert menunggu tick berikutnya ({ids}).",
                          "en": "{n} alert(s) waiting for the next tick ({ids})."},
    "alerts.ui.rotate": {"id": "Ganti rahasia webhook", "en": "Renew webhook secret"},
    "alerts.ui.rotate_help": {"id": "Rahasia baru ditampilkan sekali; yang lama langsung tidak berlaku. Perbarui "
                                    "Webhook URL di alert TradingView Anda.",
                              "en": "The new secret is shown once; the old one stops working at once. Update the "
                                    "Webhook URL in your TradingView alerts."},
    "alerts.ui.rotated": {"id": "Rahasia webhook '{name}' diganti", "en": "Webhook secret of '{name}' renewed"},
    # Settings: the API and the alert receiver
    "api.ui.title": {"id": "API dan alert TradingView", "en": "API and TradingView alerts"},
    "api.ui.intro": {"id": "API HTTP untuk program lain di komputer ini, dan penerima alert TradingView untuk bot "
                           "alert. Keduanya hanya mendengarkan di 127.0.0.1 kecuali Anda mengubahnya.",
                     "en": "The HTTP API for other programs on this computer, and the TradingView alert receiver "
                           "for alert bots. Both listen on 127.0.0.1 only unless you change it."},
    "api.ui.api": {"id": "API", "en": "API"},
    "api.ui.alerts": {"id": "Penerima alert", "en": "Alert receiver"},
    "api.ui.api_running": {"id": "Berjalan di {url} (token {token}).", "en": "Running at {url} (token {token})."},
    "api.ui.docs": {"id": "Dokumentasi: {url}", "en": "Documentation: {url}"},
    "api.ui.not_loopback": {"id": "API mendengarkan di {host}: komputer lain di jaringan bisa menjangkaunya lewat "
                                  "HTTP biasa. Kembalikan ke 127.0.0.1 kecuali Anda memang membutuhkannya.",
                            "en": "The API listens on {host}: other computers on the network can reach it over plain "
                                  "HTTP. Set it back to 127.0.0.1 unless you need that."},
    "api.ui.alerts_running": {"id": "Berjalan di {url}; hanya /alerts/… yang dilayani.",
                              "en": "Running at {url}; it serves /alerts/… and nothing else."},
    "api.ui.alerts_idle": {"id": "Mulai sendiri begitu ada bot alert TradingView.",
                           "en": "Starts by itself as soon as there is a TradingView alert bot."},
    "api.ui.tunnel": {"id": "Tunnel ke port {port} saja, mis. `cloudflared tunnel --url http://127.0.0.1:{port}`; "
                            "jangan ke API atau dashboard.",
                      "en": "Tunnel to port {port} only, e.g. `cloudflared tunnel --url http://127.0.0.1:{port}`; "
                            "never to the API or the dashboard."},
    "api.ui.api_host": {"id": "Alamat API", "en": "API address"},
    "api.ui.api_port": {"id": "Port API", "en": "API port"},
    "api.ui.alerts_host": {"id": "Alamat penerima alert", "en": "Alert receiver address"},
    "api.ui.alerts_port": {"id": "Port penerima alert", "en": "Alert receiver port"},
    "api.ui.public_url": {"id": "Alamat publik penerima alert (dari tunnel)",
                          "en": "The alert receiver's public address (from the tunnel)"},
    "api.ui.public_url_help": {"id": "Alamat https yang diberikan tunnel Anda; halaman Bot memakainya untuk "
                                     "menampilkan Webhook URL lengkap.",
                               "en": "The https address your tunnel gives; the Bots page uses it to show the whole "
                                     "Webhook URL."},
    "api.ui.save": {"id": "Simpan alamat server", "en": "Save the server addresses"},
    "api.ui.saved": {"id": "Tersimpan; server dimulai ulang bila alamat atau port berubah.",
                     "en": "Saved; the servers restart if an address or port changed."},
    "api.ui.restart": {"id": "Mulai ulang server", "en": "Restart the servers"},
    "api.ui.restart_help": {"id": "Membaca lagi token di secrets.toml dan alamatnya.",
                            "en": "Reads the token in secrets.toml and the addresses again."},
    "api.ui.restarted": {"id": "Server dimulai ulang", "en": "Servers restarted"},
    # past alerts for a backtest
    "bt.alerts_too_many": {"id": "CSV berisi {count} alert; paling banyak {max}.",
                           "en": "The CSV holds {count} alerts; at most {max}."},
    "bt.alerts_bad_signal": {"id": "Baris {line}: signal {value} bukan buy, sell atau close.",
                             "en": "Line {line}: signal {value} is not buy, sell or close."},
    "bt.alerts_bad_message": {"id": "Baris {line}, kolom {field}: {problem}",
                              "en": "Line {line}, field {field}: {problem}"},
    "bt.alerts_kind": {"id": "Backtest alert memakai strategi Alert TradingView, bukan {value}.",
                       "en": "An alert backtest uses the TradingView alerts strategy, not {value}."},
    "bt.alerts_none": {"id": "Tidak ada alert dalam rentang bar ini ({first} sampai {last}).",
                       "en": "No alert falls within these bars ({first} to {last})."},
    "bt.alerts_need_csv": {"id": "Bot alert TradingView hanya bertransaksi saat menerima alert: pilih CSV berisi "
                                 "alert-alert lamanya untuk backtest ini.",
                           "en": "A TradingView alert bot trades only the alerts it is sent: choose a CSV of its "
                                 "past alerts for this backtest."},
    "bt.alerts_upload": {"id": "CSV alert lama", "en": "CSV of past alerts"},
    "bt.alerts_upload_help": {"id": "Kolom time dan signal (buy, sell, close), boleh ditambah price dan id; atau "
                                    "time dan message berisi JSON alert seperti yang dikirim TradingView. Setiap "
                                    "alert dijalankan pada penutupan bar tempat ia tiba.",
                              "en": "Columns time and signal (buy, sell, close), with price and id if you have "
                                    "them; or time and message holding each alert's JSON as TradingView sent it. "
                                    "Each alert acts at the close of the bar it arrived in."},
}
