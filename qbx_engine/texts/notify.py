"""Notifications out (Telegram, webhook): the messages sent, their problems, and the Settings section."""

TEXTS: dict[str, dict[str, str]] = {
    # message titles, one per action sent
    "notify.act.open_buy": {"id": "Posisi BUY dibuka", "en": "BUY position opened"},
    "notify.act.open_sell": {"id": "Posisi SELL dibuka", "en": "SELL position opened"},
    "notify.act.close_buy": {"id": "Posisi BUY ditutup oleh sinyal", "en": "BUY position closed by a signal"},
    "notify.act.close_sell": {"id": "Posisi SELL ditutup oleh sinyal", "en": "SELL position closed by a signal"},
    "notify.act.sl_hit": {"id": "Kena stop loss", "en": "Stop loss hit"},
    "notify.act.tp_hit": {"id": "Kena take profit", "en": "Take profit hit"},
    "notify.act.closed_manually": {"id": "Posisi ditutup manual", "en": "Position closed by hand"},
    "notify.act.stop_out": {"id": "Stop out oleh broker", "en": "Stop out by the broker"},
    "notify.act.halted": {"id": "Bot berhenti karena error", "en": "Bot halted after errors"},
    "notify.act.error": {"id": "Bot mengalami error", "en": "Bot error"},
    "notify.act.broker_down": {"id": "Koneksi broker terputus", "en": "Broker connection lost"},
    "notify.act.broker_up": {"id": "Koneksi broker pulih", "en": "Broker connection back"},
    "notify.act.alert_refused": {"id": "Alert TradingView tidak dijalankan", "en": "TradingView alert not acted on"},
    "notify.bot_title": {"id": "{title} · {bot} (#{id})", "en": "{title} · {bot} (#{id})"},
    "notify.daily_title": {"id": "Laporan mentor {date}", "en": "Mentor report {date}"},
    "notify.test_title": {"id": "Pesan uji QuantumBotX", "en": "QuantumBotX test message"},
    "notify.test_body": {"id": "Notifikasi sudah tersambung. Pesan dari bot Anda akan masuk ke sini.",
                         "en": "Notifications are connected. Messages from your bots will arrive here."},
    # configuration problems (never quoting a secret)
    "notify.cfg.missing": {"id": "Pengaturan belum lengkap: {fields} belum diisi.",
                           "en": "Incomplete setup: {fields} is missing."},
    "notify.cfg.bad_token": {"id": "Token bot tidak berformat benar (contoh bentuknya 123456789:AAE…, "
                                   "dari @BotFather).",
                             "en": "The bot token is not in the right form (it looks like 123456789:AAE…, "
                                   "from @BotFather)."},
    "notify.cfg.bad_chat": {"id": "Chat id harus angka (grup diawali tanda minus) atau @nama_channel.",
                            "en": "The chat id must be a number (negative for a group) or @channel_name."},
    "notify.cfg.bad_url": {"id": "Alamat '{name}' harus URL http:// atau https://.",
                           "en": "'{name}' must be an http:// or https:// URL."},
    "notify.cfg.bad_header": {"id": "Nama header rahasia hanya boleh huruf, angka dan tanda minus.",
                              "en": "The secret header's name may hold only letters, digits and hyphens."},
    "notify.cfg.bad_fields": {"id": "'fields' webhook harus tabel nama → teks, mis. {{ content = \"{{title}}\" }}.",
                              "en": "The webhook's 'fields' must be a table of name → text, e.g. "
                                    "{{ content = \"{{title}}\" }}."},
    "notify.cfg.bad_toml": {"id": "File secrets.toml tidak bisa dibaca: {problem}",
                            "en": "secrets.toml cannot be read: {problem}"},
    # delivery problems
    "notify.fail.timeout": {"id": "tidak ada jawaban dalam {seconds} detik", "en": "no answer within {seconds} s"},
    "notify.fail.network": {"id": "tidak bisa terhubung ({detail})", "en": "cannot connect ({detail})"},
    "notify.fail.rate": {"id": "diminta menunggu {seconds} detik (batas kiriman)",
                         "en": "asked to wait {seconds} s (rate limit)"},
    "notify.fail.http": {"id": "ditolak dengan kode {code}: {detail}", "en": "refused with code {code}: {detail}"},
    "notify.fail.reply": {"id": "jawaban tidak dikenali", "en": "an answer it could not read"},
    "notify.fail.busy": {"id": "saluran sedang mengirim pesan lain; coba lagi sebentar lagi",
                         "en": "the channel is busy sending another message; try again shortly"},
    "notify.fail.unexpected": {"id": "kesalahan tak terduga ({kind})", "en": "an unexpected error ({kind})"},
    "notify.err.unknown_channel": {"id": "Saluran notifikasi '{channel}' tidak dikenal (telegram atau webhook).",
                                   "en": "Unknown notification channel '{channel}' (telegram or webhook)."},
    "notify.err.not_configured": {"id": "{channel} belum diatur; isi kredensialnya dulu (lihat README).",
                                  "en": "{channel} is not set up; give its credentials first (see the README)."},
    "notify.err.test_failed": {"id": "Pesan uji lewat {channel} gagal: {problem}.",
                               "en": "The test message through {channel} failed: {problem}."},
    "settings.bad_notify_categories": {"id": "Kategori notifikasi '{value}' tidak dikenal (pilihan: {allowed}).",
                                       "en": "Unknown notification categories '{value}' (choose from: {allowed})."},
    "settings.bad_report_time": {"id": "Jam laporan '{value}' tidak sah; tulis JJ:MM, mis. 21:00.",
                                 "en": "Report time '{value}' is not valid; write HH:MM, e.g. 21:00."},
    # the Settings section
    "notify.ui.title": {"id": "Notifikasi", "en": "Notifications"},
    "notify.ui.intro": {"id": "Kabar dari bot dikirim ke Telegram atau webhook walau dashboard tidak dibuka. "
                              "Kredensial dibaca dari .streamlit/secrets.toml atau variabel lingkungan (lihat README), "
                              "tidak pernah disimpan di folder data. Ubah kredensial lalu mulai ulang dashboard.",
                        "en": "News from your bots goes to Telegram or a webhook even when the dashboard is closed. "
                              "Credentials come from .streamlit/secrets.toml or environment variables (see the README) "
                              "and are never stored in the data folder. Change them, then restart the dashboard."},
    "notify.ui.telegram": {"id": "Telegram", "en": "Telegram"},
    "notify.ui.webhook": {"id": "Webhook", "en": "Webhook"},
    "notify.ui.telegram_ready": {"id": "Terhubung: token {token}, chat {chat_id}",
                                 "en": "Connected: token {token}, chat {chat_id}"},
    "notify.ui.webhook_ready": {"id": "Terhubung: {url} · header rahasia {secret}",
                                "en": "Connected: {url} · secret header {secret}"},
    "notify.ui.no_secret": {"id": "tidak ada", "en": "none"},
    "notify.ui.not_set": {"id": "Belum diatur. Isi tabel [{channel}] di .streamlit/secrets.toml atau {variables}.",
                          "en": "Not set up. Fill the [{channel}] table of .streamlit/secrets.toml or {variables}."},
    "notify.ui.send": {"id": "Kirim untuk {channel}", "en": "Send through {channel}"},
    "notify.ui.cat.trades": {"id": "Posisi dibuka/ditutup", "en": "Positions opened/closed"},
    "notify.ui.cat.errors": {"id": "Error dan bot berhenti", "en": "Errors and halted bots"},
    "notify.ui.cat.protections": {"id": "Proteksi dan rem darurat", "en": "Protections and the emergency brake"},
    "notify.ui.cat.broker": {"id": "Broker terputus/pulih", "en": "Broker down/up"},
    "notify.ui.cat.reports": {"id": "Laporan mentor harian", "en": "The mentor's daily report"},
    "notify.ui.report_time": {"id": "Jam laporan harian (JJ:MM)", "en": "Daily report time (HH:MM)"},
    "notify.ui.report_time_help": {"id": "Laporan mentor hari itu dikirim sekali pada jam ini, "
                                         "menurut zona waktu Anda; hari tanpa trade dilewati. "
                                         "Pilih jam setelah trade terakhir Anda.",
                                   "en": "The day's mentor report is sent once at this time, in your time zone; days "
                                         "without trades are skipped. Pick a time after your last trade."},
    "notify.ui.save": {"id": "Simpan notifikasi", "en": "Save notifications"},
    "notify.ui.counts": {"id": "Terkirim {sent} · gagal {failures} · antre {queued} · dibuang {dropped}",
                         "en": "Sent {sent} · failed {failures} · queued {queued} · dropped {dropped}"},
    "notify.ui.rejected": {"id": "{n} pesan ditolak penerima dan tidak dikirim ulang.",
                           "en": "{n} messages were refused by the receiver and not sent again."},
    "notify.ui.uncertain": {"id": "{n} pesan sedang dikirim saat aplikasi mati mendadak; mungkin sudah sampai, "
                                  "tidak dikirim ulang.",
                            "en": "{n} messages were being sent when the app stopped abruptly; "
                                  "they may have arrived and were not sent again."},
    "notify.ui.last_error": {"id": "Error terakhir ({time}): {problem}", "en": "Last error ({time}): {problem}"},
    "notify.ui.retry_in": {"id": "Dicoba lagi dalam {seconds} detik.", "en": "Retrying in {seconds} s."},
    "notify.ui.test": {"id": "Kirim pesan uji ({channel})", "en": "Send a test message ({channel})"},
    "notify.ui.test_sent": {"id": "Pesan uji terkirim lewat {channel}.", "en": "Test message sent through {channel}."},
}
