"""Downloadable forms: one definition per form in ``content/forms/<id>.yml``, checked with located
diagnostics, from which ``formrender`` makes the HTML page, the fillable PDF and the DOCX.

A definition has bilingual labels (English required; French optional, and its absence is warned
about), sections of typed fields, and choice fields whose options are written out or drawn from a
vocabulary in ``schemas/vocabularies.csv`` (so a form stays in step with the data). Each field
becomes one or more named fields in the PDF (``FormField.field_names``); those names must be unique
in a form, also after a multiple choice ``supports`` with option ``other`` becomes
``supports_other``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from literacy_directory.core.diagnostics import Diagnostic, error, warning
from literacy_directory.core.lang import field_in
from literacy_directory.core.project import Project
from literacy_directory.core.suggest import did_you_mean, listing
from literacy_directory.load.confine import read_or_report
from literacy_directory.load.csvfile import SAVE_TEXT_AS_UTF8, encoding_problem
from literacy_directory.load.frontmatter import Document, read_yaml_file, validate_model
from literacy_directory.schema.protocol import SLUG_PATTERN, Code, Slug, Strict, Text
from literacy_directory.schema.vocabularies import Vocabularies
from literacy_directory.validate.cells import id_problems

FIELD_ID = re.compile(r"[a-z][a-z0-9_]*")
LANGUAGES = ("en", "fr")


def _field_id(value: str) -> str:
    if not FIELD_ID.fullmatch(value):
        raise PydanticCustomError(
            "field-id",
            "a field id must be lowercase letters, digits and underscores, starting with a letter",
            {"hint": "Write it like referring_organization: no spaces, hyphens, dots or capitals."},
        )
    return value


FieldId = Annotated[str, AfterValidator(_field_id)]
FieldType = Literal[
    "text", "long_text", "date", "phone", "email", "single_choice", "multiple_choice", "yes_no", "signature", "static"
]
MAX_FIELDS = 200  # a form this long is already unusable; 3,000 fields took 90 s and 700 MB for one PDF
CHOICE_TYPES = frozenset({"single_choice", "multiple_choice"})
TEXT_TYPES = frozenset({"text", "long_text", "date", "phone", "email"})
# The kind of PDF field a name becomes: a one-line or multi-line text, a radio group, a checkbox.
PdfKind = Literal["text", "multiline", "radio", "checkbox"]


class Localized(Strict):
    def tr(self, name: str, lang: str) -> str:
        """The French text of ``name`` (like ``label``) when asked for and given, else the English."""
        return field_in(self, name, lang)


class Option(Localized):
    """One choice of a single or multiple choice field."""

    code: Code = Field(description="Stable code, like `transportation`; the PDF value (or field name suffix).")
    label_en: Text | None = Field(default=None, description="What the choice says, in English (required).")
    label_fr: Text | None = Field(default=None, description="What the choice says, in French.")


YES_NO = (Option(code="yes", label_en="Yes", label_fr="Oui"), Option(code="no", label_en="No", label_fr="Non"))


class FormField(Localized):
    """One question, choice, signature line or block of text."""

    id: FieldId = Field(description="Name of the field in the PDF and the page, like `learner_name`.")
    type: FieldType = Field(description="What kind of answer: text, long_text, date, phone, email, single_choice, ...")
    label_en: Text | None = Field(default=None, description="The question or label, in English (required).")
    label_fr: Text | None = Field(default=None, description="The question or label, in French.")
    help_en: Text | None = Field(default=None, description="A hint shown under the label, in English.")
    help_fr: Text | None = Field(default=None, description="The hint in French.")
    text_en: Text | None = Field(default=None, description="For `static`: the text to show, in English.")
    text_fr: Text | None = Field(default=None, description="For `static`: the text in French.")
    required: bool = Field(default=False, strict=True, description="Marked as required (true or false).")
    personal: bool = Field(default=False, strict=True, description="Holds personal information (shows the privacy note).")
    prefill: bool = Field(
        default=False, strict=True, description="May be filled in from the link that opens the form (organizations only)."
    )
    lines: int = Field(default=4, ge=1, le=30, description="For `long_text`: lines of room to write on paper.")
    options: list[Option] = Field(default_factory=list, description="For choices: the options, in order.")
    vocabulary: Code | None = Field(default=None, description="For choices: take the options from this vocabulary.")

    @property
    def is_choice(self) -> bool:
        return self.type in CHOICE_TYPES or self.type == "yes_no"

    def choices(self) -> tuple[Option, ...]:
        return YES_NO if self.type == "yes_no" else tuple(self.options)

    def field_names(self) -> list[tuple[str, PdfKind]]:
        """The named fields this field becomes in the PDF (and the page)."""
        if self.type == "static":
            return []
        if self.type in ("single_choice", "yes_no"):
            return [(self.id, "radio")]
        if self.type == "multiple_choice":
            return [(self.option_name(o), "checkbox") for o in self.options]
        if self.type == "signature":
            return [(self.id, "text"), (self.date_name, "text")]
        return [(self.id, "multiline" if self.type == "long_text" else "text")]

    def option_name(self, option: Option) -> str:
        return f"{self.id}_{option.code}" if self.type == "multiple_choice" else self.id

    @property
    def date_name(self) -> str:
        """The date field that goes with a signature."""
        return f"{self.id}_date"


class Section(Localized):
    """A titled group of fields."""

    title_en: Text = Field(description="Section title in English.")
    title_fr: Text | None = Field(default=None, description="Section title in French.")
    intro_en: Text | None = Field(default=None, description="A sentence or two under the title, in English.")
    intro_fr: Text | None = Field(default=None, description="The introduction in French.")
    fields: list[FormField] = Field(min_length=1, description="The fields, in order.")


class FormDefinition(Localized):
    """A form as written in ``content/forms/<id>.yml``."""

    title_en: Text = Field(description="Title in English, like `Learner referral form`.")
    title_fr: Text | None = Field(default=None, description="Title in French; without it the form is English only.")
    purpose_en: Text = Field(description="One or two plain sentences: what the form is for and who fills it.")
    purpose_fr: Text | None = Field(default=None, description="The purpose in French.")
    sections: list[Section] = Field(min_length=1, description="The sections of the form, in order.")


class Form(FormDefinition):
    """A checked definition with its id, its file, and every vocabulary's options written out."""

    id: Slug = Field(description="The file name without .yml, like `learner-referral`.")
    path: str = Field(description="The file, relative to the project, like `content/forms/learner-referral.yml`.")
    templates: Path = Field(exclude=True, description="The project's site_templates folder.")

    @property
    def languages(self) -> tuple[str, ...]:
        """English, and French when the form has a French title."""
        return LANGUAGES if self.title_fr else ("en",)

    @property
    def fields(self) -> list[FormField]:
        return [f for s in self.sections for f in s.fields]

    @property
    def has_personal(self) -> bool:
        return any(f.personal for f in self.fields)

    def field_names(self) -> list[tuple[str, PdfKind]]:
        return [n for f in self.fields for n in f.field_names()]


def load_forms(project: Project, vocabularies: Vocabularies) -> tuple[list[Form], list[Diagnostic]]:
    """Every form in ``content/forms/``, sorted by id. A form with an error is left out (its
    diagnostics say why); warnings (like missing French) keep it."""
    forms: list[Form] = []
    found: list[Diagnostic] = []
    folder = project.forms_dir
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        form, problems = load_form(project, path, vocabularies)
        found.extend(problems)
        if form is not None:
            forms.append(form)
    return forms, found


def load_form(project: Project, path: Path, vocabularies: Vocabularies) -> tuple[Form | None, list[Diagnostic]]:
    rel = project.relative(path)
    misnamed = _file_name_problem(rel, path)
    if misnamed is not None or path.suffix != ".yml":
        return None, [misnamed] if misnamed else []
    unusable = list(id_problems(rel, 1, 1, path.stem, "form"))
    if unusable:
        return None, unusable
    refused: list[Diagnostic] = []
    data = read_or_report(project, path, refused)
    if data is None:
        return None, refused
    problem = encoding_problem(rel, data, SAVE_TEXT_AS_UTF8)
    if problem is not None:
        return None, [problem]
    document, problems = read_yaml_file(rel, data.decode("utf-8-sig"))
    if document is None or problems:
        return None, problems
    definition, problems = validate_model(FormDefinition, document)
    if definition is None:
        return None, problems
    problems = list(check_definition(definition, document, vocabularies))
    if any(p.is_error for p in problems):
        return None, problems
    resolved = _with_vocabulary_options(definition, vocabularies)
    return Form.model_validate({**resolved.model_dump(), "id": path.stem, "path": rel, "templates": project.templates}), problems


def _file_name_problem(rel: str, path: Path) -> Diagnostic | None:
    if path.suffix in (".yaml", ".YML", ".YAML"):
        return error(rel, 1, 1, "file-name", f'"{path.name}" is not read: form files end in .yml', f"Rename it {path.stem}.yml.")
    if path.suffix == ".yml" and not re.fullmatch(SLUG_PATTERN, path.stem):
        return error(
            rel,
            1,
            1,
            "slug",
            f'the file name "{path.name}" is not a valid form id',
            "Name the file with lowercase letters, digits and hyphens, like learner-referral.yml.",
        )
    return None


def check_definition(form: FormDefinition, document: Document, vocabularies: Vocabularies) -> Iterator[Diagnostic]:
    """What a pydantic model cannot say: labels in each language, options, unique field names,
    and a size one PDF can hold."""
    fields = sum(len(section.fields) for section in form.sections)
    if fields > MAX_FIELDS:
        yield error(
            *_at(document, ("sections",)),
            "too-many-fields",
            f"the form has {fields} fields; a form may have at most {MAX_FIELDS}",
            "Split it into several forms: a form this long is hard to fill in, and slow to make into a PDF.",
        )
        return
    yield from _check_labels(form, document)
    for i, section in enumerate(form.sections):
        for j, field in enumerate(section.fields):
            yield from _check_choices(field, ("sections", i, "fields", j), document, vocabularies)
            yield from _check_prefill(field, ("sections", i, "fields", j), document)
    yield from _check_unique_names(form, document)


def _at(document: Document, loc: tuple[int | str, ...]) -> tuple[str, int, int]:
    return (document.path, *document.line_of(loc))


def _labelled(form: FormDefinition) -> Iterator[tuple[tuple[int | str, ...], Localized, str]]:
    """(location, item, text name) of every text a reader sees."""
    yield (), form, "title"
    yield (), form, "purpose"
    for i, section in enumerate(form.sections):
        yield ("sections", i), section, "title"
        yield ("sections", i), section, "intro"
        for j, field in enumerate(section.fields):
            at = ("sections", i, "fields", j)
            yield at, field, "text" if field.type == "static" else "label"
            yield at, field, "help"
            for k, option in enumerate(field.options):
                yield (*at, "options", k), option, "label"


def _check_labels(form: FormDefinition, document: Document) -> Iterator[Diagnostic]:
    if not form.title_fr:
        yield warning(
            *_at(document, ("title_en",)),
            "missing-french",
            "the form has no French title (title_fr), so it is offered in English only",
            "Add title_fr and the French labels to offer the form in French.",
        )
    for loc, item, name in _labelled(form):
        english, french = getattr(item, f"{name}_en"), getattr(item, f"{name}_fr", None)
        if not english and name in ("label", "text"):
            yield error(
                *_at(document, (*loc, "id") if isinstance(item, FormField) else (*loc, "code")),
                "missing-label",
                f"{_what(item)} has no English {name} ({name}_en)",
                f"Add a line {name}_en: with the words shown in English (it is required).",
            )
        elif english and not french and form.title_fr:
            yield warning(
                *_at(document, (*loc, f"{name}_en")),
                "missing-french",
                f"{_what(item)} has no French {name} ({name}_fr): the French form shows the English",
                f"Add a line {name}_fr: with the French words.",
            )


def _what(item: Localized) -> str:
    if isinstance(item, FormField):
        return f'the field "{item.id}"'
    if isinstance(item, Option):
        return f'the option "{item.code}"'
    return "the section" if isinstance(item, Section) else "the form"


def _check_choices(
    field: FormField, loc: tuple[int | str, ...], document: Document, vocabularies: Vocabularies
) -> Iterator[Diagnostic]:
    if field.type not in CHOICE_TYPES:
        if field.options or field.vocabulary:
            key = "options" if field.options else "vocabulary"
            yield error(
                *_at(document, (*loc, key)),
                "options-not-allowed",
                f'the field "{field.id}" is of type {field.type}, which has no options',
                "Delete the options, or make it a single_choice or multiple_choice field.",
            )
        return
    if field.vocabulary and field.options:
        yield error(
            *_at(document, (*loc, "vocabulary")),
            "options-and-vocabulary",
            f'the field "{field.id}" has both options and a vocabulary',
            "Keep one: the vocabulary keeps the form in step with the directory's data.",
        )
    elif field.vocabulary and field.vocabulary not in vocabularies:
        suggestion = did_you_mean(field.vocabulary, vocabularies)
        yield error(
            *_at(document, (*loc, "vocabulary")),
            "unknown-vocabulary",
            f'"{field.vocabulary}" is not a vocabulary in schemas/vocabularies.csv',
            (suggestion[:1].upper() + suggestion[1:] + " " if suggestion else "") + f"Known: {listing(sorted(vocabularies))}.",
        )
    elif not field.vocabulary and not field.options:
        yield error(
            *_at(document, (*loc, "id")),
            "no-options",
            f'the choice field "{field.id}" has no options',
            "Add options (each with a code and label_en), or a vocabulary, like vocabulary: goal_path.",
        )
    yield from _check_option_codes(field, loc, document)


def _check_prefill(field: FormField, loc: tuple[int | str, ...], document: Document) -> Iterator[Diagnostic]:
    """Only an organization's details may come from a link: a learner's must never be in one."""
    if field.prefill and (field.personal or field.type not in TEXT_TYPES):
        why = "holds personal information" if field.personal else f"is of type {field.type}"
        yield error(
            *_at(document, (*loc, "prefill")),
            "prefill-not-allowed",
            f'the field "{field.id}" {why}, so it cannot be filled in from a link',
            "Use prefill: true only on text fields about an organization (like the receiving program); delete it here.",
        )


def _check_option_codes(field: FormField, loc: tuple[int | str, ...], document: Document) -> Iterator[Diagnostic]:
    first: dict[str, int] = {}
    for k, option in enumerate(field.options):
        where = _at(document, (*loc, "options", k, "code"))
        if option.code in first:
            yield error(
                *where,
                "duplicate-option",
                f'the option "{option.code}" is listed twice in "{field.id}" (first on line {first[option.code]})',
                "Delete one, or give it another code.",
            )
        first.setdefault(option.code, where[1])


def _check_unique_names(form: FormDefinition, document: Document) -> Iterator[Diagnostic]:
    """Every field name, including names made from a multiple choice and its options, once."""
    first: dict[str, int] = {}
    for name, loc, made_from in _names_with_places(form):
        where = _at(document, loc)
        if name in first:
            how = f" (made from {made_from})" if made_from else ""
            yield error(
                *where,
                "duplicate-field",
                f'the field name "{name}"{how} is already used on line {first[name]}',
                "Each field needs its own name: rename one of them. A multiple choice field makes a name "
                "for each option, like supports_other from supports + other.",
            )
        else:
            first[name] = where[1]


def _names_with_places(form: FormDefinition) -> Iterator[tuple[str, tuple[int | str, ...], str]]:
    """(name, location, what it was made from, or "") of every field name and static field id."""
    for i, section in enumerate(form.sections):
        for j, field in enumerate(section.fields):
            at: tuple[int | str, ...] = ("sections", i, "fields", j)
            if field.type == "static":
                yield field.id, (*at, "id"), ""
            elif field.type == "multiple_choice":
                for k, option in enumerate(field.options):
                    made_from = f'field "{field.id}" + option "{option.code}"'
                    yield field.option_name(option), (*at, "options", k, "code"), made_from
            else:
                for name, _ in field.field_names():
                    made_from = "" if name == field.id else f'the {field.type} "{field.id}"'
                    yield name, (*at, "id"), made_from


def _with_vocabulary_options(form: FormDefinition, vocabularies: Vocabularies) -> FormDefinition:
    sections = []
    for section in form.sections:
        fields = [
            f.model_copy(update={"options": _vocabulary_options(vocabularies, f.vocabulary)}) if f.vocabulary else f
            for f in section.fields
        ]
        sections.append(section.model_copy(update={"fields": fields}))
    return form.model_copy(update={"sections": sections})


def _vocabulary_options(vocabularies: Vocabularies, name: str) -> list[Option]:
    return [Option(code=t.code, label_en=t.label_en, label_fr=t.label_fr or None) for t in vocabularies[name].terms]


def field_index(form: Form) -> dict[str, PdfKind]:
    """Name → kind of every field the PDF must hold (for tests and the PDF post-process)."""
    return dict(form.field_names())
