"""The trading mentor: emotions, findings, recommendations, motivation, advice, report, page."""

TEXTS: dict[str, dict[str, str]] = {
    # mentor: emotions and market conditions
    "emotion.tenang": {"id": "tenang", "en": "calm"},
    "emotion.percaya_diri": {"id": "percaya diri", "en": "confident"},
    "emotion.netral": {"id": "netral", "en": "neutral"},
    "emotion.serakah": {"id": "serakah", "en": "greedy"},
    "emotion.takut": {"id": "takut", "en": "fearful"},
    "emotion.frustrasi": {"id": "frustrasi", "en": "frustrated"},
    "emotion.bosan": {"id": "bosan", "en": "bored"},
    "emotion.lelah": {"id": "lelah", "en": "tired"},
    "market.trending": {"id": "trending", "en": "trending"},
    "market.ranging": {"id": "sideways (ranging)", "en": "ranging"},
    "market.volatile": {"id": "volatil", "en": "volatile"},
    "market.news": {"id": "ada berita besar", "en": "major news"},
    "mentor.err.not_a_record": {"id": "Catatan emosi tidak lengkap.", "en": "The emotion entry is incomplete."},
    "mentor.err.emotion": {"id": "Pilih emosi dari daftar (bukan '{value}').",
                           "en": "Choose an emotion from the list (not '{value}')."},
    "mentor.err.market": {"id": "Pilih kondisi pasar dari daftar (bukan '{value}').",
                          "en": "Choose a market condition from the list (not '{value}')."},
    "mentor.err.day": {"id": "Tanggal '{value}' tidak valid (format TTTT-BB-HH).",
                       "en": "'{value}' is not a valid date (YYYY-MM-DD)."},
    "mentor.err.note_empty": {"id": "Tulis catatan singkat: apa yang Anda rasakan dan kenapa.",
                              "en": "Write a short note: what you feel and why."},
    "mentor.err.note_long": {"id": "Catatan maksimal {max} karakter (sekarang {length}).",
                             "en": "The note can be at most {max} characters (it has {length})."},
    "mentor.err.note_control": {"id": "Catatan berisi karakter yang tidak bisa ditampilkan.",
                                "en": "The note contains characters that cannot be shown."},
    # mentor: words that take a number, in the right form for each language ("1 trade", "2 trades")
    "mentor.n.trades.one": {"id": "1 trade", "en": "1 trade"},
    "mentor.n.trades.other": {"id": "{n} trade", "en": "{n} trades"},
    "mentor.n.winners.one": {"id": "1 profit", "en": "1 winner"},
    "mentor.n.winners.other": {"id": "{n} profit", "en": "{n} winners"},
    "mentor.n.wins.one": {"id": "1 kali profit", "en": "1 win"},
    "mentor.n.wins.other": {"id": "{n} kali profit", "en": "{n} wins"},
    "mentor.n.losses.one": {"id": "1 kali rugi", "en": "1 loss"},
    "mentor.n.losses.other": {"id": "{n} kali rugi", "en": "{n} losses"},
    "mentor.n.minutes.one": {"id": "1 menit", "en": "1 minute"},
    "mentor.n.minutes.other": {"id": "{n} menit", "en": "{n} minutes"},
    "mentor.n.days.one": {"id": "1 hari", "en": "1 day"},
    "mentor.n.days.other": {"id": "{n} hari", "en": "{n} days"},
    "mentor.n.weeks.one": {"id": "1 minggu", "en": "1 week"},
    "mentor.n.weeks.other": {"id": "{n} minggu", "en": "{n} weeks"},
    "mentor.n.revenge.one": {"id": "1 trade balas dendam", "en": "1 revenge trade"},
    "mentor.n.revenge.other": {"id": "{n} trade balas dendam", "en": "{n} revenge trades"},
    "mentor.n.positions.one": {"id": "1 posisi", "en": "1 position"},
    "mentor.n.positions.other": {"id": "{n} posisi", "en": "{n} positions"},
    "mentor.n.times.one": {"id": "sekali", "en": "once"},
    "mentor.n.times.other": {"id": "{n} kali", "en": "{n} times"},
    "mentor.share.trades.some": {"id": "{count} dari {total} trade", "en": "{count} of {total} trades"},
    "mentor.share.trades.all": {"id": "Semua {total} trade", "en": "All {total} trades"},
    "mentor.share.trades.only": {"id": "Satu-satunya trade", "en": "The only trade"},
    "mentor.share.losing.some": {"id": "{count} dari {total} trade rugi", "en": "{count} of {total} losing trades"},
    "mentor.share.losing.all": {"id": "Semua {total} trade rugi", "en": "All {total} losing trades"},
    "mentor.share.losing.only": {"id": "Satu-satunya trade rugi", "en": "The only losing trade"},
    "mentor.lots.one": {"id": "{n:g} lot", "en": "{n:g} lot"},
    "mentor.lots.other": {"id": "{n:g} lot", "en": "{n:g} lots"},
    "mentor.dur.minutes": {"id": "{m} menit", "en": "{m} min"},
    "mentor.dur.hours": {"id": "{h} jam {m} menit", "en": "{h} h {m} min"},
    "mentor.dur.none": {"id": "-", "en": "-"},
    "mentor.text": {"id": "{text}", "en": "{text}"},
    "mentor.and": {"id": "{a} dan {b}", "en": "{a} and {b}"},
    # mentor: who decided a trade, and the market words
    "mentor.who.bot": {"id": "{name}", "en": "{name}"},
    "mentor.who.manual": {"id": "Trade manual", "en": "Manual trades"},
    "mentor.who.ea": {"id": "EA magic {magic}", "en": "EA magic {magic}"},
    "mentor.who_n": {"id": "{who}: {n}", "en": "{who}: {n}"},
    "mentor.strategy.none": {"id": "tanpa strategi (manual, EA lain)", "en": "no strategy (manual, other EAs)"},
    "mentor.style.trend": {"id": "tren", "en": "trend"},
    "mentor.style.reversion": {"id": "reversal", "en": "mean-reversion"},
    "mentor.session.asia": {"id": "Asia ({hours})", "en": "Asia ({hours})"},
    "mentor.session.london": {"id": "London ({hours})", "en": "London ({hours})"},
    "mentor.session.new_york": {"id": "New York ({hours})", "en": "New York ({hours})"},
    "mentor.session_name.asia": {"id": "Asia", "en": "Asia"},
    "mentor.session_name.london": {"id": "London", "en": "London"},
    "mentor.session_name.new_york": {"id": "New York", "en": "New York"},
    "mentor.cond_row": {"id": "{condition}: {trades} ({net:+,.2f} {cur})",
                        "en": "{condition}: {trades} ({net:+,.2f} {cur})"},
    "mentor.cond.none": {"id": "tanpa catatan", "en": "not logged"},
    "mentor.weekday.1": {"id": "Senin", "en": "Monday"},
    "mentor.weekday.2": {"id": "Selasa", "en": "Tuesday"},
    "mentor.weekday.3": {"id": "Rabu", "en": "Wednesday"},
    "mentor.weekday.4": {"id": "Kamis", "en": "Thursday"},
    "mentor.weekday.5": {"id": "Jumat", "en": "Friday"},
    "mentor.weekday.6": {"id": "Sabtu", "en": "Saturday"},
    "mentor.weekday.7": {"id": "Minggu", "en": "Sunday"},
    # mentor: pieces of findings
    "mentor.then.after": {"id": "{trades} sesudahnya: hasil {net:+,.2f} {cur}.",
                          "en": "The {trades} after it: net {net:+,.2f} {cur}."},
    "mentor.then.none": {"id": "Sesudahnya tidak ada trade lagi.", "en": "No trade after it."},
    "mentor.mismatch.all": {"id": "semuanya dari strategi {style}", "en": "all from {style} strategies"},
    "mentor.mismatch.some": {"id": "{n} di antaranya dari strategi {style}",
                             "en": "{n} of them from {style} strategies"},
    "mentor.size.risk": {"id": "risiko {ratio:.1f}× lebih besar ({size:,.2f} vs {before:,.2f} {cur})",
                         "en": "{ratio:.1f}× the risk ({size:,.2f} vs {before:,.2f} {cur})"},
    "mentor.size.lot": {"id": "lot {ratio:.1f}× lebih besar ({size} vs {before})",
                        "en": "{ratio:.1f}× the lot size ({size} vs {before})"},
    "mentor.open.item": {"id": "{who} {side} {lot} {symbol} ({profit:+,.2f} {cur}{stop})",
                         "en": "{who} {side} {lot} {symbol} ({profit:+,.2f} {cur}{stop})"},
    "mentor.open.with_sl": {"id": "", "en": ""},
    "mentor.open.no_sl": {"id": ", tanpa SL", "en": ", no SL"},
    # mentor: findings — each names who, when and what it cost, with the journal's numbers
    "mentor.find.result": {
        "id": "{trades}, {wins} (win rate {win_rate:.0f}%), hasil bersih {net:+,.2f} {cur}.",
        "en": "{trades}, {wins} (win rate {win_rate:.0f}%), net result {net:+,.2f} {cur}."},
    "mentor.find.edge": {
        "id": "Rata-rata profit {avg_win:,.2f} vs rata-rata rugi {avg_loss:,.2f} {cur}; profit factor "
              "{profit_factor:.2f}.",
        "en": "Average win {avg_win:,.2f} vs average loss {avg_loss:,.2f} {cur}; profit factor {profit_factor:.2f}."},
    "mentor.find.edge_weak": {
        "id": "Rata-rata profit {avg_win:,.2f} vs rata-rata rugi {avg_loss:,.2f} {cur}; profit factor "
              "{profit_factor:.2f}: setiap 1 {cur} yang hilang hanya kembali {profit_factor:.2f} {cur}.",
        "en": "Average win {avg_win:,.2f} vs average loss {avg_loss:,.2f} {cur}; profit factor {profit_factor:.2f}: "
              "every 1 {cur} lost brought back only {profit_factor:.2f} {cur}."},
    "mentor.find.poor_rr": {
        "id": "Reward-to-risk nyata {rr:.2f} di bawah {needed:.2f} yang dibutuhkan untuk impas pada win rate "
              "{win_rate:.0f}%.",
        "en": "Realised reward-to-risk {rr:.2f} is below the {needed:.2f} needed to break even at a {win_rate:.0f}% "
              "win rate."},
    "mentor.find.expectancy": {
        "id": "Expectancy {r:+.2f}R per trade (dari {trades} dengan risiko tercatat): rata-rata hasil per trade "
              "dibanding risikonya saat entry.",
        "en": "Expectancy {r:+.2f}R per trade (over {trades} with a recorded risk): the average result per trade in "
              "units of its risk at entry."},
    "mentor.find.streaks": {"id": "Rangkaian terpanjang: {wins} dan {losses} berturut-turut.",
                            "en": "Longest runs: {wins} and {losses} in a row."},
    "mentor.find.hold": {"id": "Rata-rata lama posisi {all} (yang profit {win}, yang rugi {loss}).",
                         "en": "Average time in a trade {all} (winners {win}, losers {loss})."},
    "mentor.find.hold_all": {"id": "Rata-rata lama posisi {all}.", "en": "Average time in a trade {all}."},
    "mentor.find.hold_losers": {
        "id": "Trade manual yang rugi Anda tahan rata-rata {loss}, yang profit hanya {win}: rugi dibiarkan "
              "berjalan, profit cepat dipotong.",
        "en": "Your losing manual trades were held {loss} on average, winners only {win}: losses run while profits "
              "get cut short."},
    "mentor.find.hours": {
        "id": "Jam terbaik (waktu entry, jam Anda): {best}, {best_net:+,.2f} {cur} dari {best_trades}; terburuk: "
              "{worst}, {worst_net:+,.2f} {cur} dari {worst_trades}.",
        "en": "Best hour (by entry, your clock): {best}, {best_net:+,.2f} {cur} from {best_trades}; worst: {worst}, "
              "{worst_net:+,.2f} {cur} from {worst_trades}."},
    "mentor.find.sessions": {
        "id": "Sesi terbaik: {best}, {best_net:+,.2f} {cur} dari {best_trades}; terburuk: {worst}, "
              "{worst_net:+,.2f} {cur} dari {worst_trades}.",
        "en": "Best session: {best}, {best_net:+,.2f} {cur} from {best_trades}; worst: {worst}, "
              "{worst_net:+,.2f} {cur} from {worst_trades}."},
    "mentor.find.conditions": {"id": "Menurut kondisi pasar yang Anda catat: {rows}.",
                               "en": "By the market condition you logged: {rows}."},
    "mentor.find.tilt": {
        "id": "Tilt — {who}, {window}: {losses} berturut-turut, rugi {loss:,.2f} {cur}. {then}",
        "en": "Tilt — {who}, {window}: {losses} in a row, {loss:,.2f} {cur} lost. {then}"},
    "mentor.find.bot_wrong_market": {
        "id": "{who}, {window}: {losses} berturut-turut saat Anda menandai pasar {condition}; strategi {style} "
              "memang lemah di pasar seperti ini. Rugi {loss:,.2f} {cur}. {then}",
        "en": "{who}, {window}: {losses} in a row while you had marked the market {condition}; a {style} strategy is "
              "weak in such a market. {loss:,.2f} {cur} lost. {then}"},
    "mentor.find.bot_streak": {
        "id": "{who}, {window}: {losses} berturut-turut, rugi {loss:,.2f} {cur}. {then}",
        "en": "{who}, {window}: {losses} in a row, {loss:,.2f} {cur} lost. {then}"},
    "mentor.find.ea_streak": {
        "id": "{who}, {window}: {losses} berturut-turut, rugi {loss:,.2f} {cur}. {then}",
        "en": "{who}, {window}: {losses} in a row, {loss:,.2f} {cur} lost. {then}"},
    "mentor.find.revenge": {
        "id": "Balas dendam — {who_label}, {time}: entry {minutes} setelah rugi {loss:,.2f} {cur}, dengan {size}. "
              "Total {count}, hasil {net:+,.2f} {cur}.",
        "en": "Revenge trading — {who_label}, {time}: an entry {minutes} after a {loss:,.2f} {cur} loss, at {size}. "
              "{count} in all, net {net:+,.2f} {cur}."},
    "mentor.find.over_limit": {
        "id": "Melewati batas harian Anda: {trades}, padahal batasnya {limit} ({split}). {beyond} di atas batas: "
              "hasil {net:+,.2f} {cur}.",
        "en": "Over your daily limit: {trades} against a limit of {limit} ({split}). The {beyond} beyond it: net "
              "{net:+,.2f} {cur}."},
    "mentor.find.overtrading": {
        "id": "Overtrading: {trades}, padahal rata-rata Anda {baseline} per hari (dari {days} terakhir yang ada "
              "trade-nya; {split}). {beyond} di atas rata-rata itu: hasil {net:+,.2f} {cur}.",
        "en": "Overtrading: {trades} against your own average of {baseline} a day (over your last {days} with trades; "
              "{split}). The {beyond} above that average: net {net:+,.2f} {cur}."},
    "mentor.find.market_mismatch": {
        "id": "{losses} terjadi saat Anda menandai pasar {condition}; {which} ({names}): rugi {loss:,.2f} {cur}.",
        "en": "{losses} came while you had marked the market {condition}; {which} ({names}): {loss:,.2f} {cur} "
              "lost."},
    "mentor.find.no_sl": {"id": "{share} tanpa stop loss ({split}); hasilnya {net:+,.2f} {cur}.",
                          "en": "{share} had no stop loss ({split}): net {net:+,.2f} {cur}."},
    "mentor.find.all_sl": {"id": "{share} memakai stop loss.", "en": "{share} had a stop loss."},
    "mentor.find.unknown_risk": {
        "id": "{share} tidak punya catatan risiko saat entry (tercatat sebelum risiko dicatat, atau SL dipasang "
              "setelah entry); angka R hanya menghitung trade dengan risiko tercatat.",
        "en": "{share}: no risk recorded at entry (journaled before risk was recorded, or the stop was set after "
              "entry); R figures count only trades with a recorded risk."},
    "mentor.find.no_tp": {"id": "{share} tanpa take profit.", "en": "{share} had no take profit."},
    "mentor.find.high_risk": {
        "id": "{share} merisikokan lebih dari {limit:.0f}% saldo. Tertinggi: {who}, {symbol} pukul {time}, "
              "{lot} dengan SL {sl_pips:g} pip = {pct:.2f}% saldo ({risk:,.2f} {cur}). Hasil trade berisiko "
              "tinggi: {net:+,.2f} {cur}.",
        "en": "{share} risked more than {limit:.0f}% of the balance. Highest: {who}, {symbol} at {time}, {lot} "
              "with a {sl_pips:g}-pip stop = {pct:.2f}% of the balance ({risk:,.2f} {cur}). Net of the high-risk "
              "trades: {net:+,.2f} {cur}."},
    "mentor.find.inconsistent_risk": {
        "id": "{who_label}: risiko per trade naik-turun dari {low:.2f}% sampai {high:.2f}% saldo "
              "({low_money:,.2f}–{high_money:,.2f} {cur}). {above} berisiko dua kali lipat atau lebih dari yang "
              "terkecil: hasil {net:+,.2f} {cur}.",
        "en": "{who_label}: risk per trade swung from {low:.2f}% to {high:.2f}% of the balance "
              "({low_money:,.2f}–{high_money:,.2f} {cur}). The {above} risking twice the smallest or more: net "
              "{net:+,.2f} {cur}."},
    "mentor.find.risk_same": {"id": "{share} merisikokan {pct:.2f}% saldo: ukuran risiko konsisten.",
                              "en": "{share} risked {pct:.2f}% of the balance: consistent sizing."},
    "mentor.find.risk_steady": {
        "id": "Risiko per trade konsisten: {low:.2f}%–{high:.2f}% saldo ({trades} dengan risiko tercatat).",
        "en": "Risk per trade was consistent: {low:.2f}%–{high:.2f}% of the balance ({trades} with a recorded "
              "risk)."},
    "mentor.find.open": {
        "id": "{open} masih terbuka saat laporan ini dibuat: {items}. Floating total {floating:+,.2f} {cur}.",
        "en": "{open} still open as of this report: {items}. Floating total {floating:+,.2f} {cur}."},
    "mentor.find.open_no_sl": {
        "id": "{open} masih terbuka saat laporan ini dibuat, ada yang tanpa stop loss: {items}. Floating total "
              "{floating:+,.2f} {cur}.",
        "en": "{open} still open as of this report, some without a stop loss: {items}. Floating total "
              "{floating:+,.2f} {cur}."},
    "mentor.find.no_emotion": {
        "id": "Tidak ada catatan emosi, jadi emosi tidak bisa dibandingkan dengan hasil.",
        "en": "No emotion was logged, so feelings cannot be compared with results."},
    "mentor.find.feeling_start": {
        "id": "{time} — sebelum trading Anda merasa {before}; pasar Anda tandai {market}. {coach} {around}",
        "en": "{time} — before trading you felt {before}; you marked the market {market}. {coach} {around}"},
    "mentor.find.feeling_change": {
        "id": "{time} — {before} → {after}; pasar Anda tandai {market}. {coach} {around}",
        "en": "{time} — {before} → {after}; you marked the market {market}. {coach} {around}"},
    "mentor.find.negative_emotion_loss": {
        "id": "Anda mencatat {emotions}, lalu hari itu ditutup dengan rugi {loss:,.2f} {cur}: emosi ini "
              "kemungkinan ikut memengaruhi keputusan.",
        "en": "You logged feeling {emotions}, and the day closed {loss:,.2f} {cur} down: these feelings likely "
              "shaped decisions."},
    "mentor.find.greed_win": {
        "id": "Anda merasa serakah di hari yang profit ({net:+,.2f} {cur}). Hari seperti ini bisa mendorong lot "
              "lebih besar besok: waspadai.",
        "en": "You felt greedy on a winning day ({net:+,.2f} {cur}). A day like this can tempt bigger lots tomorrow: "
              "watch for it."},
    "mentor.find.calm_discipline": {"id": "Anda trading dalam kondisi {emotions} dan mengikuti rencana.",
                                    "en": "You traded feeling {emotions} and kept to the plan."},
    "mentor.find.worst_emotion": {
        "id": "30 hari terakhir: hari saat Anda {emotion} rata-rata {avg:+,.2f} {cur} ({days}), sedangkan saat "
              "{best} rata-rata {best_avg:+,.2f} {cur}.",
        "en": "Last 30 days: days you felt {emotion} averaged {avg:+,.2f} {cur} ({days}), days you felt {best} "
              "averaged {best_avg:+,.2f} {cur}."},
    "mentor.find.week_emotion": {"id": "Perasaan {emotion}: dicatat pada {days}; {result} {coach}",
                                 "en": "Feeling {emotion}: logged on {days}; {result} {coach}"},
    "mentor.feel.days_result": {"id": "hari-hari itu {trades}, hasil {net:+,.2f} {cur}.",
                                "en": "those days had {trades}, net {net:+,.2f} {cur}."},
    "mentor.feel.days_idle": {"id": "tanpa trade pada hari-hari itu.", "en": "no trades on those days."},
    "mentor.find.worst_session": {
        "id": "Sesi {session} paling merugikan minggu ini: {trades}, hasil {net:+,.2f} {cur}; terbesar dari {who} "
              "({who_net:+,.2f} {cur}).",
        "en": "The {session} session cost most this week: {trades}, net {net:+,.2f} {cur}; mostly from {who} "
              "({who_net:+,.2f} {cur})."},
    "mentor.find.week_result": {
        "id": "Minggu ini: {trades} dalam {days}, {wins} (win rate {win_rate:.0f}%), hasil bersih {net:+,.2f} {cur}.",
        "en": "This week: {trades} over {days}, {wins} (win rate {win_rate:.0f}%), net {net:+,.2f} {cur}."},
    "mentor.find.week_split": {
        "id": "Dari mana hasilnya: bot {bots_net:+,.2f} {cur} ({bots}), trade manual {own_net:+,.2f} {cur} ({own}).",
        "en": "Where it came from: bots {bots_net:+,.2f} {cur} ({bots}), manual trades {own_net:+,.2f} {cur} "
              "({own})."},
    "mentor.find.week_empty": {"id": "Tidak ada trade yang ditutup minggu ini.", "en": "No trades closed this week."},
    "mentor.find.week_vs_previous": {
        "id": "Minggu lalu: {trades}, hasil {net:+,.2f} {cur}; minggu ini {delta:+,.2f} {cur} dibanding minggu lalu.",
        "en": "Last week: {trades}, net {net:+,.2f} {cur}; this week is {delta:+,.2f} {cur} against it."},
    "mentor.find.week_no_previous": {"id": "Minggu lalu tidak ada trade, jadi belum ada pembanding.",
                                     "en": "No trades last week, so there is nothing to compare with."},
    "mentor.find.week_vs_average": {
        "id": "Rata-rata 4 minggu sebelumnya ({weeks} dengan trade): {trades:.1f} trade dan {net:+,.2f} {cur} per "
              "minggu; minggu ini {delta:+,.2f} {cur} dibanding rata-rata itu.",
        "en": "The 4 weeks before ({weeks} with trades) averaged {trades:.1f} trades and {net:+,.2f} {cur} a week; "
              "this week is {delta:+,.2f} {cur} against that average."},
    # mentor: a sentence for every emotion the trader logs
    "mentor.feel.tenang": {"id": "Tenang adalah kondisi terbaik untuk menjalankan rencana.",
                           "en": "Calm is the best state to run your plan in."},
    "mentor.feel.percaya_diri": {"id": "Percaya diri itu baik selama ukuran posisi tetap sesuai rencana.",
                                 "en": "Confidence is good as long as position size stays as planned."},
    "mentor.feel.netral": {"id": "Netral: keputusan lebih mudah mengikuti aturan.",
                           "en": "Neutral: decisions follow the rules more easily."},
    "mentor.feel.serakah": {"id": "Serakah mendorong lot lebih besar dan target yang digeser; waspadai keduanya.",
                            "en": "Greed pushes bigger lots and moved targets; watch for both."},
    "mentor.feel.takut": {"id": "Takut membuat kita menutup profit terlalu cepat atau menggeser SL; biarkan SL/TP "
                                "bekerja.",
                          "en": "Fear makes us close winners early or move stops; let SL/TP do their work."},
    "mentor.feel.frustrasi": {"id": "Frustrasi adalah awal balas dendam: jeda dulu sebelum keputusan berikutnya.",
                              "en": "Frustration is where revenge trading starts: pause before the next decision."},
    "mentor.feel.bosan": {"id": "Bosan membuat kita memaksakan setup yang sebenarnya tidak ada.",
                          "en": "Boredom makes us force setups that are not there."},
    "mentor.feel.lelah": {"id": "Lelah menurunkan kualitas keputusan: berhenti lebih awal lebih murah.",
                          "en": "Fatigue lowers decision quality: stopping earlier is cheaper."},
    "mentor.feel.after_note": {"id": "Sesudah catatan ini: {trades}, hasil {net:+,.2f} {cur}.",
                               "en": "After this note: {trades}, net {net:+,.2f} {cur}."},
    "mentor.feel.before_note": {"id": "Sebelum catatan ini: {trades}, hasil {net:+,.2f} {cur}.",
                                "en": "Before this note: {trades}, net {net:+,.2f} {cur}."},
    "mentor.feel.no_trades": {"id": "Belum ada trade yang terkait dengan catatan ini.",
                              "en": "No trade goes with this note yet."},
    # mentor: the habits of a week, and the one focus for the next
    "mentor.habit.tilt": {"id": "Tilt pada trade manual", "en": "Tilt on manual trades"},
    "mentor.habit.revenge": {"id": "Balas dendam (revenge trading)", "en": "Revenge trading"},
    "mentor.habit.no_sl": {"id": "Trade tanpa stop loss", "en": "Trades without a stop loss"},
    "mentor.habit.high_risk": {"id": "Risiko per trade di atas 2%", "en": "Risk per trade above 2%"},
    "mentor.habit.over_limit": {"id": "Melewati batas trade harian", "en": "Going over the daily trade limit"},
    "mentor.habit.overtrading": {"id": "Overtrading", "en": "Overtrading"},
    "mentor.habit.bot_wrong_market": {"id": "Bot yang berjalan di pasar yang tidak cocok",
                                      "en": "A bot running in the wrong market"},
    "mentor.habit.bot_streak": {"id": "Rugi beruntun sebuah bot", "en": "A bot's losing streak"},
    "mentor.habit.ea_streak": {"id": "Rugi beruntun EA lain", "en": "Another EA's losing streak"},
    "mentor.habit.inconsistent_risk": {"id": "Ukuran risiko yang berubah-ubah", "en": "Uneven risk per trade"},
    "mentor.habit.market_mismatch": {"id": "Strategi yang tidak cocok dengan pasar yang Anda tandai",
                                     "en": "Strategies at odds with the market you logged"},
    "mentor.habit.negative_emotion_loss": {"id": "Trading saat emosi negatif", "en": "Trading while upset"},
    "mentor.week.title": {"id": "Ulasan mingguan {start} – {end}", "en": "Weekly review {start} – {end}"},
    "mentor.week.costly": {"id": "{habit} — {times} ({days}), total biaya {cost:,.2f} {cur}.",
                           "en": "{habit} — {times} ({days}), costing {cost:,.2f} {cur} in all."},
    "mentor.week.costly_week": {"id": "{habit} sepanjang minggu, biaya {cost:,.2f} {cur}.",
                                "en": "{habit} across the week, costing {cost:,.2f} {cur}."},
    "mentor.focus.tilt": {
        "id": "Satu aturan untuk minggu depan: setelah 3 kali rugi beruntun di trade manual, berhenti trading "
              "manual hari itu juga. Minggu ini tilt memakan {cost:,.2f} {cur}.",
        "en": "One rule for next week: after 3 losses in a row on your manual trades, stop trading by hand for that "
              "day. Tilt cost you {cost:,.2f} {cur} this week."},
    "mentor.focus.revenge": {
        "id": "Satu aturan untuk minggu depan: setelah rugi, tunggu 15 menit dan masuk lagi hanya dengan risiko "
              "yang sama. Balas dendam minggu ini memakan {cost:,.2f} {cur}.",
        "en": "One rule for next week: after a loss, wait 15 minutes and re-enter only at the same risk. Revenge "
              "trades cost {cost:,.2f} {cur} this week."},
    "mentor.focus.no_sl": {
        "id": "Satu aturan untuk minggu depan: tidak ada entry tanpa stop loss. Trade tanpa SL minggu ini memakan "
              "{cost:,.2f} {cur}.",
        "en": "One rule for next week: no entry without a stop loss. Trades without one cost {cost:,.2f} {cur} this "
              "week."},
    "mentor.focus.high_risk": {
        "id": "Satu aturan untuk minggu depan: risiko maksimal {limit:.0f}% per trade; hitung lot dari jarak SL "
              "sebelum entry (SL {sl_pips:g} pip → maksimal {fit_lot}, bukan {lot}). Trade berisiko tinggi "
              "minggu ini memakan {cost:,.2f} {cur}.",
        "en": "One rule for next week: at most {limit:.0f}% risk per trade; size the lot from the stop distance "
              "before entry (a {sl_pips:g}-pip stop → at most {fit_lot}, not {lot}). High-risk trades cost "
              "{cost:,.2f} {cur} this week."},
    "mentor.focus.over_limit": {
        "id": "Satu aturan untuk minggu depan: berhenti di {limit} trade per hari. Trade di atas batas minggu ini "
              "memakan {cost:,.2f} {cur}.",
        "en": "One rule for next week: stop at {limit} trades a day. Trades beyond the limit cost {cost:,.2f} {cur} "
              "this week."},
    "mentor.focus.overtrading": {
        "id": "Satu aturan untuk minggu depan: pasang batas trade harian sekitar {baseline} (rata-rata Anda) di "
              "Pengaturan. Trade berlebih minggu ini memakan {cost:,.2f} {cur}.",
        "en": "One rule for next week: set a daily trade limit near your average of {baseline} in Settings. The "
              "extra trades cost {cost:,.2f} {cur} this week."},
    "mentor.focus.bot_wrong_market": {
        "id": "Satu fokus untuk minggu depan: jeda bot {name} setiap kali Anda menandai pasar {condition}, dan "
              "jalankan lagi saat pasar {suits}. Minggu ini bot ini rugi {cost:,.2f} {cur} di pasar seperti itu.",
        "en": "One focus for next week: pause bot {name} whenever you mark the market {condition}, and resume it "
              "when it is {suits}. This week it lost {cost:,.2f} {cur} in such markets."},
    "mentor.focus.bot_streak": {
        "id": "Satu fokus untuk minggu depan: periksa bot {name} sebelum pasar buka (jalankan ulang backtest di "
              "timeframe-nya); rugi beruntunnya minggu ini memakan {cost:,.2f} {cur}.",
        "en": "One focus for next week: check bot {name} before the market opens (re-run its backtest on its "
              "timeframe); its losing runs cost {cost:,.2f} {cur} this week."},
    "mentor.focus.ea_streak": {
        "id": "Satu fokus untuk minggu depan: periksa EA magic {magic} di terminal MT5 Anda; rugi beruntunnya "
              "minggu ini memakan {cost:,.2f} {cur}.",
        "en": "One focus for next week: check EA magic {magic} in your MT5 terminal; its losing runs cost "
              "{cost:,.2f} {cur} this week."},
    "mentor.focus.inconsistent_risk": {
        "id": "Satu aturan untuk minggu depan: satu ukuran risiko untuk setiap trade, misalnya {usual:.2f}% saldo. "
              "Trade dengan risiko lebih besar minggu ini memakan {cost:,.2f} {cur}.",
        "en": "One rule for next week: one risk size for every trade, for example {usual:.2f}% of the balance. "
              "The larger-risk trades cost {cost:,.2f} {cur} this week."},
    "mentor.focus.market_mismatch": {
        "id": "Satu fokus untuk minggu depan: saat Anda menandai pasar {condition}, jeda bot dengan strategi "
              "{style} ({names}). Minggu ini kombinasi itu memakan {cost:,.2f} {cur}.",
        "en": "One focus for next week: when you mark the market {condition}, pause the {style} bots ({names}). "
              "That combination cost {cost:,.2f} {cur} this week."},
    "mentor.focus.negative_emotion_loss": {
        "id": "Satu aturan untuk minggu depan: bila catatan emosi Anda negatif, trading dengan setengah lot atau "
              "tidak sama sekali. Hari-hari seperti itu minggu ini memakan {cost:,.2f} {cur}.",
        "en": "One rule for next week: when your emotion note is negative, trade half size or not at all. Such days "
              "cost {cost:,.2f} {cur} this week."},
    "mentor.focus.worst_session": {
        "id": "Satu fokus untuk minggu depan: kurangi trading di sesi {session}; minggu ini sesi itu menghasilkan "
              "{net:+,.2f} {cur} dari {trades}, terbesar dari {who}.",
        "en": "One focus for next week: trade less in the {session} session; this week it made {net:+,.2f} {cur} "
              "from {trades}, mostly from {who}."},
    "mentor.focus.keep": {"id": "Satu fokus untuk minggu depan: ulangi proses minggu ini tanpa menaikkan risiko.",
                          "en": "One focus for next week: repeat this week's process without raising risk."},
    "mentor.focus.rest": {
        "id": "Minggu ini tanpa trade. Minggu depan, isi catatan emosi sebelum trade pertama dan mulai dengan lot "
              "kecil.",
        "en": "No trades this week. Next week, log how you feel before the first trade and start small."},
    # mentor: recommendations, each answering a finding (ranked by what the finding cost)
    "mentor.rec.cost": {"id": "biaya {cost:,.2f} {cur}", "en": "cost {cost:,.2f} {cur}"},
    "mentor.rec.tilt": {"id": "{who}: setelah 3 kali rugi beruntun, berhenti trading manual untuk hari itu dan "
                              "evaluasi besok dengan kepala dingin.",
                        "en": "{who}: after 3 losses in a row, stop trading by hand for the day and review tomorrow "
                              "with a clear head."},
    "mentor.rec.bot_wrong_market": {"id": "Jeda bot {name} selama pasar {condition}; jalankan lagi saat pasar "
                                          "kembali {suits}.",
                                    "en": "Pause bot {name} while the market is {condition}; resume it when the "
                                          "market is {suits} again."},
    "mentor.rec.bot_streak": {"id": "Periksa bot {name} setelah {losses} berturut-turut: bandingkan dengan "
                                    "backtest-nya, dan jeda bila pasar sedang tidak cocok untuk strateginya.",
                              "en": "Check bot {name} after {losses} in a row: compare it with its backtest, and "
                                    "pause it if the market does not suit its strategy right now."},
    "mentor.rec.ea_streak": {"id": "Periksa EA magic {magic} di terminal MT5 Anda setelah {losses} berturut-turut.",
                             "en": "Check EA magic {magic} in your MT5 terminal after {losses} in a row."},
    "mentor.rec.revenge": {"id": "{who}: setelah rugi, tunggu minimal 15 menit dan jangan pernah menaikkan risiko "
                                 "untuk 'membalas' pasar.",
                           "en": "{who}: after a loss, wait at least 15 minutes and never raise the risk to win it "
                                 "back."},
    "mentor.rec.over_limit": {"id": "Berhenti di {limit} trade per hari, sesuai batas yang Anda tetapkan sendiri.",
                              "en": "Stop at {limit} trades a day, the limit you set yourself."},
    "mentor.rec.overtrading": {"id": "Batasi trade harian mendekati rata-rata Anda ({baseline}); pasang batasnya di "
                                     "Pengaturan → Mentor.",
                               "en": "Cap your daily trades near your average ({baseline}); set the limit in "
                                     "Settings → Mentor."},
    "mentor.rec.market_mismatch": {"id": "Saat Anda menandai pasar {condition}, jeda bot dengan strategi {style} "
                                         "({names}).",
                                   "en": "When you mark the market {condition}, pause the {style} bots ({names})."},
    "mentor.rec.no_sl": {"id": "Pasang stop loss di setiap trade sebelum entry ({who}); tanpa SL satu trade bisa "
                               "menghapus profit seminggu.",
                         "en": "Put a stop loss on every trade before entry ({who}); without one, a single trade "
                               "can erase a week's profit."},
    "mentor.rec.high_risk": {"id": "{who}: risiko maksimal {limit:.0f}% per trade. Dengan SL {sl_pips:g} pip, itu "
                                   "berarti maksimal {fit_lot} {symbol}, bukan {lot}.",
                             "en": "{who}: risk at most {limit:.0f}% per trade. With a {sl_pips:g}-pip stop that is "
                                   "at most {fit_lot} of {symbol}, not {lot}."},
    "mentor.rec.inconsistent_risk": {"id": "{who}: ukur setiap trade dengan satu aturan risiko (misalnya "
                                           "{usual:.2f}% saldo), bukan dengan perasaan.",
                                     "en": "{who}: size every trade with one risk rule (for example {usual:.2f}% of "
                                           "the balance), not by feel."},
    "mentor.rec.open_no_sl": {"id": "Pasang stop loss sekarang pada posisi terbuka yang belum punya SL (tiket "
                                    "{tickets}).",
                              "en": "Put a stop loss now on the open positions that have none (ticket {tickets})."},
    "mentor.rec.negative_emotion_loss": {
        "id": "Saat merasa takut, frustrasi, serakah, bosan atau lelah, kecilkan lot atau jangan trading dulu.",
        "en": "When you feel fearful, frustrated, greedy, bored or tired, trade smaller or not at all."},
    "mentor.rec.greed_win": {"id": "Kunci profit: jangan menaikkan lot besok hanya karena hari ini profit.",
                             "en": "Lock in the gains: do not raise tomorrow's lot just because today went well."},
    "mentor.rec.poor_rr": {"id": "Perbesar jarak TP dibanding SL, atau lewati setup dengan reward kecil.",
                           "en": "Widen TP relative to SL, or skip setups with a small reward."},
    "mentor.rec.hold_losers": {"id": "Biarkan SL dan TP bekerja: jangan menunda keluar dari posisi rugi, dan jangan "
                                     "memotong profit terlalu cepat.",
                               "en": "Let SL and TP do their work: do not delay exiting losers, and do not cut "
                                     "winners early."},
    "mentor.rec.no_tp": {"id": "Tentukan target profit (TP) sebelum entry agar keluar sesuai rencana.",
                         "en": "Set a take profit before entry so you exit by plan."},
    "mentor.rec.worst_emotion": {"id": "Hari saat Anda {emotion} paling merugikan: buat aturan untuk hari seperti itu "
                                       "(lot setengah, atau tidak trading).",
                                 "en": "Days you feel {emotion} cost you most: set a rule for them (half size, or no "
                                       "trading)."},
    "mentor.rec.worst_session_manual": {
        "id": "Trading manual Anda di sesi {session} paling mahal minggu ini: kurangi, dan ambil hanya setup terbaik "
              "Anda di jam itu.",
        "en": "Your manual trading in the {session} session cost most this week: do less of it, and take only your "
              "best setups at those hours."},
    "mentor.rec.worst_session": {"id": "Kurangi trading di sesi {session}; kerugian terbesarnya datang dari {who}.",
                                 "en": "Trade less in the {session} session; most of its loss came from {who}."},
    "mentor.rec.no_emotion": {"id": "Isi catatan emosi sebelum dan sesudah trading agar mentor bisa membaca "
                                    "polanya.",
                              "en": "Log your emotions before and after trading so the mentor can read the "
                                    "pattern."},
    "mentor.rec.keep_plan": {"id": "Pertahankan rencana dan disiplin yang sama besok.",
                             "en": "Keep the same plan and discipline tomorrow."},
    # mentor: motivation (amounts unsigned next to "rugi"/"profit")
    "mentor.motivation.rest": {"id": "Tidak ada trade hari ini. Hari tanpa trade juga keputusan yang baik bila "
                                     "pasar tidak memberi peluang.",
                               "en": "No trades today. A day without trades is a good decision when the market "
                                     "offers nothing."},
    "mentor.motivation.discipline_loss": {
        "id": "Hari ini rugi {amount:,.2f} {cur}, tapi Anda disiplin: SL terpasang, risiko terjaga, tanpa balas "
              "dendam. Rugi seperti ini adalah biaya bisnis; disiplin inilah yang membuat Anda bertahan.",
        "en": "Today lost {amount:,.2f} {cur}, but you were disciplined: stops in place, risk in check, no revenge. "
              "A loss like this is a cost of doing business; this discipline is what keeps you in the game."},
    "mentor.motivation.discipline_flat": {
        "id": "Hari ini impas, dan Anda disiplin. Proses yang benar lebih penting daripada hasil satu hari.",
        "en": "A flat day, and a disciplined one. The right process matters more than one day's result."},
    "mentor.motivation.discipline_win": {
        "id": "Profit {amount:,.2f} {cur} dengan disiplin penuh. Ini hasil proses yang benar; ulangi besok tanpa "
              "menaikkan risiko.",
        "en": "{amount:,.2f} {cur} profit with full discipline. This is the process working; repeat it tomorrow "
              "without raising risk."},
    "mentor.motivation.lucky_win": {
        "id": "Hari ini profit {amount:,.2f} {cur}, tapi aturan dilanggar. Profit dari kebiasaan buruk itu "
              "berbahaya: pasar akan menagihnya nanti.",
        "en": "Today made {amount:,.2f} {cur}, but rules were broken. Profit from bad habits is dangerous: the market "
              "collects it later."},
    "mentor.motivation.reset": {
        "id": "Hari yang berat (rugi {amount:,.2f} {cur}) dan aturan ikut dilanggar. Istirahat, baca kembali "
              "rencana Anda, dan mulai besok dengan lot kecil.",
        "en": "A hard day ({amount:,.2f} {cur} lost) with broken rules. Rest, reread your plan, and start tomorrow "
              "small."},
    "mentor.motivation.reset_flat": {
        "id": "Hari ini impas, tapi aturan dilanggar. Baca kembali rencana Anda sebelum besok.",
        "en": "A flat day, but rules were broken. Reread your plan before tomorrow."},
    "mentor.motivation.week_rest": {
        "id": "Minggu tanpa trade. Istirahat juga bagian dari trading; gunakan untuk menyiapkan rencana minggu depan.",
        "en": "A week without trades. Rest is part of trading too; use it to prepare next week's plan."},
    "mentor.motivation.week_discipline_loss": {
        "id": "Minggu ini rugi {amount:,.2f} {cur}, tapi aturan Anda terjaga. Minggu rugi yang disiplin bisa "
              "diperbaiki; minggu rugi tanpa disiplin itulah yang berbahaya.",
        "en": "This week lost {amount:,.2f} {cur}, but your rules held. A disciplined losing week can be fixed; an "
              "undisciplined one is the dangerous kind."},
    "mentor.motivation.week_discipline_flat": {
        "id": "Minggu ini impas dan aturan Anda terjaga. Proses yang benar akan terlihat hasilnya dalam beberapa "
              "minggu, bukan satu.",
        "en": "A flat week with your rules intact. A sound process shows over several weeks, not one."},
    "mentor.motivation.week_discipline_win": {
        "id": "Minggu ini profit {amount:,.2f} {cur} tanpa melanggar aturan. Pertahankan prosesnya, bukan hanya "
              "hasilnya.",
        "en": "This week made {amount:,.2f} {cur} without breaking your rules. Keep the process, not just the "
              "result."},
    "mentor.motivation.week_lucky_win": {
        "id": "Minggu ini profit {amount:,.2f} {cur}, tapi ada aturan yang dilanggar. Jangan biarkan profit menutupi "
              "kebiasaan yang suatu hari akan mahal.",
        "en": "This week made {amount:,.2f} {cur}, but some rules were broken. Do not let the profit hide habits "
              "that will be expensive one day."},
    "mentor.motivation.week_reset": {
        "id": "Minggu yang berat: rugi {amount:,.2f} {cur}, sebagian karena aturan dilanggar. Kabar baiknya, bagian "
              "itu sepenuhnya di tangan Anda: mulai dari satu fokus di atas.",
        "en": "A hard week: {amount:,.2f} {cur} lost, partly from broken rules. The good news: that part is entirely "
              "in your hands. Start with the one focus above."},
    "mentor.motivation.week_hands": {
        "id": "Bot Anda bekerja sesuai rencana minggu ini ({bots:+,.2f} {cur}); yang perlu dibenahi adalah trading "
              "manual Anda (rugi {own:,.2f} {cur}). Itu kabar baik: bagian itu sepenuhnya di tangan Anda. Mulai dari "
              "satu fokus di atas.",
        "en": "Your bots did their job this week ({bots:+,.2f} {cur}); what needs work is your manual trading "
              "({own:,.2f} {cur} lost). That is good news: that part is entirely in your hands. Start with the one "
              "focus above."},
    "mentor.motivation.week_reset_flat": {
        "id": "Minggu ini impas, tapi ada aturan yang dilanggar. Mulai minggu depan dari satu fokus di atas.",
        "en": "A flat week, but some rules were broken. Start next week from the one focus above."},
    # mentor: instant feedback (the day's state first, then the feeling)
    "mentor.now.stop_tilt": {
        "id": "Berhenti trading manual untuk hari ini: {losses} berturut-turut ({window}, rugi {loss:,.2f} {cur}). "
              "Di titik inilah tilt dimulai, apa pun yang Anda rasakan sekarang.",
        "en": "Stop trading by hand for today: {losses} in a row ({window}, {loss:,.2f} {cur} lost). This is where "
              "tilt starts, whatever you feel right now."},
    "mentor.now.revenge_today": {
        "id": "Hari ini sudah ada {count} (hasil {net:+,.2f} {cur}). Berhenti dulu; saat trading lagi, kembali ke "
              "risiko normal Anda.",
        "en": "Today already has {count} (net {net:+,.2f} {cur}). Stop for now; when you trade again, go back to your "
              "normal risk."},
    "mentor.now.limit_reached": {
        "id": "Batas Anda {limit} trade per hari sudah tercapai ({trades} hari ini). Jangan buka trade baru; biarkan "
              "posisi dengan SL/TP selesai sendiri.",
        "en": "You have reached your limit of {limit} trades a day ({trades} today). Open nothing new; let positions "
              "with SL/TP finish on their own."},
    "mentor.now.stop_for_day": {
        "id": "Berhenti untuk hari ini. {losses} berturut-turut (rugi {loss:,.2f} {cur}) ditambah perasaan ini adalah "
              "resep balas dendam. Jeda bot Anda bila perlu dan kembali besok.",
        "en": "Stop for today. {losses} in a row ({loss:,.2f} {cur} lost) plus this feeling is how revenge trading "
              "starts. Pause your bots if needed and come back tomorrow."},
    "mentor.now.calm_but": {
        "id": "Merasa {emotion} itu baik, tapi angka hari ini lebih penting daripada perasaan: ikuti saran di atas.",
        "en": "Feeling {emotion} is good, but today's numbers matter more than the feeling: follow the advice above."},
    "mentor.now.bot_wrong_market": {
        "id": "Bot {name}: {losses} berturut-turut ({window}, rugi {loss:,.2f} {cur}) di pasar yang Anda tandai "
              "{condition}. Jeda bot ini sampai pasar kembali {suits}.",
        "en": "Bot {name}: {losses} in a row ({window}, {loss:,.2f} {cur} lost) in a market you marked {condition}. "
              "Pause it until the market is {suits} again."},
    "mentor.now.bot_streak": {
        "id": "Bot {name}: {losses} berturut-turut ({window}, rugi {loss:,.2f} {cur}). Periksa apakah pasar saat ini "
              "cocok untuk strateginya.",
        "en": "Bot {name}: {losses} in a row ({window}, {loss:,.2f} {cur} lost). Check whether today's market suits "
              "its strategy."},
    "mentor.now.ea_streak": {
        "id": "EA magic {magic}: {losses} berturut-turut ({window}, rugi {loss:,.2f} {cur}). Periksa EA ini di "
              "terminal MT5 Anda.",
        "en": "EA magic {magic}: {losses} in a row ({window}, {loss:,.2f} {cur} lost). Check it in your MT5 "
              "terminal."},
    "mentor.now.frustrated": {
        "id": "Ambil jeda 15 menit sebelum keputusan berikutnya, dan jangan menaikkan lot.",
        "en": "Take a 15-minute break before the next decision, and do not raise the lot."},
    "mentor.now.fearful": {
        "id": "Takut itu wajar. Ikuti rencana: jangan geser SL, dan kecilkan lot bila itu membuat Anda tenang.",
        "en": "Fear is normal. Follow the plan: do not move your stop, and trade smaller if that keeps you calm."},
    "mentor.now.tired": {
        "id": "Lelah menurunkan kualitas keputusan. Biarkan bot dengan SL/TP bekerja, atau berhenti hari ini.",
        "en": "Fatigue lowers decision quality. Let the bots with SL/TP work, or stop for today."},
    "mentor.now.greedy": {
        "id": "Serakah sering datang sebelum lot terlalu besar. Tetap pada risiko per trade yang sudah direncanakan.",
        "en": "Greed usually comes right before an oversized lot. Keep the planned risk per trade."},
    "mentor.now.greedy_profit": {
        "id": "Anda sedang profit {net:,.2f} {cur}. Lindungi: jangan menaikkan lot, dan pertimbangkan berhenti saat "
              "target harian tercapai.",
        "en": "You are up {net:,.2f} {cur}. Protect it: do not raise the lot, and consider stopping at your daily "
              "target."},
    "mentor.now.bored": {
        "id": "Bosan membuat kita memaksakan setup. Tidak ada sinyal juga keputusan; biarkan bot menunggu.",
        "en": "Boredom makes us force setups. No signal is a decision too; let the bots wait."},
    "mentor.now.overconfident": {
        "id": "{wins} berturut-turut. Saat ini rasa percaya diri mudah berubah jadi lot berlebihan; tetap pada ukuran "
              "yang sama.",
        "en": "{wins} in a row. Right now confidence easily turns into oversizing; keep the same size."},
    "mentor.now.steady": {
        "id": "Kondisi yang baik untuk trading. Tetap ikuti rencana dan aturan risiko Anda.",
        "en": "A good state to trade in. Keep following your plan and risk rules."},
    "mentor.now.day_so_far": {"id": "Hari ini sejauh ini: {trades}, hasil {net:+,.2f} {cur}.",
                              "en": "Today so far: {trades}, net {net:+,.2f} {cur}."},
    # mentor: report
    "mentor.report.title": {"id": "Laporan mentor {date}", "en": "Mentor report {date}"},
    "mentor.report.empty": {"id": "Belum ada trade yang ditutup pada hari ini.",
                            "en": "No trades were closed on this day."},
    "mentor.report.summary": {
        "id": "{trades} ({wins} profit, {losses} rugi), hasil bersih **{net} {currency}**, skor disiplin "
              "**{score}/10**.",
        "en": "{trades} ({wins} won, {losses} lost), net **{net} {currency}**, discipline score **{score}/10**."},
    "mentor.report.nothing": {"id": "Tidak ada temuan.", "en": "No findings."},
    "mentor.report.sessions_note": {
        "id": "Sesi dihitung dari waktu entry dalam blok UTC: Asia 22:00–07:00, London 07:00–13:00, New York "
              "13:00–22:00 (tumpang tindih London–New York dihitung New York); jam di dalam kurung adalah jam Anda.",
        "en": "Sessions by entry time, in UTC blocks: Asia 22:00–07:00, London 07:00–13:00, New York 13:00–22:00 "
              "(the London–New York overlap counts as New York); hours in brackets are your clock."},
    "mentor.sec.pola_trading": {"id": "Pola trading", "en": "Trading patterns"},
    "mentor.sec.emosi_vs_performa": {"id": "Emosi vs performa", "en": "Emotions vs performance"},
    "mentor.sec.manajemen_risiko": {"id": "Manajemen risiko", "en": "Risk management"},
    "mentor.sec.rekomendasi": {"id": "Rekomendasi", "en": "Recommendations"},
    "mentor.sec.motivasi": {"id": "Motivasi", "en": "Motivation"},
    "mentor.sec.per_bot": {"id": "Per bot dan sumber", "en": "By bot and source"},
    "mentor.sec.per_strategi": {"id": "Per strategi", "en": "By strategy"},
    "mentor.sec.sesi": {"id": "Per sesi", "en": "By session"},
    "mentor.sec.ringkasan_minggu": {"id": "Ringkasan minggu", "en": "The week in numbers"},
    "mentor.sec.kebiasaan_termahal": {"id": "Kebiasaan termahal", "en": "The most costly habit"},
    "mentor.sec.fokus_minggu_depan": {"id": "Fokus minggu depan", "en": "Focus for next week"},
    "mentor.sec.kebiasaan": {"id": "Kebiasaan lain minggu ini", "en": "Other habits this week"},
    "mentor.sec.pola_minggu": {"id": "Pola, jam, sesi dan kondisi pasar", "en": "Patterns, hours, sessions, market"},
    "mentor.sec.emosi_minggu": {"id": "Emosi minggu ini", "en": "Emotions this week"},
    "mentor.col.who": {"id": "Bot / sumber", "en": "Bot / source"},
    "mentor.col.strategy": {"id": "Strategi", "en": "Strategy"},
    "mentor.col.deciders": {"id": "Bot/sumber", "en": "Bots/sources"},
    "mentor.col.trades": {"id": "Trade", "en": "Trades"},
    "mentor.col.wins": {"id": "Profit", "en": "Winners"},
    "mentor.col.win_rate": {"id": "Win rate", "en": "Win rate"},
    "mentor.col.net": {"id": "Hasil ({cur})", "en": "Net ({cur})"},
    "mentor.col.expectancy": {"id": "Expectancy (R)", "en": "Expectancy (R)"},
    "mentor.col.loss_streak": {"id": "Rugi beruntun maks.", "en": "Max losing streak"},
    "mentor.col.hold": {"id": "Rata-rata lama posisi", "en": "Average hold"},
    "mentor.col.session": {"id": "Sesi", "en": "Session"},
    "mentor.col.this_week": {"id": "Minggu ini", "en": "This week"},
    "mentor.col.previous_week": {"id": "Minggu lalu", "en": "Last week"},
    "mentor.col.average_4w": {"id": "Rata-rata 4 minggu sebelumnya ({weeks} aktif)",
                              "en": "Average of the 4 weeks before ({weeks} active)"},
    "mentor.metric.trades": {"id": "Trade", "en": "Trades"},
    "mentor.metric.win_rate": {"id": "Win rate", "en": "Win rate"},
    "mentor.metric.net": {"id": "Hasil bersih ({cur})", "en": "Net ({cur})"},
    "mentor.metric.profit_factor": {"id": "Profit factor", "en": "Profit factor"},
    "mentor.metric.expectancy_r": {"id": "Expectancy (R)", "en": "Expectancy (R)"},
    "mentor.metric.max_loss_streak": {"id": "Rugi beruntun terpanjang", "en": "Longest losing streak"},
    "mentor.metric.avg_hold": {"id": "Rata-rata lama posisi", "en": "Average hold"},
    # mentor page
    "ui.mentor_settings": {"id": "Mentor", "en": "Mentor"},
    "ui.mentor_max_trades": {"id": "Batas trade per hari", "en": "Daily trade limit"},
    "ui.mentor_max_trades_help": {
        "id": "Mentor menandai hari dengan lebih banyak trade dari ini sebagai overtrading, dan saran instan "
              "meminta Anda berhenti saat batas tercapai. 0 = tanpa batas: mentor membandingkan dengan rata-rata "
              "harian Anda sendiri.",
        "en": "The mentor marks a day with more trades than this as overtrading, and instant advice tells you to "
              "stop when you reach it. 0 = no limit: the mentor compares with your own daily average."},
    "ui.mentor_day": {"id": "Hari", "en": "Day"},
    "ui.mentor_tab_day": {"id": "Laporan harian", "en": "Daily report"},
    "ui.mentor_tab_week": {"id": "Ulasan mingguan", "en": "Weekly review"},
    "ui.mentor_expectancy": {"id": "Expectancy", "en": "Expectancy"},
    "ui.mentor_week_pick": {"id": "Minggu (pilih hari mana saja di minggu itu)", "en": "Week (pick any day in it)"},
    "ui.mentor_week_help": {"id": "Minggu dihitung Senin sampai Minggu menurut zona waktu Anda.",
                            "en": "A week runs Monday to Sunday in your time zone."},
    "ui.mentor_week_delta_help": {"id": "Perubahan dibanding minggu lalu.", "en": "Change against last week."},
    "ui.mentor_loss_streak": {"id": "Rugi beruntun terpanjang", "en": "Longest losing streak"},
    "ui.mentor_costly": {"id": "Kebiasaan termahal:", "en": "Most costly habit:"},
    "ui.mentor_focus": {"id": "Fokus minggu depan:", "en": "Focus for next week:"},
    "ui.mentor_week_by_bot": {"id": "Hasil minggu ini per bot dan sumber", "en": "This week by bot and source"},
    "ui.mentor_trades": {"id": "Trade", "en": "Trades"},
    "ui.mentor_net": {"id": "Hasil bersih", "en": "Net result"},
    "ui.mentor_win_rate": {"id": "Win rate", "en": "Win rate"},
    "ui.mentor_score": {"id": "Skor disiplin", "en": "Discipline score"},
    "ui.mentor_pnl_day": {"id": "P/L sepanjang hari", "en": "P/L through the day"},
    "ui.mentor_by_bot": {"id": "Hasil per bot", "en": "Result by bot"},
    "ui.mentor_by_emotion": {"id": "Rata-rata P/L harian per emosi (30 hari)",
                             "en": "Average daily P/L by emotion (30 days)"},
    "ui.mentor_no_emotion_data": {"id": "Belum ada hari trading dengan catatan emosi.",
                                  "en": "No trading day with an emotion note yet."},
    "ui.mentor_empty": {"id": "Belum ada trade yang ditutup hari ini. Isi catatan emosi di bawah sebelum mulai; "
                              "mentor akan membaca hari Anda begitu trade pertama ditutup.",
                        "en": "No trade has closed today yet. Log how you feel below before you start; the "
                              "mentor reads your day as soon as the first trade closes."},
    "ui.mentor_form": {"id": "Catatan emosi", "en": "Emotion note"},
    "ui.mentor_before": {"id": "Emosi sebelum trading", "en": "Emotion before trading"},
    "ui.mentor_after": {"id": "Emosi sesudah trading", "en": "Emotion after trading"},
    "ui.mentor_not_yet": {"id": "— belum trading —", "en": "— not traded yet —"},
    "ui.mentor_market": {"id": "Kondisi pasar", "en": "Market condition"},
    "ui.mentor_note": {"id": "Catatan", "en": "Note"},
    "ui.mentor_note_hint": {"id": "Apa yang Anda rasakan, dan kenapa?", "en": "What do you feel, and why?"},
    "ui.mentor_save": {"id": "Simpan catatan", "en": "Save note"},
    "ui.mentor_saved": {"id": "Catatan emosi tersimpan.", "en": "Emotion note saved."},
    "ui.mentor_today_notes": {"id": "Catatan hari ini", "en": "Today's notes"},
    "ui.mentor_now": {"id": "Saran instan", "en": "Instant advice"},
    "ui.mentor_now_question": {"id": "Apa yang Anda rasakan sekarang?", "en": "How do you feel right now?"},
    "ui.mentor_ask": {"id": "Minta saran", "en": "Ask the mentor"},
    "ui.mentor_history": {"id": "Riwayat sesi (30 hari)", "en": "Session history (30 days)"},
    "ui.mentor_no_history": {"id": "Belum ada sesi trading.", "en": "No trading sessions yet."},
    "ui.mentor_csv": {"id": "Unduh jurnal (CSV)", "en": "Download the journal (CSV)"},
    "ui.mentor_report_md": {"id": "Unduh laporan (Markdown)", "en": "Download the report (Markdown)"},
    "col.date": {"id": "Tanggal", "en": "Date"},
    "col.trades": {"id": "Trade", "en": "Trades"},
    "col.wins": {"id": "Profit", "en": "Won"},
    "col.losses": {"id": "Rugi", "en": "Lost"},
    "col.net": {"id": "Hasil", "en": "Net"},
    "col.emotions": {"id": "Emosi", "en": "Emotions"},
    "col.before": {"id": "Sebelum", "en": "Before"},
    "col.after": {"id": "Sesudah", "en": "After"},
    "col.note": {"id": "Catatan", "en": "Note"},
}
