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
}
