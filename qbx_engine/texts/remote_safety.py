"""Remote control, safer: an alert retried after a broker failure, strangers' floods on Telegram in one line a minute,
and a confirmation only its asker can give."""

TEXTS: dict[str, dict[str, str]] = {
    "ev.alert_retry": {
        "id": "Alert {signal} (id {id}): order gagal karena broker tidak terhubung ({problem}); alert menunggu lagi "
              "dan dicoba di tick berikutnya, kecuali umurnya sudah lebih dari {max_age} detik.",
        "en": "Alert {signal} (id {id}): the order failed, the broker could not be reached ({problem}); the alert "
              "waits again and is tried at the next tick, unless it is older than {max_age} s by then."},
    "ev.alert_not_retried": {
        "id": "Alert {signal} (id {id}): order gagal ({problem}) dan alert tidak bisa disimpan untuk dicoba lagi "
              "({store}); alert ini tidak dieksekusi.",
        "en": "Alert {signal} (id {id}): the order failed ({problem}) and the alert could not be kept to try again "
              "({store}); it is not acted on."},
    "tg.ev.strangers": {
        "id": "Telegram: {count} update dari chat yang tidak ada di daftar izin diabaikan tanpa jawaban sejak baris "
              "serupa terakhir (paling banyak satu baris per menit; isinya tidak dicatat); yang terakhir: {kind} "
              "dari chat {chat}.",
        "en": "Telegram: {count} updates from chats not on the allow-list were ignored without an answer since the "
              "last such line (at most one line a minute; their content is not recorded); the latest: a {kind} "
              "from chat {chat}."},
    "tg.confirm.not_yours": {
        "id": "Hanya yang mengirim {command} yang bisa mengonfirmasinya; tidak ada yang dijalankan.",
        "en": "Only the person who sent {command} can confirm it; nothing was done."},
}
