"""The staff dashboard: how far a plan, its groups and agencies have come, from its snapshot."""
