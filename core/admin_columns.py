"""A listing column for plain text, written without a template.

Wagtail renders every table cell through a template. With 50 rows and ten columns that is 500
template renders a page, the largest cost of the input listing at 100,000 inputs (bench/scale.py).
A cell holding only text needs no template: `TextColumn` writes the same `<td>` that Wagtail's
`wagtailadmin/tables/cell.html` does, escaped by format_html.
"""

from django.utils.html import format_html
from wagtail.admin.ui.tables import Column


class TextColumn(Column):
    def render_cell_html(self, instance, parent_context):
        value = self.get_value(instance)
        if value is None or not str(value).strip():
            value = self.empty_value_display
        if self.classname:
            return format_html('<td class="{}">{}</td>', self.classname, value)
        return format_html("<td>{}</td>", value)
