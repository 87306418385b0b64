"""English number words, vague counts and qualifiers of a count."""

# Number words and their values. "a"/"an"/"no"/"none" count only inside a larger
# number or a vague count, never alone (ARTICLES).
UNITS = {
    "zero": 0, "no": 0, "none": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1000}
ARTICLES = "a an no none"
# Words that join parts of one number ("one hundred and twenty").
JOINERS = "and"
# "a hundred", "one thousand".
ONE_SCALE = "a an one"
# ACLED-style figures for vague counts (value, low, high): the lowest credible reading.
VAGUE = {
    "a few": (3, 3, 9), "few": (3, 3, 9),
    "several": (5, 3, 20), "some": (5, 3, 20),
    "many": (10, 5, 50), "numerous": (10, 5, 50),
    "a dozen": (12, 10, 14), "dozen": (12, 10, 14),
    "dozens": (12, 12, 99), "dozens of": (12, 12, 99),
    "scores": (20, 20, 99), "scores of": (20, 20, 99),
    "hundreds": (100, 100, 999), "thousands": (1000, 1000, 9999),
}
# "a score of".
APPROX_ARTICLES = "a"
APPROX = {"score": 20}
# Qualifiers (regex fragments): a floor, an approximation, a ceiling.
QUAL_LOW = [r"at\s+least", r"more\s+than", r"over", r"upwards\s+of", r"in\s+excess\s+of", r"no\s+fewer\s+than",
            r"over\s+a", r"surpass(?:es|ed)?", r"exceeds?", r"exceeded", r"well\s+over", r"not\s+less\s+than"]
QUAL_APPROX = [r"about", r"around", r"approximately", r"some", r"nearly", r"almost", r"roughly", r"close\s+to",
               r"an\s+estimated", r"estimated"]
QUAL_HIGH = [r"up\s+to", r"as\s+many\s+as", r"at\s+most", r"fewer\s+than", r"less\s+than"]
# Ceilings that also lower the floor to 0 ("fewer than 10").
QUAL_BELOW = "fewer less"
