"""Innovation → growth: a country panel (WDI + Penn World Table), knowledge stocks, growth accounting and TFP,
two-way fixed-effects regressions, Granger-type tests and a plain-words report."""
