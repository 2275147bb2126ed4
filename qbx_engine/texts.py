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

    # strategy parameters
    "param.unknown": {"id": "Parameter '{name}' tidak dikenal oleh strategi {strategy}.",
                      "en": "The strategy {strategy} has no parameter '{name}'."},
    "param.unknown_strategy": {"id": "Strategi '{name}' tidak ada. Pilih salah satu: {known}.",
                               "en": "There is no strategy '{name}'. Choose one of: {known}."},
    "param.not_int": {"id": "{label} harus bilangan bulat (diberi {value}).",
                      "en": "{label} must be a whole number (got {value})."},
    "param.not_number": {"id": "{label} harus angka (diberi {value}).", "en": "{label} must be a number (got {value})."},
    "param.not_bool": {"id": "{label} harus ya atau tidak (diberi {value}).",
                       "en": "{label} must be yes or no (got {value})."},
    "param.not_choice": {"id": "{label} harus salah satu dari: {choices} (diberi {value}).",
                         "en": "{label} must be one of: {choices} (got {value})."},
    "param.range": {"id": "{label} harus antara {min} dan {max} (diberi {value}).",
                    "en": "{label} must be between {min} and {max} (got {value})."},
    "param.fast_below_slow": {"id": "Periode cepat ({fast}) harus lebih kecil dari periode lambat ({slow}).",
                              "en": "The fast period ({fast}) must be smaller than the slow period ({slow})."},
    "param.low_below_high": {"id": "Level bawah ({low}) harus lebih kecil dari level atas ({high}).",
                             "en": "The lower level ({low}) must be below the upper level ({high})."},
    # why a strategy says what it says
    "why.no_bars": {"id": "Belum ada data bar.", "en": "No bars yet."},
    "why.not_enough_bars": {"id": "Baru {have} bar, strategi butuh {need}.",
                            "en": "Only {have} bars; the strategy needs {need}."},
    "why.ma.buy": {"id": "MA{fast_n} ({fast:.6g}) memotong ke atas MA{slow_n} ({slow:.6g}).",
                   "en": "MA{fast_n} ({fast:.6g}) crossed above MA{slow_n} ({slow:.6g})."},
    "why.ma.sell": {"id": "MA{fast_n} ({fast:.6g}) memotong ke bawah MA{slow_n} ({slow:.6g}).",
                    "en": "MA{fast_n} ({fast:.6g}) crossed below MA{slow_n} ({slow:.6g})."},
    "why.ma.hold_up": {"id": "MA{fast_n} ({fast:.6g}) masih di atas MA{slow_n} ({slow:.6g}); tidak ada persilangan baru.",
                       "en": "MA{fast_n} ({fast:.6g}) is still above MA{slow_n} ({slow:.6g}); no new cross."},
    "why.ma.hold_down": {"id": "MA{fast_n} ({fast:.6g}) masih di bawah MA{slow_n} ({slow:.6g}); tidak ada persilangan baru.",
                         "en": "MA{fast_n} ({fast:.6g}) is still below MA{slow_n} ({slow:.6g}); no new cross."},
    "why.rsi.buy": {"id": "RSI {rsi:.1f} naik kembali di atas {low:.0f} (keluar dari oversold).",
                    "en": "RSI {rsi:.1f} climbed back above {low:.0f} (out of oversold)."},
    "why.rsi.sell": {"id": "RSI {rsi:.1f} turun kembali di bawah {high:.0f} (keluar dari overbought).",
                     "en": "RSI {rsi:.1f} fell back below {high:.0f} (out of overbought)."},
    "why.rsi.hold": {"id": "RSI {rsi:.1f}; menunggu pembalikan dari bawah {low:.0f} atau atas {high:.0f}.",
                     "en": "RSI {rsi:.1f}; waiting for a turn from below {low:.0f} or above {high:.0f}."},
    "why.bb.buy": {"id": "Harga kembali masuk di atas band bawah ({lower:.6g}).",
                   "en": "Price closed back inside above the lower band ({lower:.6g})."},
    "why.bb.sell": {"id": "Harga kembali masuk di bawah band atas ({upper:.6g}).",
                    "en": "Price closed back inside below the upper band ({upper:.6g})."},
    "why.bb.hold": {"id": "Harga di dalam band ({lower:.6g} - {upper:.6g}).",
                    "en": "Price is inside the bands ({lower:.6g} - {upper:.6g})."},
    "why.macd.buy": {"id": "MACD ({macd:.3g}) memotong ke atas garis sinyal ({signal_line:.3g}).",
                     "en": "MACD ({macd:.3g}) crossed above its signal line ({signal_line:.3g})."},
    "why.macd.sell": {"id": "MACD ({macd:.3g}) memotong ke bawah garis sinyal ({signal_line:.3g}).",
                      "en": "MACD ({macd:.3g}) crossed below its signal line ({signal_line:.3g})."},
    "why.macd.hold": {"id": "MACD {macd:.3g}, sinyal {signal_line:.3g}; tidak ada persilangan baru.",
                      "en": "MACD {macd:.3g}, signal {signal_line:.3g}; no new cross."},
    "why.stoch.buy": {"id": "%K ({k:.1f}) memotong ke atas %D ({d:.1f}) di zona oversold (< {low:.0f}).",
                      "en": "%K ({k:.1f}) crossed above %D ({d:.1f}) in the oversold zone (< {low:.0f})."},
    "why.stoch.sell": {"id": "%K ({k:.1f}) memotong ke bawah %D ({d:.1f}) di zona overbought (> {high:.0f}).",
                       "en": "%K ({k:.1f}) crossed below %D ({d:.1f}) in the overbought zone (> {high:.0f})."},
    "why.stoch.hold": {"id": "%K {k:.1f}, %D {d:.1f}; tidak ada persilangan di zona ekstrem.",
                       "en": "%K {k:.1f}, %D {d:.1f}; no cross in an extreme zone."},
    "why.pullback.buy": {"id": "Tren naik (harga di atas EMA {ema:.6g}) dan RSI {rsi:.1f} naik kembali di atas {low:.0f}.",
                         "en": "Uptrend (price above EMA {ema:.6g}) and RSI {rsi:.1f} climbed back above {low:.0f}."},
    "why.pullback.sell": {"id": "Tren turun (harga di bawah EMA {ema:.6g}) dan RSI {rsi:.1f} turun kembali di bawah {high:.0f}.",
                          "en": "Downtrend (price below EMA {ema:.6g}) and RSI {rsi:.1f} fell back below {high:.0f}."},
    "why.pullback.hold": {"id": "EMA tren {ema:.6g}, RSI {rsi:.1f}; belum ada pullback yang selesai searah tren.",
                          "en": "Trend EMA {ema:.6g}, RSI {rsi:.1f}; no finished pullback in the trend's direction."},
    "why.dc.buy": {"id": "Close menembus tertinggi {n} bar ({upper:.6g}).",
                   "en": "The close broke above the {n}-bar high ({upper:.6g})."},
    "why.dc.sell": {"id": "Close menembus terendah {n} bar ({lower:.6g}).",
                    "en": "The close broke below the {n}-bar low ({lower:.6g})."},
    "why.dc.hold": {"id": "Harga di dalam channel {n} bar ({lower:.6g} - {upper:.6g}).",
                    "en": "Price is inside the {n}-bar channel ({lower:.6g} - {upper:.6g})."},
    "why.squeeze.buy": {"id": "Breakout ke atas dari squeeze: close di atas band atas ({upper:.6g}).",
                        "en": "Upside breakout from a squeeze: close above the upper band ({upper:.6g})."},
    "why.squeeze.sell": {"id": "Breakout ke bawah dari squeeze: close di bawah band bawah ({lower:.6g}).",
                         "en": "Downside breakout from a squeeze: close below the lower band ({lower:.6g})."},
    "why.squeeze.on": {"id": "Band sedang squeeze (lebar {width:.2f}%); menunggu breakout.",
                       "en": "The bands are in a squeeze (width {width:.2f}%); waiting for a breakout."},
    "why.squeeze.off": {"id": "Tidak ada squeeze (lebar band {width:.2f}%).",
                        "en": "No squeeze (band width {width:.2f}%)."},
}
