"""The build never writes through a symbolic link, nor outside the folder it writes: links
planted (committed) in the generated-pages folder, the site folder, the caches or the assets are
removed or refused, and what they point at is never touched or published."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from build_support import copy_project, run_cli
from literacy_directory import cli
from literacy_directory.core.jinja import environment, load_strings
from literacy_directory.core.project import Project
from literacy_directory.core.safefs import UnsafePathError, make_folders, read_regular
from literacy_directory.plugin import DirectoryPlugin
from literacy_directory.site.generate import assets
from literacy_directory.site.mkdocs_build import _swap
from literacy_directory.site.settings import SiteOptions, docs_dir_problem, read_site_settings
from literacy_directory.site.writer import write_tree

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside the output, with a file a link could point at."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "precious.txt").write_text("do not touch", encoding="utf-8")
    return folder


def test_a_link_to_a_file_is_replaced_not_written_through(tmp_path: Path, outside: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").symlink_to(outside / "precious.txt")
    (docs / "about.md").symlink_to(outside / "precious.txt")  # same bytes as generated: still replaced
    stats = write_tree({"index.md": b"home", "about.md": b"do not touch"}, docs)
    assert (outside / "precious.txt").read_text(encoding="utf-8") == "do not touch"
    assert not (docs / "index.md").is_symlink() and (docs / "index.md").read_bytes() == b"home"
    assert not (docs / "about.md").is_symlink()
    assert stats.written == 2


def test_a_link_to_a_folder_is_replaced_not_written_through(tmp_path: Path, outside: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "programs").symlink_to(outside, target_is_directory=True)
    (docs / "old").symlink_to(outside, target_is_directory=True)  # not generated: the link goes
    write_tree({"programs/precious.txt": b"overwritten?", "programs/a.md": b"a"}, docs)
    assert sorted(p.name for p in outside.iterdir()) == ["precious.txt"]
    assert (outside / "precious.txt").read_text(encoding="utf-8") == "do not touch"
    assert (docs / "programs").is_dir() and not (docs / "programs").is_symlink()
    assert (docs / "programs" / "a.md").read_bytes() == b"a"
    assert not (docs / "old").exists() and not (docs / "old").is_symlink()


def test_a_link_in_a_dot_folder_is_not_followed_either(tmp_path: Path, outside: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "assets").symlink_to(outside, target_is_directory=True)
    write_tree({"assets/.keep": b"x"}, docs)
    assert sorted(p.name for p in outside.iterdir()) == ["precious.txt"]
    assert (docs / "assets" / ".keep").read_bytes() == b"x"


def test_the_output_folder_itself_must_not_be_a_link(tmp_path: Path, outside: Path) -> None:
    docs = tmp_path / "docs"
    docs.symlink_to(outside, target_is_directory=True)
    with pytest.raises(UnsafePathError, match="symbolic link"):
        write_tree({"index.md": b"home"}, docs)
    assert sorted(p.name for p in outside.iterdir()) == ["precious.txt"]


@pytest.mark.parametrize("rel", ["../escape.md", "/etc/x.md", "a//b.md", "a/./b.md", "a/../../b.md", "nul\0.md", ""])
def test_a_generated_name_cannot_leave_the_folder(tmp_path: Path, rel: str) -> None:
    docs = tmp_path / "docs"
    with pytest.raises(UnsafePathError):
        write_tree({rel: b"x"}, docs)
    assert not (tmp_path / "escape.md").exists() and not (tmp_path / "b.md").exists()


def test_the_site_swap_replaces_a_link_and_keeps_its_target(tmp_path: Path, outside: Path) -> None:
    staging = tmp_path / "staging"
    staging.mkdir()
    (staging / "index.html").write_text("new site", encoding="utf-8")
    target = tmp_path / "site"
    target.symlink_to(outside, target_is_directory=True)
    (tmp_path / "site.old").symlink_to(outside, target_is_directory=True)
    _swap(staging, target)
    assert not target.is_symlink() and (target / "index.html").read_text(encoding="utf-8") == "new site"
    assert sorted(p.name for p in outside.iterdir()) == ["precious.txt"]
    assert not (tmp_path / "site.old").exists()


def test_the_site_folder_name_is_not_resolved(tmp_path: Path, outside: Path) -> None:
    """``build`` works out where the site goes without following a link named like it."""
    (tmp_path / "site").symlink_to(outside, target_is_directory=True)
    assert cli._absolute(tmp_path / "site") == tmp_path.resolve() / "site"
    assert cli._absolute(tmp_path / "site" / "..") == tmp_path.resolve()
    assert cli._absolute(tmp_path / "a" / ".." / "site" / ".") == tmp_path.resolve() / "site"


def test_a_cache_folder_that_is_a_link_is_refused(tmp_path: Path, outside: Path) -> None:
    (tmp_path / ".cache").symlink_to(outside, target_is_directory=True)
    with pytest.raises(UnsafePathError, match=r"\.cache is a symbolic link"):
        make_folders(tmp_path, ".cache", "forms")
    assert sorted(p.name for p in outside.iterdir()) == ["precious.txt"]
    assert make_folders(tmp_path, "real", "forms").is_dir()


def test_an_asset_that_is_a_link_is_refused_not_published(tmp_path: Path, outside: Path) -> None:
    shutil.copytree(ROOT / "site_templates", tmp_path / "site_templates")
    (tmp_path / "site_templates" / "assets" / "secret.txt").symlink_to(outside / "precious.txt")
    with pytest.raises(UnsafePathError, match=r"secret\.txt is a symbolic link"):
        assets(Project(tmp_path), {})
    (tmp_path / "site_templates" / "assets" / "secret.txt").unlink()
    (tmp_path / "site_templates" / "assets" / "more").symlink_to(outside, target_is_directory=True)
    with pytest.raises(UnsafePathError, match="more is a symbolic link"):
        assets(Project(tmp_path), {})


def test_reading_refuses_links_and_special_files(tmp_path: Path, outside: Path) -> None:
    (tmp_path / "link").symlink_to(outside / "precious.txt")
    with pytest.raises(UnsafePathError):
        read_regular(tmp_path / "link")
    with pytest.raises(UnsafePathError):
        read_regular(Path("/dev/zero"))
    assert read_regular(outside / "precious.txt") == b"do not touch"


# --- the docs folder, the plugin and the templates ---------------------------------------------


def _victim(project: Path) -> list[str]:
    victim = project / "victim"
    victim.mkdir()
    (victim / "work.txt").write_text("uncommitted work", encoding="utf-8")
    return sorted(p.name for p in victim.iterdir())


def test_a_docs_folder_that_is_a_link_inside_the_project_is_refused(tmp_path: Path) -> None:
    """`docs` committed as a link to another folder of the project: build would have replaced its
    files with pages (and deleted the others as stale)."""
    project = copy_project(tmp_path / "p")
    shutil.rmtree(project / "docs")
    before = _victim(project)
    (project / "docs").symlink_to(project / "victim", target_is_directory=True)
    assert read_site_settings(Project(project)) is None
    assert "docs is a symbolic link" in (docs_dir_problem(Project(project), project / "docs") or "")
    done = run_cli(project, "build")
    assert done.returncode != 0
    assert "symbolic link" in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert sorted(p.name for p in (project / "victim").iterdir()) == before
    assert not (project / "site").exists()


@pytest.mark.parametrize("docs_dir", ["content", "content/pages", "site_templates", ".", ".git", "/tmp"])
def test_the_plugin_refuses_a_docs_folder_holding_the_project_s_files(tmp_path: Path, docs_dir: str) -> None:
    """Plain `mkdocs build` with `docs_dir: content` would have written pages into content/ and
    deleted every content file as stale."""
    project = copy_project(tmp_path / "p")
    (project / ".git").mkdir()
    before = sorted(p.relative_to(project).as_posix() for p in (project / "content").rglob("*"))
    with pytest.raises(PluginError, match="were not generated"):
        DirectoryPlugin()._generate(Project(project), SiteOptions(), project / docs_dir, [])
    assert sorted(p.relative_to(project).as_posix() for p in (project / "content").rglob("*")) == before


def test_a_template_or_strings_file_that_is_a_link_is_refused(tmp_path: Path, outside: Path) -> None:
    shutil.copytree(ROOT / "site_templates", tmp_path / "site_templates")
    pages = tmp_path / "site_templates" / "pages"
    (pages / "stolen.md.j2").symlink_to(outside / "precious.txt")
    env = environment(pages)
    with pytest.raises(UnsafePathError, match=r"stolen\.md\.j2 is a symbolic link"):
        env.get_template("stolen.md.j2")
    source, _, _ = env.loader.get_source(env, "glossary.md.j2")  # type: ignore[union-attr]
    assert "glossary" in source
    strings = tmp_path / "site_templates" / "i18n" / "fr.yml"
    strings.unlink()
    strings.symlink_to(outside / "precious.txt")
    with pytest.raises(UnsafePathError):
        load_strings(tmp_path / "site_templates", "fr")
