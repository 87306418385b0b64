"""French resource pack: the words and patterns of French news reports, one module per topic."""
