"""``annotator ...``: the command line, over the same services as the window.

Every command has ``--help``; ``--json`` prints machine-readable output. Exit status: 0 on success, 2 on a user
error, with a one-line message on stderr that names the problem (never a traceback), 130 when interrupted.

:mod:`~annotator.cli.parser` knows every command's arguments and the module that runs it, which is imported only
when the command runs; :mod:`~annotator.cli.helpers` is what those modules share. They import from these two,
never from this package itself.
"""

from annotator.cli.parser import build_parser, main

__all__ = ["build_parser", "main"]
