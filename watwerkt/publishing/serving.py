"""`watwerkt serve`: the site as `watwerkt build` makes it, on a local address, built again when
a source changes.

It serves exactly what a build publishes (the Content-Security-Policy and the search included),
from a finished folder: a rebuild writes a new folder and then switches to it, so the browser
never sees half a site, and a rebuild that fails leaves the last good site standing with the
reason in the terminal. Reload the page in the browser to see a change.
"""
from __future__ import annotations

import shutil
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread
from typing import Callable

from ..errors import UserError
from .staging import build, failure_message

WATCHED = ("data", "docs", "overrides", "macros", "mkdocs.yml")
SITES = Path(".watwerkt") / "serve"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # one line per request would bury the build's lines
        pass


def sources_signature(project_dir: Path) -> tuple:
    """What changes when any watched source changes: every file's name, size and time."""
    signature = []
    for name in WATCHED:
        root = project_dir / name
        paths = [root] if root.is_file() else sorted(path for path in root.rglob("*") if path.is_file() and "__pycache__" not in path.parts)
        signature += [(str(path), path.stat().st_size, path.stat().st_mtime_ns) for path in paths if path.exists()]
    return tuple(signature)


def serve(project_dir: Path, *, address: str, port: int, say: Callable[[str], None] = print, interval: float = 1.0) -> None:
    """Build, serve, and build again on every change, until Ctrl+C."""
    project_dir = project_dir.resolve()
    sites = project_dir / SITES
    shutil.rmtree(sites, ignore_errors=True)
    current: dict[str, Path] = {}

    def rebuild(number: int) -> None:
        target = sites / f"site-{number}"
        build(project_dir, target, say=say)
        previous = current.get("site")
        current["site"] = target
        if previous:
            shutil.rmtree(previous, ignore_errors=True)

    seen = sources_signature(project_dir)
    rebuild(1)  # a first build that fails stops here, with its reason
    handler = lambda *arguments: _QuietHandler(*arguments, directory=str(current["site"]))  # noqa: E731  the folder of this moment
    try:
        server = ThreadingHTTPServer((address, port), handler)
    except OSError as error:
        raise UserError(f"kan niet luisteren op {address}:{port} ({error.strerror}); is er al een site actief?") from None
    Thread(target=server.serve_forever, daemon=True).start()
    say(f"De site staat op http://{address}:{port}/ . Wijzig je iets in {', '.join(WATCHED)}, dan wordt hij opnieuw gebouwd. Stoppen: Ctrl+C.")
    number = 1
    try:
        while True:
            time.sleep(interval)
            now = sources_signature(project_dir)
            if now == seen:
                continue
            seen, number = now, number + 1
            say("Wijziging gezien; de site wordt opnieuw gebouwd.")
            try:
                rebuild(number)
                say(f"Klaar: ververs de pagina op http://{address}:{port}/ .")
            except UserError as error:
                say(f"{failure_message(error)}\nDe vorige versie van de site blijft staan.")
    finally:
        server.shutdown()
        server.server_close()
        shutil.rmtree(sites, ignore_errors=True)


