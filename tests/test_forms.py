"""Forms: the shipped definitions load clean, and the three renderings of every shipped form read
back (the PDF with pypdf, the DOCX with python-docx, the HTML with html.parser). The golden
bad-input cases of tests/cases/forms/ run in tests/test_cases.py."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections import Counter
from html.parser import HTMLParser
from importlib.abc import MetaPathFinder
from pathlib import Path
from typing import Any

import docx
import pytest
from pypdf import PdfReader, PdfWriter

from literacy_directory.core.project import Project
from literacy_directory.forms import render as formrender
from literacy_directory.forms.model import Form, load_forms
from literacy_directory.forms.render import FormRenderError, form_html, render_cached, tooltips
from literacy_directory.schema.vocabularies import Vocabularies, parse_vocabularies

REPO = Path(__file__).resolve().parent.parent
MAX_PDF_BYTES = 150 * 1024
RADIO_FLAG = 1 << 15
MULTILINE_FLAG = 1 << 12


def _vocabularies() -> Vocabularies:
    vocabularies, problems = parse_vocabularies(
        "schemas/vocabularies.csv", (REPO / "schemas" / "vocabularies.csv").read_text("utf-8")
    )
    assert not problems
    return vocabularies


def _project_with(tmp_path: Path, files: dict[str, str]) -> Project:
    forms = tmp_path / "content" / "forms"
    forms.mkdir(parents=True)
    for name, text in files.items():
        (forms / name).write_text(text, encoding="utf-8")
    shutil.copytree(REPO / "site_templates", tmp_path / "site_templates")
    return Project(tmp_path)


# --- the shipped forms -------------------------------------------------------------------------


def test_shipped_forms_are_clean() -> None:
    forms, found = load_forms(Project(REPO), _vocabularies())
    assert found == []
    ids = {f.id for f in forms}
    assert {"learner-referral", "consent-to-share", "partnership-checklist", "partnering-policy"} <= ids
    assert "partnership-needs-assessment" in ids
    assert all(f.languages == ("en", "fr") for f in forms)


def test_referral_goal_path_comes_from_the_vocabulary() -> None:
    form = _shipped()["learner-referral"]
    goal = next(f for f in form.fields if f.id == "goal_path")
    assert goal.vocabulary == "goal_path"
    assert [o.code for o in goal.options] == list(_vocabularies()["goal_path"].codes)
    assert goal.options[0].label_fr == "Emploi"


# --- renderings of the shipped forms ------------------------------------------------------------


def _shipped() -> dict[str, Form]:
    forms, _ = load_forms(Project(REPO), _vocabularies())
    return {f.id: f for f in forms}


SHIPPED = _shipped()
RENDERINGS = [pytest.param(form_id, lang, id=f"{form_id}-{lang}") for form_id in sorted(SHIPPED) for lang in ("en", "fr")]


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("form-cache")


def _pdf(form_id: str, lang: str, cache: Path) -> bytes:
    return render_cached(SHIPPED[form_id], lang, "pdf", cache)


@pytest.mark.parametrize(("form_id", "lang"), RENDERINGS)
def test_pdf_fields(form_id: str, lang: str, cache: Path) -> None:
    form = SHIPPED[form_id]
    reader = PdfReader(io.BytesIO(_pdf(form_id, lang, cache)))
    fields = [ref.get_object() for ref in reader.trailer["/Root"]["/AcroForm"]["/Fields"]]
    names = [str(f["/T"]) for f in fields]
    assert Counter(names) == Counter(dict.fromkeys(names, 1)), "a field is listed twice"
    expected = dict(form.field_names())
    assert set(names) == set(expected)
    assert set(reader.get_fields() or {}) == set(expected), "pypdf sees other names (like g.g)"
    tips = tooltips(form, lang)
    for field in fields:
        name = str(field["/T"])
        assert field["/TU"] == tips[name]
        _assert_kind(form, field, expected[name])


def _assert_kind(form: Form, field: Any, kind: str) -> None:
    flags = int(field.get("/Ff", 0))
    if kind in ("text", "multiline"):
        assert field["/FT"] == "/Tx"
        assert bool(flags & MULTILINE_FLAG) == (kind == "multiline")
    elif kind == "checkbox":
        assert field["/FT"] == "/Btn" and not flags & RADIO_FLAG and "/Kids" not in field
    else:
        source = next(f for f in form.fields if f.id == field["/T"])
        kids = [k.get_object() for k in field["/Kids"]]
        assert field["/FT"] == "/Btn" and flags & RADIO_FLAG
        assert [str(v) for v in field["/Opt"]] == [o.code for o in source.choices()]
        assert all("/T" not in kid for kid in kids), "a radio button keeps its own name"


@pytest.mark.parametrize(("form_id", "lang"), RENDERINGS)
def test_pdf_is_tagged_titled_letter_and_small(form_id: str, lang: str, cache: Path) -> None:
    data = _pdf(form_id, lang, cache)
    assert len(data) < MAX_PDF_BYTES
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == f"{lang}-CA"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert reader.metadata is not None and reader.metadata.title == SHIPPED[form_id].tr("title", lang)
    assert root["/AcroForm"]["/NeedAppearances"].value is False
    assert all([round(float(v)) for v in page.mediabox] == [0, 0, 612, 792] for page in reader.pages)


@pytest.mark.parametrize(("form_id", "lang"), RENDERINGS)
def test_pdf_text_can_be_read_back(form_id: str, lang: str, cache: Path) -> None:
    """Every label is in the PDF's text (a ligature without a Unicode mapping, like "fi" in
    DejaVu, would make "fit" read "t" to a screen reader)."""
    reader = PdfReader(io.BytesIO(_pdf(form_id, lang, cache)))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    text = re.sub(r"(\w)- (\w)", r"\1-\2", text)  # a line broken after a hyphen (main-|d'œuvre)
    for label in _labels(SHIPPED[form_id], lang):
        assert " ".join(label.split()) in text, label


def test_pdf_radio_group_can_be_set(cache: Path) -> None:
    reader = PdfReader(io.BytesIO(_pdf("learner-referral", "en", cache)))
    writer = PdfWriter(clone_from=reader)
    for page in writer.pages:
        writer.update_page_form_field_values(page, {"goal_path": "/1", "supports_childcare": "/on"}, auto_regenerate=False)
    out = io.BytesIO()
    writer.write(out)
    fields = PdfReader(io.BytesIO(out.getvalue())).get_fields() or {}
    group = fields["goal_path"]
    assert group["/V"] == "/1"
    assert [str(k.get_object()["/AS"]) for k in group["/Kids"]] == ["/Off", "/1", "/Off", "/Off", "/Off"]
    assert fields["supports_childcare"]["/V"] == "/on"


def test_pdf_fonts_embedded_and_first_page_renders(cache: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "form.pdf"
    pdf.write_bytes(_pdf("learner-referral", "fr", cache))
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # the "emb" column
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    assert (tmp_path / "page-1.png").stat().st_size > 5_000


@pytest.mark.parametrize(("form_id", "lang"), RENDERINGS)
def test_docx_opens_with_every_label_and_a_control_per_field(form_id: str, lang: str, cache: Path) -> None:
    form = SHIPPED[form_id]
    data = render_cached(form, lang, "docx", cache)
    document = docx.Document(io.BytesIO(data))
    assert document.core_properties.title == form.tr("title", lang)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    text = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))
    for label in _labels(form, lang):
        assert _xml_text(label) in text, label
    tags = re.findall(r'<w:tag w:val="([^"]+)"/>', xml)
    expected = Counter(name for name, kind in form.field_names() if kind != "radio")
    expected.update(f"{f.id}" for f in form.fields for _ in f.choices() if f.type in ("single_choice", "yes_no"))
    assert Counter(tags) == expected


def _labels(form: Form, lang: str) -> list[str]:
    labels = [form.tr("title", lang)] + [s.tr("title", lang) for s in form.sections]
    for field in form.fields:
        labels.append(field.tr("text" if field.type == "static" else "label", lang).split("\n\n")[0].strip())
        labels += [o.tr("label", lang) for o in field.choices()]
    return labels


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inputs: list[dict[str, str]] = []
        self.label_for: list[str] = []
        self.ids: list[str] = []
        self.stack: list[str] = []
        self.forms: list[dict[str, str]] = []
        self.legends = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if "id" in attributes:
            self.ids.append(attributes["id"])
        if tag in ("input", "textarea", "select"):
            self.inputs.append({**attributes, "tag": tag, "in_fieldset": str("fieldset" in self.stack)})
        elif tag == "label":
            self.label_for.append(attributes.get("for", ""))
        elif tag == "form":
            self.forms.append(attributes)
        elif tag == "legend":
            self.legends += 1
        if tag not in ("input", "br", "meta"):
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            del self.stack[len(self.stack) - 1 - self.stack[::-1].index(tag) :]


@pytest.mark.parametrize(("form_id", "lang"), RENDERINGS)
def test_html_labels_fieldsets_and_no_submission(form_id: str, lang: str) -> None:
    form = SHIPPED[form_id]
    parser = _FormParser()
    parser.feed(form_html(form, lang))
    assert Counter(parser.ids) == Counter(dict.fromkeys(parser.ids, 1)), "duplicate ids"
    assert len(parser.forms) == 1 and "action" not in parser.forms[0] and parser.forms[0]["autocomplete"] == "off"
    for field in parser.inputs:
        assert field["id"] in parser.label_for, f"no <label for> for {field}"
        assert field.get("type") != "submit"
        if field.get("type") in ("radio", "checkbox"):
            assert field["in_fieldset"] == "True"
        for described in field.get("aria-describedby", "").split():
            assert described in parser.ids
    names = {f["name"] for f in parser.inputs}
    assert names == {name for name, _ in form.field_names()}
    assert parser.legends == sum(1 for f in form.fields if f.is_choice or f.type == "signature")


def test_html_marks_prefill_only_on_fields_that_allow_it() -> None:
    html = form_html(SHIPPED["learner-referral"], "en")
    prefilled = set(re.findall(r'name="([a-z_]+)"[^>]*data-prefill', html))
    assert prefilled == {"referring_organization", "receiving_organization", "receiving_contact"}


def test_html_privacy_note_and_personal_fields_are_linked() -> None:
    html = form_html(SHIPPED["consent-to-share"], "fr")
    assert 'class="ldf-privacy"' in html
    learner = re.search(r'<input [^>]*name="learner_name"[^>]*>', html)
    assert learner and "ldf-learner_name-personal" in learner.group(0)
    assert "Renseignement personnel" in html


# --- cache and errors ---------------------------------------------------------------------------


def test_cache_is_reused_until_the_definition_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    form = SHIPPED["partnering-policy"]
    first = render_cached(form, "en", "html", tmp_path)
    calls: list[str] = []
    real = formrender.render

    def counting(*args: Any) -> bytes:
        calls.append(args[0].id)
        return real(*args)

    monkeypatch.setattr(formrender, "render", counting)
    assert render_cached(form, "en", "html", tmp_path) == first
    assert render_cached(form.model_copy(), "en", "html", tmp_path) == first
    assert calls == []
    changed = form.model_copy(update={"purpose_en": "Another purpose."})
    assert b"Another purpose." in render_cached(changed, "en", "html", tmp_path)
    assert calls == ["partnering-policy"]
    assert len(list(tmp_path.glob("partnering-policy.en.*.html"))) == 1, "the stale rendering is removed"


def test_cache_key_ignores_unrelated_edits(tmp_path: Path) -> None:
    project = _project_with(tmp_path, {})
    shutil.copytree(REPO / "content" / "forms", project.forms_dir, dirs_exist_ok=True)
    forms, _ = load_forms(project, _vocabularies())
    form = next(f for f in forms if f.id == "learner-referral")
    before = {kind: formrender.cache_key(form, "fr", kind) for kind in formrender.KINDS}
    with (project.templates / "i18n" / "fr.yml").open("a", encoding="utf-8") as fh:
        fh.write("unrelated_key: Autre chose\n")
    (project.forms_dir / "partnering-policy.yml").write_text("title_en: Edited\n", encoding="utf-8")
    assert {kind: formrender.cache_key(form, "fr", kind) for kind in formrender.KINDS} == before
    with (project.templates / "forms" / "pdf.css").open("a", encoding="utf-8") as fh:
        fh.write("/* edited */\n")
    assert formrender.cache_key(form, "fr", "pdf") != before["pdf"]


class _NoPango(MetaPathFinder):
    def find_spec(self, name: str, path: Any = None, target: Any = None) -> None:
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")


def test_missing_system_library_names_the_apt_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    monkeypatch.setattr(sys, "meta_path", [_NoPango(), *sys.meta_path])
    with pytest.raises(FormRenderError, match=re.escape("apt-get install libpango-1.0-0 libpangoft2-1.0-0")):
        formrender.form_pdf(SHIPPED["partnering-policy"], "en")


def test_a_language_the_form_lacks_is_refused() -> None:
    form = SHIPPED["partnering-policy"].model_copy(update={"title_fr": None})
    with pytest.raises(ValueError, match="fr"):
        formrender.render(form, "fr", "html")


def test_a_pdf_is_the_same_bytes_when_made_again_in_another_process(tmp_path: Path) -> None:
    """Reproducible downloads: fontTools stamped each font subset with the time it was made."""
    script = (
        "import sys; from pathlib import Path; "
        "from literacy_directory.forms.model import load_forms; "
        "from literacy_directory.core.project import Project; "
        "from literacy_directory.forms.render import form_pdf; "
        "from literacy_directory.schema.vocabularies import parse_vocabularies\n"
        "project = Project(Path(sys.argv[1]))\n"
        "vocabularies, _ = parse_vocabularies('v', (project.schemas / 'vocabularies.csv').read_text(encoding='utf-8'))\n"
        "form = next(f for f in load_forms(project, vocabularies)[0] if f.id == 'consent-to-share')\n"
        "Path(sys.argv[2]).write_bytes(form_pdf(form, 'en'))\n"
    )
    environment = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    environment["PYTHONPATH"] = str(REPO / "build")
    made = []
    for n in (1, 2):
        out = tmp_path / f"{n}.pdf"
        subprocess.run([sys.executable, "-c", script, str(REPO), str(out)], check=True, env=environment, timeout=300)
        made.append(out.read_bytes())
    assert made[0] == made[1]
