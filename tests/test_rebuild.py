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
