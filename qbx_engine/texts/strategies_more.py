"""The strategy library from the original QuantumBotX, its presets and metadata, and full bot editing."""

TEXTS: dict[str, dict[str, str]] = {
    "param.exit_below_entry": {"id": "Channel keluar ({exit}) harus lebih pendek dari channel masuk ({entry}).",
                               "en": "The exit channel ({exit}) must be shorter than the entry channel ({entry})."},
    # RSI crossover
    "why.rsix.buy": {"id": "Harga di atas SMA{n} ({trend:.6g}) dan RSI {rsi:.1f} memotong ke atas rata-ratanya "
                           "({rsi_ma:.1f}).",
                     "en": "Price is above SMA{n} ({trend:.6g}) and RSI {rsi:.1f} crossed above its average "
                           "({rsi_ma:.1f})."},
    "why.rsix.sell": {"id": "Harga di bawah SMA{n} ({trend:.6g}) dan RSI {rsi:.1f} memotong ke bawah rata-ratanya "
                            "({rsi_ma:.1f}).",
                      "en": "Price is below SMA{n} ({trend:.6g}) and RSI {rsi:.1f} crossed below its average "
                            "({rsi_ma:.1f})."},
    "why.rsix.hold": {"id": "RSI {rsi:.1f}, rata-ratanya {rsi_ma:.1f}, SMA{n} {trend:.6g}; belum ada persilangan "
                            "searah tren.",
                      "en": "RSI {rsi:.1f}, its average {rsi_ma:.1f}, SMA{n} {trend:.6g}; no cross in the trend's "
                            "direction."},
    # Ichimoku
    "why.ichi.buy": {"id": "Tenkan ({tenkan:.6g}) memotong ke atas Kijun ({kijun:.6g}); harga di atas awan "
                           "({top:.6g}).",
                     "en": "Tenkan ({tenkan:.6g}) crossed above Kijun ({kijun:.6g}); price is above the cloud "
                           "({top:.6g})."},
    "why.ichi.sell": {"id": "Tenkan ({tenkan:.6g}) memotong ke bawah Kijun ({kijun:.6g}); harga di bawah awan "
                            "({bottom:.6g}).",
                      "en": "Tenkan ({tenkan:.6g}) crossed below Kijun ({kijun:.6g}); price is below the cloud "
                            "({bottom:.6g})."},
    "why.ichi.hold_above": {"id": "Harga di atas awan ({bottom:.6g} - {top:.6g}); menunggu Tenkan memotong ke atas "
                                  "Kijun.",
                            "en": "Price is above the cloud ({bottom:.6g} - {top:.6g}); waiting for Tenkan to cross "
                                  "above Kijun."},
    "why.ichi.hold_below": {"id": "Harga di bawah awan ({bottom:.6g} - {top:.6g}); menunggu Tenkan memotong ke "
                                  "bawah Kijun.",
                            "en": "Price is below the cloud ({bottom:.6g} - {top:.6g}); waiting for Tenkan to cross "
                                  "below Kijun."},
    "why.ichi.hold_inside": {"id": "Harga di dalam awan ({bottom:.6g} - {top:.6g}): arah belum jelas.",
                             "en": "Price is inside the cloud ({bottom:.6g} - {top:.6g}): no clear direction."},
    # Dynamic breakout
    "why.dyn.buy": {"id": "Close menembus tertinggi {n} bar ({upper:.6g}) di atas EMA ({ema:.6g}); rentang bar "
                          "{range:.5g} > {mult:g} x ATR {atr:.5g}.",
                    "en": "The close broke the {n}-bar high ({upper:.6g}) above the EMA ({ema:.6g}); bar range "
                          "{range:.5g} > {mult:g} x ATR {atr:.5g}."},
    "why.dyn.sell": {"id": "Close menembus terendah {n} bar ({lower:.6g}) di bawah EMA ({ema:.6g}); rentang bar "
                           "{range:.5g} > {mult:g} x ATR {atr:.5g}.",
                     "en": "The close broke the {n}-bar low ({lower:.6g}) below the EMA ({ema:.6g}); bar range "
                           "{range:.5g} > {mult:g} x ATR {atr:.5g}."},
    "why.dyn.hold": {"id": "Channel {n} bar {lower:.6g} - {upper:.6g}, EMA {ema:.6g}, ATR {atr:.5g}; belum ada "
                           "breakout yang cukup kuat.",
                     "en": "{n}-bar channel {lower:.6g} - {upper:.6g}, EMA {ema:.6g}, ATR {atr:.5g}; no breakout "
                           "strong enough."},
    # Turtle
    "why.turtle.buy": {"id": "Close menembus tertinggi {n} bar ({entry_upper:.6g}).",
                       "en": "The close broke the {n}-bar high ({entry_upper:.6g})."},
    "why.turtle.sell": {"id": "Close menembus terendah {n} bar ({entry_lower:.6g}).",
                        "en": "The close broke the {n}-bar low ({entry_lower:.6g})."},
    "why.turtle.exit_long": {"id": "Close di bawah terendah {m} bar ({exit_lower:.6g}): posisi BUY ditutup, tanpa "
                                   "membuka SELL.",
                             "en": "The close fell below the {m}-bar low ({exit_lower:.6g}): a BUY is closed, no "
                                   "SELL is opened."},
    "why.turtle.exit_short": {"id": "Close di atas tertinggi {m} bar ({exit_upper:.6g}): posisi SELL ditutup, tanpa "
                                    "membuka BUY.",
                              "en": "The close rose above the {m}-bar high ({exit_upper:.6g}): a SELL is closed, no "
                                    "BUY is opened."},
    "why.turtle.hold": {"id": "Harga di dalam channel masuk {n} bar ({entry_lower:.6g} - {entry_upper:.6g}).",
                        "en": "Price is inside the {n}-bar entry channel ({entry_lower:.6g} - {entry_upper:.6g})."},
    # Hybrid regime
    "why.hybrid.trend_buy": {"id": "Trending (ADX {adx:.1f} > {threshold:g}): MA cepat memotong ke atas MA lambat, "
                                   "harga di atas SMA tren ({trend:.6g}).",
                             "en": "Trending (ADX {adx:.1f} > {threshold:g}): the fast MA crossed above the slow "
                                   "one, price above the trend SMA ({trend:.6g})."},
    "why.hybrid.trend_sell": {"id": "Trending (ADX {adx:.1f} > {threshold:g}): MA cepat memotong ke bawah MA lambat, "
                                    "harga di bawah SMA tren ({trend:.6g}).",
                              "en": "Trending (ADX {adx:.1f} > {threshold:g}): the fast MA crossed below the slow "
                                    "one, price below the trend SMA ({trend:.6g})."},
    "why.hybrid.trend_hold": {"id": "Trending (ADX {adx:.1f} > {threshold:g}); menunggu persilangan MA searah tren.",
                              "en": "Trending (ADX {adx:.1f} > {threshold:g}); waiting for an MA cross with the "
                                    "trend."},
    "why.hybrid.range_buy": {"id": "Sideways (ADX {adx:.1f} <= {threshold:g}): harga menyentuh band bawah "
                                   "({lower:.6g}) dalam tren naik.",
                             "en": "Ranging (ADX {adx:.1f} <= {threshold:g}): price touched the lower band "
                                   "({lower:.6g}) in an uptrend."},
    "why.hybrid.range_sell": {"id": "Sideways (ADX {adx:.1f} <= {threshold:g}): harga menyentuh band atas "
                                    "({upper:.6g}) dalam tren turun.",
                              "en": "Ranging (ADX {adx:.1f} <= {threshold:g}): price touched the upper band "
                                    "({upper:.6g}) in a downtrend."},
    "why.hybrid.range_hold": {"id": "Sideways (ADX {adx:.1f} <= {threshold:g}); menunggu sentuhan band searah tren "
                                    "({lower:.6g} - {upper:.6g}).",
                              "en": "Ranging (ADX {adx:.1f} <= {threshold:g}); waiting for a band touch with the "
                                    "trend ({lower:.6g} - {upper:.6g})."},
    # Pulse Sync
    "why.pulse.buy": {"id": "Sepakat naik: harga di atas SMA{n} ({trend:.6g}), histogram MACD {hist:.3g} > 0, %K "
                            "({k:.1f}) memotong ke atas %D ({d:.1f}).",
                      "en": "All agree up: price above SMA{n} ({trend:.6g}), MACD histogram {hist:.3g} > 0, %K "
                            "({k:.1f}) crossed above %D ({d:.1f})."},
    "why.pulse.sell": {"id": "Sepakat turun: harga di bawah SMA{n} ({trend:.6g}), histogram MACD {hist:.3g} < 0, %K "
                             "({k:.1f}) memotong ke bawah %D ({d:.1f}).",
                       "en": "All agree down: price below SMA{n} ({trend:.6g}), MACD histogram {hist:.3g} < 0, %K "
                             "({k:.1f}) crossed below %D ({d:.1f})."},
    "why.pulse.hold": {"id": "Belum sepakat: {up} dari 3 condong naik, {down} condong turun (MACD {hist:.3g}, %K "
                             "{k:.1f}, %D {d:.1f}).",
                       "en": "No agreement: {up} of 3 lean up, {down} lean down (MACD {hist:.3g}, %K {k:.1f}, %D "
                             "{d:.1f})."},
    # Quantum Velocity
    "why.qv.buy": {"id": "Di atas EMA tren ({ema:.6g}), harga keluar ke atas dari squeeze melewati band atas "
                         "({upper:.6g}).",
                   "en": "Above the trend EMA ({ema:.6g}), price broke up out of a squeeze past the upper band "
                         "({upper:.6g})."},
    "why.qv.sell": {"id": "Di bawah EMA tren ({ema:.6g}), harga keluar ke bawah dari squeeze melewati band bawah "
                          "({lower:.6g}).",
                    "en": "Below the trend EMA ({ema:.6g}), price broke down out of a squeeze past the lower band "
                          "({lower:.6g})."},
    "why.qv.squeeze": {"id": "Band sedang menyempit (lebar {width:.2f}%); menunggu breakout searah EMA tren.",
                       "en": "The bands are squeezed (width {width:.2f}%); waiting for a breakout with the trend "
                             "EMA."},
    "why.qv.hold": {"id": "Tidak ada squeeze (lebar band {width:.2f}%), EMA tren {ema:.6g}.",
                    "en": "No squeeze (band width {width:.2f}%), trend EMA {ema:.6g}."},
    # Index momentum
    "why.idxmom.buy": {"id": "Momentum naik: RSI {rsi:.1f} di antara 50 dan {high:.0f}, close naik, volume "
                             "{ratio:.2f}x rata-rata.",
                       "en": "Upward momentum: RSI {rsi:.1f} between 50 and {high:.0f}, a rising close, volume "
                             "{ratio:.2f}x its average."},
    "why.idxmom.sell": {"id": "Momentum turun: RSI {rsi:.1f} di antara {low:.0f} dan 50, close turun, volume "
                              "{ratio:.2f}x rata-rata.",
                        "en": "Downward momentum: RSI {rsi:.1f} between {low:.0f} and 50, a falling close, volume "
                              "{ratio:.2f}x its average."},
    "why.idxmom.gap_up": {"id": "Gap pembukaan ke atas {gap:+.2f}% yang bertahan sampai close (RSI {rsi:.1f}).",
                          "en": "An opening gap up of {gap:+.2f}% that held to the close (RSI {rsi:.1f})."},
    "why.idxmom.gap_down": {"id": "Gap pembukaan ke bawah {gap:+.2f}% yang bertahan sampai close (RSI {rsi:.1f}).",
                            "en": "An opening gap down of {gap:+.2f}% that held to the close (RSI {rsi:.1f})."},
    "why.idxmom.hold": {"id": "RSI {rsi:.1f}, volume {ratio:.2f}x rata-rata; momentum belum cukup.",
                        "en": "RSI {rsi:.1f}, volume {ratio:.2f}x its average; not enough momentum."},
    # Index breakout
    "why.idxbo.buy": {"id": "Close melewati tertinggi {n} bar ({high:.6g}) lebih dari {margin:.5g} (bagian ATR), "
                            "tren EMA naik, volume {ratio:.2f}x.",
                      "en": "The close cleared the {n}-bar high ({high:.6g}) by more than {margin:.5g} (a share of "
                            "the ATR), EMA trend up, volume {ratio:.2f}x."},
    "why.idxbo.sell": {"id": "Close menembus terendah {n} bar ({low:.6g}) lebih dari {margin:.5g} (bagian ATR), "
                             "tren EMA turun, volume {ratio:.2f}x.",
                       "en": "The close broke the {n}-bar low ({low:.6g}) by more than {margin:.5g} (a share of the "
                             "ATR), EMA trend down, volume {ratio:.2f}x."},
    "why.idxbo.hold": {"id": "Rentang {n} bar {low:.6g} - {high:.6g}, volume {ratio:.2f}x; belum ada breakout yang "
                             "sah.",
                       "en": "{n}-bar range {low:.6g} - {high:.6g}, volume {ratio:.2f}x; no valid breakout yet."},
    # Bollinger reversion with its trend filter
    "why.bb.buy_trend": {"id": "Harga kembali masuk di atas band bawah ({lower:.6g}), searah tren (di atas SMA "
                               "{trend:.6g}).",
                         "en": "Price closed back inside above the lower band ({lower:.6g}), with the trend (above "
                               "SMA {trend:.6g})."},
    "why.bb.sell_trend": {"id": "Harga kembali masuk di bawah band atas ({upper:.6g}), searah tren (di bawah SMA "
                                "{trend:.6g}).",
                          "en": "Price closed back inside below the upper band ({upper:.6g}), with the trend (below "
                                "SMA {trend:.6g})."},
    # presets and metadata
    "preset.custom": {"id": "Atur sendiri", "en": "Custom"},
    "preset.conservative": {"id": "Konservatif", "en": "Conservative"},
    "preset.balanced": {"id": "Seimbang", "en": "Balanced"},
    "preset.aggressive": {"id": "Agresif", "en": "Aggressive"},
    "preset.scalping": {"id": "Scalping", "en": "Scalping"},
    "category.forex": {"id": "Forex", "en": "Forex"},
    "category.metal": {"id": "Emas & logam", "en": "Gold & metals"},
    "category.crypto": {"id": "Kripto", "en": "Crypto"},
    "category.index": {"id": "Indeks saham", "en": "Stock indices"},
    # full bot editing
    "field.market": {"id": "pasar", "en": "market"},
    "field.timeframe": {"id": "timeframe", "en": "timeframe"},
    "field.strategy_name": {"id": "strategi", "en": "strategy"},
    "field.stop_mode": {"id": "mode stop", "en": "stop mode"},
    "err.edit_while_active": {
        "id": "Bot '{name}' sedang Aktif, jadi {fields} tidak bisa diganti. Jeda atau hentikan bot dulu; parameter, "
              "risiko dan SL/TP tetap bisa diubah kapan saja.",
        "en": "The bot '{name}' is active, so its {fields} cannot change. Pause or stop it first; parameters, risk "
              "and SL/TP can change at any time."},
    "bot.market_with_position": {
        "id": "Bot ini masih memegang posisi #{ticket} di {market}. Tutup posisinya dulu sebelum mengganti pasar.",
        "en": "This bot still holds position #{ticket} on {market}. Close it before changing the market."},
    "ev.update_with_position": {
        "id": "Posisi #{ticket} di {market} tetap dipegang bot ini dengan SL/TP yang sudah terpasang; aturan baru "
              "berlaku untuk keputusan berikutnya.",
        "en": "Position #{ticket} on {market} stays with this bot, with the SL/TP already placed; the new rules "
              "apply from the next decision."},
    # the bot forms
    "form.strategy_help": {"id": "Hanya strategi yang cocok untuk jenis pasar ini yang ditampilkan.",
                           "en": "Only the strategies that suit this kind of market are listed."},
    "form.facts": {"id": "Tingkat: {level} · Cocok untuk: {markets} · Timeframe disarankan: {timeframes}",
                   "en": "Level: {level} · Suits: {markets} · Suggested timeframes: {timeframes}"},
    "form.any_timeframe": {"id": "semua", "en": "any"},
    "form.unsuited": {"id": "Strategi ini tidak dirancang untuk {category}; hasilnya bisa jauh dari harapan.",
                      "en": "This strategy was not designed for {category}; results may disappoint."},
    "form.timeframe_help": {"id": "Bar yang dibaca strategi. Disarankan untuk strategi ini: {timeframes}.",
                            "en": "The bars the strategy reads. Suggested for this strategy: {timeframes}."},
    "form.preset": {"id": "Preset parameter", "en": "Parameter preset"},
    "form.preset_help": {"id": "Mengisi semua parameter sekaligus. Konservatif: lebih sedikit sinyal, lebih "
                                "selektif. Agresif: lebih banyak sinyal, lebih banyak sinyal palsu. Setiap angka "
                                "tetap bisa diubah.",
                         "en": "Fills every parameter at once. Conservative: fewer, more selective signals. "
                               "Aggressive: more signals, more false ones. Every value stays editable."},
    "form.guide": {"id": "Arti setiap parameter dan isi preset", "en": "What each parameter means, per preset"},
    "form.guide_param": {"id": "Parameter", "en": "Parameter"},
    "form.guide_meaning": {"id": "Penjelasan", "en": "What it does"},
    "form.yes": {"id": "ya", "en": "yes"},
    "form.no": {"id": "tidak", "en": "no"},
    "form.stop_mode": {"id": "Stop loss & take profit", "en": "Stop loss & take profit"},
    "form.stop_pips": {"id": "Dalam pip", "en": "In pips"},
    "form.stop_atr": {"id": "Kelipatan ATR", "en": "ATR multiples"},
    "form.stop_mode_help": {
        "id": "Pip: jarak SL/TP tetap. ATR: jarak mengikuti volatilitas, yaitu pengali x ATR dari bar terakhir yang "
              "sudah tutup (ATR seperti di MT5). Ukuran lot selalu dihitung dari jarak SL dan risiko per trade.",
        "en": "Pips: a fixed SL/TP distance. ATR: the distance follows volatility, a multiple of the ATR of the last "
              "closed bar (MT5's ATR). The lot is always sized from the SL distance and the risk per trade."},
    "form.sl_atr": {"id": "Stop loss (x ATR)", "en": "Stop loss (x ATR)"},
    "form.sl_atr_help": {"id": "Jarak SL = angka ini x ATR, mis. 1,5 x ATR. Makin kecil, makin mudah tersentuh.",
                         "en": "SL distance = this times the ATR, e.g. 1.5 x ATR. Smaller is hit more easily."},
    "form.tp_atr": {"id": "Take profit (x ATR)", "en": "Take profit (x ATR)"},
    "form.tp_atr_help": {"id": "Jarak TP = angka ini x ATR; 0 berarti tanpa take profit.",
                         "en": "TP distance = this times the ATR; 0 means no take profit."},
    "form.atr_period": {"id": "Periode ATR (bar)", "en": "ATR period (bars)"},
    "form.atr_period_help": {"id": "Jumlah bar tutup yang dirata-rata untuk ATR (standar 14).",
                             "en": "Closed bars averaged into the ATR (standard 14)."},
    "form.sl_pips_help": {"id": "1 pip = 0,0001 untuk mayoritas forex, 0,01 untuk pair JPY, 0,1 untuk emas, 1 untuk "
                                "kripto, dan 1 poin untuk indeks (US30 44.000 ke 44.001).",
                          "en": "1 pip = 0.0001 for most forex, 0.01 for JPY pairs, 0.1 for gold, 1 for crypto, and "
                                "1 point for indices (US30 44,000 to 44,001)."},
    "form.locked_active": {
        "id": "Bot sedang Aktif: nama, parameter, risiko dan SL/TP bisa diubah sekarang. Untuk mengganti pasar, "
              "timeframe, strategi atau mode stop, jeda atau hentikan bot dulu.",
        "en": "The bot is active: its name, parameters, risk and SL/TP can change now. To change its market, "
              "timeframe, strategy or stop mode, pause or stop it first."},
    "form.position_note": {
        "id": "Bot ini memegang posisi #{ticket} di {market}. Pasar baru bisa dipilih setelah posisinya ditutup. "
              "Timeframe, strategi atau mode stop yang baru berlaku untuk keputusan berikutnya; SL/TP posisi itu "
              "tidak berubah.",
        "en": "This bot holds position #{ticket} on {market}. A new market can be chosen once it is closed. A new "
              "timeframe, strategy or stop mode applies from the next decision; that position keeps its SL/TP."},
    "form.edit_bot": {"id": "Ubah bot", "en": "Edit bot"},
    "form.edit_help": {
        "id": "Nama, parameter, risiko dan SL/TP berlaku mulai tick berikutnya; posisi dan riwayat bot tetap.",
        "en": "Name, parameters, risk and SL/TP apply from the next tick; the bot's position and history stay."},
}
