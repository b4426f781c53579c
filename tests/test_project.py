"""The project's own promises: one list of dependencies, the README's two commands."""

from __future__ import annotations

import re
import tomllib

import pytest
from conftest import ROOT


def _names(reqs: list[str]) -> set[str]:
    return {re.split(r"[<>=!~\[ ]", r.strip(), maxsplit=1)[0].lower() for r in reqs if r.strip()}


def test_environment_yml_lists_the_pyproject_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = set(project["dependencies"]) | {r for extra in project["optional-dependencies"].values() for r in extra}
    lines = (ROOT / "environment.yml").read_text().splitlines()
    pip_block = lines[next(i for i, line in enumerate(lines) if line.strip() == "- pip:") + 1 :]
    listed = {line.strip()[2:].strip() for line in pip_block if line.strip().startswith("- ")}
    assert listed == wanted


def test_readme_names_the_two_commands_and_every_licence():
    readme = (ROOT / "README.md").read_text()
    assert "make report" in readme and "make test" in readme
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    deps = _names(project["dependencies"]) | {
        n for extra in project["optional-dependencies"].values() for n in _names(extra)
    }
    missing = [d for d in deps if d not in readme.lower()]
    assert not missing, f"licence not recorded in README for {missing}"


def test_raw_seeds_are_unchanged():
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("no ../shared/seeds beside this clone to compare data/raw with")
    seeds = sorted(shared.glob("*.txt"))
    assert seeds
    for seed in seeds:
        assert (ROOT / "data" / "raw" / seed.name).read_bytes() == seed.read_bytes()


def test_the_readme_example_is_what_the_parser_gives():
    """The README's five-line plan and its task row: the example stays true."""
    from compare.build import parse_text

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## From a plan to a task row", 1)[1].split("\n## ", 1)[0]
    plan = section.split("```", 2)[1].strip("\n")
    header, _, row = [line for line in section.splitlines() if line.startswith("|")][:3]
    shown = dict(zip([c.strip() for c in header.strip("|").split("|")], [c.strip() for c in row.strip("|").split("|")]))
    task = parse_text(plan, "demo").tasks[0]
    got = {k: str(task[k]) for k in shown}
    got["lead_units"] = "[" + ", ".join(task["lead_units"]) + "]"
    assert got == shown
    assert len(plan.splitlines()) == 5
