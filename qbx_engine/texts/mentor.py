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
    # mentor: findings (each quotes the numbers it is based on)
    "mentor.find.result": {
        "id": "{trades} trade, {wins} profit (win rate {win_rate:.0f}%), hasil bersih {net:,.2f}.",
        "en": "{trades} trades, {wins} winners (win rate {win_rate:.0f}%), net result {net:,.2f}."},
    "mentor.find.win_loss_size": {
        "id": "Rata-rata profit {avg_win:,.2f} vs rata-rata rugi {avg_loss:,.2f}; profit factor {profit_factor}.",
        "en": "Average win {avg_win:,.2f} vs average loss {avg_loss:,.2f}; profit factor {profit_factor}."},
    "mentor.find.overtrading": {
        "id": "Overtrading: {trades} trade hari ini, padahal rata-rata Anda {baseline} per hari ({days} hari "
              "terakhir yang aktif).",
        "en": "Overtrading: {trades} trades today against your own average of {baseline} a day (last {days} "
              "active days)."},
    "mentor.find.revenge": {
        "id": "{count} trade balas dendam: entry {minutes} menit setelah rugi, dengan lot {lot} (sebelumnya "
              "{loss_lot}).",
        "en": "{count} revenge trade(s): an entry {minutes} minutes after a loss, at {lot} lots (the loss was "
              "{loss_lot})."},
    "mentor.find.tilt": {
        "id": "Tilt: {losses} kali rugi berturut-turut dalam {minutes} menit.",
        "en": "Tilt: {losses} losses in a row within {minutes} minutes."},
    "mentor.find.no_emotion": {
        "id": "Tidak ada catatan emosi hari ini, jadi emosi tidak bisa dibandingkan dengan hasil.",
        "en": "No emotion was logged today, so feelings cannot be compared with results."},
    "mentor.find.negative_emotion_loss": {
        "id": "Anda mencatat {emotions} dan hari ini ditutup rugi {net:,.2f}: emosi ini kemungkinan ikut "
              "memengaruhi keputusan.",
        "en": "You logged feeling {emotions} and the day closed at {net:,.2f}: these feelings likely shaped "
              "decisions."},
    "mentor.find.greed_win": {
        "id": "Anda merasa serakah di hari yang profit ({net:,.2f}). Profit hari ini bisa mendorong lot lebih "
              "besar besok: waspadai.",
        "en": "You felt greedy on a winning day ({net:,.2f}). Today's profit can tempt bigger lots tomorrow: "
              "watch for it."},
    "mentor.find.calm_discipline": {
        "id": "Anda trading dalam kondisi {emotions} dan mengikuti rencana.",
        "en": "You traded feeling {emotions} and kept to the plan."},
    "mentor.find.worst_emotion": {
        "id": "30 hari terakhir: hari saat Anda {emotion} rata-rata {avg:,.2f} ({days} hari), sedangkan saat "
              "{best} rata-rata {best_avg:,.2f}.",
        "en": "Last 30 days: days you felt {emotion} averaged {avg:,.2f} ({days} days), days you felt {best} "
              "averaged {best_avg:,.2f}."},
    "mentor.find.no_sl": {
        "id": "{count} dari {trades} trade tanpa stop loss (hanya {share:.0f}% memakai SL).",
        "en": "{count} of {trades} trades had no stop loss (only {share:.0f}% used one)."},
    "mentor.find.all_sl": {"id": "Semua {trades} trade memakai stop loss.",
                           "en": "All {trades} trades had a stop loss."},
    "mentor.find.no_tp": {"id": "{count} dari {trades} trade tanpa take profit.",
                          "en": "{count} of {trades} trades had no take profit."},
    "mentor.find.high_risk": {
        "id": "{count} trade merisikokan lebih dari {limit:.0f}% modal (tertinggi {max}%).",
        "en": "{count} trade(s) risked more than {limit:.0f}% of the account (highest {max}%)."},
    "mentor.find.inconsistent_lot": {
        "id": "Ukuran lot di {symbol} tidak konsisten: dari {low} sampai {high}.",
        "en": "Lot sizes on {symbol} were inconsistent: from {low} to {high}."},
    "mentor.find.poor_rr": {
        "id": "Reward-to-risk nyata {rr} di bawah {needed} yang dibutuhkan untuk impas pada win rate "
              "{win_rate:.0f}%.",
        "en": "Realised reward-to-risk {rr} is below the {needed} needed to break even at a {win_rate:.0f}% "
              "win rate."},
    # mentor: recommendations, each answering a finding
    "mentor.rec.tilt": {"id": "Berhenti trading hari ini setelah 3 kali rugi beruntun; evaluasi besok dengan "
                               "kepala dingin.",
                        "en": "Stop for the day after three losses in a row; review tomorrow with a clear head."},
    "mentor.rec.revenge": {"id": "Setelah rugi, tunggu minimal 15 menit dan jangan pernah menaikkan lot untuk "
                                 "'membalas' pasar.",
                           "en": "After a loss, wait at least 15 minutes and never raise the lot to win it "
                                 "back."},
    "mentor.rec.no_sl": {"id": "Pasang stop loss di setiap trade sebelum entry; tanpa SL satu trade bisa "
                               "menghapus profit seminggu.",
                         "en": "Put a stop loss on every trade before entry; without one, a single trade can "
                               "erase a week's profit."},
    "mentor.rec.high_risk": {"id": "Turunkan risiko per trade ke 1–2% modal.",
                             "en": "Bring the risk per trade down to 1–2% of the account."},
    "mentor.rec.overtrading": {"id": "Batasi jumlah trade harian mendekati rata-rata Anda; kualitas setup lebih "
                                     "penting dari jumlah.",
                               "en": "Cap your daily trades near your usual average; setup quality matters more "
                                     "than count."},
    "mentor.rec.negative_emotion_loss": {
        "id": "Saat merasa takut, frustrasi, serakah, bosan atau lelah, kurangi lot atau jangan trading dulu.",
        "en": "When you feel fearful, frustrated, greedy, bored or tired, trade smaller or not at all."},
    "mentor.rec.greed_win": {"id": "Kunci profit: jangan menaikkan lot besok hanya karena hari ini profit.",
                             "en": "Lock in the gains: do not raise tomorrow's lot just because today went "
                                   "well."},
    "mentor.rec.inconsistent_lot": {"id": "Gunakan ukuran lot dari aturan risiko yang sama untuk setiap trade.",
                                    "en": "Size every trade with the same risk rule."},
    "mentor.rec.poor_rr": {"id": "Perbesar jarak TP dibanding SL, atau lewati setup dengan reward kecil.",
                           "en": "Widen TP relative to SL, or skip setups with a small reward."},
    "mentor.rec.no_tp": {"id": "Tentukan target profit (TP) sebelum entry agar keluar sesuai rencana.",
                         "en": "Set a take profit before entry so you exit by plan."},
    "mentor.rec.worst_emotion": {"id": "Perhatikan emosi yang paling merugikan Anda dan buat aturan untuk hari "
                                       "seperti itu.",
                                 "en": "Notice the feeling that costs you most and set a rule for such days."},
    "mentor.rec.no_emotion": {"id": "Isi catatan emosi sebelum dan sesudah trading agar mentor bisa membaca "
                                    "polanya.",
                              "en": "Log your emotions before and after trading so the mentor can read the "
                                    "pattern."},
    "mentor.rec.keep_plan": {"id": "Pertahankan rencana dan disiplin yang sama besok.",
                             "en": "Keep the same plan and discipline tomorrow."},
    # mentor: motivation
    "mentor.motivation.rest": {"id": "Tidak ada trade hari ini. Hari tanpa trade juga keputusan yang baik bila "
                                     "pasar tidak memberi peluang.",
                               "en": "No trades today. A day without trades is a good decision when the market "
                                     "offers nothing."},
    "mentor.motivation.discipline_loss": {
        "id": "Hari ini rugi {net:,.2f}, tapi Anda disiplin: SL dipasang, risiko terjaga, tanpa balas dendam. "
              "Rugi seperti ini adalah biaya bisnis; disiplin inilah yang membuat Anda bertahan.",
        "en": "Today lost {net:,.2f}, but you were disciplined: stops in place, risk in check, no revenge. A loss "
              "like this is a cost of doing business; this discipline is what keeps you in the game."},
    "mentor.motivation.discipline_win": {
        "id": "Profit {net:,.2f} dengan disiplin penuh. Ini hasil proses yang benar; ulangi besok tanpa "
              "menaikkan risiko.",
        "en": "A {net:,.2f} result with full discipline. This is the process working; repeat it tomorrow without "
              "raising risk."},
    "mentor.motivation.lucky_win": {
        "id": "Hari ini profit {net:,.2f}, tapi aturan dilanggar. Profit dari kebiasaan buruk itu berbahaya: "
              "pasar akan menagihnya nanti.",
        "en": "Today made {net:,.2f}, but rules were broken. Profit from bad habits is dangerous: the market "
              "collects it later."},
    "mentor.motivation.reset": {
        "id": "Hari yang berat ({net:,.2f}) dan aturan ikut dilanggar. Istirahat, baca kembali rencana Anda, "
              "dan mulai besok dengan lot kecil.",
        "en": "A hard day ({net:,.2f}) with broken rules. Rest, reread your plan, and start tomorrow small."},
    # mentor: instant feedback
    "mentor.now.stop_for_day": {
        "id": "Berhenti untuk hari ini. {losses} kali rugi beruntun ditambah perasaan ini adalah resep balas "
              "dendam. Jeda bot Anda bila perlu dan kembali besok.",
        "en": "Stop for today. {losses} losses in a row plus this feeling is how revenge trading starts. Pause "
              "your bots if needed and come back tomorrow."},
    "mentor.now.frustrated": {
        "id": "Ambil jeda 15 menit sebelum keputusan berikutnya, dan jangan menaikkan lot.",
        "en": "Take a 15-minute break before the next decision, and do not raise the lot."},
    "mentor.now.fearful": {
        "id": "Takut itu wajar. Ikuti rencana: jangan geser SL, dan kecilkan lot bila perlu agar tetap tenang.",
        "en": "Fear is normal. Follow the plan: do not move your stop, and trade smaller if that keeps you "
              "calm."},
    "mentor.now.tired": {
        "id": "Lelah menurunkan kualitas keputusan. Biarkan bot dengan SL/TP bekerja atau berhenti hari ini.",
        "en": "Fatigue lowers decision quality. Let the bots with SL/TP work, or stop for today."},
    "mentor.now.greedy": {
        "id": "Serakah sering datang sebelum lot terlalu besar. Tetap pada risiko per trade yang sudah "
              "direncanakan.",
        "en": "Greed usually comes right before an oversized lot. Keep the planned risk per trade."},
    "mentor.now.greedy_profit": {
        "id": "Anda sedang profit {net:,.2f}. Lindungi: jangan menaikkan lot, pertimbangkan berhenti saat target "
              "harian tercapai.",
        "en": "You are up {net:,.2f}. Protect it: do not raise the lot, and consider stopping at your daily "
              "target."},
    "mentor.now.bored": {
        "id": "Bosan membuat kita memaksa setup. Tidak ada sinyal juga keputusan; biarkan bot menunggu.",
        "en": "Boredom makes us force setups. No signal is a decision too; let the bots wait."},
    "mentor.now.overconfident": {
        "id": "{wins} kali profit beruntun. Saat ini rasa percaya diri mudah berubah jadi lot berlebihan; tetap "
              "pada ukuran yang sama.",
        "en": "{wins} wins in a row. Right now confidence easily turns into oversizing; keep the same size."},
    "mentor.now.steady": {
        "id": "Kondisi yang baik untuk trading. Tetap ikuti rencana dan aturan risiko Anda.",
        "en": "A good state to trade in. Keep following your plan and risk rules."},
    "mentor.now.day_so_far": {
        "id": "Hari ini sejauh ini: {trades} trade, hasil {net:,.2f}.",
        "en": "Today so far: {trades} trades, net {net:,.2f}."},
    # mentor: report
    "mentor.report.title": {"id": "Laporan mentor {date}", "en": "Mentor report {date}"},
    "mentor.report.empty": {"id": "Belum ada trade yang ditutup pada hari ini.",
                            "en": "No trades were closed on this day."},
    "mentor.report.summary": {
        "id": "{trades} trade ({wins} profit, {losses} rugi), hasil bersih **{net} {currency}**, skor disiplin "
              "**{score}/10**.",
        "en": "{trades} trades ({wins} won, {losses} lost), net **{net} {currency}**, discipline score "
              "**{score}/10**."},
    "mentor.report.nothing": {"id": "Tidak ada catatan.", "en": "Nothing to note."},
    "mentor.sec.pola_trading": {"id": "Pola trading", "en": "Trading patterns"},
    "mentor.sec.emosi_vs_performa": {"id": "Emosi vs performa", "en": "Emotions vs performance"},
    "mentor.sec.manajemen_risiko": {"id": "Manajemen risiko", "en": "Risk management"},
    "mentor.sec.rekomendasi": {"id": "Rekomendasi", "en": "Recommendations"},
    "mentor.sec.motivasi": {"id": "Motivasi", "en": "Motivation"},
    # mentor page
    "ui.mentor_day": {"id": "Hari", "en": "Day"},
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
