"""The coordinator's scoring and ranking pages: a plan's weights and bands with a preview of
the ranking, publishing and withdrawing the ranking, and each agency's score explained."""
