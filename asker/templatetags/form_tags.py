"""Form fields drawn the accessible way: label, help and error tied to the input by id."""

from django import template

register = template.Library()


def described_by(field):
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_hjelp")
    if field.errors:
        ids.append(f"{field.auto_id}_feil")
    return " ".join(ids)


@register.simple_tag
def field_widget(field, **attrs):
    """`{% field_widget form.email %}`: the input with aria-describedby (and aria-invalid)."""
    widget_attrs = {key.replace("_", "-"): value for key, value in attrs.items()}
    if ids := described_by(field):
        widget_attrs["aria-describedby"] = ids
    if field.errors:
        widget_attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=widget_attrs)


@register.filter
def describedby(field):
    """`aria-describedby="{{ field|describedby }}"` for a fieldset of radios or checkboxes."""
    return described_by(field)
