"""Annotator: transcribe interviews locally, verify them against the audio, code passages to themes."""

__version__ = "0.1.0"
