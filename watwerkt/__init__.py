"""The Wat Werkt engine: records in data/ → validated kennisbank → pages. Knows nothing of MkDocs."""
from .errors import UserError
from .kennisbank import Kennisbank
from .loading import InvalidData, Problem, check_data, load_kennisbank

__all__ = ["InvalidData", "Kennisbank", "Problem", "check_data", "load_kennisbank", "UserError"]
