"""The passage browser: gather every passage of some themes, filter them, play them, count them."""

from annotator.ui.passages.panel import PassagesPanel

__all__ = ["PassagesPanel"]
