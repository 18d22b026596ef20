"""Parsers for one field each: dates, document numbers, agencies, times, targets.

Each is a pure function from text to value, tested on real lines of the seeds and the
reference documents."""
