"""The audit log page for coordinators and leaders: every write of their scope, filtered and
exported to Excel."""
