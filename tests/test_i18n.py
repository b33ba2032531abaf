"""The command line in the user's language: Chinese where the locale is Chinese, English otherwise, from one
gettext catalog that holds every marked message."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from schedgen import i18n

from .conftest import ROOT, run

CATALOG = ROOT / "src" / "schedgen" / "locale" / "zh_CN" / "LC_MESSAGES"
_QUOTED = re.compile(r"`[^`]*`|'[^']*'|\"[^\"]*\"|“[^”]*”|‘[^’]*’|「[^」]*」|（[^（）]*）")
"""What the user wrote, quoted, and a library's own words in full-width brackets (a damaged font's or PDF's
reason, which no catalog can translate)."""
_NOT_WORDS = re.compile(r"\S*[/\\.:=<>@]\S*|--?[\w-]+|\b[A-Z0-9_]{2,}\b|\S*\d\S*")
_ENGLISH = re.compile(r"[A-Za-z]+(?: +[A-Za-z]+){2,}")  # a list of names (`html, png, pdf`) is no sentence


def english(text: str) -> list[str]:
    """The English sentences in `text`: runs of three or more ASCII words, outside what the user wrote
    (quoted text, the source line and the caret under it), a library's reason in （…）, paths, options and
    names in capitals."""
    found = []
    for line in text.splitlines():
        if line.startswith("    "):  # a source line of the user's and its caret
            continue
        line = _NOT_WORDS.sub(" ", _QUOTED.sub(" ", line))
        found += _ENGLISH.findall(line)
    return found


def schedgen(*args: str, env: dict[str, str], cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """`schedgen ARGS` as its own process under exactly these locale variables."""
    base = {k: v for k, v in os.environ.items() if k not in i18n.VARIABLES}
    return subprocess.run(
        [str(Path(sys.executable).with_name("schedgen")), *args],
        cwd=cwd,
        env={**base, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_english_finds_a_sentence_and_skips_what_the_user_wrote() -> None:
    assert english("error: unknown key `due date` in task") == ["unknown key   in task"]
    assert english("错误：请从 html, png, pdf, svg 中选择") == []
    assert english("plan.yaml:3:7: 错误: 未知的键 `due date and more`") == []
    assert english("错误:\n    when: some user text here\n    ^~~") == []


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "zh_CN.UTF-8"}, "zh_CN"),
        ({"LANG": "zh_TW.UTF-8"}, "zh_CN"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({}, "en"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "zh_CN.UTF-8"}, "zh_CN"),
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, "zh_CN"),
        ({"LANG": "en_US.UTF-8", "LANGUAGE": "fr:zh_CN"}, "zh_CN"),
        ({"LANG": "zh_CN.UTF-8", "LANGUAGE": "en"}, "en"),
        ({"LANG": "C", "LANGUAGE": "zh_CN"}, "en"),  # GNU gettext ignores LANGUAGE under the C locale
        ({"LANG": "C", "SCHEDGEN_LANG": "zh_CN"}, "zh_CN"),
        ({"LANG": "zh_CN.UTF-8", "SCHEDGEN_LANG": "en"}, "en"),
        ({"LC_ALL": "zh_CN.UTF-8", "SCHEDGEN_LANG": "en_US"}, "en"),
    ],
)
def test_the_language_is_chosen_as_gettext_chooses(environ: dict[str, str], expected: str) -> None:
    assert i18n.language(environ) == expected


def test_help_in_a_chinese_locale_is_chinese() -> None:
    shown = schedgen("--help", env={"LANG": "zh_CN.UTF-8"})
    assert shown.returncode == 0, shown.stderr
    assert "用法:" in shown.stdout and "选项:" in shown.stdout and "命令:" in shown.stdout
    assert "显示本帮助并退出" in shown.stdout
    assert "校验计划文件" in shown.stdout  # check's summary
    assert "督办" in shown.stdout  # report's summary
    assert english(_without_examples(shown.stdout)) == [], shown.stdout


def test_help_in_the_c_locale_is_english() -> None:
    shown = schedgen("--help", env={"LANG": "C"})
    assert shown.returncode == 0, shown.stderr
    assert "Usage:" in shown.stdout and "Options:" in shown.stdout and "Show this message and exit." in shown.stdout
    assert "用法" not in shown.stdout and "选项" not in shown.stdout


def test_schedgen_lang_chooses_over_the_locale() -> None:
    assert "用法:" in schedgen("--help", env={"LANG": "C", "SCHEDGEN_LANG": "zh_CN"}).stdout
    assert "Usage:" in schedgen("--help", env={"LANG": "zh_CN.UTF-8", "SCHEDGEN_LANG": "en"}).stdout


def _commands() -> list[str]:
    from schedgen.cli import cli

    return sorted(cli.commands)


@pytest.mark.parametrize("command", _commands())
def test_every_commands_help_is_chinese(command: str) -> None:
    shown = schedgen(command, "--help", env={"LANG": "zh_CN.UTF-8"})
    assert shown.returncode == 0, shown.stderr
    assert "用法:" in shown.stdout and "选项:" in shown.stdout
    assert english(_without_examples(shown.stdout)) == [], shown.stdout


def _without_examples(text: str) -> str:
    """Help less its example command lines (they are commands, not English) and option lists' choices."""
    kept = []
    for line in text.splitlines():
        if line.strip().startswith("schedgen "):
            continue
        kept.append(re.sub(r"\[[^\]]*\]", " ", line))  # [default: ...], [required], choices
    return "\n".join(kept)


def test_an_error_in_a_chinese_locale_is_chinese_with_its_position_kept(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("title: 计划\nyear: 2024\ntasks:\n  - when：2月21日前\n    task: 做事\n", encoding="utf-8")
    shown = schedgen("check", str(plan), env={"LANG": "zh_CN.UTF-8"})
    assert shown.returncode == 2
    assert f"{plan}:4:9: 错误: " in shown.stderr and "全角冒号" in shown.stderr and "`：`" in shown.stderr
    assert english(shown.stderr) == [], shown.stderr
    english_shown = schedgen("check", str(plan), env={"LANG": "C"})
    assert f"{plan}:4:9: error: a full-width colon" in english_shown.stderr


def test_clicks_own_errors_in_a_chinese_locale_are_chinese(tmp_path: Path) -> None:
    # click names its path types when they are made, at start-up: only a process of its own shows them
    missing = schedgen("check", "no/such.yaml", env={"LANG": "zh_CN.UTF-8"}, cwd=tmp_path)
    assert missing.returncode == 2
    assert "用法:" in missing.stderr and "路径 'no/such.yaml' 不存在" in missing.stderr, missing.stderr
    assert english(missing.stderr) == [], missing.stderr
    unknown = schedgen("report", "--bogus", env={"LANG": "zh_CN.UTF-8"}, cwd=tmp_path)
    assert unknown.returncode == 2 and "没有选项 '--bogus'" in unknown.stderr, unknown.stderr


@pytest.fixture
def chinese(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Messages in Chinese inside this process, for the CLI run in it."""
    monkeypatch.setenv("SCHEDGEN_LANG", "zh_CN")
    i18n.reset()
    yield
    monkeypatch.undo()
    i18n.reset()


_PLAN = "title: 计划\nyear: 2024\nstages:\n  - name: 阶段\n    tasks:\n{tasks}"
_TASK = "      - id: a\n        when: 2月20日前\n        task: 做事\n        units: 市农业农村局\n"

# (what it shows, the schedule file's text or None, the command's arguments; PLAN stands for the file)
ERRORS = [
    # load: the clerk's slips and the schema
    ("full-width colon", _PLAN.format(tasks="      - when：2月20日前\n        task: 做事\n"), ["check", "PLAN"]),
    ("tab", _PLAN.format(tasks="      - id: a\n\t       when: 2月20日前\n        task: 做事\n"), ["check", "PLAN"]),
    ("no space after colon", _PLAN.format(tasks="      - when:2月20日前\n        task: 做事\n"), ["check", "PLAN"]),
    ("full-width space", _PLAN.format(tasks="      - id: a\n\u3000      when: 2月20日前\n"), ["check", "PLAN"]),
    ("unknown key", _PLAN.format(tasks=_TASK + "        whne: 3月\n"), ["check", "PLAN"]),
    ("missing key", "year: 2024\ntasks:\n  - when: 3月底前\n    task: 做事\n", ["check", "PLAN"]),
    ("no tasks", "title: 计划\nyear: 2024\nstages: []\n", ["check", "PLAN"]),
    ("empty file", "", ["check", "PLAN"]),
    ("not a date", _PLAN.format(tasks=_TASK) + "issued: 2024\n", ["check", "PLAN"]),
    ("year out of range", "title: 计划\nyear: 1800\ntasks: []\n", ["check", "PLAN"]),
    ("duplicate id", _PLAN.format(tasks=_TASK + _TASK), ["check", "PLAN"]),
    ("duplicate key", "title: 计划\ntitle: 计划\nyear: 2024\ntasks: []\n", ["check", "PLAN"]),
    ("alias", "title: &t 计划\nsource: *t\nyear: 2024\ntasks: []\n", ["check", "PLAN"]),
    ("malformed yaml", 'title: "计划\nyear: 2024\n', ["check", "PLAN"]),
    ("bad id", _PLAN.format(tasks=_TASK.replace("id: a", "id: 甲")), ["check", "PLAN"]),
    ("until before issued", _PLAN.format(tasks=_TASK) + "issued: 2024-05-01\nuntil: 2024-04-01\n", ["check", "PLAN"]),
    ("bad time in a plan", _PLAN.format(tasks=_TASK.replace("2月20日前", "2月30日前")), ["check", "PLAN"]),
    # resolve: what depends on the plan
    ("本月 without issued", _PLAN.format(tasks=_TASK.replace("2月20日前", "本月底前")), ["check", "PLAN"]),
    ("unknown period", _PLAN.format(tasks=_TASK.replace("2月20日前", "汛期前")), ["check", "PLAN"]),
    # when: the grammar
    ("no such day", None, ["when", "2月30日前", "--year", "2023"]),
    ("unreadable time", None, ["when", "间"]),
    ("empty time", None, ["when", " "]),
    ("month 13", None, ["when", "13月底前"]),
    ("every what", None, ["when", "每"]),
    ("quarter", None, ["when", "季度末"]),
    # options and click's own
    ("year option", None, ["check", "--year", "1800"]),
    ("within", None, ["report", "--within", "soon"]),
    ("base url", None, ["build", "--base-url", "ftp://x"]),
    ("only", None, ["build", "--only", "pdfs"]),
    ("no such option", None, ["check", "--bogus"]),
    ("no such command", None, ["chek"]),
    ("missing argument", None, ["when"]),
    ("no such path", None, ["check", "no/such/plan.yaml"]),
    ("bad choice", None, ["report", "--format", "pdf"]),
    ("bad date", None, ["report", "--as-of", "2024-13-01"]),
    # files, done, gantt, import, build
    ("a folder of no plans", None, ["check", "EMPTY"]),
    ("not a regular file", None, ["check", "/dev/null"]),
    ("not utf-8", b"title: \xb0\xb2\xc7\xf0\n", ["check", "PLAN"]),
    ("done: unknown task", _PLAN.format(tasks=_TASK), ["done", "PLAN", "nope"]),
    ("gantt range", _PLAN.format(tasks=_TASK), ["gantt", "PLAN", "-o", "OUT/x.svg", "--from", "0001-01-01"]),
    ("gantt kind", _PLAN.format(tasks=_TASK), ["gantt", "PLAN", "-o", "OUT/x.gif"]),
    ("import empty", b"", ["import", "DOC"]),
    ("import damaged docx", b"PK\x03\x04 not a zip", ["import", "DOCX"]),
    ("import an old .doc", "旧格式", ["import", "OLD"]),
    (
        "import exists",
        "阶段\t时间\t重点任务\t责任单位\n准备\t2024年3月底前\t做事\t市农业农村局\n",
        ["import", "DOC", "-o", "PLAN"],
    ),
    ("extract no year", "一、做好准备。3月底前完成。\n", ["extract", "DOC"]),
    ("build into a file", _PLAN.format(tasks=_TASK), ["build", "PLAN", "-o", "PLAN"]),
    ("export kind", _PLAN.format(tasks=_TASK), ["export", "PLAN", "-o", "OUT/x.pdf"]),
    ("report overdue", _PLAN.format(tasks=_TASK), ["report", "PLAN", "--as-of", "2024-06-01", "--fail-on-overdue"]),
    ("strict", _PLAN.format(tasks=_TASK.replace("2月20日前", "2月24日前")), ["check", "PLAN", "--strict"]),
    ("serve on a port in use", _PLAN.format(tasks=_TASK), ["serve", "PLAN", "-o", "OUT/site", "--port", "PORT"]),
]


@pytest.mark.parametrize(("case", "text", "args"), ERRORS, ids=[case for case, _, _ in ERRORS])
def test_every_error_is_chinese_in_a_chinese_locale(
    case: str, text: str | bytes | None, args: list[str], tmp_path: Path, chinese: None
) -> None:
    plan = tmp_path / "plan.yaml"
    doc = tmp_path / "附件.txt"
    (tmp_path / "empty").mkdir()
    (tmp_path / "out").mkdir()
    for path in (plan, doc, tmp_path / "附件.docx", tmp_path / "附件.doc"):
        if isinstance(text, bytes):
            path.write_bytes(text)
        elif text is not None:
            path.write_text(text, encoding="utf-8")
    places = {
        "PLAN": str(plan),
        "DOCX": str(tmp_path / "附件.docx"),
        "DOC": str(doc),
        "OLD": str(tmp_path / "附件.doc"),
        "EMPTY": str(tmp_path / "empty"),
        "OUT": str(tmp_path / "out"),
    }
    argv = [re.sub("|".join(places), lambda m: places[m[0]], a) for a in args]
    with socket.socket() as taken:  # a port in use, for `serve`
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        argv = [str(taken.getsockname()[1]) if a == "PORT" else a for a in argv]
        result = run(*argv, cwd=tmp_path)
    assert result.exit_code in (1, 2), (case, result.output)
    said = result.stderr
    assert said.strip(), case
    assert re.search("[\u4e00-\u9fff]", _QUOTED.sub("", said.replace(str(tmp_path), ""))), said
    assert english(said.replace(str(tmp_path), "")) == [], said


def test_the_catalog_holds_every_marked_message_translated() -> None:
    from babel.messages.pofile import read_po

    with (CATALOG / "schedgen.po").open("rb") as po:
        catalog = read_po(po)
    marked = _marked()
    assert marked, "nothing found marked"
    missing = sorted(m for m in marked if m not in catalog or not catalog[m].string)
    assert missing == [], f"{len(missing)} message(s) without a translation; see the README's Language: {missing[:20]}"
    fuzzy = sorted(str(m.id) for m in catalog if m.id and m.fuzzy)
    assert fuzzy == [], f"fuzzy translations to review: {fuzzy[:20]}"


def test_every_translation_keeps_the_placeholders_of_its_message() -> None:
    from babel.messages.pofile import read_po

    with (CATALOG / "schedgen.po").open("rb") as po:
        catalog = read_po(po)
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(re.findall(r"\{\w*\}|%\(\w+\)[sd]|%[sd]", ids[-1]))
        for string in strings:
            assert set(re.findall(r"\{\w*\}|%\(\w+\)[sd]|%[sd]", string)) == wanted, (message.id, string)


def test_the_compiled_catalog_is_the_one_the_po_makes() -> None:
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with (CATALOG / "schedgen.po").open("rb") as po:
        catalog = read_po(po)
    made = io.BytesIO()
    write_mo(made, catalog)
    assert (CATALOG / "schedgen.mo").read_bytes() == made.getvalue(), "run pybabel compile (README: Language)"


def test_pip_installs_the_compiled_catalog() -> None:
    import fnmatch

    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = config["tool"]["setuptools"]["package-data"]["schedgen"]
    for path in (ROOT / "src" / "schedgen" / "locale").rglob("*.mo"):
        relative = path.relative_to(ROOT / "src" / "schedgen").as_posix()
        assert any(fnmatch.fnmatch(relative, pattern) for pattern in shipped), relative


def _marked() -> set[str]:
    """Every msgid the source marks, and click's own, as `pybabel extract` with babel.cfg finds them."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with (ROOT / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    import click

    found: set[str] = set()
    for folder in (ROOT / "src" / "schedgen", Path(click.__file__).parent):
        for _name, _line, message, _comments, _context in extract_from_dir(
            str(folder), method_map, options_map, keywords={"_": None, "N_": None, "ngettext": (1, 2)}
        ):
            found.add(message[0] if isinstance(message, tuple) else message)
    return found


def test_the_systems_words_are_chinese_too(chinese: None) -> None:
    from schedgen.errors import system_error

    assert system_error(FileNotFoundError(2, "No such file or directory", "plan.yaml")) == (
        "错误: plan.yaml: 没有这个文件或文件夹"
    )
    assert system_error(OSError(28, "No space left on device")) == "错误: 磁盘空间已满"


def test_every_marked_message_is_given_each_of_its_placeholders() -> None:
    # a message is formatted only on its error path: a placeholder without its value would turn a clear
    # error into a KeyError exactly when the user needs the message
    import ast

    wrong = []
    for path in sorted((ROOT / "src" / "schedgen").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"):
                continue
            marked = node.func.value
            if not (
                isinstance(marked, ast.Call)
                and isinstance(marked.func, ast.Name)
                and marked.func.id in ("_", "ngettext")
                and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in marked.args[:2])
            ):
                continue
            if any(k.arg is None for k in node.keywords):  # **mapping: not checkable here
                continue
            wanted = {
                name
                for message in marked.args[:2]
                for name in re.findall(r"(?<!\{)\{(\w+)[^{}]*\}", str(message.value))  # type: ignore[attr-defined]
            }
            given = {k.arg for k in node.keywords}
            if wanted != given:
                wrong.append(f"{path.name}:{node.lineno}: needs {sorted(wanted)}, given {sorted(given)}")
    assert wrong == []


def test_no_function_that_translates_binds_the_name_of_the_translator() -> None:
    # `for _ in range(n)` in a function that also calls `_("...")` makes `_` a local there: the message
    # would fail with "int is not callable" on the very path that shows it
    import ast

    scopes = (
        ast.FunctionDef,
        ast.AsyncFunctionDef,
        ast.Lambda,
        ast.ListComp,
        ast.SetComp,
        ast.DictComp,
        ast.GeneratorExp,
    )

    def own(node: ast.AST) -> Iterator[ast.AST]:
        for child in ast.iter_child_nodes(node):
            yield child
            if not isinstance(child, scopes):
                yield from own(child)

    wrong = []
    for path in sorted((ROOT / "src" / "schedgen").rglob("*.py")):
        for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            names = [n for n in own(function) if isinstance(n, ast.Name) and n.id == "_"]
            if any(isinstance(n.ctx, ast.Store) for n in names) and any(isinstance(n.ctx, ast.Load) for n in names):
                wrong.append(f"{path.name}:{function.lineno} {function.name}")
    assert wrong == []
