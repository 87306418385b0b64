"""Données de texte en français : abréviations qui ne terminent pas une phrase, mots qui disent la langue."""

ABBREVIATIONS = "m mme av janv févr fevr avr juil déc"
STOP_WORDS = """le la les des du et un une est sont été ont au aux dans par pour sur qui
que selon avec ses leur lors dont cette ces il elle ils mais après tués
personnes soldats attaque contre entre tué tués tuées près armée hommes armés
depuis"""
# Elided articles and pronouns before a vowel ("l'armée", "qu'il"): a French word.
ELISIONS = "l d qu n s j c"
