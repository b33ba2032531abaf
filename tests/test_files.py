"""The file system edges of a build: modes a web server can read, leftovers of killed builds, safe names."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import SCHEDULES, run


def test_the_built_folder_has_the_mode_a_plain_mkdir_gives(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("build", str(SCHEDULES / "anqiu-eco-farm.yaml"), "-o", str(out), "--only", "ics").exit_code == 0
    (tmp_path / "plain").mkdir()
    assert out.stat().st_mode & 0o777 == (tmp_path / "plain").stat().st_mode & 0o777


def test_a_build_removes_the_staging_folders_that_killed_builds_left(tmp_path: Path) -> None:
    out = tmp_path / "out"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f".out.building-{dead.stdout.strip()}-abc123"
    (stale / "anqiu-eco-farm").mkdir(parents=True)
    alive = tmp_path / f".out.building-{os.getpid()}-def456"  # a build still running: left alone
    alive.mkdir()
    assert run("build", str(SCHEDULES / "anqiu-eco-farm.yaml"), "-o", str(out), "--only", "ics").exit_code == 0
    assert not stale.exists() and alive.exists()
    # and the spare the first site leaves for the next build to start from (see test_rebuild)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([alive.name, "out", ".out.spare"])


def test_a_file_written_by_a_command_has_the_mode_a_plain_open_gives(tmp_path: Path) -> None:
    target = tmp_path / "督办.csv"
    assert run("report", str(SCHEDULES), "--format", "csv", "--as-of", "2024-05-01", "-o", str(target)).exit_code == 0
    (tmp_path / "plain").write_text("")
    assert target.stat().st_mode & 0o777 == (tmp_path / "plain").stat().st_mode & 0o777
    target.chmod(0o640)  # a mode the user chose survives a rewrite
    assert run("report", str(SCHEDULES), "--format", "csv", "--as-of", "2024-05-01", "-o", str(target)).exit_code == 0
    assert target.stat().st_mode & 0o777 == 0o640


def test_a_full_disk_is_a_clear_error_and_the_previous_site_stays(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import errno

    from schedgen import files

    out, plan = tmp_path / "out", tmp_path / "plans" / "anqiu-eco-farm.yaml"
    plan.parent.mkdir()
    text = (SCHEDULES / "anqiu-eco-farm.yaml").read_text(encoding="utf-8")
    plan.write_text(text, encoding="utf-8")
    assert run("build", str(plan), "-o", str(out), "--only", "ics").exit_code == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def full(self: object, relative: str, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", relative)

    monkeypatch.setattr(files.Staging, "write", full)
    # an edit, so that the build has something to write (one with nothing changed writes nothing)
    plan.write_text(text.replace("造浓工作氛围", "营造浓厚氛围"), encoding="utf-8")
    result = run("build", str(plan), "-o", str(out), "--only", "ics")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and "No space left on device" in result.stderr
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.spare", "out", "plans"]  # and no staging


def test_no_output_takes_a_name_windows_reserves(tmp_path: Path) -> None:
    from schedgen.units import file_slug, slugify

    assert slugify("CON") == "con-1" and slugify("Lpt1") == "lpt1-1" and slugify("市财政局") == "shi-cai-zheng-ju"
    assert file_slug("nul") == "nul-1" and file_slug("aux.plan") == "aux-plan"
    for key, value, flag in (("id", "CON", "id `CON`"), ("units", "{市财政局: {slug: lpt1}}", "slug `lpt1`")):
        plan = tmp_path / f"{key}.yaml"
        plan.write_text(
            f"title: 计划\nyear: 2024\n{key}: {value}\ntasks:\n  - {{when: 年内, task: 甲, units: 市财政局}}\n"
        )
        result = run("check", str(plan))
        assert result.exit_code == 2 and flag in result.stderr and "Windows" in result.stderr, result.stderr


PLAN = "title: T\nyear: 2024\ntasks:\n  - when: 5月10日前\n    task: 任务\n    units: 市财政局\n"


def files_in(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_build_refuses_an_output_folder_that_holds_what_it_reads(tmp_path: Path) -> None:
    # a build swapped out the folder of the very plans it read, and said nothing
    (tmp_path / "schedules").mkdir()
    (tmp_path / "schedules" / "x.yaml").write_text(PLAN, encoding="utf-8")
    assert run("build", "-o", "out", "--only", "ics", cwd=tmp_path).exit_code == 0
    (tmp_path / "out" / "plans").mkdir()
    (tmp_path / "out" / "plans" / "x.yaml").write_text(PLAN, encoding="utf-8")
    before = files_in(tmp_path / "out")
    result = run("build", "out/plans", "-o", "out", "--only", "ics", cwd=tmp_path)
    assert result.exit_code == 2
    assert "error: " in result.stderr and "out/plans" in result.stderr and "-o out" in result.stderr, result.stderr
    assert files_in(tmp_path / "out") == before
    # the same for a file given by name, a file linked into the output, templates, and the output itself
    (tmp_path / "out" / "tpl").mkdir()
    before = files_in(tmp_path / "out")
    for args, named in (
        (["out/plans/x.yaml"], "out/plans/x.yaml"),
        (["schedules", "--templates", "out/tpl"], "out/tpl"),
        (["out"], "out"),
        (["schedules"], "schedules/linked.yaml"),
    ):
        if named == "schedules/linked.yaml":
            (tmp_path / "schedules" / "linked.yaml").symlink_to(tmp_path / "out" / "plans" / "x.yaml")
        result = run("build", *args, "-o", "out", "--only", "html,ics", cwd=tmp_path)
        assert result.exit_code == 2 and named in result.stderr and "-o out" in result.stderr, (args, result.stderr)
        assert files_in(tmp_path / "out") == before
    # an output inside a folder the build reads: the templates
    (tmp_path / "tpl").mkdir()
    result = run("build", "schedules", "--templates", "tpl", "-o", "tpl/site", cwd=tmp_path)
    assert result.exit_code == 2 and "tpl/site" in result.stderr and "--templates tpl" in result.stderr
    assert not (tmp_path / "tpl" / "site").exists()


def test_a_build_keeps_the_files_of_its_folder_that_it_did_not_write(tmp_path: Path) -> None:
    plan = tmp_path / "x.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    out = tmp_path / "out"
    build = ["build", str(plan), "-o", str(out), "--only", "ics"]
    assert run(*build).exit_code == 0
    (out / "robots.txt").write_text("User-agent: *\n", encoding="utf-8")
    (out / "notes").mkdir()
    (out / "notes" / "会议.txt").write_text("纪要", encoding="utf-8")
    (out / "empty").mkdir()
    result = run(*build)
    assert result.exit_code == 0, result.output
    assert "kept 3 file(s)" in result.stderr and "robots.txt" in result.stderr, result.stderr
    assert (out / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\n"
    assert (out / "notes" / "会议.txt").read_text(encoding="utf-8") == "纪要" and (out / "empty").is_dir()
    assert (out / "x" / "x.ics").is_file()
    # a file of its own where the build now writes one: refused, the published site untouched
    (out / "x" / "units" / "shi-nong-ye-nong-cun-ju.ics").write_text("mine", encoding="utf-8")
    before = files_in(out)
    plan.write_text(PLAN + "  - when: 6月1日前\n    task: 任务二\n    units: 市农业农村局\n", encoding="utf-8")
    result = run(*build)
    assert result.exit_code == 2 and "x/units/shi-nong-ye-nong-cun-ju.ics" in result.stderr, result.stderr
    assert files_in(out) == before


def test_building_into_the_current_folder_is_a_clear_error(tmp_path: Path) -> None:
    plan = tmp_path / "x.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    here = tmp_path / "site"
    here.mkdir()
    for output in (".", ".."):
        result = run("build", str(plan), "-o", output, "--only", "ics", cwd=here)
        assert result.exit_code == 2 and "current folder" in result.stderr, result.stderr
    assert here.is_dir() and not any(here.iterdir())
    # a named folder inside it works
    assert run("build", str(plan), "-o", "out", "--only", "ics", cwd=here).exit_code == 0


def test_a_state_folder_inside_the_output_is_refused_or_the_sites_own(tmp_path: Path) -> None:
    # the ledger was saved into the folder the swap then threw away: SEQUENCE never advanced
    plan = tmp_path / "x.yaml"
    out = tmp_path / "out"
    plan.write_text(PLAN, encoding="utf-8")
    assert run("build", str(plan), "-o", str(out), "--only", "ics").exit_code == 0
    result = run("build", str(plan), "-o", str(out), "--only", "ics", "--state", str(out / "state"))
    assert result.exit_code == 2 and "--state" in result.stderr and str(out / "state") in result.stderr
    assert not (out / "state").exists()
    # the ledger's own place inside the site is the default, and works as such
    own = ["--state", str(out / ".schedgen" / "feed-state")]
    for when in ("5月11日前", "5月12日前"):
        plan.write_text(PLAN.replace("5月10日前", when), encoding="utf-8")
        assert run("build", str(plan), "-o", str(out), "--only", "ics", *own).exit_code == 0
    assert "SEQUENCE:2" in (out / "x" / "x.ics").read_text(encoding="utf-8")


def test_an_output_inside_the_folder_of_plans_is_fine(tmp_path: Path) -> None:
    # a folder of plans is read one level deep: a site built inside it is never read as a plan
    (tmp_path / "x.yaml").write_text(PLAN, encoding="utf-8")
    for _ in range(2):
        result = run("build", ".", "-o", "site", "--only", "ics", cwd=tmp_path)
        assert result.exit_code == 0, result.stderr
    assert (tmp_path / "site" / "x" / "x.ics").is_file() and (tmp_path / "x.yaml").is_file()


def test_a_full_cache_takes_a_new_entry_without_looking_at_every_old_one_each_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a province's pages served at a ninth address: 500 pages' QR codes kept into a cache already holding
    # 4,000 entries. Each entry written read the time of every other (26 ms), some 13 s for the build
    from schedgen.files import keep_verified

    for n in range(4000):
        (tmp_path / f"qr-{n:024x}-{n:016x}.zz").write_bytes(b"old")
    looked: list[Path] = []
    real_stat = Path.stat

    def stat(path: Path, **kwargs: bool) -> os.stat_result:
        if path.parent == tmp_path:
            looked.append(path)
        return real_stat(path, **kwargs)

    monkeypatch.setattr(Path, "stat", stat)
    written = [keep_verified(tmp_path / f"qr-{n:024x}new.zz", f"page {n}".encode(), 4000) for n in range(200)]
    monkeypatch.undo()
    entries = list(tmp_path.glob("qr-*"))
    assert len(entries) <= 4000 and all(entry.is_file() for entry in written)  # the newest are kept
    # the full cache's times are read once, to remove its oldest tenth; not once for each write (800,000)
    assert len(looked) <= 2 * 4000, len(looked)


@pytest.mark.parametrize("kind", ["link", "file"])
def test_a_name_of_its_own_where_a_new_plan_puts_its_folder_is_refused_not_published_over(
    tmp_path: Path, kind: str
) -> None:
    # someone's link (or file) named like a plan added later: the build carried it over in place of the plan's
    # folder, and the new plan's pages and feeds were gone, the index linking to nothing, without a word
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "one.yaml").write_text(PLAN, encoding="utf-8")
    out = tmp_path / "out"
    build = ["build", str(plans), "-o", str(out), "--only", "html,ics"]
    assert run(*build).exit_code == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    if kind == "link":
        (out / "two").symlink_to(elsewhere)
    else:
        (out / "two").write_text("mine", encoding="utf-8")
    before = files_in(out)
    (plans / "two.yaml").write_text(PLAN, encoding="utf-8")
    result = run(*build)
    assert result.exit_code == 2, result.output
    assert "two was not written by schedgen" in result.stderr and "move it away" in result.stderr, result.stderr
    assert files_in(out) == before and not any(elsewhere.iterdir())
