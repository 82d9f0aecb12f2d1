"""Coding from the window: the span a person selected, and every coding action as one undoable command."""
