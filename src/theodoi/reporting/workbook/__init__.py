"""The round's Excel workbook for one agency, and reading it back (issue 4).

Many offices fill their report offline. The workbook has a sheet of the agency's tasks and a
sheet of its indicators; the key columns are locked by sheet protection, the status is a
drop-down list, figures and dates carry number formats. A hidden sheet carries the round, the
agency and a keyed checksum of both, so a workbook of an older round or of another agency is
refused with a message saying which.

Reading is a pure function from the file to the proposed changes and the errors, each error
naming the sheet, row, column and reason in Vietnamese. Plain Python: no Django here.
"""
