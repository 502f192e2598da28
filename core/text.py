"""Text that visitors type and others read: without the characters that change how the text
around them is shown."""

# Unicode's bidirectional controls: the marks (U+200E, U+200F, U+061C), embeddings and overrides
# (U+202A–U+202E) and isolates (U+2066–U+2069). U+202E shows the rest of a line backwards, so a
# published name could read as anything; letters of right-to-left scripts need none of them.
BIDI_CONTROLS = dict.fromkeys(
    [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)


def without_bidi_controls(text):
    return text.translate(BIDI_CONTROLS)


def _cleaned(data):
    """Form data (a QueryDict or a dict) with the bidi controls taken out of every value."""
    if hasattr(data, "setlist"):
        cleaned = data.copy()
        for key, values in data.lists():
            cleaned.setlist(key, [_value(value) for value in values])
        return cleaned
    return {key: _value(value) for key, value in data.items()}


def _value(value):
    return without_bidi_controls(value) if isinstance(value, str) else value


class WithoutBidiControls:
    """A public form's mixin: bidi controls leave what was sent before any field is cleaned, so
    none is stored or published, and a field that held nothing else counts as empty."""

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(None if data is None else _cleaned(data), *args, **kwargs)
