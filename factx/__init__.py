"""factx: a dated, sourced timeline of facts from French news articles."""

__version__ = "0.1.0"
