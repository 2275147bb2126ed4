"""Hostile input refused: pages reached under a foreign name, and uploads too large to read safely."""

TEXTS: dict[str, dict[str, str]] = {
    # the host check (shown in both languages: the engine, and so the trader's language, is not opened)
    "sec.host_title": {"id": "Alamat ini tidak diizinkan", "en": "This address is not allowed"},
    "sec.host_refused": {
        "id": "QuantumBotX hanya melayani alamat komputer ini sendiri (localhost, 127.0.0.1, [::1]). Halaman ini "
              "dibuka sebagai **{host}**, jadi tidak ada data yang ditampilkan dan tidak ada tombol yang bisa "
              "ditekan. Ini melindungi bot Anda dari situs lain yang menyamar sebagai komputer Anda (DNS "
              "rebinding).",
        "en": "QuantumBotX only serves this computer's own addresses (localhost, 127.0.0.1, [::1]). This page was "
              "opened as **{host}**, so no data is shown and no button can be pressed. This protects your bots "
              "from other websites that pose as your computer (DNS rebinding)."},
    "sec.host_how": {
        "id": "Buka **http://localhost:{port}** di browser Anda. Jika Anda sengaja membuka dashboard dengan nama "
              "lain (misalnya dari komputer lain di jaringan Anda sendiri), tulis nama itu di `allowed_hosts` "
              "pada `.streamlit/secrets.toml`, contoh `allowed_hosts = [\"pc-trading.local\"]`, atau di variabel "
              "lingkungan `QBX_ALLOWED_HOSTS` (pisahkan dengan koma), lalu jalankan ulang dashboard. Pasang juga "
              "kata sandi (`password`) bila dashboard bisa dibuka dari komputer lain.",
        "en": "Open **http://localhost:{port}** in your browser. If you deliberately open the dashboard under "
              "another name (for example from another computer on your own network), list that name in "
              "`allowed_hosts` in `.streamlit/secrets.toml`, e.g. `allowed_hosts = [\"trading-pc.local\"]`, or in "
              "the environment variable `QBX_ALLOWED_HOSTS` (comma separated), then restart the dashboard. Also "
              "set a `password` when other computers can reach the dashboard."},
    "sec.host_missing": {"id": "(tanpa nama)", "en": "(no name)"},
    # uploads: the work per file is bounded before anything is parsed
    "bt.csv_too_many_columns": {
        "id": "Baris {line}: baris judul punya {columns} kolom; file harga paling banyak {max} kolom. Apakah ini "
              "file yang benar?",
        "en": "Line {line}: the header has {columns} columns; a price file has at most {max}. Is this the right "
              "file?"},
    "bt.csv_header_too_long": {
        "id": "Baris {line}: baris judul terlalu panjang ({length} karakter; paling banyak {max}).",
        "en": "Line {line}: the header is too long ({length} characters; at most {max})."},
    "bt.csv_cell_too_long": {
        "id": "Baris {line}: isi kolom {column} terlalu panjang ({length} karakter; paling banyak {max}).",
        "en": "Line {line}: the {column} cell is too long ({length} characters; at most {max})."},
    "bt.csv_time_range": {
        "id": "Baris {line}: waktu '{value}' di luar rentang {start}–{end}. Periksa satuan kolom waktu (detik, "
              "milidetik, atau tanggal).",
        "en": "Line {line}: the time '{value}' is outside {start}–{end}. Check the unit of the time column "
              "(seconds, milliseconds or a date)."},
}
