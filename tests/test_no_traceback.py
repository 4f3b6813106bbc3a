"""No traceback, ever: every command ends with a located Dutch message and a non-zero exit.

Data files that are links, pipes, devices or folders are refused before anything is read; the
commands run here as a contributor runs them (`.venv/bin/watwerkt` in a copy of the project),
and what they print never holds a traceback, a terminal control character, or the content of a
file outside data/.
"""
from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from site_fixtures import FIXTURE_DATA, REPO, build, copy_project, replace_in
from watwerkt import cli
from watwerkt.loading import yaml_source
from watwerkt.publishing.link_check import external_links, source_lines
from watwerkt.loading import check_data
from watwerkt.loading.yaml_source import UnreadableFile, read_regular_file

WATWERKT = Path(sys.executable).parent / "watwerkt"
FIXTURE_DAY = {"SOURCE_DATE_EPOCH": "1795564800"}  # 2026-11-25: the fixture data is fresh then
SECRET = "GEHEIM-7f3a"  # in files outside data/: no message may ever show it
LINK = "is een symbolische link; zet hier het bestand zelf neer (een link wordt nooit gevolgd, ook niet naar een bestand in de repository)"
FIFO = "is een named pipe (FIFO), geen gewoon bestand; zet hier een gewoon bestand neer"
FOLDER = "is een map, geen bestand; zet hier een gewoon bestand neer"
# Any character that steers a terminal; newlines end our lines and are fine.
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def run(*arguments: str, cwd: Path, timeout: float = 30, **environment: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(WATWERKT), *arguments], cwd=cwd, capture_output=True, text=True, timeout=timeout,
        env={**os.environ, **FIXTURE_DAY, **environment},
    )
    assert_no_traceback(result.stdout + result.stderr)
    return result


def assert_no_traceback(output: str) -> None:
    assert "Traceback" not in output and "Exception ignored" not in output, output
    assert not CONTROL.search(output), repr(output)
    assert SECRET not in output, output


def problems(data_dir: Path) -> list[str]:
    _, found = check_data(data_dir, relative_to=data_dir.parent)
    return [str(problem) for problem in found]


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A file outside the repository that a message could leak: valid-looking YAML with a secret."""
    path = tmp_path / "elders" / "geheim.yaml"
    path.parent.mkdir()
    path.write_text(f"- {{id: {SECRET}, naam: {SECRET}\n", encoding="utf-8")
    return path


# --- what a data file may be ------------------------------------------------------------------


def make_broken_link(path: Path, outside: Path) -> None:
    path.symlink_to(path.parent / "bestaat-niet.yaml")


def make_link_loop(path: Path, outside: Path) -> None:
    path.symlink_to(path.parent / "lus.yaml")
    (path.parent / "lus.yaml").symlink_to(path)


def make_self_link(path: Path, outside: Path) -> None:
    path.symlink_to(path.name)


def make_link_to_dev_zero(path: Path, outside: Path) -> None:
    path.symlink_to("/dev/zero")


def make_link_to_dev_urandom(path: Path, outside: Path) -> None:
    path.symlink_to("/dev/urandom")


def make_link_to_etc_passwd(path: Path, outside: Path) -> None:
    path.symlink_to("/etc/passwd")


def make_link_outside(path: Path, outside: Path) -> None:
    path.symlink_to(outside)


def make_relative_link_outside(path: Path, outside: Path) -> None:
    path.symlink_to(os.path.relpath(outside, path.parent))


def make_link_inside_repository(path: Path, outside: Path) -> None:
    """Even a link to a good copy in data/ itself: what it points to can change on its own."""
    shutil.copy(path, path.parent / "kopie.yaml")
    path.unlink()
    path.symlink_to("kopie.yaml")


def make_link_to_folder(path: Path, outside: Path) -> None:
    path.symlink_to(path.parent)


def make_link_to_fifo(path: Path, outside: Path) -> None:
    os.mkfifo(path.parent / "pijp")
    path.symlink_to("pijp")


def make_fifo(path: Path, outside: Path) -> None:
    os.mkfifo(path)


def make_folder(path: Path, outside: Path) -> None:
    path.mkdir()
    (path / "projects.yaml").write_text("- {}\n", encoding="utf-8")


def make_socket(path: Path, outside: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()


def replaced(make):
    def make_in_place(path: Path, outside: Path) -> None:
        path.unlink()
        make(path, outside)

    make_in_place.__name__ = make.__name__
    return make_in_place


LINKS = [
    replaced(make_broken_link), replaced(make_link_loop), replaced(make_self_link), replaced(make_link_to_dev_zero),
    replaced(make_link_to_dev_urandom), replaced(make_link_to_etc_passwd), replaced(make_link_outside),
    replaced(make_relative_link_outside), make_link_inside_repository, replaced(make_link_to_folder), replaced(make_link_to_fifo),
]
OTHER_KINDS = [
    (replaced(make_fifo), FIFO),
    (replaced(make_folder), FOLDER),
    (replaced(make_socket), "is een socket, geen gewoon bestand; zet hier een gewoon bestand neer"),
]
BAD_FILES = [(make, LINK) for make in LINKS] + OTHER_KINDS


@pytest.mark.parametrize(
    ("make", "message"),
    [pytest.param(make, LINK, id=make.__name__) for make in LINKS]
    + [pytest.param(make, message, id=make.__name__) for make, message in OTHER_KINDS],
)
def test_a_data_file_that_is_no_regular_file_is_refused_unread(data_dir, outside, make, message):
    make(data_dir / "themas.yaml", outside)
    started = time.monotonic()
    found = problems(data_dir)
    assert time.monotonic() - started < 5  # a FIFO or /dev/zero would hang or fill the memory
    assert found[0] == f"data/themas.yaml:1: -: -: {message}"
    assert_no_traceback("\n".join(found))


def test_a_device_node_is_refused(data_dir):
    try:
        os.mknod(data_dir / "apparaat", stat.S_IFCHR | 0o644, os.makedev(1, 5))  # /dev/zero's numbers
    except PermissionError:
        pytest.skip("mknod needs CAP_MKNOD")
    (data_dir / "themas.yaml").unlink()
    (data_dir / "apparaat").rename(data_dir / "themas.yaml")
    assert problems(data_dir)[0] == "data/themas.yaml:1: -: -: is een apparaat, geen gewoon bestand; zet hier een gewoon bestand neer"


def test_a_fifo_swapped_in_after_the_check_is_refused_without_waiting(tmp_path, monkeypatch):
    """Between looking at the path and opening it, a regular file can become a FIFO: the open
    does not wait for a writer, and the check on the open file refuses it."""
    regular = tmp_path / "gewoon.yaml"
    regular.write_text("- x\n", encoding="utf-8")
    os.mkfifo(tmp_path / "pijp.yaml")
    real_lstat = os.lstat
    monkeypatch.setattr(yaml_source.os, "lstat", lambda path: real_lstat(regular))
    with pytest.raises(UnreadableFile) as refused:
        read_regular_file(tmp_path / "pijp.yaml", 1024)
    assert refused.value.reason == FIFO


def test_a_link_swapped_in_after_the_check_is_not_followed(tmp_path, outside, monkeypatch):
    regular = tmp_path / "gewoon.yaml"
    regular.write_text("- x\n", encoding="utf-8")
    (tmp_path / "link.yaml").symlink_to(outside)
    real_lstat = os.lstat
    monkeypatch.setattr(yaml_source.os, "lstat", lambda path: real_lstat(regular))
    with pytest.raises(UnreadableFile) as refused:
        read_regular_file(tmp_path / "link.yaml", 1024)
    assert refused.value.reason == "is een symbolische link; zet hier het bestand zelf neer"


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "kan het bestand niet lezen: geen toestemming (rechten)"),
        (OSError(errno.EIO, "Input/output error"), "kan het bestand niet lezen: lees- of schrijffout van de schijf"),
        (OSError(errno.EMFILE, "Too many open files"), "kan het bestand niet lezen: te veel open bestanden"),
        (OSError(errno.ENOTDIR, "Not a directory"), "kan het bestand niet lezen: een deel van het pad is geen map"),
        (OSError(errno.ENOLINK, "Link has been severed"), "kan het bestand niet lezen: systeemfout (Link has been severed)"),
    ],
)
def test_a_file_the_system_will_not_open_gets_the_reason_in_dutch(data_dir, monkeypatch, error, message):
    """Tests run as root, whom chmod 000 does not stop: the refusal is simulated here, and done
    for real as another user below."""
    real_open = os.open

    def refusing_open(path, *arguments, **keywords):
        if str(path).endswith("themas.yaml"):
            raise error
        return real_open(path, *arguments, **keywords)

    monkeypatch.setattr(yaml_source.os, "open", refusing_open)
    assert problems(data_dir)[0] == f"data/themas.yaml:1: -: -: {message}"


def test_bytes_that_are_no_utf8_are_located(data_dir):
    (data_dir / "themas.yaml").write_bytes(b"- id: a\n  naam: b\n  omschrijving: caf\xe9\n")
    assert problems(data_dir) == ["data/themas.yaml:3: -: -: bestand is geen geldige UTF-8-tekst"]


def test_a_file_that_grows_past_the_cap_is_cut_off(tmp_path, monkeypatch):
    """The size is what is read, not what the file said it was a moment ago."""
    path = tmp_path / "groot.yaml"
    path.write_bytes(b"x" * 5000)
    monkeypatch.setattr(yaml_source.os, "fstat", lambda descriptor: os.stat_result((stat.S_IFREG | 0o644, 0, 0, 1, 0, 0, 10, 0, 0, 0)))
    with pytest.raises(UnreadableFile) as refused:
        read_regular_file(path, 2048)
    assert refused.value.reason == "bestand is te groot: 2 KB, hoogstens 2 KB; splits het of haal iets weg"


# --- the commands, as a contributor runs them ----------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A folder with the fixture data in data/, as `watwerkt check` expects in the project."""
    shutil.copytree(FIXTURE_DATA, tmp_path / "project" / "data")
    return tmp_path / "project"


def test_check_refuses_every_bad_file_at_once_in_one_run(project, outside):
    data = project / "data"
    for (make, _), name in zip(BAD_FILES, ("gemeenten", "regios", "themas", "doelgroepen", "begrippen", "aanpakken", "projects", "opleiding", "vaste-links")):
        make(data / f"{name}.yaml", outside)
    result = run("check", cwd=project, timeout=20)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    for name in ("aanpakken", "begrippen", "doelgroepen", "gemeenten", "projects", "regios", "themas"):
        assert f"data/{name}.yaml:1: -: -: {LINK}" in lines
    for name in ("opleiding", "vaste-links"):  # one record per file: named by the file
        assert f"data/{name}.yaml:1: {name}: -: {LINK}" in lines
    assert lines[-1].endswith("problemen gevonden. Los ze op en controleer opnieuw.")


@pytest.mark.parametrize(
    ("make", "message"),
    [(replaced(make_fifo), FIFO), (replaced(make_link_to_dev_zero), LINK), (replaced(make_folder), FOLDER)],
    ids=["fifo", "dev-zero", "folder"],
)
def test_check_answers_a_fifo_a_device_and_a_folder_quickly(project, outside, make, message):
    make(project / "data" / "projects.yaml", outside)
    result = run("check", cwd=project, timeout=20)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == f"data/projects.yaml:1: -: -: {message}"


@pytest.mark.parametrize(
    ("data", "reason"),
    [("bestaat-niet", "bestaat niet"), ("data/projects.yaml", "is geen map"), ("kapotte-link", "bestaat niet"), ("/dev/null", "is geen map")],
)
def test_check_with_a_data_folder_that_is_none(project, data, reason):
    (project / "kapotte-link").symlink_to("nergens")
    result = run("check", "--data", data, cwd=project)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"{data}: {reason}; geef met --data de map met de YAML-bestanden\n")


@pytest.mark.parametrize("epoch", ["abc", "1e9", "99999999999999999999", "12.5", "--1", "\x1b[2J"])
def test_check_with_an_invalid_source_date_epoch(project, epoch):
    result = run("check", cwd=project, SOURCE_DATE_EPOCH=epoch)
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert "SOURCE_DATE_EPOCH" in line and "interne fout" not in line, line


def test_check_in_a_folder_that_was_removed(project):
    """The folder a shell is in can be deleted under it; Path.cwd() then fails."""
    script = f"mkdir weg && cd weg && rmdir ../weg && exec {WATWERKT} check --data {project / 'data'}"
    result = subprocess.run(["sh", "-c", script], cwd=project.parent, capture_output=True, text=True, env=dict(os.environ, **FIXTURE_DAY))
    assert_no_traceback(result.stdout + result.stderr)
    assert (result.returncode, result.stderr) == (1, "de map waarin u werkt bestaat niet meer; ga naar de map van het project en probeer opnieuw\n")


ESCAPES = ["\x1b[2J", "\x1b]0;gehackt\x07", "\x9b2J", "\u202e", "\x08\x08\x08", "\r"]


@pytest.mark.parametrize("escape", ESCAPES, ids=["clear-screen", "window-title", "c1-csi", "bidi-override", "backspaces", "carriage-return"])
@pytest.mark.parametrize("output_format", ["tekst", "github"])
def test_an_id_with_terminal_controls_is_printed_harmless(project, escape, output_format):
    encoded = escape.encode("unicode_escape").decode()  # as YAML writes it between double quotes
    replace_in(project / "data" / "themas.yaml", "- id: schulden", f'- id: "schulden{encoded}"')
    result = run("check", "--format", output_format, cwd=project)
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "schulden" in output  # the id is named, its controls written out


def test_output_into_a_closed_pipe_ends_quietly(project):
    """`watwerkt check --format github | head -1`: the reader leaves, the rest is not said."""
    records = "".join(f"- {{id: t{n}, naam: '', omschrijving: ''}}\n" for n in range(3000))
    (project / "data" / "themas.yaml").write_text(records, encoding="utf-8")
    script = f"{WATWERKT} check --format github | head -1"
    result = subprocess.run(["sh", "-c", script], cwd=project, capture_output=True, text=True, env=dict(os.environ, **FIXTURE_DAY), timeout=60)
    assert_no_traceback(result.stdout + result.stderr)
    assert result.stdout.startswith("::error file=data/")
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (("aanmelding", "bestaat-niet.md"), "bestaat-niet.md"),
        (("aanmelding", "data"), "data"),
    ],
)
def test_submission_with_an_issue_file_that_is_none(project, arguments, expected):
    result = run(*arguments, cwd=project)
    assert result.returncode == 1
    assert expected in result.stderr


# --- schema: writes into the folder it is run in ------------------------------------------------


def test_schema_in_an_empty_folder_writes_everything(tmp_path):
    result = run("schema", cwd=tmp_path)
    assert result.returncode == 0
    assert (tmp_path / "CONTRIBUTING.md").is_file() and (tmp_path / ".github" / "ISSUE_TEMPLATE" / "project.yml").is_file()
    assert sorted(path.name for path in (tmp_path / "schema").iterdir())


SCHEMA_ADVICE = (
    "; `watwerkt schema` schrijft schema/, CONTRIBUTING.md en .github/ISSUE_TEMPLATE/ in de map waarin u werkt: "
    "draai het in de map van het project\n"
)


def test_schema_where_schema_is_a_file(tmp_path):
    (tmp_path / "schema").write_text("geen map", encoding="utf-8")
    result = run("schema", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"kan '{tmp_path / 'schema'}' niet gebruiken: bestaat al{SCHEMA_ADVICE}"


def test_schema_where_a_schema_file_is_a_folder(tmp_path):
    first = run("schema", cwd=tmp_path)
    [json_file] = [line.removeprefix("geschreven: ") for line in first.stdout.splitlines() if line.endswith(".json")][:1]
    (tmp_path / json_file).unlink()
    (tmp_path / json_file).mkdir()
    (tmp_path / "CONTRIBUTING.md").write_text("oud", encoding="utf-8")
    result = run("schema", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == f"{tmp_path / json_file}:1: is een map, geen bestand; zet hier een gewoon bestand neer\n"


def test_schema_in_a_folder_that_was_removed(tmp_path):
    script = f"mkdir weg && cd weg && rmdir ../weg && exec {WATWERKT} schema"
    result = subprocess.run(["sh", "-c", script], cwd=tmp_path, capture_output=True, text=True)
    assert_no_traceback(result.stdout + result.stderr)
    assert (result.returncode, result.stderr) == (1, "de map waarin u werkt bestaat niet meer; ga naar de map van het project en probeer opnieuw\n")


# --- without root's power over file modes: read-only folders and unreadable files, for real ---


def _without_file_mode_override() -> None:
    """Drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH for good, so that root obeys chmod like anyone."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def run_obeying_file_modes(arguments: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """The tests run as root, whom chmod does not stop; the command here runs as if it were not."""
    result = subprocess.run(
        [str(WATWERKT), *arguments], cwd=cwd, capture_output=True, text=True, timeout=30,
        env=dict(os.environ, **FIXTURE_DAY), preexec_fn=_without_file_mode_override if os.geteuid() == 0 else None,
    )
    assert_no_traceback(result.stdout + result.stderr)
    return result


def test_schema_in_a_read_only_folder(tmp_path):
    tmp_path.chmod(0o555)
    result = run_obeying_file_modes(["schema"], tmp_path)
    tmp_path.chmod(0o755)
    assert result.returncode == 1
    assert result.stderr == f"kan '{tmp_path / 'schema'}' niet gebruiken: geen toestemming (rechten){SCHEMA_ADVICE}"


def test_check_of_an_unreadable_file_in_a_read_only_data_folder(project):
    data = project / "data"
    for path in [project, data, *data.iterdir()]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    (data / "themas.yaml").chmod(0o000)
    result = run_obeying_file_modes(["check"], project)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == "data/themas.yaml:1: -: -: kan het bestand niet lezen: geen toestemming (rechten)"


def test_check_of_a_data_folder_that_may_not_be_entered(project):
    (project / "data").chmod(0o000)
    result = run_obeying_file_modes(["check"], project)
    (project / "data").chmod(0o755)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == "data/aanpakken.yaml:1: -: -: kan het bestand niet lezen: geen toestemming (rechten)"


# --- links: reads the built site ---------------------------------------------------------------


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text('<a href="https://example.org/">x</a>', encoding="utf-8")
    return site


def test_links_without_a_site(tmp_path):
    result = run("links", "--site", "nergens", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", "nergens/ bevat geen gebouwde site; bouw hem eerst met `make build`.\n")


def test_links_with_a_file_for_a_site(tmp_path):
    (tmp_path / "site").write_text("x", encoding="utf-8")
    result = run("links", "--site", "site", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, "site/ bevat geen gebouwde site; bouw hem eerst met `make build`.\n")


@pytest.mark.parametrize(
    ("page", "make", "message"),
    [
        ("index.html", lambda path: (path.unlink(), os.mkfifo(path)), FIFO),
        ("index.html", lambda path: (path.unlink(), path.symlink_to("/dev/zero")), LINK),
        ("over/index.html", lambda path: (path.parent.mkdir(), os.mkfifo(path)), FIFO),
        ("map.html", lambda path: path.mkdir(), FOLDER),
        ("sitemap.xml", lambda path: os.mkfifo(path), FIFO),
        ("kapot.html", lambda path: path.write_bytes(b"<p>\n<p>\n\xff\xfe</p>"), "bestand is geen geldige UTF-8-tekst"),
        ("sitemap.xml", lambda path: path.write_bytes(b"<loc>\x80</loc>"), "bestand is geen geldige UTF-8-tekst"),
    ],
    ids=["index-fifo", "index-dev-zero", "page-fifo", "folder-named-html", "sitemap-fifo", "page-not-utf8", "sitemap-not-utf8"],
)
def test_links_with_a_page_that_cannot_be_read(tmp_path, site, page, make, message):
    make(site / page)
    result = run("links", "--site", "site", cwd=tmp_path, timeout=20)
    line = 3 if page == "kapot.html" else 1
    assert (result.returncode, result.stdout, result.stderr) == (1, "", f"site/{page}:{line}: {message}\n")


def test_the_sources_of_a_link_are_read_safely(tmp_path, outside):
    (tmp_path / "projects.yaml").symlink_to(outside)
    with pytest.raises(UnreadableFile, match="symbolische link"):
        source_lines("https://example.org/", [tmp_path / "projects.yaml"])


def test_a_symlinked_page_is_not_followed(site, outside):
    (site / "elders.html").symlink_to(outside)
    with pytest.raises(UnreadableFile) as refused:
        external_links(site)
    assert str(refused.value) == f"{site / 'elders.html'}:1: {LINK}"


def test_links_stopped_with_ctrl_c(tmp_path, site):
    """A server that never answers: Ctrl+C ends the wait with one line and exit 130."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    (site / "index.html").write_text(f'<a href="http://127.0.0.1:{silent.getsockname()[1]}/">x</a>', encoding="utf-8")
    process = subprocess.Popen(
        [str(WATWERKT), "links", "--site", "site", "--timeout", "2"], cwd=tmp_path,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    connection, _ = silent.accept()  # the request has been sent: the command now waits
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=20)
    connection.close()
    silent.close()
    assert_no_traceback(stdout + stderr)
    assert (process.returncode, stderr) == (130, "afgebroken\n")


# --- the last resort ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "code", "message"),
    [
        (KeyboardInterrupt(), 130, "afgebroken"),
        (RecursionError("maximum recursion depth exceeded"), 70, "interne fout in watwerkt: RecursionError; meld dit"),
        (MemoryError(), 70, "interne fout in watwerkt: MemoryError; meld dit"),
        (ValueError("\x1b[2J geheim"), 70, "interne fout in watwerkt: ValueError; meld dit"),
        (PermissionError(errno.EACCES, "Permission denied", "data/x\x1b[2J.yaml"), 1, "kan 'data/x\\x1b[2J.yaml' niet gebruiken: geen toestemming (rechten)"),
        (OSError(errno.ENOSPC, "No space left on device"), 1, "systeemfout: de schijf is vol"),
        (FileNotFoundError(errno.ENOENT, "No such file", "a", None, "b"), 1, "kan 'a' en 'b' niet gebruiken: bestaat niet"),
    ],
)
def test_whatever_escapes_a_command_ends_in_one_dutch_line(data_dir, monkeypatch, capsys, error, code, message):
    def failing(*arguments, **keywords):
        raise error

    monkeypatch.setattr(cli, "check_data", failing)
    assert cli.main(["check", "--data", str(data_dir)]) == code
    output = capsys.readouterr()
    assert (output.out, output.err) == ("", message + "\n")


# --- watwerkt build: the same refusals stop the build ---------------------------------------------


@pytest.mark.parametrize(
    ("make", "environment", "expected"),
    [
        pytest.param(
            replaced(make_broken_link), {}, f"data/themas.yaml:1: -: -: {LINK}", id="broken-link",
        ),
        pytest.param(replaced(make_fifo), {}, f"data/themas.yaml:1: -: -: {FIFO}", id="fifo"),
        pytest.param(replaced(make_link_to_dev_zero), {}, f"data/themas.yaml:1: -: -: {LINK}", id="dev-zero"),
        pytest.param(None, {"SOURCE_DATE_EPOCH": "abc"}, "SOURCE_DATE_EPOCH", id="source-date-epoch"),
    ],
)
def test_a_build_stops_with_a_located_dutch_line(tmp_path, outside, make, environment, expected):
    project = copy_project(tmp_path / "project")
    if make:
        make(project / "data" / "themas.yaml", outside)
    started = time.monotonic()
    result = build(project, tmp_path / "site", **environment)
    assert time.monotonic() - started < 120
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output and SECRET not in output, output
    assert any(line.startswith(expected) for line in output.splitlines()), output
    assert not (tmp_path / "site" / "index.html").exists()


# --- make build: the new site is swapped in whole, or not at all --------------------------------

FAKE_BUILD = """#!/bin/sh
# Stands in for `watwerkt build --site DIR`: writes DIR/index.html, or fails half-way.
while [ $# -gt 0 ]; do [ "$1" = --site ] && out=$2; shift; done
mkdir -p "$out" && echo nieuw > "$out/index.html"
[ -z "$FAIL" ] || { echo "Aborted with a BuildError" >&2; exit 1; }
"""


@pytest.fixture
def make_project(tmp_path: Path) -> Path:
    """The Makefile with a stand-in `watwerkt build`: tests the swap, not the site (that takes 30 s)."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("Makefile", "pyproject.toml", "constraints.txt"):
        shutil.copy(REPO / name, project / name)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python").symlink_to(sys.executable)
    (bin_dir / "watwerkt").write_text(FAKE_BUILD, encoding="utf-8")
    (bin_dir / "watwerkt").chmod(0o755)
    (bin_dir / ".installed").touch()
    return project


def make_build(project: Path, **environment: str) -> subprocess.CompletedProcess:
    bin_dir = project.parent / "bin"
    return subprocess.run(
        ["make", "-s", "-o", f"{bin_dir}/.installed", f"BIN={bin_dir}", "build"], cwd=project,
        capture_output=True, text=True, timeout=60, env={**os.environ, "SITE_URL": "https://example.org/", **environment},
    )


def old_site(project: Path) -> int:
    """A site of 500 pages: removing it takes long enough to be seen."""
    (project / "site").mkdir()
    for number in range(500):
        (project / "site" / f"{number}.html").touch()
    (project / "site" / "index.html").write_text("oud\n", encoding="utf-8")
    return (project / "site").stat().st_ino


def test_make_build_that_fails_leaves_the_site_as_it_was(make_project):
    inode = old_site(make_project)
    result = make_build(make_project, FAIL="1")
    assert result.returncode != 0
    assert (make_project / "site" / "index.html").read_text(encoding="utf-8") == "oud\n"
    assert (make_project / "site").stat().st_ino == inode


def test_make_build_swaps_the_new_site_in_without_a_moment_without_one(make_project):
    old_site(make_project)
    index = make_project / "site" / "index.html"
    process = subprocess.Popen(
        ["make", "-s", "-o", f"{make_project.parent / 'bin'}/.installed", f"BIN={make_project.parent / 'bin'}", "build"],
        cwd=make_project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    missing = 0
    while process.poll() is None:
        missing += not index.exists()
    stdout, stderr = process.communicate()
    assert (process.returncode, missing) == (0, 0), stderr
    assert index.read_text(encoding="utf-8") == "nieuw\n"
    assert sorted(path.name for path in make_project.iterdir()) == ["Makefile", "constraints.txt", "pyproject.toml", "site"]
    assert "De site wordt gebouwd in .site-new/" in stdout and stdout.endswith("Klaar: de nieuwe site staat in site/.\n")


def test_make_build_the_first_time(make_project):
    result = make_build(make_project)
    assert result.returncode == 0, result.stderr
    assert (make_project / "site" / "index.html").read_text(encoding="utf-8") == "nieuw\n"
    assert not (make_project / ".site-new").exists()


def test_schema_check_does_not_wait_on_a_fifo_where_a_schema_belongs(tmp_path):
    (tmp_path / "schema").mkdir()
    os.mkfifo(tmp_path / "schema" / "projects.schema.json")
    result = run("schema", "--check", cwd=tmp_path, timeout=20)
    assert result.returncode == 1
    assert "schema/projects.schema.json:1: is een named pipe (FIFO), geen gewoon bestand" in result.stderr
    assert "Traceback" not in result.stderr
