"""The kind of value each field holds (an id, a path, a colour, a phone number...), as the models say.

A field's type in models.py carries its kind (`Annotated[str, ..., PHONE]`), and the kind carries its
check (value_forms.py), which is both the field's validator and the words of the message: when a value
is refused, for whatever reason (a number where text was wanted, a pattern not matched, a check
failed), the loader finds the field's kind by walking the model along the error's location, and asks
the kind what to say. The message is chosen by what the field is, never by reading a pattern's text.
"""
from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Any, Callable

from pydantic import AfterValidator, BaseModel

from . import value_forms


@dataclass(frozen=True)
class FieldKind:
    """A kind of value: its name, and its check (None when a text value is right, else what to write)."""

    name: str
    check: Callable[[str, str], str | None]

    def problem(self, value: str, field_name: str) -> str | None:
        return self.check(value, field_name)

    @property
    def validator(self) -> AfterValidator:
        """The check as a pydantic validator (its message is only a fallback: the loader asks the kind)."""
        def validate(value: str) -> str:
            problem = self.check(value, self.name)
            if problem:
                raise ValueError(problem)
            return value
        return AfterValidator(validate)


IDENTIFIER = FieldKind("id", value_forms.id_problem)
PATH = FieldKind("path", value_forms.path_problem)
COLOUR = FieldKind("colour", value_forms.colour_problem)
PHONE = FieldKind("phone", value_forms.phone_problem)
EMAIL = FieldKind("email", value_forms.email_problem)
WEB_ADDRESS = FieldKind("web address", value_forms.web_address_problem)
TEXT = FieldKind("text", value_forms.text_problem)


@dataclass(frozen=True)
class FieldAt:
    """What the model says about the value at a location: its kind, description, and the model it is in."""

    kind: FieldKind | None = None
    description: str | None = None
    parent: type[BaseModel] | None = None  # the model whose field (or unknown key) the location names


def _unwrap(annotation: Any) -> tuple[Any, list]:
    """An annotation without Optional and Annotated, and the metadata Annotated carried."""
    metadata: list = []
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *extra = typing.get_args(annotation)
            metadata.extend(extra)
        elif origin in (typing.Union, types.UnionType):
            members = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            if len(members) != 1:
                return annotation, metadata
            annotation = members[0]
        else:
            return annotation, metadata


def _kind(metadata: list) -> FieldKind | None:
    return next((item for item in metadata if isinstance(item, FieldKind)), None)


def field_at(model: type[BaseModel], loc: tuple) -> FieldAt:
    """Walk `model` along a pydantic error location ('safeguarding_lead', 'phone') or (resources, 3, 'url')."""
    annotation: Any = model
    metadata: list = []
    description = None
    parent = None
    for step in loc:
        annotation, extra = _unwrap(annotation)
        metadata += extra
        origin = typing.get_origin(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            info = annotation.model_fields.get(step) if isinstance(step, str) else None
            parent = annotation
            if info is None:
                return FieldAt(parent=parent)
            annotation, metadata, description = info.annotation, list(info.metadata), info.description
        elif origin in (list, tuple) and isinstance(step, int):
            annotation, metadata = typing.get_args(annotation)[0], []
        elif origin is dict:
            annotation, metadata = typing.get_args(annotation)[1], []
        else:
            continue  # a step pydantic adds inside a value (a union member, a validator's name)
    annotation, extra = _unwrap(annotation)
    return FieldAt(kind=_kind(metadata + extra), description=description, parent=parent)
