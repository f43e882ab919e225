"""The one exception family of factx; only the CLI catches it and turns it into one line on stderr."""


class FactxError(Exception):
    """Base of every error factx reports to a user."""


class InputError(FactxError):
    """A file or stream that cannot be read as an article; the message names it and says why."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class StoreError(FactxError):
    """The SQLite store cannot be opened, is locked, or is not a factx database."""


class ModelError(FactxError):
    """The spaCy pipeline cannot be loaded."""


class DataFileError(FactxError):
    """A data file (gazetteer, patterns, lexicon) is missing or malformed."""


class UsageError(FactxError):
    """An option value that factx cannot interpret (a date filter, a format)."""
