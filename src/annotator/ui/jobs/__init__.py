"""Long work in child processes (transcription) and the panel that follows it."""
