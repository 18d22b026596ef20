"""Evaluation results stored per plan and date, so pages read them instead of recomputing."""
