"""Configuration checking: types and positions of nested settings — through the real command line
where the behaviour is visible there, else through the functions."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from run_helpers import cli, put

from xxgk_lint.run.config import ConfigError, load_config


def config_error(tmp_path: Path, text: str, name: str = "xxgk-lint.toml") -> str:
    """The first line of the CLI's error for this configuration, path made relative."""
    (tmp_path / name).write_text(textwrap.dedent(text).lstrip("\n"), "utf-8")
    put(tmp_path, "r.txt")
    proc = cli("r.txt", cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    return proc.stderr.replace(str(tmp_path / name), name).strip()


# --- 1. list-valued settings are lists of strings ------------------------------------------------

def test_per_file_ignores_string_is_an_error_not_every_c_rule_disabled(tmp_path):
    err = config_error(tmp_path, '''
        [per-file-ignores]
        "f1.txt" = "C001"
        ''')
    assert err.startswith('xxgk-lint.toml:2:1: error: `"f1.txt"` in `per-file-ignores` must be a list of strings')
    assert err.endswith('"f1.txt" = "C001"')  # the snippet


@pytest.mark.parametrize("key", ["select", "ignore", "extend-select", "extend-rules", "exclude", "extend-exclude"])
@pytest.mark.parametrize("value, kind", [('"C001"', "not a string"), ("[1, 2]", "holds an integer"),
                                         ('["C", ["N"]]', "holds an array"), ("true", "not a boolean")])
def test_list_settings_must_be_lists_of_strings(tmp_path, key, value, kind):
    err = config_error(tmp_path, f'lang = "zh"\n{key} = {value}\n')
    assert err.splitlines()[0].startswith(f"xxgk-lint.toml:2:1: error: `{key}` must be a list of strings")
    assert kind in err and err.endswith(f"{key} = {value}")


def test_list_values_in_pyproject_are_checked_too(tmp_path):
    err = config_error(tmp_path, '''
        [project]
        name = "x"

        [tool.xxgk-lint.per-file-ignores]
        "a/*" = ["C001"]
        "b/*" = "C001"
        ''', "pyproject.toml")
    assert err.startswith('pyproject.toml:6:1: error: `"b/*"` in `per-file-ignores` must be a list of strings')


# --- 2. nested settings are reported where they are ---------------------------------------------

NESTED = [
    ('lang = "zh"\n[severity]\nN001 = "error"\n  N002 = "fatal"\n',
     "4:3", "the severity of `N002` must be error, warning or info, not `fatal`", 'N002 = "fatal"'),
    ('lang = "zh"\nseverity = { N001 = "error", "N002" = "fatal" }\n',
     "2:30", "the severity of `N002`", 'severity = { N001 = "error", "N002" = "fatal" }'),
    ('severity.N002 = 3\n', "1:1", "not an integer", "severity.N002 = 3"),
    ('[[suppress]]\nfiles = "*"\ncode = "N001"\nreason = "ok"\n\n[[suppress]]\nfiles = "*"\ncode = "N002"\n',
     "6:1", "a `suppress` entry needs `reason`", "[[suppress]]"),
    ('[[suppress]]\nfiles = "*"\ncode = "N001"\nreason = "ok"\nlocaton = "*"\n',
     "5:1", "unknown key `locaton` in `suppress` — did you mean `location`?", 'locaton = "*"'),
    ('suppress = [\n  {files = "*", code = "N001", reason = "ok"},\n  {files = "*", code = 7, reason = "ok"},\n]\n',
     "3:17", "`suppress.code` must be a string, not an integer", '{files = "*", code = 7, reason = "ok"},'),
    ('[[overrides]]\nfiles = "a/*"\n[[overrides]]\nfiles = "b/*"\n  tempalte = "2019"\n',
     "5:3", "unknown key `tempalte` in `overrides` — did you mean `template`?", 'tempalte = "2019"'),
    ('[[overrides]]\nfiles = "a"\ntemplate = "2019"\n[[overrides]]\nfiles = "b"\ntemplate = "2020"\n',
     "6:1", "`overrides.template` must be 2019 or 2021, not `2020`", 'template = "2020"'),
    ('[[overrides]]\nfiles = "a/*"\nyear = true\n', "3:1", "`overrides.year` must be an integer", "year = true"),
    ('[[overrides]]\ntemplate = "2019"\n', "1:1", "an `overrides` entry needs `files`", "[[overrides]]"),
    ('lang = "zh"\n[suppress]\nfiles = "*"\n', "2:1", "`suppress` must be an array of tables", "[suppress]"),
    ('desc = """\ncache = 1\n"""\n', "1:1", "unknown key `desc`", 'desc = """'),  # not inside the string
]


@pytest.mark.parametrize("text, where, message, snippet", NESTED)
def test_nested_errors_point_at_the_key(tmp_path, text, where, message, snippet):
    first, *rest = config_error(tmp_path, text).splitlines()
    assert first.startswith(f"xxgk-lint.toml:{where}: error: ") and message in first
    assert rest == [f"    {snippet}"]


@pytest.mark.parametrize("text, where, snippet", [
    ('[tool.xxgk-lint]\nlang = "zh"\n\n[tool.xxgk-lint.severity]\nN001 = "error"\nN002 = "fatal"\n', "6:1",
     'N002 = "fatal"'),
    ('[tool.xxgk-lint]\nlang = "zh"\n[[tool.xxgk-lint.suppress]]\nfiles = "*"\ncode = "N001"\nreason = "ok"\n'
     '[[tool.xxgk-lint.suppress]]\nfiles = "*"\ncode = "N001"\n', "7:1", "[[tool.xxgk-lint.suppress]]"),
    ('[tool.xxgk-lint]\nlang = "zh"\n[[tool.xxgk-lint.overrides]]\nfiles = "a"\nyeer = 2020\n', "5:1", "yeer = 2020"),
])
def test_nested_errors_in_pyproject(tmp_path, text, where, snippet):
    first, *rest = config_error(tmp_path, '[project]\nname = "x"\n\n[tool.other]\nx = 1\n' + text,
                                "pyproject.toml").splitlines()
    line, col = where.split(":")
    assert first.startswith(f"pyproject.toml:{int(line) + 5}:{col}: error: ")
    assert rest == [f"    {snippet}"]


def test_suppression_lines_are_their_entries(tmp_path):
    path = tmp_path / "xxgk-lint.toml"
    path.write_text('lang = "zh"\n\n[[suppress]]\nfiles = "*"\ncode = "N001"\nreason = "a"\n'
                    '[[suppress]]  # second\nfiles = "*"\ncode = "N002"\nreason = "b"\n', "utf-8")
    assert [(s.line, s.origin) for s in load_config(path).suppress] == [(3, f"{path}:3"), (7, f"{path}:7")]


def test_error_without_text_falls_back_to_the_top():
    from xxgk_lint.run.config import settings_from

    with pytest.raises(ConfigError) as info:
        settings_from({"select": "C"}, "x.toml")
    assert (info.value.line, info.value.column, info.value.snippet) == (1, 1, "")
