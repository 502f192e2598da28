"""{% written_in "en" %}…{% endwritten_in %}: the editors' text inside is in that language.

Block templates mark editors' text with {% content_lang %}, which assumes it is Norwegian.
A legal page's English tab is not: inside this tag, English text on an English page gets no
lang="nb". An empty language leaves the default (Norwegian)."""

from django import template

from core import languages

register = template.Library()


class WrittenInNode(template.Node):
    def __init__(self, language, nodelist):
        self.language = language
        self.nodelist = nodelist

    def render(self, context):
        language = self.language.resolve(context)
        if not language:
            return self.nodelist.render(context)
        with languages.content_written_in(language):
            return self.nodelist.render(context)


@register.tag
def written_in(parser, token):
    try:
        _tag, language = token.split_contents()
    except ValueError:
        raise template.TemplateSyntaxError("written_in takes one argument: the language") from None
    nodelist = parser.parse(("endwritten_in",))
    parser.delete_first_token()
    return WrittenInNode(parser.compile_filter(language), nodelist)
