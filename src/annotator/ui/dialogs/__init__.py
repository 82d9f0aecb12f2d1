"""Dialogs: find and replace, speakers, preferences."""
