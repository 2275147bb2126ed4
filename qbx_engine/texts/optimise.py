"""Optimisation beyond the grid: overfitting figures and their verdict, the Optuna search, the Dask cluster,
saved optimisation runs."""

TEXTS: dict[str, dict[str, str]] = {
    # refusals
    "opt.bad_method": {"id": "Metode '{value}' tidak dikenal (grid atau pencarian).",
                       "en": "Unknown method '{value}' (grid or search)."},
    "opt.bad_sampler": {"id": "Cara mencari '{value}' tidak dikenal (pilih: {allowed}).",
                        "en": "Unknown search sampler '{value}' (choose: {allowed})."},
    "opt.cluster_unreachable": {"id": "Scheduler Dask di {address} tidak bisa dihubungi ({problem}). Periksa alamat "
                                      "dan port di Pengaturan, dan bahwa scheduler berjalan; kosongkan alamat untuk "
                                      "memakai komputer ini saja.",
                                "en": "The Dask scheduler at {address} cannot be reached ({problem}). Check the "
                                      "address and port in Settings and that the scheduler is running; clear the "
                                      "address to use this computer only."},
    "opt.cluster_empty": {"id": "Scheduler Dask di {address} tidak punya worker. Jalankan `dask worker {address}` di "
                                "komputer yang akan bekerja, lalu coba lagi.",
                          "en": "The Dask scheduler at {address} has no workers. Start `dask worker {address}` on the "
                                "machines that should work, then try again."},
    "opt.cluster_lost": {"id": "Cluster Dask kehilangan pekerjaan berkali-kali ({problem}). Periksa worker-nya "
                               "(memori, koneksi) lalu jalankan lagi.",
                         "en": "The Dask cluster lost work again and again ({problem}). Check its workers (memory, "
                               "network) and run it again."},
    "opt.saved_unknown": {"id": "Optimasi tersimpan '{run}' tidak ada (mungkin sudah dihapus).",
                          "en": "There is no saved optimisation '{run}' (it may have been deleted)."},
    "opt.saved_unreadable": {"id": "Data optimasi tersimpan ini rusak dan tidak bisa dibuka.",
                             "en": "The data of this saved optimisation is damaged and cannot be opened."},
    "settings.bad_cluster": {"id": "Alamat scheduler '{value}' tidak valid: tulis host:port atau tcp://host:port "
                                   "(contoh tcp://192.168.1.20:8786), atau kosongkan.",
                             "en": "Scheduler address '{value}' is not valid: write host:port or tcp://host:port "
                                   "(for example tcp://192.168.1.20:8786), or leave it empty."},
    # the verdict
    "ovf.high": {"id": "Kemungkinan overfit tinggi: {pbo}% — jangan pakai titik ini.",
                 "en": "High chance of overfitting: {pbo}% — do not use this point."},
    "ovf.high_no_pbo": {"id": "Kemungkinan overfit tinggi — jangan pakai titik ini.",
                        "en": "High chance of overfitting — do not use this point."},
    "ovf.caution": {"id": "Hati-hati: kemungkinan overfit {pbo}%. Uji titik ini dulu di akun paper dengan risiko "
                          "kecil sebelum dipakai sungguhan.",
                    "en": "Careful: {pbo}% chance of overfitting. Try this point on the paper account with small risk "
                          "before trading it for real."},
    "ovf.caution_no_pbo": {"id": "Hati-hati: hasil ini bisa sebagian kebetulan. Uji dulu di akun paper dengan risiko "
                                 "kecil.",
                           "en": "Careful: this result may partly be luck. Try it on the paper account with small "
                                 "risk first."},
    "ovf.low": {"id": "Kemungkinan overfit rendah: {pbo}%. Titik ini bertahan pada data yang tidak dipakai untuk "
                      "memilihnya; tetap mulai dengan risiko kecil.",
                "en": "Low chance of overfitting: {pbo}%. This point held up on data that was not used to choose it; "
                      "still start with small risk."},
    "ovf.low_no_pbo": {"id": "Kemungkinan overfit rendah; tetap mulai dengan risiko kecil.",
                       "en": "Low chance of overfitting; still start with small risk."},
    "ovf.unknown": {"id": "Kemungkinan overfit tidak bisa diukur: terlalu sedikit kombinasi, bar atau trade. Anggap "
                          "titik ini belum teruji.",
                    "en": "The chance of overfitting cannot be measured: too few combinations, bars or trades. Treat "
                          "this point as untested."},
    "ovf.reason_pbo": {"id": "Titik terbaik in-sample jatuh di bawah median di luar sampel pada {pbo}% dari {splits:,} "
                             "cara membagi data (PBO).",
                       "en": "The in-sample best fell below the median out of sample in {pbo}% of {splits:,} ways of "
                             "splitting the data (PBO)."},
    "ovf.reason_dsr_low": {"id": "Sharpe titik terbaik tidak jelas lebih baik dari yang bisa muncul secara kebetulan "
                                 "dari {trials:,} percobaan (Deflated Sharpe {dsr:.2f}; perlu 0,95).",
                           "en": "The best point's Sharpe is not clearly better than luck could give from {trials:,} "
                                 "trials (Deflated Sharpe {dsr:.2f}; 0.95 needed)."},
    "ovf.reason_dsr_ok": {"id": "Sharpe titik terbaik tetap meyakinkan setelah {trials:,} percobaan (Deflated Sharpe "
                                "{dsr:.2f}).",
                          "en": "The best point's Sharpe holds up after {trials:,} trials (Deflated Sharpe "
                                "{dsr:.2f})."},
    "ovf.reason_wfe": {"id": "Di luar sampel titik ini mempertahankan {wfe}% dari hasil in-sample-nya (walk-forward "
                             "efficiency; 50% ke atas baik).",
                       "en": "Out of sample this point kept {wfe}% of its in-sample result (walk-forward efficiency; "
                             "50% or more is good)."},
    "ovf.reason_wfe_lost": {"id": "Di luar sampel hasilnya berbalik ({wfe}% dari hasil in-sample).",
                            "en": "Out of sample its result reversed ({wfe}% of the in-sample result)."},
    "ovf.reason_lost_in": {"id": "Titik terbaik pun rugi pada data in-sample.",
                           "en": "Even the best point lost money in sample."},
    # the page
    "ovf.title": {"id": "Seberapa mungkin ini kebetulan?", "en": "How likely is this luck?"},
    "ovf.pbo": {"id": "Kemungkinan overfit (PBO)", "en": "Chance of overfitting (PBO)"},
    "ovf.pbo_help": {"id": "Probability of Backtest Overfitting (Bailey dkk., 2015): data dibagi {blocks} blok; untuk "
                           "setiap cara memilih separuhnya, titik terbaik di separuh itu diperingkat pada separuh "
                           "lainnya. PBO = berapa sering ia jatuh di bawah median. 50% = sama dengan menebak.",
                     "en": "Probability of Backtest Overfitting (Bailey et al., 2015): the data is cut in {blocks} "
                           "blocks; for every way of taking half of them, the best point on that half is ranked on "
                           "the other half. PBO = how often it falls below the median. 50% = no better than a guess."},
    "ovf.dsr": {"id": "Deflated Sharpe", "en": "Deflated Sharpe"},
    "ovf.dsr_help": {"id": "Peluang Sharpe titik terbaik benar-benar di atas Sharpe tertinggi yang diharapkan dari "
                           "{trials:,} percobaan tanpa keunggulan (Bailey & López de Prado, 2014). 0,95 ke atas: "
                           "meyakinkan.",
                     "en": "The probability that the best point's Sharpe is truly above the highest Sharpe expected "
                           "from {trials:,} trials with no edge (Bailey & López de Prado, 2014). 0.95 or more: "
                           "convincing."},
    "ovf.wfe": {"id": "Walk-forward efficiency", "en": "Walk-forward efficiency"},
    "ovf.wfe_help": {"id": "Hasil out-of-sample per satuan hasil in-sample (per bar untuk profit dan return). 100% = "
                           "sama baiknya di data baru.",
                     "en": "The out-of-sample result per unit of in-sample result (per bar for profit and return). "
                           "100% = as good on new data."},
    "ovf.level_high": {"id": "overfit tinggi", "en": "likely overfit"},
    "ovf.level_caution": {"id": "hati-hati", "en": "careful"},
    "ovf.level_low": {"id": "overfit rendah", "en": "unlikely overfit"},
    "ovf.level_unknown": {"id": "tak terukur", "en": "not measured"},
    "ovf.not_measured": {"id": "tidak terukur", "en": "not measured"},
    "ovf.apply_first": {"id": "Baca penilaian ini sebelum memakai titik mana pun:",
                        "en": "Read this verdict before applying any point:"},
    "ovf.acknowledge": {"id": "Saya mengerti risikonya dan tetap ingin memakai titik ini",
                        "en": "I understand the risk and still want to apply this point"},
    "opt.method": {"id": "Cara", "en": "Method"},
    "opt.method_grid": {"id": "Grid (semua kombinasi)", "en": "Grid (every combination)"},
    "opt.method_search": {"id": "Pencarian Optuna (anggaran)", "en": "Optuna search (budget)"},
    "opt.method_help": {"id": "Grid menguji semua kombinasi (maks. 3 parameter). Pencarian memilih sendiri titik yang "
                              "diuji, untuk ruang yang terlalu besar (maks. 6 parameter).",
                        "en": "The grid tests every combination (up to 3 parameters). The search chooses which points "
                              "to test, for spaces too large for a grid (up to 6 parameters)."},
    "opt.params_search": {"id": "Parameter yang dicari (maks. 6)", "en": "Parameters to search (up to 6)"},
    "opt.budget": {"id": "Anggaran (jumlah uji)", "en": "Budget (evaluations)"},
    "opt.budget_help": {"id": "Berapa titik yang diuji. 0 = sepersepuluh ruang (32 sampai 1.000).",
                        "en": "How many points are tested. 0 = a tenth of the space (32 to 1,000)."},
    "opt.sampler": {"id": "Cara mencari", "en": "Sampler"},
    "opt.sampler_tpe": {"id": "TPE (belajar dari hasil)", "en": "TPE (learns from results)"},
    "opt.sampler_random": {"id": "Acak", "en": "Random"},
    "opt.seed": {"id": "Seed", "en": "Seed"},
    "opt.seed_help": {"id": "Seed yang sama pada data yang sama memberi hasil yang sama.",
                      "en": "The same seed on the same data gives the same result."},
    "opt.search_summary": {"id": "Pencarian {sampler} (seed {seed}): {n:,} titik diuji dari ruang {space:,} titik "
                                 "({refused} ditolak strategi) pada {bars:,} bar dalam {seconds} dtk.",
                           "en": "{sampler} search (seed {seed}): {n:,} points tested out of a space of {space:,} "
                                 "({refused} refused by the strategy) on {bars:,} bars in {seconds} s."},
    "opt.where_here": {"id": "Dikerjakan di komputer ini ({workers} proses).",
                       "en": "Run on this computer ({workers} processes)."},
    "opt.where_cluster": {"id": "Dikerjakan di cluster Dask ({workers} thread worker).",
                          "en": "Run on the Dask cluster ({workers} worker threads)."},
    "opt.heatmap_best_help": {"id": "Warna = ukuran in-sample terbaik di antara titik yang diuji pada kotak itu "
                                    "(parameter lain bebas). Kotak kosong: tidak diuji.",
                              "en": "Colour = the best in-sample metric among the points tested in that cell (other "
                                    "parameters free). Empty cells: not tested."},
    "opt.saved_runs": {"id": "Optimasi tersimpan", "en": "Saved optimisations"},
    "opt.saved_open": {"id": "Buka", "en": "Open"},
    "opt.saved_delete": {"id": "Hapus", "en": "Delete"},
    "opt.saved_deleted": {"id": "Optimasi tersimpan dihapus.", "en": "Saved optimisation deleted."},
    "opt.saved_showing": {"id": "Menampilkan optimasi tersimpan dari {when}.",
                          "en": "Showing the saved optimisation of {when}."},
    "opt.saved_current": {"id": "Kembali ke optimasi terakhir", "en": "Back to the latest optimisation"},
    # settings
    "ui.cluster": {"id": "Optimasi di cluster Dask", "en": "Optimisation on a Dask cluster"},
    "ui.cluster_help": {"id": "Kosong = optimasi berjalan di komputer ini. Isi alamat scheduler Dask (tcp://host:port) "
                              "agar grid dan pencarian dikerjakan worker cluster. Pakai hanya scheduler milik Anda di "
                              "jaringan tepercaya: siapa pun yang menguasai scheduler bisa menjalankan kode.",
                        "en": "Empty = optimisations run on this computer. Give a Dask scheduler's address "
                              "(tcp://host:port) to have grids and searches worked by the cluster's workers. Use only "
                              "your own scheduler on a trusted network: whoever controls it can run code."},
    "ui.cluster_address": {"id": "Alamat scheduler", "en": "Scheduler address"},
    "ui.cluster_save": {"id": "Simpan alamat", "en": "Save the address"},
    "ui.cluster_test": {"id": "Tes koneksi scheduler", "en": "Test the scheduler"},
    "ui.cluster_ok": {"id": "Terhubung ke {address}: {workers} worker, {threads} thread.",
                      "en": "Connected to {address}: {workers} workers, {threads} threads."},
    "ui.cluster_none": {"id": "Belum ada alamat: optimasi berjalan di komputer ini.",
                        "en": "No address yet: optimisations run on this computer."},
}
