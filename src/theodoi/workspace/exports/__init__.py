"""Downloads of reports: a round's Word report and a plan's Excel table."""
