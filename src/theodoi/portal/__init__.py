"""The public portal: published plans, their tasks, targets and agencies, the ranking once
published, and open data. No login; everything is read from snapshots and cached per plan."""
