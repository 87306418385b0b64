"""English text data: abbreviations that do not end a sentence, and words that tell the language."""

# A period after these does not end a sentence ("Gen. Buba", "Sept. 18").
ABBREVIATIONS = """jan feb mar apr jun jul aug sep sept oct nov dec mr mrs ms dr gen col lt capt maj sgt st no vs etc
inc co gov sen rep brig cpl pte u.s u.n"""
# Words frequent in English and rare in French: the fast path of language detection.
# Words shared by both ("on", "a", "de" in names, "pour" ...) are left out on purpose.
STOP_WORDS = """the of and to in is was were are has have had been that this with from
for by at as said says its their which who after while it an be not killed
attack attacks people soldiers they than into over would will kill kills near
gunmen troops army police"""
