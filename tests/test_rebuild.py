"""A rebuild costs what changed (issue 24): nothing changed rewrites nothing, and one edited plan rewrites its
own outputs and the files that include it, every other file staying the very file it was."""

from __future__ import annotations

import os
from pathlib import Path

from .conftest import run

PLAN = """title: {title}
year: 2024
org: {org}
tasks:
  - id: a
    when: {when}
    task: {task}
    units: 市财政局、市农业农村局
  - id: b
    when: 每季度一督查
    task: 乙任务
    units: 市农业农村局
"""

OPTIONS = ["--only", "svg,html,csv,json,ics", "--as-of", "2024-01-02"]


def _plans(folder: Path) -> Path:
    folder.mkdir()
    (folder / "a.yaml").write_text(PLAN.format(title="海东甲", org="海东市", task="甲任务", when="3月1日前"), "utf-8")
    (folder / "b.yaml").write_text(PLAN.format(title="海东乙", org="海东市", task="丙任务", when="5月10日前"), "utf-8")
    (folder / "c.yaml").write_text(PLAN.format(title="安丘丙", org="安丘市", task="丁任务", when="6月1日前"), "utf-8")
    return folder


def files(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every file of a site by its path: its inode, modification time and bytes."""
    found = {}
    for path in folder.rglob("*"):
        if path.is_file():
            seen = path.stat()
            found[path.relative_to(folder).as_posix()] = (seen.st_ino, seen.st_mtime_ns, path.read_bytes())
    return found


def test_a_rebuild_with_nothing_changed_rewrites_nothing(tmp_path: Path) -> None:
    plans, out = _plans(tmp_path / "plans"), tmp_path / "out"
    assert run("build", str(plans), "-o", str(out), *OPTIONS).exit_code == 0
    before, folder = files(out), out.stat().st_ino
    assert any(name.startswith(".schedgen/sources/") for name in before)

    again = run("build", str(plans), "-o", str(out), *OPTIONS)
    assert again.exit_code == 0, again.output
    assert f"({0} rendered, " in again.output
    # the same files, each the very file it was: not written again, not even its record or its kept source
    assert files(out) == before
    assert out.stat().st_ino == folder


def test_an_edited_plan_rewrites_its_outputs_and_the_files_that_include_it_only(tmp_path: Path) -> None:
    plans, out = _plans(tmp_path / "plans"), tmp_path / "out"
    assert run("build", str(plans), "-o", str(out), *OPTIONS).exit_code == 0
    before = files(out)

    edited = plans / "a.yaml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("甲任务", "甲任务（修改）"), "utf-8")
    assert run("build", str(plans), "-o", str(out), *OPTIONS).exit_code == 0
    after = files(out)

    assert after.keys() == before.keys()
    rewritten = {name for name in after if after[name][0] != before[name][0]}
    changed = {name for name in after if after[name][2] != before[name][2]}
    # a file is written again only when its bytes change: every other one stays the file it was
    assert rewritten == changed
    assert {name for name in changed if not name.startswith(".schedgen/")} == {
        "a/index.html",
        "a/gantt.svg",
        "a/milestones.csv",
        "a/milestones.json",
        "a/a.ics",
        "a/units/shi-cai-zheng-ju.ics",
        "a/units/shi-nong-ye-nong-cun-ju.ics",
        "orgs/hai-dong-shi/units/shi-cai-zheng-ju.ics",
        "orgs/hai-dong-shi/units/shi-nong-ye-nong-cun-ju.ics",
        "all.ics",
        "index.html",
    }
    assert ".schedgen/sources/a.yaml" in changed and ".schedgen/feed-state/a.json" in changed
    assert not {name for name in changed if name.startswith((".schedgen/sources/b", ".schedgen/feed-state/c"))}


def test_all_ics_taken_from_the_published_plan_feeds_is_the_one_a_fresh_build_makes(tmp_path: Path) -> None:
    plans, out, fresh = _plans(tmp_path / "plans"), tmp_path / "out", tmp_path / "fresh"
    assert run("build", str(plans), "-o", str(out), *OPTIONS).exit_code == 0
    (plans / "c.yaml").unlink()
    edited = plans / "a.yaml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("甲任务", "甲任务（修改）"), "utf-8")
    assert run("build", str(plans), "-o", str(out), *OPTIONS).exit_code == 0
    # a fresh build from the same ledger stamps every event as the rebuild did
    os.makedirs(fresh / ".schedgen")
    (fresh / ".schedgen-build").write_text("", "utf-8")
    for ledger in (out / ".schedgen" / "feed-state").iterdir():
        (fresh / ".schedgen" / "feed-state").mkdir(exist_ok=True)
        (fresh / ".schedgen" / "feed-state" / ledger.name).write_bytes(ledger.read_bytes())
    assert run("build", str(plans), "-o", str(fresh), *OPTIONS).exit_code == 0
    for name in ("all.ics", "units.json", "a/a.ics", "b/b.ics", "orgs/hai-dong-shi/units/shi-cai-zheng-ju.ics"):
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), name
    assert "c/" not in (out / "all.ics").read_text("utf-8") and not (out / "c").exists()


def test_all_ics_made_again_with_the_same_bytes_stays_the_file_it_was(tmp_path: Path) -> None:
    # all.ics is written as its pieces come (a province's is 180 MB): made again, it is still compared with
    # the published file, and a plan whose events did not change (a comment added) leaves it as it was
    plans, out = _plans(tmp_path / "plans"), tmp_path / "out"
    assert run("build", str(plans), "-o", str(out), *OPTIONS).exit_code == 0
    before = files(out)
    edited = plans / "a.yaml"
    edited.write_text("# 已核对\n" + edited.read_text(encoding="utf-8"), "utf-8")
    again = run("build", str(plans), "-o", str(out), *OPTIONS)
    assert again.exit_code == 0, again.output
    after = files(out)
    assert ".schedgen/sources/a.yaml" in {name for name in after if after[name][2] != before[name][2]}
    assert after["all.ics"] == before["all.ics"]
    changed = {name for name in after if after[name][:2] != before[name][:2] and not name.startswith(".schedgen/")}
    assert not changed


def _fresh_from_ledgers(out: Path, fresh: Path) -> None:
    """A new output folder holding only `out`'s feed ledgers, so that a build into it stamps as `out`'s did."""
    (fresh / ".schedgen" / "feed-state").mkdir(parents=True)
    (fresh / ".schedgen-build").write_text("", "utf-8")
    for ledger in (out / ".schedgen" / "feed-state").iterdir():
        (fresh / ".schedgen" / "feed-state" / ledger.name).write_bytes(ledger.read_bytes())


def test_a_site_built_from_the_one_before_it_holds_what_a_fresh_build_does_and_nothing_else(tmp_path: Path) -> None:
    plans, out, fresh = _plans(tmp_path / "plans"), tmp_path / "out", tmp_path / "fresh"
    edited = plans / "a.yaml"
    build = ["build", str(plans), "-o", str(out), *OPTIONS]
    assert run(*build).exit_code == 0
    for n in range(3):  # from the third build on, each starts from the site the published one replaced
        edited.write_text(edited.read_text(encoding="utf-8").replace("甲任务", f"甲任务{n}"), "utf-8")
        if n == 1:
            (plans / "c.yaml").unlink()  # a plan goes: its folder and feeds go with it
            (out / "robots.txt").write_text("User-agent: *\n", "utf-8")  # someone's own file stays
        assert run(*build).exit_code == 0
    assert (tmp_path / ".out.spare").is_dir()
    _fresh_from_ledgers(out, fresh)
    assert run("build", str(plans), "-o", str(fresh), *OPTIONS).exit_code == 0
    ours = {name: data for name, (_, _, data) in files(out).items() if not name.startswith(".schedgen/")}
    theirs = {name: data for name, (_, _, data) in files(fresh).items() if not name.startswith(".schedgen/")}
    assert ours.pop("robots.txt") == b"User-agent: *\n"
    assert ours == theirs
    assert not (out / "c").exists() and not (out / "orgs" / "an-qiu-shi").exists()
    # the site the published one replaced is kept beside it, and with it nothing a build would not make
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([".fresh.spare", ".out.spare", "fresh", "out", "plans"])


def test_a_published_file_changed_in_place_is_made_again_though_nothing_else_changed(tmp_path: Path) -> None:
    plans, out = _plans(tmp_path / "plans"), tmp_path / "out"
    assert run("build", str(plans), "-o", str(out), *OPTIONS).exit_code == 0
    feed = out / "a" / "a.ics"
    before = feed.read_bytes()
    with feed.open("r+b") as stream:  # the same file, the same size: only its bytes and time change
        stream.write(before[:15].upper().replace(b"VCALENDAR", b"XCALENDAR"))
    assert feed.read_bytes() != before and len(feed.read_bytes()) == len(before)
    again = run("build", str(plans), "-o", str(out), *OPTIONS)
    assert again.exit_code == 0 and "(0 rendered" not in again.output, again.output
    assert feed.read_bytes() == before


def test_a_link_put_into_the_spare_site_leads_no_write_outside(tmp_path: Path) -> None:
    plans, out = _plans(tmp_path / "plans"), tmp_path / "out"
    edited, elsewhere = plans / "a.yaml", tmp_path / "elsewhere"
    build = ["build", str(plans), "-o", str(out), *OPTIONS]
    assert run(*build).exit_code == 0
    edited.write_text(edited.read_text(encoding="utf-8").replace("甲任务", "甲任务1"), "utf-8")
    assert run(*build).exit_code == 0
    spare = tmp_path / ".out.spare"
    import shutil

    shutil.rmtree(spare / "a")
    elsewhere.mkdir()
    (spare / "a").symlink_to(elsewhere, target_is_directory=True)  # a folder the next build fills
    edited.write_text(edited.read_text(encoding="utf-8").replace("甲任务1", "甲任务2"), "utf-8")
    assert run(*build).exit_code == 0
    assert list(elsewhere.iterdir()) == []
    assert not (out / "a").is_symlink() and "甲任务2" in (out / "a" / "index.html").read_text(encoding="utf-8")


def test_a_first_build_leaves_a_spare_site_for_the_next_build_to_start_from(tmp_path: Path) -> None:
    plans, out = _plans(tmp_path / "plans"), tmp_path / "out"
    assert run("build", str(plans), "-o", str(out), *OPTIONS).exit_code == 0
    # the site as published, each file the very file (a link to it): the first edit then changes only what
    # differs, rather than linking every file of the site into a new folder
    assert files(tmp_path / ".out.spare") == files(out)
    edited = plans / "a.yaml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("甲任务", "甲任务（修改）"), "utf-8")
    assert run("build", str(plans), "-o", str(out), *OPTIONS).exit_code == 0
    assert "甲任务（修改）" in (out / "a" / "index.html").read_text(encoding="utf-8")
    fresh = tmp_path / "fresh"
    _fresh_from_ledgers(out, fresh)
    assert run("build", str(plans), "-o", str(fresh), *OPTIONS).exit_code == 0
    assert _site(out) == _site(fresh)


def _site(folder: Path) -> dict[str, bytes]:
    """A site's files and their bytes, but the build's own records."""
    return {name: data for name, (_, _, data) in files(folder).items() if not name.startswith(".schedgen")}


def test_the_index_kept_plan_by_plan_is_the_one_a_fresh_build_makes(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from schedgen.export.page import html

    monkeypatch.setattr(html, "INDEX_QR_LIMIT", 10)  # two plans' 9 feeds get QR codes on the index, three's 14 not
    plans, out = _plans(tmp_path / "plans"), tmp_path / "out"
    third = (plans / "c.yaml").read_bytes()
    (plans / "c.yaml").unlink()
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    url = ["--base-url", "https://plans.example.gov.cn"]
    a, b = plans / "a.yaml", plans / "b.yaml"

    def retitle() -> None:
        b.write_text(b.read_text(encoding="utf-8").replace("海东乙", "海东乙（修订）"), "utf-8")

    def add_third() -> None:
        (plans / "c.yaml").write_bytes(third)

    def break_b() -> None:
        b.write_text(b.read_text(encoding="utf-8").replace("5月10日前", "2月30日前"), "utf-8")

    def mend_b() -> None:
        b.write_text(b.read_text(encoding="utf-8").replace("2月30日前", "5月10日前"), "utf-8")

    def new_unit() -> None:
        a.write_text(a.read_text(encoding="utf-8").replace("units: 市农业农村局", "units: 市水利局"), "utf-8")

    def own_card() -> None:
        card = html.files_text("index-plan.html").replace('<article class="plan">', '<article class="plan mine">')
        (tpl / "index-plan.html").write_text(card, "utf-8")

    steps = [
        ("first", lambda: None, ["--as-of", "2024-01-02", *url]),
        ("a title changed", retitle, ["--as-of", "2024-01-02", *url]),
        ("another day", lambda: None, ["--as-of", "2024-05-20", *url]),
        ("a third plan: too many feeds for codes", add_third, ["--as-of", "2024-05-20", *url]),
        ("no address", lambda: None, ["--as-of", "2024-05-20"]),
        ("a broken plan", break_b, ["--as-of", "2024-05-20"]),
        ("mended", mend_b, ["--as-of", "2024-05-20"]),
        ("a unit of its own", new_unit, ["--as-of", "2024-05-20"]),
        ("a card template of the user's", own_card, ["--as-of", "2024-05-20", "--templates", str(tpl)]),
    ]
    for n, (step, change, options) in enumerate(steps):
        change()
        only = ["--only", "html,ics,csv,json", *options]
        result = run("build", str(plans), "-o", str(out), *only)
        assert result.exit_code in (0, 2), result.output
        fresh = tmp_path / f"fresh{n}"
        _fresh_from_ledgers(out, fresh)
        (fresh / ".schedgen" / "sources").mkdir()  # the broken plan's last good version, as `out` keeps it
        for kept in (out / ".schedgen" / "sources").iterdir():
            (fresh / ".schedgen" / "sources" / kept.name).write_bytes(kept.read_bytes())
        (fresh / ".schedgen" / "sources.json").write_bytes((out / ".schedgen" / "sources.json").read_bytes())
        assert run("build", str(plans), "-o", str(fresh), *only).exit_code == result.exit_code, step
        assert _site(out) == _site(fresh), step
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "海东乙（修订）" in index and "海东乙<" not in index  # its card was kept, and made again with the title
    assert 'class="plan mine"' in index and "市水利局" in index


def test_the_seal_of_an_edited_rebuild_lists_the_files_of_the_site_as_they_are(tmp_path: Path) -> None:
    import json

    from schedgen.files import listing

    plans, out = _plans(tmp_path / "plans"), tmp_path / "out"
    build = ["build", str(plans), "-o", str(out), *OPTIONS]
    for n in range(3):  # a first site, one built in a new folder, one from the spare
        assert run(*build).exit_code == 0
        seal = json.loads((out / ".schedgen" / "seal.json").read_bytes())
        # each file as the build left it, worked out without looking at the 30,000 files of a province again
        assert {name: tuple(seen) for name, seen in seal["files"].items()} == listing(out, {".schedgen/seal.json"})
        if n == 0:
            (out / "robots.txt").write_text("User-agent: *\n", "utf-8")  # someone's own file, carried over
            (out / "empty").mkdir()
        edited = plans / "a.yaml"
        edited.write_text(edited.read_text(encoding="utf-8").replace("甲任务", f"甲任务{n}"), "utf-8")
    assert run(*build).exit_code == 0
    assert "(0 rendered" in run(*build).output and (out / "robots.txt").exists() and (out / "empty").is_dir()


def test_all_ics_made_from_ranges_of_the_published_one_is_the_one_a_fresh_build_makes(tmp_path: Path) -> None:
    plans, out = _plans(tmp_path / "plans"), tmp_path / "out"
    build = ["build", str(plans), "-o", str(out), *OPTIONS]
    assert run(*build).exit_code == 0
    b, c = plans / "b.yaml", plans / "c.yaml"
    changes = [
        lambda: b.write_text(b.read_text(encoding="utf-8").replace("丙任务", "戊任务"), "utf-8"),  # the same size
        lambda: (plans / "a.yaml").unlink(),  # every plan after it moves up in all.ics
        lambda: c.write_text(c.read_text(encoding="utf-8").replace("丁任务", "丁任务（改）"), "utf-8"),
        lambda: (plans / "a.yaml").write_text(
            PLAN.format(title="海东甲", org="海东市", task="甲", when="3月1日前"), "utf-8"
        ),
    ]
    for n, change in enumerate(changes):
        before = (out / "all.ics").read_bytes()
        change()
        assert run(*build).exit_code == 0
        fresh = tmp_path / f"fresh{n}"
        _fresh_from_ledgers(out, fresh)
        assert run("build", str(plans), "-o", str(fresh), *OPTIONS).exit_code == 0
        assert (out / "all.ics").read_bytes() == (fresh / "all.ics").read_bytes() != before, n
        assert _site(out) == _site(fresh), n
