"""The append-only logs: a damaged line or frame, named with a way out, and a missing change file."""

TEXTS: dict[str, dict[str, str]] = {
    "err.log_damaged": {
        "id": "Berkas data {path} rusak di baris {line}: {problem}. Baris-baris sesudahnya utuh, jadi ini bukan "
              "tulisan yang terpotong karena crash. QuantumBotX tidak membuka folder data dan tidak mengubah apa "
              "pun. {way_out}",
        "en": "The data file {path} is damaged at line {line}: {problem}. The lines after it are whole, so this is "
              "not a write cut short by a crash. QuantumBotX did not open the data folder and changed nothing. "
              "{way_out}"},
    "applog.cut_short": {"id": "barisnya terpotong", "en": "the line is cut short"},
    "applog.no_head": {"id": "tidak ada panjang dan checksum di awal baris",
                       "en": "the line does not start with its length and checksum"},
    "applog.wrong_length": {"id": "panjangnya {found} byte, padahal yang ditulis {written} byte",
                            "en": "it is {found} bytes long where {written} were written"},
    "applog.checksum": {"id": "checksum-nya tidak cocok (isinya berubah setelah ditulis)",
                        "en": "its checksum does not match (its content changed after it was written)"},
    "applog.not_frame": {"id": "blok terkompresi di sini tidak bisa dibaca",
                         "en": "the compressed block here cannot be read"},
    "applog.not_json": {"id": "isinya bukan catatan JSON", "en": "it does not hold a JSON record"},
    "applog.bad_change": {
        "id": "perubahan di baris ini untuk catatan {doc_id} di tabel \"{table}\", yang tidak ada",
        "en": "the change on this line is to record {doc_id} of the table \"{table}\", which does not exist"},
    "applog.way_out_line": {
        "id": "Pulihkan berkas itu dari cadangan. Jika tidak bisa dan Anda rela kehilangan satu catatan di baris "
              "itu, hapus baris {line} dari berkas itu dengan editor teks, lalu hapus {index} (indeks riwayat "
              "disusun ulang dari berkas-berkasnya).",
        "en": "Restore that file from a backup. If you cannot and accept losing the one record on that line, "
              "delete line {line} of the file with a text editor, then delete {index} (the history's index is "
              "rebuilt from its files)."},
    "applog.way_out_frame": {
        "id": "Pulihkan berkas itu dari cadangan. Jika tidak bisa dan Anda rela kehilangan catatan di dalamnya "
              "(hari {day}), pindahkan berkas itu ke luar folder data, lalu hapus {index}.",
        "en": "Restore that file from a backup. If you cannot and accept losing the records it holds (the day "
              "{day}), move the file out of the data folder, then delete {index}."},
    "applog.way_out_change": {
        "id": "Pulihkan berkas itu dari cadangan. Jika tidak bisa dan Anda rela kehilangan satu perubahan di baris "
              "itu, hapus baris {line} dari berkas itu dengan editor teks; jika baris sesudahnya memerlukannya, "
              "QuantumBotX menyebut baris itu berikutnya.",
        "en": "Restore that file from a backup. If you cannot and accept losing the one change on that line, "
              "delete line {line} of the file with a text editor; if a later line needs it, QuantumBotX names "
              "that line next."},
    "applog.way_out_changes_file": {
        "id": "Pulihkan {name} dari cadangan. Jika memang hilang, buat berkas kosong bernama {name}: perubahan "
              "sejak {snapshot} terakhir ditulis hilang.",
        "en": "Restore {name} from a backup. If it is lost for good, create an empty file named {name}: what "
              "changed since {snapshot} was last written is lost."},
}
