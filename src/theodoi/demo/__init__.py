"""Demonstration and synthetic data sets: the seed plans with accounts and reported rounds
(``theodoi load_demo``), and the national synthetic data set (``theodoi synth``)."""
