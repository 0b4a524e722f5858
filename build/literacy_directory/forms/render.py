"""Three renderings of one form definition, in one language each:

- ``form_html``: an accessible HTML fragment for the site's form page (real labels, fieldsets and
  legends, help text linked with ``aria-describedby``) whose print styles give a paper form;
- ``form_pdf``: a fillable, tagged PDF (WeasyPrint, PDF/UA-1 tagging), letter size, one PDF field
  per name in ``Form.field_names``, with tooltips; radio groups repaired with pypdf;
- ``form_docx``: a Word document with content controls, for agencies to adapt.

``render_cached`` keeps each rendering in a folder, keyed by a hash of what it is made from (the
definition, the templates and this code, the interface strings it uses, library versions, the
font), so an unrelated edit does not re-render anything. Output is byte-for-byte reproducible.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any, Literal, cast

import jinja2
from markupsafe import Markup

from literacy_directory.core.jinja import environment
from literacy_directory.core.logsafe import C0_CONTROLS, INVISIBLE
from literacy_directory.core.safefs import read_regular
from literacy_directory.core.sealedcache import SealedFolder
from literacy_directory.forms.model import Form, FormField, Option, Section
from literacy_directory.forms.pdffetch import asset_fetcher
from literacy_directory.forms.strings import pair, strings

Kind = Literal["html", "pdf", "docx"]
KINDS: tuple[Kind, ...] = ("html", "pdf", "docx")
EXTENSIONS: dict[Kind, str] = {"html": "html", "pdf": "pdf", "docx": "docx"}
APT_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core"
LIBRARIES = ("weasyprint", "pydyf", "pypdf", "python-docx", "fonttools", "jinja2")
HALF_WIDTH_TYPES = frozenset({"date", "phone", "email"})


class FormRenderError(RuntimeError):
    """A form cannot be rendered on this machine (a system library or font is missing)."""


# --- shared: strings, templates, labels ---------------------------------------------------------


@functools.lru_cache(maxsize=8)
def _environment(templates: Path) -> jinja2.Environment:
    env = environment(templates / "forms", auto_reload=True)
    env.globals.update(name_id=name_id, rows=rows, layout=layout, paragraphs=paragraphs, css_string=css_string)
    return env


def _render_template(form: Form, lang: str, template: str, **context: Any) -> str:
    texts = strings(form, lang)

    def t(key: str) -> str:
        try:
            return texts[key]
        except KeyError:
            raise KeyError(f"no interface string {key!r} in site_templates/i18n/{lang}.yml") from None

    return _environment(form.templates).get_template(template).render(form=form, lang=lang, t=t, **context)


def name_id(name: str) -> str:
    """The HTML id of a field name (prefixed so it cannot clash with the site's own ids)."""
    return f"ldf-{name}"


def rows(section: Section) -> list[list[FormField]]:
    """Fields in rows: two short fields (date, phone, email) in a row side by side, others alone."""
    out: list[list[FormField]] = []
    for field in section.fields:
        last = out[-1] if out else None
        if field.type in HALF_WIDTH_TYPES and last and len(last) == 1 and last[0].type in HALF_WIDTH_TYPES:
            last.append(field)
        else:
            out.append([field])
    return out


def layout(field: FormField) -> str:
    """How options are laid out: ``inline`` (a few short ones side by side), ``columns`` (many
    short ones in two columns) or ``list`` (one per line)."""
    labels = [max(len(o.label_en or ""), len(o.label_fr or "")) for o in field.choices()]
    if labels and max(labels) <= 32 and sum(labels) <= 100:
        return "inline"
    return "columns" if len(labels) > 6 and max(labels) <= 70 else "list"


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


# In a CSS string: what could end it (quotes, a newline, CR, FF), start an escape (backslash), end
# the <style> element (<, >, &), or hide text (every C0/C1 control, DEL, bidi and zero-width marks).
CSS_UNSAFE = re.compile(f"[\\\\\"'<>&{C0_CONTROLS}{INVISIBLE}]")


def _css_escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in "\t\n\r\x0b\x0c\x85\u2028\u2029":
        return " "  # a line break in a running footer is a space (and a raw one would end the string)
    return f"\\{ord(char):x} "


def css_string(text: str) -> Markup:
    """Text as a quoted CSS string that cannot end the string or the <style> element: every
    character listed in CSS_UNSAFE is written as a CSS escape (``\\22 `` for a quote); line
    breaks of any kind become spaces."""
    return Markup(f'"{CSS_UNSAFE.sub(_css_escape, text)}"')


def label_text(field: FormField, lang: str, texts: dict[str, str]) -> str:
    """The field's label as a screen reader or tooltip gives it, with (required)."""
    required = f" ({texts['form_required']})" if field.required else ""
    return f"{field.tr('label', lang)}{required}"


def tooltips(form: Form, lang: str) -> dict[str, str]:
    """The tooltip (PDF /TU) of every field name: its label, with the option for a checkbox."""
    texts = strings(form, lang)
    out: dict[str, str] = {}
    for field in form.fields:
        label = label_text(field, lang, texts)
        for name, kind in field.field_names():
            out[name] = label
            if kind == "checkbox":
                option = _option_of(field, name)
                out[name] = pair(texts, field.tr("label", lang), option.tr("label", lang))
        if field.type == "signature":
            out[field.date_name] = pair(texts, field.tr("label", lang), texts["form_date"])
    return out


def _option_of(field: FormField, name: str) -> Option:
    return next(o for o in field.choices() if field.option_name(o) == name)


# --- HTML ---------------------------------------------------------------------------------------


def form_html(form: Form, lang: str) -> str:
    """The form as an HTML fragment (a ``<form class="ldf">``) for the site's form page. It needs
    site_templates/forms/form.css and form.js on the page; it has no title (the page has it)."""
    return _render_template(form, lang, "page.html.j2").strip() + "\n"


# --- PDF ----------------------------------------------------------------------------------------


def form_pdf(form: Form, lang: str) -> bytes:
    """A fillable, tagged PDF (letter size) with one field per name in ``form.field_names()``."""
    css = read_regular(form.templates / "forms" / "pdf.css").decode("utf-8")
    html = _render_template(form, lang, "pdf.html.j2", font_css=Markup(font_css()), css=Markup(css))
    return fix_fields(pdf_from_html(html, form.templates / "forms"), tooltips(form, lang))


def pdf_from_html(html: str, assets: Path) -> bytes:
    """WeasyPrint's PDF of ``html``, loading nothing but ``data:`` URLs and files in ``assets``
    (see ``pdffetch``)."""
    weasyprint = _weasyprint()
    fetcher = asset_fetcher(weasyprint, assets)
    document = weasyprint.HTML(string=html, base_url=str(assets), url_fetcher=fetcher)
    return bytes(document.write_pdf(pdf_forms=True, pdf_variant="pdf/ua-1"))


def _weasyprint() -> Any:
    """WeasyPrint, imported only when a PDF is made (the import takes 1-2 s and needs Pango)."""
    try:
        import weasyprint  # noqa: PLC0415
    except OSError as exc:
        raise FormRenderError(
            f"the PDF forms cannot be made: WeasyPrint cannot load a system library ({exc}). "
            f"On Debian or Ubuntu install them with: sudo apt-get install {APT_PACKAGES}"
        ) from exc
    return weasyprint


def fix_fields(data: bytes, tips: dict[str, str]) -> bytes:
    """Repair WeasyPrint's fields with pypdf: a radio group's buttons are listed as fields of
    their own and keep a name (readers see ``g`` and ``g.g`` and cannot set it), so they are
    taken out of the field list and lose their name; every field gets its tooltip (a radio
    group's is its question, not its first option); appearance streams are used as drawn
    (NeedAppearances false: poppler would not draw checked boxes). The changes are written as an
    incremental update, which keeps WeasyPrint's compact file (a full rewrite doubles its size)."""
    from pypdf import PdfWriter  # noqa: PLC0415
    from pypdf.generic import ArrayObject, BooleanObject, NameObject, TextStringObject  # noqa: PLC0415

    writer = PdfWriter(io.BytesIO(data), incremental=True)
    acroform = cast(Any, writer.root_object["/AcroForm"].get_object())
    kept = ArrayObject()
    for reference in acroform["/Fields"]:
        field = reference.get_object()
        if "/Parent" in field:  # a button of a radio group: a widget, not a field
            del field[NameObject("/T")]
            continue
        kept.append(reference)
        name = str(field.get("/T", ""))
        if name in tips:
            field[NameObject("/TU")] = TextStringObject(tips[name])
    acroform[NameObject("/Fields")] = kept
    acroform[NameObject("/NeedAppearances")] = BooleanObject(False)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts")
FONT_FILES = {"normal": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf"}
# Latin-1, Latin Extended-A (French œ, Œ, Ÿ and names), punctuation, €: what people type in Canada.
SUBSET = [*range(0x20, 0x7F), *range(0xA0, 0x180), *range(0x2010, 0x2028), 0x2030, 0x2039, 0x203A, 0x20AC, 0x2122, 0xFFFD]


def font_files() -> dict[str, Path]:
    """DejaVu Sans (Bitstream Vera licence: may be embedded and subset; Debian fonts-dejavu-core)."""
    found = {}
    for weight, name in FONT_FILES.items():
        path = next((Path(d) / name for d in FONT_DIRS if (Path(d) / name).is_file()), None)
        if path is None:
            raise FormRenderError(f"the font {name} is missing: on Debian or Ubuntu run: sudo apt-get install fonts-dejavu-core")
        found[weight] = path
    return found


@functools.lru_cache(maxsize=1)
def font_css() -> str:
    """@font-face rules for FormSans: DejaVu Sans cut to the characters in SUBSET. WeasyPrint
    embeds a font used by form fields whole (Kozea/WeasyPrint#2119), 430 KB for DejaVu Sans;
    this subset keeps each PDF well under 150 KB."""
    rules = []
    for weight, path in font_files().items():
        data = base64.b64encode(_subset_font(path)).decode("ascii")
        rules.append(f"@font-face {{ font-family: FormSans; font-weight: {weight}; src: url(data:font/ttf;base64,{data}); }}")
    return "\n".join(rules)


def _subset_font(path: Path) -> bytes:
    from fontTools import subset  # noqa: PLC0415  (fontTools comes with WeasyPrint)
    from fontTools.ttLib import TTFont  # noqa: PLC0415

    options = subset.Options()
    options.name_IDs = ["*"]  # keep the copyright and licence notices
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["FFTM"]
    # recalcTimestamp=False keeps the font's own dates: fontTools would otherwise stamp the subset
    # with the time it was made, and the same form made again would not be the same bytes.
    font = TTFont(str(path), recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=SUBSET)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


# --- DOCX ---------------------------------------------------------------------------------------


def form_docx(form: Form, lang: str) -> bytes:
    """An editable Word document: the same text, with content controls to type in (plain text,
    date, check boxes), for agencies to adapt (policy, checklist) or fill in on screen."""
    from literacy_directory.forms.docx import DocxBuilder  # noqa: PLC0415

    builder = DocxBuilder(form, lang, strings(form, lang))
    builder.build()
    out = io.BytesIO()
    builder.document.save(out)
    return _reproducible_zip(out.getvalue())


def _reproducible_zip(data: bytes) -> bytes:
    """The same archive with fixed file times (python-docx stamps the current time)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


# --- cache --------------------------------------------------------------------------------------


def render(form: Form, lang: str, kind: Kind) -> bytes:
    """One rendering as bytes (HTML as UTF-8)."""
    renderers: dict[str, Callable[[Form, str], bytes]] = {
        "html": lambda f, lg: form_html(f, lg).encode("utf-8"),
        "pdf": form_pdf,
        "docx": form_docx,
    }
    if kind not in renderers or lang not in form.languages:
        raise ValueError(f"cannot render {form.id} as {kind!r} in {lang!r} (languages: {', '.join(form.languages)})")
    return renderers[kind](form, lang)


def render_cached(form: Form, lang: str, kind: Kind, cache_dir: Path) -> bytes:
    """``render(form, lang, kind)``, kept in ``cache_dir`` and reused while nothing it is made
    from changed (see ``cache_key``). Entries are sealed (``sealedcache``): a file this machine did
    not write, such as one committed under .cache/, is never inserted or published, only replaced."""
    entries = SealedFolder(Path(cache_dir), form.templates.parent)
    name = f"{form.id}.{lang}.{cache_key(form, lang, kind)[:24]}.{EXTENSIONS[kind]}"
    cached = entries.read(name)
    if cached is not None:
        return cached
    data = render(form, lang, kind)
    for stale in entries.folder.glob(f"{form.id}.{lang}.*.{EXTENSIONS[kind]}"):
        stale.unlink(missing_ok=True)
    entries.write(name, data)
    return data


def cache_key(form: Form, lang: str, kind: Kind) -> str:
    """A hash of everything a rendering is made from, and nothing else."""
    parts: dict[str, Any] = {
        "definition": form.model_dump(mode="json"),
        "lang": lang,
        "kind": kind,
        "strings": strings(form, lang),
        "code": _source_digest(form.templates),
        "libraries": {name: _version(name) for name in LIBRARIES},
    }
    if kind == "pdf":
        parts["fonts"] = {w: _file_digest(p) for w, p in font_files().items()}
    return hashlib.sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def _source_digest(templates: Path) -> str:
    here = Path(__file__).parent
    files = [
        here / "model.py",
        here / "strings.py",
        here / "render.py",
        here / "docx.py",
        *sorted((templates / "forms").glob("*")),
    ]
    digest = hashlib.sha256()
    for path in files:
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _file_digest(path: Path) -> str:
    stat = path.stat()
    return _digest_of(str(path), stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _digest_of(path: str, size: int, mtime_ns: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@functools.lru_cache(maxsize=16)
def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""
