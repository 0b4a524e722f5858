"""A form as an editable Word document (python-docx), for agencies that adapt a form (the
partnering policy, the checklist) or fill it in on screen. Answers go in Word content controls:
plain text, date pickers and check boxes (Word has no radio buttons: a single choice is a list of
check boxes under "choose one"). Headings mirror the page: Heading 1 for the title, Heading 2 for
sections, so Word's navigation pane and screen readers find their way."""

from __future__ import annotations

import datetime as dt

from docx import Document
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Inches, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from literacy_directory.forms.model import Form, FormField
from literacy_directory.forms.strings import pair

FIXED_DATE = dt.datetime(2026, 1, 1)  # core properties: fixed, so the same form gives the same bytes
GREY = RGBColor(0x40, 0x40, 0x40)
LOCALES = {"en": "en-CA", "fr": "fr-CA"}


def _element(tag: str, **attributes: str) -> BaseOxmlElement:
    element: BaseOxmlElement = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(name.replace("_", ":", 1)), value)
    return element


def _content_control(
    tag: str, alias: str, kind: BaseOxmlElement, content: list[BaseOxmlElement], placeholder: bool = False
) -> BaseOxmlElement:
    """``<w:sdt>``: a named content control of ``kind`` holding ``content`` runs (shown as a
    placeholder, which Word clears on typing, when ``placeholder``). Elements in schema order."""
    sdt, properties, body = _element("w:sdt"), _element("w:sdtPr"), _element("w:sdtContent")
    properties.append(_element("w:alias", w_val=alias[:255]))
    properties.append(_element("w:tag", w_val=tag))
    if placeholder:
        properties.append(_element("w:showingPlcHdr"))
    properties.append(kind)
    sdt.append(properties)
    for run in content:
        body.append(run)
    sdt.append(body)
    return sdt


def _run(text: str, colour: str | None = None, font: str | None = None) -> BaseOxmlElement:
    run, properties = _element("w:r"), _element("w:rPr")
    if font:
        properties.append(_element("w:rFonts", w_ascii=font, w_eastAsia=font, w_hAnsi=font))
    if colour:
        properties.append(_element("w:color", w_val=colour))
    run.append(properties)
    text_element = _element("w:t")
    text_element.text = text
    text_element.set(qn("xml:space"), "preserve")
    run.append(text_element)
    return run


def text_control(name: str, alias: str, placeholder: str, multiline: bool = False) -> BaseOxmlElement:
    kind = _element("w:text", **({"w_multiLine": "1"} if multiline else {}))
    return _content_control(name, alias, kind, [_run(placeholder, colour="595959")], placeholder=True)


def date_control(name: str, alias: str, placeholder: str, lang: str) -> BaseOxmlElement:
    kind = _element("w:date")
    kind.append(_element("w:dateFormat", w_val="yyyy-MM-dd"))
    kind.append(_element("w:lid", w_val=LOCALES[lang]))
    kind.append(_element("w:storeMappedDataAs", w_val="dateTime"))
    kind.append(_element("w:calendar", w_val="gregorian"))
    return _content_control(name, alias, kind, [_run(placeholder, colour="595959")], placeholder=True)


def checkbox_control(name: str, alias: str) -> BaseOxmlElement:
    kind = _element("w14:checkbox")
    kind.append(_element("w14:checked", w14_val="0"))
    kind.append(_element("w14:checkedState", w14_val="2612", w14_font="MS Gothic"))
    kind.append(_element("w14:uncheckedState", w14_val="2610", w14_font="MS Gothic"))
    return _content_control(name, alias, kind, [_run("\u2610", font="MS Gothic")])


def _bottom_border(paragraph: Paragraph) -> None:
    borders = _element("w:pBdr")
    borders.append(_element("w:bottom", w_val="single", w_sz="6", w_space="1", w_color="000000"))
    paragraph._p.get_or_add_pPr().append(borders)


class DocxBuilder:
    """Builds ``document`` from ``form`` in ``lang`` with the interface strings ``texts``."""

    def __init__(self, form: Form, lang: str, texts: dict[str, str]):
        self.form, self.lang, self.texts = form, lang, texts
        self.document = Document()

    def build(self) -> None:
        self._set_up()
        form, lang = self.form, self.lang
        self.document.add_heading(form.tr("title", lang), level=1)
        self.document.add_paragraph(form.tr("purpose", lang))
        if form.has_personal:
            self._note(self.texts["form_privacy_pdf"], bold=True)
        if any(f.required for f in form.fields):
            self._note(self.texts["form_required_note"])
        for section in form.sections:
            self.document.add_heading(section.tr("title", lang), level=2)
            if section.tr("intro", lang):
                self._note(section.tr("intro", lang))
            for field in section.fields:
                self._field(field)

    def _set_up(self) -> None:
        properties = self.document.core_properties
        properties.title = self.form.tr("title", self.lang)
        properties.subject = self.form.tr("purpose", self.lang)
        properties.language = LOCALES[self.lang]
        properties.author = properties.last_modified_by = ""
        properties.comments = properties.keywords = properties.category = ""
        properties.created = properties.modified = FIXED_DATE
        properties.revision = 1
        defaults = self.document.styles.element.find(qn("w:docDefaults"))
        run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        run_defaults.append(_element("w:lang", w_val=LOCALES[self.lang]))
        self.document.styles["Normal"].font.size = Pt(11)
        for section in self.document.sections:
            section.left_margin = section.right_margin = Inches(0.8)
            section.top_margin = section.bottom_margin = Inches(0.7)

    def _note(self, text: str, bold: bool = False) -> Paragraph:
        paragraph = self.document.add_paragraph()
        run = paragraph.add_run(text)
        run.font.size, run.font.color.rgb, run.bold = Pt(9.5), GREY, bold
        return paragraph

    def _label(self, field: FormField) -> None:
        paragraph = self.document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(2)
        paragraph.paragraph_format.keep_with_next = True
        paragraph.add_run(field.tr("label", self.lang)).bold = True
        if field.required:
            paragraph.add_run(f" ({self.texts['form_required']})")
        for text in (field.tr("help", self.lang), self.texts["form_personal"] if field.personal else ""):
            if text:
                self._note(text).paragraph_format.keep_with_next = True

    def _field(self, field: FormField) -> None:
        if field.type == "static":
            for text in field.tr("text", self.lang).split("\n\n"):
                self.document.add_paragraph(text.strip())
            return
        self._label(field)
        if field.is_choice:
            if field.type != "multiple_choice":
                self._note(self.texts["form_choose_one"]).paragraph_format.keep_with_next = True
            self._choices(field)
        elif field.type == "signature":
            self._signature(field)
        elif field.type == "long_text":
            self._box(field)
        else:
            paragraph = self.document.add_paragraph()
            paragraph._p.append(self._control(field, field.id))
            _bottom_border(paragraph)

    def _control(self, field: FormField, name: str) -> BaseOxmlElement:
        alias = field.tr("label", self.lang)
        if field.type == "date":
            return date_control(name, alias, self.texts["form_date_format"].strip("()"), self.lang)
        return text_control(name, alias, " " * 3, multiline=field.type == "long_text")

    def _box(self, field: FormField) -> None:
        table: Table = self.document.add_table(rows=1, cols=1)
        table.style = self.document.styles["Table Grid"]
        row = table.rows[0]
        row.height, row.height_rule = Pt(20 * field.lines), WD_ROW_HEIGHT_RULE.AT_LEAST
        row.cells[0].paragraphs[0]._p.append(self._control(field, field.id))
        self.document.add_paragraph().paragraph_format.space_after = Pt(0)

    def _choices(self, field: FormField) -> None:
        for option in field.choices():
            paragraph = self.document.add_paragraph()
            paragraph.paragraph_format.left_indent = Inches(0.2)
            paragraph.paragraph_format.space_after = Pt(2)
            label = option.tr("label", self.lang)
            alias = pair(self.texts, field.tr("label", self.lang), label)
            paragraph._p.append(checkbox_control(field.option_name(option), alias))
            paragraph.add_run(f" {label}")

    def _signature(self, field: FormField) -> None:
        paragraph = self.document.add_paragraph()
        paragraph.paragraph_format.space_before = Pt(14)
        paragraph.add_run(pair(self.texts, self.texts["form_sign_here"], ""))
        paragraph._p.append(text_control(field.id, field.tr("label", self.lang), " " * 40))
        paragraph.add_run("\t" + pair(self.texts, self.texts["form_date"], ""))
        paragraph._p.append(date_control(field.date_name, self.texts["form_date"], "    ", self.lang))
        _bottom_border(paragraph)
