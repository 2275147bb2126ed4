"""Every piece of text a trader can see, in Bahasa Indonesia and English."""

TEXTS: dict[str, dict[str, str]] = {
    # errors
    "err.validation": {"id": "Input ditolak: {details}", "en": "Input refused: {details}"},
    "err.unknown_bot": {"id": "Bot #{bot_id} tidak ada (mungkin sudah dihapus).",
                        "en": "Bot #{bot_id} does not exist (it may have been deleted)."},
    "err.datadir_locked": {
        "id": "Folder data {path} sedang dipakai oleh {holder}. Tutup QuantumBotX yang lain itu dulu, "
              "atau pakai folder data lain (QBX_DATA_DIR).",
        "en": "The data folder {path} is in use by {holder}. Close that other QuantumBotX first, "
              "or use another data folder (QBX_DATA_DIR)."},
    "err.datadir_locked_here": {
        "id": "Folder data {path} sudah dibuka oleh engine lain di proses ini ({holder}).",
        "en": "The data folder {path} is already open by another engine in this process ({holder})."},
    "err.store_corrupted": {
        "id": "Berkas data {path} tidak bisa dibaca: {problem}. QuantumBotX tidak mengubahnya; "
              "pulihkan dari cadangan atau pindahkan berkas itu.",
        "en": "The data file {path} cannot be read: {problem}. QuantumBotX did not change it; "
              "restore it from a backup or move it away."},
    "err.store_write": {
        "id": "Gagal menyimpan ke {path}: {problem}. Perubahan dibatalkan; periksa ruang disk.",
        "en": "Could not save to {path}: {problem}. The change was undone; check the free disk space."},
}
