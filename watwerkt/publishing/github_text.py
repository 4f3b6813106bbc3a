"""Text from the data inside Markdown that GitHub shows (a pull request's preview comment, the
maintenance issue): as inline code, GitHub makes nothing of it, no link, mention, reference or
HTML."""
from __future__ import annotations

import re
from typing import Any

from ..loading import printable
from ..loading.yaml_source import shortened


def inline_code(value: Any, limit: int | None = None, *, empty: str = "") -> str:
    """`value` on one line (shortened to `limit`) as a code span. The fence is one backtick
    longer than any run of backticks inside, so nothing in it can close it early."""
    text = printable(shortened(value, limit) if limit else " ".join(str(value).split())) or empty
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""  # one space each side is dropped again
    return f"{fence}{padding}{text}{padding}{fence}"
