"""`watwerkt serve`: the site as `watwerkt build` makes it, on a local address, built again when
a source changes.

It serves exactly what a build publishes (the Content-Security-Policy and the search included),
from a finished folder: a rebuild writes a new folder and then switches to it, so the browser
never sees half a site, and a rebuild that fails leaves the last good site standing with the
reason in the terminal. An open page reloads itself when a new build is in place.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread
from typing import Callable

from ..errors import UserError
from ..reuse import keep_between_builds
from .search_index import SEARCH_INDEX, SearchIndexError, build_search_index
from .staging import BuiltFrom, build, failure_message

# The engine's folder too: its templates, styles and scripts are read again on every build
# (its Python code only when serve starts again, which the terminal then says).
WATCHED = ("data", "docs", "overrides", "macros", "watwerkt", "mkdocs.yml")
SITES = Path(".watwerkt") / "serve"


# While serving, every page gets one more script, which asks for the build's number twice a
# second and reloads the page when it changed: an edit shows without touching the browser. Served from
# the site's own origin, so the page's Content-Security-Policy allows it; never in a built site.
RELOAD_SCRIPT_PATH = "/__watwerkt/herladen.js"
BUILD_NUMBER_PATH = "/__watwerkt/versie"
RELOAD_SCRIPT = f"""(function () {{
  var seen = null;
  setInterval(function () {{
    fetch("{BUILD_NUMBER_PATH}", {{ cache: "no-store" }}).then(function (answer) {{ return answer.text(); }}).then(function (number) {{
      if (seen === null) seen = number;
      else if (number !== seen) location.reload();
    }}).catch(function () {{ /* the server restarts: ask again */ }});
  }}, 500);
}})();
"""


class _ServeHandler(SimpleHTTPRequestHandler):
    build_number = "0"

    def log_message(self, *args) -> None:  # one line per request would bury the build's lines
        pass

    def do_GET(self) -> None:
        if self.path == BUILD_NUMBER_PATH:
            return self._answer(self.build_number.encode("utf-8"), "text/plain; charset=utf-8")
        if self.path == RELOAD_SCRIPT_PATH:
            return self._answer(RELOAD_SCRIPT.encode("utf-8"), "text/javascript; charset=utf-8")
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file() and self.path.split("?")[0].endswith(("/", ".html")):
            page = path.read_text(encoding="utf-8")
            script = f'<script src="{RELOAD_SCRIPT_PATH}" defer></script>'
            return self._answer(page.replace("</body>", script + "</body>", 1).encode("utf-8"), "text/html; charset=utf-8")
        return super().do_GET()

    def _answer(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def sources_signature(project_dir: Path) -> tuple:
    """What changes when any watched source changes: every file's name, size and time."""
    signature = []
    for name in WATCHED:
        root = project_dir / name
        paths = [root] if root.is_file() else sorted(path for path in root.rglob("*") if path.is_file() and "__pycache__" not in path.parts)
        signature += [(str(path), path.stat().st_size, path.stat().st_mtime_ns) for path in paths if path.exists()]
    return tuple(signature)


def serve(project_dir: Path, *, address: str, port: int, say: Callable[[str], None] = print, interval: float = 0.25) -> None:
    """Build, serve, and build again on every change, until Ctrl+C."""
    project_dir = project_dir.resolve()
    keep_between_builds()  # a rebuild makes again only what was made from inputs that changed
    sites = project_dir / SITES
    shutil.rmtree(sites, ignore_errors=True)
    # Two sites take turns: one is served while the other is brought up to date, page by page
    # when the frame of every page (theme, configuration, the set of files) is what it was
    # built with, else whole. The browser never sees a site half done.
    halves = (sites / "a", sites / "b")
    built_from: dict[Path, BuiltFrom] = {}  # each half → what it was last built from
    current: dict[str, Path] = {}

    def rebuild(number: int) -> None:
        previous = current.get("site")
        target = halves[1] if previous == halves[0] else halves[0]  # never the half being served
        before = built_from.pop(target, None)  # until this build succeeds, the half is not up to date
        # A rebuild shows the edit first: the search index moves over from the last site and
        # is made again once the new site stands; the readability report is `make build`'s.
        staged = build(project_dir, target, say=say, search=previous is None, readability=previous is None, built_from=before)
        built_from[target] = staged.built_from()
        if previous and (previous / SEARCH_INDEX).is_dir():
            shutil.rmtree(target / SEARCH_INDEX, ignore_errors=True)
            os.replace(previous / SEARCH_INDEX, target / SEARCH_INDEX)
        current["site"] = target
        _ServeHandler.build_number = str(number)
        if previous is None:  # the other half starts as a copy, so the first edit is quick too
            other = halves[1] if target == halves[0] else halves[0]
            _copy_site(target, other)
            built_from[other] = built_from[target]
        else:
            newest_index["stop"].set()  # a newer site: the index of the last one is not needed
            newest_index["stop"] = threading.Event()
            indexing.submit(_renew_search_index, target, say, newest_index["stop"])

    seen = sources_signature(project_dir)
    indexing = ThreadPoolExecutor(max_workers=1)  # one search index at a time, the newest last
    newest_index = {"stop": threading.Event()}  # set when the index being made is no longer needed
    rebuild(1)  # a first build that fails stops here, with its reason
    def handler(*arguments):  # serves the folder of this moment's build
        return _ServeHandler(*arguments, directory=str(current["site"]))
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
            changed_code = [path for path, *_ in set(now) ^ set(seen) if path.endswith(".py") and Path(path).relative_to(project_dir).parts[0] == "watwerkt"]
            seen, number = now, number + 1
            newest_index["stop"].set()  # the rebuild gets the machine; the index follows it
            say("Wijziging gezien; de site wordt opnieuw gebouwd.")
            if changed_code:
                say("Let op: de Python-code van watwerkt is gewijzigd; stop (Ctrl+C) en start opnieuw om die te gebruiken.")
            try:
                rebuild(number)
                say(
                    f"Klaar: een open pagina op http://{address}:{port}/ laadt zichzelf opnieuw. De zoekindex wordt nu bijgewerkt; "
                    "het leesbaarheidsverslag (leesbaarheid.csv) maakt `make build`."
                )
            except UserError as error:
                say(f"{failure_message(error)}\nDe vorige versie van de site blijft staan.")
    finally:
        newest_index["stop"].set()
        server.shutdown()
        server.server_close()
        indexing.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(sites, ignore_errors=True)


def _copy_site(source: Path, target: Path) -> None:
    """`source` copied to `target` with the files' times, as `--dirty` needs them: by `cp -a`
    (three times as fast as Python at 10,000 pages), else by Python."""
    try:
        subprocess.run(["cp", "-a", "--", str(source), str(target)], check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(source, target, copy_function=shutil.copy2)


# The search index is made again once the sources have been still this long: an editor who
# edits again soon gets the whole machine for the rebuild, not half of it.
SEARCH_INDEX_AFTER = 3.0  # seconds


def _renew_search_index(site: Path, say: Callable[[str], None], stop: threading.Event) -> None:
    """Index `site` again beside the index it serves, then swap the two; when `stop` is set
    first (a newer build is coming), the index it serves stays and the newer build makes one."""
    if stop.wait(SEARCH_INDEX_AFTER) or not site.is_dir():
        return
    fresh, old = site / (SEARCH_INDEX + ".nieuw"), site / (SEARCH_INDEX + ".oud")
    try:
        build_search_index(site, output=fresh, stop=stop)
        if (site / SEARCH_INDEX).exists():
            os.replace(site / SEARCH_INDEX, old)
        os.replace(fresh, site / SEARCH_INDEX)
        shutil.rmtree(old, ignore_errors=True)
        say("Zoekindex bijgewerkt.")
    except (OSError, SearchIndexError):
        shutil.rmtree(fresh, ignore_errors=True)  # the site was replaced meanwhile, or Pagefind failed: the last index stays


