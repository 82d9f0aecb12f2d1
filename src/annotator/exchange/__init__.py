"""Exchange: taking a project's passages, transcripts and codebook out, and bringing other tools' work in.

One module per format. Exporters take a project, :class:`~annotator.exchange.options.ExportOptions` and a
:data:`~annotator.exchange.options.Redact` (the pseudonymiser, or the identity) and write through
:func:`~annotator.exchange.files.atomic_output`, so that a failed export leaves no half-written file. Importers
read untrusted files (defusedxml, zip entries from an allow-list with size limits) and store everything in one
transaction, so that a file refused half-way leaves the project as it was. No Qt here.
"""
