"""English resource pack: the words and patterns of English news reports, one module per topic."""
