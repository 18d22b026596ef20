"""Files that cross the platform's edge, in plain Python (no Django): bounds on the archives
that come in (workbooks, evidence), the kinds of file an upload may be, and cells that go out
in spreadsheets as text, never as formulas."""
