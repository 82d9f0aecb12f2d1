"""Field notes: text documents without audio (observation notes), typed or imported, coded like transcripts."""
