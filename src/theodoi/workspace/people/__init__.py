"""The people in charge of tasks: naming them on a task, and their figures for leaders."""
