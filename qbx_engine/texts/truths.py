"""What a trader trips over first, said plainly: a webhook address, an empty CSV, a damaged file set aside,
text that could reorder what it is shown beside, and when a closed market opens."""

TEXTS: dict[str, dict[str, str]] = {
    # the webhook's (or Telegram API's) address, checked when the setup is read
    "notify.cfg.url_spaces": {
        "id": "Alamat '{name}' berisi spasi atau karakter kontrol (karakter ke-{position}). Tulis spasi sebagai "
              "%20, lalu jalankan ulang dashboard.",
        "en": "'{name}' contains a space or a control character (character {position}). Write a space as %20, "
              "then restart the dashboard."},
    "notify.cfg.bad_host": {
        "id": "Alamat '{name}' punya nama host yang tidak sah ('{host}'): nama host hanya boleh huruf, angka, "
              "tanda minus dan titik (mis. hooks.example.com), atau alamat IP.",
        "en": "'{name}' has an invalid host name ('{host}'): a host name may hold only letters, digits, hyphens "
              "and dots (e.g. hooks.example.com), or be an IP address."},
    # a backtest CSV
    "bt.csv_no_rows": {"id": "File CSV hanya berisi baris judul kolom (baris {line}) tanpa satu bar pun. Ekspor "
                             "ulang dengan rentang tanggal yang berisi data.",
                       "en": "The CSV file holds only its header (line {line}) and not one bar. Export it again "
                             "over dates that have data."},
    # derived data that was damaged: moved aside, said once, rebuilt
    "ev.data_rebuilt": {
        "id": "{file} rusak ({problem}); file itu dipindah ke {aside} dan dibuat ulang. Isinya hanya data turunan "
              "(analisis terakhir tiap bot yang tampil di dashboard); tick berikutnya mengisinya lagi. Tidak ada bot, "
              "posisi atau riwayat yang hilang.",
        "en": "{file} was damaged ({problem}); it was moved to {aside} and rebuilt. It held derived data only (each "
              "bot's last analysis shown on the dashboard); the next ticks fill it in again. No bot, position or "
              "history was lost."},
    "store.runtime_shape": {"id": "{count} entri bot salah bentuk, mis. bot {bot}: {fields}",
                            "en": "{count} bot entries of the wrong shape, e.g. bot {bot}: {fields}"},
    # a closed market: when it opens, in the trader's time zone
    "when.day_time": {"id": "{day} {time} {zone}", "en": "{day} {time} {zone}"},
    "when.date_time": {"id": "{day} {date} {time} {zone}", "en": "{day} {date} {time} {zone}"},
    "ev.market_closed_until": {"id": "Pasar {symbol} tutup; bot menunggu pasar buka (buka {when}).",
                               "en": "The {symbol} market is closed; the bot waits for it to open ({when})."},
    "why.market_closed_until": {"id": "Pasar {symbol} tutup; buka {when}.",
                                "en": "The {symbol} market is closed; it opens {when}."},
    "gate.market_closed": {"id": "Pasar {symbol} tutup: tidak ada entry sampai pasar buka {when}.",
                           "en": "The {symbol} market is closed: no entry until it opens {when}."},
    "gate.market_closed_unknown": {"id": "Pasar {symbol} tutup: tidak ada entry sampai pasar buka.",
                                   "en": "The {symbol} market is closed: no entry until it opens."},
    # the welcome card: when the sample bot first looks, and a market open now
    "ui.sample_when_open": {"id": "Pasar {symbol} sedang buka: setelah Anda memulainya, bot contoh menilai bar H1 "
                                  "pertamanya {first}, lalu membuka posisi saat MA 20 dan MA 50 bersilangan.",
                            "en": "The {symbol} market is open: once you start it, the sample bot judges its first H1 "
                                  "bar {first}, then opens a position when MA 20 and MA 50 cross."},
    "ui.sample_when_closed": {"id": "Pasar {symbol} tutup sampai {opens}. Bot contoh menilai bar H1 pertamanya {first} "
                                    "dan membuka posisi saat MA 20 dan MA 50 bersilangan; sampai itu tidak ada yang "
                                    "terjadi.",
                              "en": "The {symbol} market is closed until {opens}. The sample bot judges its first H1 "
                                    "bar {first} and opens a position when MA 20 and MA 50 cross; until then nothing "
                                    "happens."},
    "ui.sample_when_closed_unknown": {"id": "Pasar {symbol} sedang tutup; bot contoh mulai menilai setelah pasar buka.",
                                      "en": "The {symbol} market is closed; the sample bot starts judging once it "
                                            "opens."},
    "ui.sample_open_now": {"id": "Ingin melihatnya bekerja sekarang? {symbol} buka saat ini (kripto, 24 jam).",
                           "en": "Want to see it work now? {symbol} is open right now (crypto, around the clock)."},
    "ui.create_sample_on": {"id": "Buat bot contoh di {symbol}", "en": "Create the sample bot on {symbol}"},
}
