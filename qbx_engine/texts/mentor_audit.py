"""The audit of the mentor chat's answers: what the model is told, and the trader shown, when an amount is told in
the wrong direction or a number is written in words that cannot be checked."""

TEXTS: dict[str, dict[str, str]] = {
    "mentor.audit.fix.words": {
        "id": "angka yang ditulis dengan kata dan tidak bisa diperiksa: {words} (tulis dengan digit, persis seperti "
              "di FAKTA)",
        "en": "numbers in words that cannot be checked: {words} (write them in digits, exactly as in the FACTS)"},
    "mentor.audit.fix.sign": {"id": "{said}: di FAKTA jumlah ini bukan {direction}",
                              "en": "{said}: in the FACTS this amount is not {direction}"},
    "mentor.audit.dir.gain": {"id": "untung", "en": "a profit"},
    "mentor.audit.dir.loss": {"id": "rugi", "en": "a loss"},
    "mentor.audit.note.marked": {"id": "Yang ditandai: {problems}.", "en": "What is marked: {problems}."},
}
