"""Speech recognition: the models, the audio fed to them, and the transcription runs."""
