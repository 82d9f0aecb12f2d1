"""Search across transcripts and field notes, with the hits in context, and coding every hit."""
