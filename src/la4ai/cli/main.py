"""``la4ai``: parse flags, call one function per command, turn domain errors into exit codes.

Logs go to stderr; stdout carries only the command's result.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from pydantic import ValidationError

from la4ai import __version__
from la4ai.errors import ContentInvalid, La4aiError

__all__ = ["main"]

content_dir_option = click.option(
    "--content-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Course content folder (default: LA4AI_CONTENT_DIR or the shipped content).",
)


def _content_dir(option: Path | None) -> Path:
    from la4ai.settings import get_settings

    return option if option is not None else get_settings().content_dir


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="la4ai")
def cli() -> None:
    """la4ai — Linear Algebra for AI, an interactive course with runnable Python."""


@cli.command()
@click.option("--host", default=None, help="Interface to listen on (default: LA4AI_HOST).")
@click.option("--port", type=int, default=None, help="Port (default: LA4AI_PORT, 8421).")
@click.option("--no-open", is_flag=True, help="Do not open a web browser.")
def serve(host: str | None, port: int | None, no_open: bool) -> None:
    """Run the web app."""
    from la4ai.cli.serve import run_server

    run_server(host=host, port=port, open_browser=False if no_open else None)


@cli.group()
def content() -> None:
    """Work with the course content."""


@content.command("validate")
@content_dir_option
def content_validate(content_dir: Path | None) -> None:
    """Check all course content; every problem is reported with its file and line."""
    from la4ai.cli.content import validate

    sys.exit(validate(_content_dir(content_dir)))


@content.command("cells")
@content_dir_option
@click.argument("module_ids", nargs=-1)
def content_cells(content_dir: Path | None, module_ids: tuple[str, ...]) -> None:
    """Run every lesson cell (or those of MODULE_IDS) and compare with its output block."""
    from la4ai.cli.content import run_lesson_cells

    sys.exit(run_lesson_cells(_content_dir(content_dir), list(module_ids)))


@cli.group()
def db() -> None:
    """Manage the database."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Apply pending migrations to the configured database."""
    from la4ai.settings import get_settings
    from la4ai.store.migrate import upgrade_database

    revision = upgrade_database(get_settings().resolved_database_url())
    click.echo(f"database is at revision {revision}")


@cli.group()
def sandbox() -> None:
    """Run code in the sandbox learners' code runs in (diagnostics for operators)."""


@sandbox.command("run")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (see DESIGN.md).")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=None,
    help="Wall-clock limit in seconds (default: LA4AI_TIME_LIMIT_S, 30).",
)
def sandbox_run(file: Path, as_json: bool, timeout: float | None) -> None:
    """Run the Python FILE to completion with the same walls and limits as learner code.

    Exit status: 0 when the program succeeded, 1 otherwise."""
    from la4ai.cli.sandbox import run

    sys.exit(run(file, as_json=as_json, timeout=timeout))


@cli.command()
@click.argument("lab_id")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (see DESIGN.md).")
@click.option("--seed", type=click.IntRange(min=0), default=None, help="Seed of the random inputs.")
@content_dir_option
def check(
    lab_id: str, file: Path, as_json: bool, seed: int | None, content_dir: Path | None
) -> None:
    """Grade FILE (a learner's lab.py) against the checks of the lab LAB_ID (a module id,
    e.g. vectors), in a sandboxed checker, exactly as the web app grades it.

    Exit status: 0 when every check passed, 1 otherwise."""
    from la4ai.cli.check import check_file

    sys.exit(
        check_file(lab_id, file, as_json=as_json, seed=seed, content_dir=_content_dir(content_dir))
    )


@cli.command("ask")
@click.argument("question", required=False)
@click.option(
    "--batch",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    default=None,
    help="Answer every question in FILE (one per line, or JSONL objects with a q field; "
    "- for stdin), one answer per line, in order.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per answer.")
@click.option("--receipt", "show_receipt", is_flag=True, help="Also print the receipt's code.")
@content_dir_option
def ask_command(
    question: str | None,
    batch: Path | None,
    as_json: bool,
    show_receipt: bool,
    content_dir: Path | None,
) -> None:
    """Ask the tutor QUESTION (offline: no network, no key). Every number it gives was
    computed and then checked by independent code run in the sandbox; when it cannot
    check an answer it declines and says why.

    Exit status: 0 when answered (always 0 with --batch), 1 when declined."""
    from la4ai.cli.ask import ask, ask_batch

    if (question is None) == (batch is None):
        raise click.UsageError("give either a QUESTION or --batch FILE")
    directory = _content_dir(content_dir)
    if batch is not None:
        sys.exit(ask_batch(batch, as_json=as_json, content_dir=directory))
    assert question is not None
    sys.exit(ask(question, as_json=as_json, show_receipt=show_receipt, content_dir=directory))


@cli.group()
def export() -> None:
    """Export course material to other formats."""


@export.command("notebook")
@click.argument("lab_id")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    default=None,
    help="File to write (default: LAB_ID.ipynb here; - for stdout).",
)
@content_dir_option
def export_notebook(lab_id: str, output: Path | None, content_dir: Path | None) -> None:
    """Write the lesson and lab of LAB_ID as a Jupyter notebook.

    LAB_ID is a module id, e.g. vectors. The notebook's last cell grades your code with
    `la4ai.labkit.check`: the same checks in the same sandbox as the web app and `la4ai check`."""
    from la4ai.cli.export import export_notebook as export_to

    sys.exit(export_to(lab_id, output, _content_dir(content_dir)))


@cli.command()
def doctor() -> None:
    """Show the settings and what is available: sandbox, extras, database, tutor."""
    from la4ai.cli.doctor import report

    click.echo(report())


def _settings_problems(exc: ValidationError) -> str:
    """A settings error as one line per problem, naming the environment variable (and
    never echoing the value: it may be a key)."""
    lines = []
    for error in exc.errors(include_input=False, include_url=False):
        field = ".".join(str(part) for part in error["loc"])
        name = f"LA4AI_{field.upper()}" if field else "settings"
        message = str(error["msg"]).removeprefix("Value error, ")
        lines.append(f"configuration error: {name}: {message}")
    return "\n".join(lines)


def main() -> None:
    try:
        cli(standalone_mode=True)
    except ValidationError as exc:
        click.echo(_settings_problems(exc), err=True)
        sys.exit(2)
    except ContentInvalid as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    except La4aiError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
