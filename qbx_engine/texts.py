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

    # broker refusals
    "broker.unknown_symbol": {"id": "Simbol {symbol} tidak dikenal broker.",
                              "en": "The broker does not know the symbol {symbol}."},
    "broker.no_rate": {"id": "Tidak ada kurs untuk mengonversi {currency} ke mata uang akun.",
                       "en": "No rate to convert {currency} into the account currency."},
    "broker.market_closed": {"id": "Pasar {symbol} sedang tutup.", "en": "The {symbol} market is closed."},
    "broker.invalid_volume": {
        "id": "Lot {volume} tidak sah untuk {symbol}: minimal {volume_min}, maksimal {volume_max}, kelipatan {step}.",
        "en": "Lot {volume} is not valid for {symbol}: minimum {volume_min}, maximum {volume_max}, step {step}."},
    "broker.invalid_stops": {
        "id": "SL {sl} / TP {tp} terlalu dekat atau di sisi yang salah dari harga {price} "
              "(jarak minimal {stops_level} poin).",
        "en": "SL {sl} / TP {tp} is too close to, or on the wrong side of, the price {price} "
              "(minimum distance {stops_level} points)."},
    "broker.no_money": {
        "id": "Margin tidak cukup: order ini butuh {needed:,.2f} {currency}, margin bebas {free:,.2f} {currency}.",
        "en": "Not enough margin: this order needs {needed:,.2f} {currency}, free margin is {free:,.2f} {currency}."},
    "broker.position_gone": {"id": "Posisi #{ticket} sudah tertutup.", "en": "Position #{ticket} is already closed."},
    # lot sizing
    "lot.no_stop": {"id": "Tanpa stop loss, ukuran lot berbasis risiko tidak bisa dihitung.",
                    "en": "Without a stop loss the risk-based lot cannot be computed."},
    "lot.below_min": {
        "id": "Lot minimum {volume_min} dengan SL {sl_pips} pip merisikokan {min_risk:,.2f} ({min_percent}% saldo), "
              "lebih dari risiko {risk_percent}% ({risk_money:,.2f}) yang diminta. Tidak entry.",
        "en": "The minimum lot {volume_min} with a {sl_pips}-pip SL risks {min_risk:,.2f} ({min_percent}% of balance), "
              "more than the {risk_percent}% ({risk_money:,.2f}) asked. No trade."},
}
