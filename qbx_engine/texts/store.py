"""The data folder (damaged, missing, newer, migrated), truthful failures, and what the engine accepts."""

TEXTS: dict[str, dict[str, str]] = {
    # opening a data folder that is damaged, incomplete or newer
    "err.store_invalid": {
        "id": "Berkas data {path} berisi catatan yang tidak bisa dipakai, jadi QuantumBotX tidak membukanya dan "
              "tidak mengubahnya. Perbaiki kolom yang disebut, pulihkan berkas dari cadangan, atau pindahkan berkas "
              "itu. Masalahnya: {problem}",
        "en": "The data file {path} holds a record QuantumBotX cannot use, so it was not opened and not changed. "
              "Correct the field named, restore the file from a backup, or move it away. The problem: {problem}"},
    "err.store_missing": {
        "id": "QuantumBotX tidak membuka folder data: {problem}. Tidak ada yang diubah atau dibuat. {way_out}",
        "en": "QuantumBotX did not open the data folder: {problem}. Nothing was changed or created. {way_out}"},
    "err.store_too_new": {
        "id": "Folder data {path} ditulis oleh QuantumBotX yang lebih baru (versi data {found}; versi ini hanya "
              "membaca sampai versi {known}). Folder itu tidak dibuka, jadi tidak ada yang salah dibaca atau "
              "diubah: perbarui QuantumBotX, atau pakai folder data lain (QBX_DATA_DIR).",
        "en": "The data folder {path} was written by a newer QuantumBotX (data version {found}; this one reads up "
              "to version {known}). It was not opened, so nothing in it is misread or changed: update QuantumBotX, "
              "or use another data folder (QBX_DATA_DIR)."},
    "store.missing": {
        "id": "{names} hilang, padahal {record} mencatat bahwa folder ini pernah memilikinya (terhapus, atau tidak "
              "ikut dipulihkan?)",
        "en": "{names} is missing, yet {record} records that this folder had it (deleted, or left out of a "
              "restore?)"},
    "store.chunk_missing": {
        "id": "{names} hilang dari folder riwayat {folder}, padahal {index} mencatatnya berisi {count} catatan",
        "en": "{names} is missing from the history folder {folder}, yet {index} lists it with {count} records"},
    "store.book_missing": {
        "id": "{path} (akun paper: saldo dan posisi terbuka) hilang, padahal riwayat transaksinya ada",
        "en": "{path} (the paper account: balance and open positions) is missing, yet its deal history is there"},
    "store.way_out_settings": {
        "id": "Pulihkan settings.json dari cadangan. Jika memang hilang, buat berkas settings.json yang isinya "
              "hanya {{}}: bot Anda tetap ada, dan pengaturan (zona waktu, bahasa, toleransi error, notifikasi) "
              "kembali ke bawaan untuk diatur lagi di Pengaturan.",
        "en": "Restore settings.json from a backup. If it is lost for good, create a settings.json containing just "
              "{{}}: your bots are kept, and the settings (time zone, language, error tolerance, notifications) "
              "start again from the defaults, to be set in Settings."},
    "store.way_out_book": {
        "id": "Pulihkan paper/book.json dan paper/book.log dari cadangan. Jika memang hilang, buat berkas "
              "paper/book.json yang isinya hanya {{}} dan kosongkan paper/book.log (jika ada): akun paper baru "
              "bersaldo 10.000 USD dibuka dan posisi paper yang terbuka hilang (transaksi yang sudah ditutup tetap "
              "ada di jurnal).",
        "en": "Restore paper/book.json and paper/book.log from a backup. If they are lost for good, create a "
              "paper/book.json containing just {{}} and empty paper/book.log (if it is there): a new paper account "
              "of 10,000 USD is opened and the open paper positions are gone (closed trades stay in the journal)."},
    "store.way_out_bot": {
        "id": "Pulihkan berkas bot itu dari cadangan. Jika bot itu memang hilang, hapus namanya dari daftar "
              "\"files\" di schema.json; posisi terbukanya (jika ada) lalu menjadi urusan Anda sendiri.",
        "en": "Restore the bot's file from a backup. If the bot is lost for good, remove its name from the list "
              "\"files\" in schema.json; its open position, if any, is then left to you."},
    "store.way_out_log": {
        "id": "Pulihkan folder itu dari cadangan. Jika riwayat itu memang hilang, hapus namanya dari daftar "
              "\"logs\" di {record}.",
        "en": "Restore that folder from a backup. If that history is lost for good, remove its name from the list "
              "\"logs\" in {record}."},
    "store.way_out_file": {
        "id": "Pulihkan berkas itu dari cadangan. Jika memang hilang, buat berkas itu dengan isi hanya {{}}: "
              "QuantumBotX lalu memulainya dari kosong.",
        "en": "Restore the file from a backup. If it is lost for good, create it containing just {{}}: QuantumBotX "
              "then starts it afresh."},
    "store.way_out_chunk": {
        "id": "Pulihkan berkas itu dari cadangan. Jika memang hilang, hapus {index}: riwayat lalu disusun ulang "
              "dari berkas yang tersisa, tanpa catatan yang hilang.",
        "en": "Restore the file from a backup. If it is lost for good, delete {index}: the history is then rebuilt "
              "from the files that remain, without the lost records."},
    # a record that loads but breaks the rules
    "store.field": {"id": "kolom \"{field}\": {problem}", "en": "the field \"{field}\": {problem}"},
    "store.bad_field": {"id": "kolom \"{field}\" berisi {value}, yang tidak sah",
                        "en": "the field \"{field}\" holds {value}, which is not valid"},
    "store.bad_value": {"id": "berisi {value}, yang tidak sah", "en": "holds {value}, which is not valid"},
    "store.field_missing": {"id": "tidak ada", "en": "missing"},
    "store.bad_status": {"id": "{value} bukan status (active, paused, stopped, error)",
                         "en": "{value} is not a status (active, paused, stopped, error)"},
    "store.bad_id": {"id": "berisi {value}, padahal nama berkasnya untuk bot #{bot_id}",
                     "en": "holds {value}, but the file's name is bot #{bot_id}'s"},
    "store.no_record": {"id": "berkas ini tidak berisi catatan {what}", "en": "the file holds no {what} record"},
    "store.bad_number": {"id": "{value} bukan angka yang sah", "en": "{value} is not a valid number"},
    "store.bad_whole": {"id": "{value} bukan bilangan bulat yang sah", "en": "{value} is not a valid whole number"},
    "store.bad_record": {"id": "{value} bukan catatan (objek JSON)", "en": "{value} is not a record (a JSON object)"},
    # a lifecycle change whose line in the activity log could not be written
    "store.unlogged": {
        "id": "Bot #{bot_id} {done} dan itu sudah tersimpan, tetapi catatannya di log aktivitas gagal ditulis ke "
              "{path} ({problem}). Kosongkan ruang disk atau perbaiki izin folder agar log berfungsi lagi.",
        "en": "Bot #{bot_id} {done} and that is saved, but its line in the activity log could not be written to "
              "{path} ({problem}). Free some disk space or fix the folder's permissions so the log works again."},
    "store.undone": {
        "id": "Bot #{bot_id} {not_done}: catatannya di log aktivitas gagal ditulis ke {path} ({problem}), jadi "
              "perubahan dibatalkan dan bot tetap seperti semula. Kosongkan ruang disk atau perbaiki izin folder, "
              "lalu coba lagi.",
        "en": "Bot #{bot_id} {not_done}: its line in the activity log could not be written to {path} ({problem}), "
              "so the change was undone and the bot is as it was. Free some disk space or fix the folder's "
              "permissions, then try again."},
    "store.did_start": {"id": "sudah dijalankan", "en": "was started"},
    "store.did_pause": {"id": "sudah dijeda", "en": "was paused"},
    "store.did_resume": {"id": "sudah dilanjutkan", "en": "was resumed"},
    "store.did_stop": {"id": "sudah dihentikan", "en": "was stopped"},
    "store.did_update": {"id": "sudah diubah", "en": "was changed"},
    "store.did_delete": {"id": "sudah dihapus", "en": "was deleted"},
    "store.not_start": {"id": "tidak dijalankan", "en": "was not started"},
    "store.not_resume": {"id": "tidak dilanjutkan", "en": "was not resumed"},
    "store.not_update": {"id": "tidak diubah", "en": "was not changed"},
    "store.created_not_started": {
        "id": "Bot #{bot_id} sudah dibuat (berstatus Berhenti) tetapi tidak dijalankan: {problem}",
        "en": "Bot #{bot_id} was created (it is stopped) but not started: {problem}"},
    "store.not_deleted": {"id": "Bot #{bot_id} tidak dihapus: {problem}",
                          "en": "Bot #{bot_id} was not deleted: {problem}"},
    "store.stopped_not_deleted": {
        "id": "Bot #{bot_id} sudah dihentikan tetapi tidak dihapus: {problem}",
        "en": "Bot #{bot_id} was stopped but not deleted: {problem}"},
    "store.all_partly": {
        "id": "Tidak semua bot berhasil. Berhasil: {done}. Masalah: {problems}",
        "en": "Not every bot could be handled. Done: {done}. Problems: {problems}"},
    "store.bot_ids": {"id": "{ids}", "en": "{ids}"},
    "store.no_bots": {"id": "tidak ada", "en": "none"},
    # what the engine accepts (qbx_engine.core.inputs)
    "input.not_whole": {"id": "{name} harus bilangan bulat, bukan {value}.",
                        "en": "{name} must be a whole number, not {value}."},
    "input.whole_range": {"id": "{name} harus antara {low} dan {high}, bukan {value}.",
                          "en": "{name} must be from {low} to {high}, not {value}."},
    "input.not_flag": {"id": "{name} harus True atau False, bukan {value}.",
                       "en": "{name} must be True or False, not {value}."},
    "input.not_time": {"id": "{name} harus waktu (detik epoch antara 1970 dan 2100), bukan {value}.",
                       "en": "{name} must be a time (epoch seconds from 1970 to 2100), not {value}."},
    "input.not_text": {"id": "{name} harus teks paling banyak {longest} karakter, bukan {value}.",
                       "en": "{name} must be text of at most {longest} characters, not {value}."},
    "input.not_actions": {"id": "Jenis aksi tidak dikenal: {value}. Pilihan: {choices}.",
                          "en": "Unknown action: {value}. Choices: {choices}."},
    "input.not_mapping": {"id": "{name} harus berupa pasangan nama dan nilai, bukan {value}.",
                          "en": "{name} must be a mapping of names to values, not {value}."},
    "input.not_config": {"id": "Konfigurasi backtest tidak sah: {value}.",
                         "en": "Not a backtest configuration: {value}."},
    "input.not_bars": {"id": "Data harga harus berupa tabel (DataFrame), bukan {value}.",
                       "en": "The price data must be a table (DataFrame), not {value}."},
    "input.not_callable": {"id": "{name} harus fungsi, bukan {value}.",
                           "en": "{name} must be a function, not {value}."},
    "bt.bad_number": {"id": "{name} harus angka dari {min} sampai {max:,}, bukan {value}.",
                      "en": "{name} must be a number from {min} to {max:,}, not {value}."},
    "input.day_range": {"id": "Tanggal {value} di luar jangkauan (1970-2099).",
                        "en": "The date {value} is out of range (1970-2099)."},
}
