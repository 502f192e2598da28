"""One page type per legal page (accessibility statement, privacy, cookies) instead of one
type with a `kind`. The pages keep their rows in legal_legalpage (their ids, paths, titles,
text, revisions) and get a row in their new type's table; every place Wagtail keys a page by
its specific content type is moved to the new type.

The statement's columns on legal_legalpage are renamed `old_<name>` first, as the new model's
fields of the same names would clash with them, and copied from there. 0003 drops them and
`kind`: PostgreSQL refuses to alter a table in the transaction that just wrote rows pointing
at it."""

import django.core.validators
import django.db.models.deletion
import legal.wcag
import wagtail.fields
from django.db import migrations, models

NEW_TYPES = {  # kind: the model that replaces it
    "accessibility": "accessibilitystatementpage",
    "privacy": "privacypage",
    "cookies": "cookiespage",
}
# The accessibility statement's own columns, moved from legal_legalpage to its table.
STATEMENT_FIELDS = [
    "scope",
    "conformance",
    "known_issues",
    "testing",
    "tested_on",
    "statement_made_on",
    "feedback_email",
    "feedback_phone",
    "response_days",
    "uustatus_url",
    "scope_en",
    "testing_en",
]
# Where Wagtail keys a page by its specific content type (model, the field with the page's id:
# an integer, or text where the model points at objects of any kind). The
# revisions' base_content_type and the reference index's target type are wagtailcore.Page and
# stay. A revision's JSON keeps its old content_type: Wagtail takes it from the live page.
KEYED_BY_CONTENT_TYPE = [
    ("wagtailcore", "Page", "id"),
    ("wagtailcore", "Revision", "object_id"),
    ("wagtailcore", "ReferenceIndex", "object_id"),
    ("wagtailcore", "PageLogEntry", "page_id"),
    ("wagtailcore", "WorkflowState", "object_id"),
    ("wagtailadmin", "EditingSession", "object_id"),
    ("wagtailadmin", "FormState", "object_id"),
    ("wagtailsearch", "IndexEntry", "object_id"),
]


def old(name):
    return f"old_{name}"


def retype(apps, page_ids, old_type, new_type):
    """Make Wagtail see the pages as `new_type` everywhere it keys them by content type."""
    for app_label, model_name, id_field in KEYED_BY_CONTENT_TYPE:
        model = apps.get_model(app_label, model_name)
        ids = [str(pk) for pk in page_ids] if id_field == "object_id" else page_ids
        model.objects.filter(content_type_id=old_type.pk, **{f"{id_field}__in": ids}).update(
            content_type_id=new_type.pk
        )


def content_types(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    legal_page, _ = ContentType.objects.get_or_create(app_label="legal", model="legalpage")
    new = {
        kind: ContentType.objects.get_or_create(app_label="legal", model=model)[0]
        for kind, model in NEW_TYPES.items()
    }
    return legal_page, new


def split_by_kind(apps, schema_editor):
    LegalPage = apps.get_model("legal", "LegalPage")
    legal_page, new = content_types(apps)
    quote = schema_editor.quote_name
    with schema_editor.connection.cursor() as cursor:
        for kind, model in NEW_TYPES.items():
            columns = STATEMENT_FIELDS if kind == "accessibility" else []
            cursor.execute(
                f"INSERT INTO {quote('legal_' + model)} "
                f"({', '.join(quote(c) for c in ['legalpage_ptr_id', *columns])}) "
                f"SELECT {', '.join(quote(c) for c in ['page_ptr_id', *map(old, columns)])} "
                f"FROM {quote('legal_legalpage')} WHERE {quote('kind')} = %s",
                [kind],
            )
            ids = list(LegalPage.objects.filter(kind=kind).values_list("pk", flat=True))
            retype(apps, ids, legal_page, new[kind])


def join_into_kinds(apps, schema_editor):
    legal_page, new = content_types(apps)
    quote = schema_editor.quote_name
    with schema_editor.connection.cursor() as cursor:
        for kind, model in NEW_TYPES.items():
            table = quote("legal_" + model)
            columns = STATEMENT_FIELDS if kind == "accessibility" else []
            assignments = [f"{quote('kind')} = %s"] + [
                f"{quote(old(c))} = (SELECT {quote(c)} FROM {table} "
                f"WHERE {table}.{quote('legalpage_ptr_id')} = "
                f"{quote('legal_legalpage')}.{quote('page_ptr_id')})"
                for c in columns
            ]
            cursor.execute(
                f"UPDATE {quote('legal_legalpage')} SET {', '.join(assignments)} "
                f"WHERE {quote('page_ptr_id')} IN (SELECT {quote('legalpage_ptr_id')} FROM {table})",
                [kind],
            )
            ids = list(apps.get_model("legal", model).objects.values_list("pk", flat=True))
            retype(apps, ids, new[kind], legal_page)


class Migration(migrations.Migration):

    dependencies = [
        ('legal', '0001_legal_pages'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('wagtailcore', '0098_apitoken'),
        ('wagtailadmin', '0006_formstate'),
        ('wagtailsearch', '0010_add_text_fields'),
    ]

    operations = [
        *(
            migrations.RenameField("legalpage", name, old(name))
            for name in STATEMENT_FIELDS
        ),
        migrations.CreateModel(
            name='AccessibilityStatementPage',
            fields=[
                ('legalpage_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='legal.legalpage')),
                ('scope', models.TextField(blank=True, help_text='Hvilket nettsted og hvilke deler av det erklæringen gjelder.', verbose_name='Hva erklæringen gjelder')),
                ('conformance', models.CharField(blank=True, choices=[('meets', 'Oppfyller kravene'), ('partly', 'Oppfyller kravene delvis'), ('does_not_meet', 'Oppfyller ikke kravene')], help_text='Hvor godt nettstedet oppfyller kravene i WCAG 2.1 på nivå AA.', max_length=20, verbose_name='Status')),
                ('known_issues', wagtail.fields.StreamField([('issue', 6)], blank=True, block_lookup={0: ('wagtail.blocks.ChoiceBlock', [], {'choices': legal.wcag.choices, 'help_text': 'Kravet som ikke er oppfylt. Gjelder avviket flere krav, lag ett avvik per krav.', 'label': 'Suksesskriterium i WCAG 2.1'}), 1: ('wagtail.blocks.TextBlock', (), {'help_text': 'Si hvor på nettstedet det er, og hvem det stopper. Skriv kort og konkret.', 'label': 'Hva som ikke fungerer'}), 2: ('wagtail.blocks.TextBlock', (), {'help_text': 'Hva brukeren kan gjøre i mellomtiden, for eksempel hvem hun kan kontakte.', 'label': 'Slik kommer du rundt det', 'required': False}), 3: ('wagtail.blocks.DateBlock', (), {'help_text': 'La feltet stå tomt hvis dere ikke har en dato ennå. Siden sier det da.', 'label': 'Rettes innen', 'required': False}), 4: ('wagtail.blocks.TextBlock', (), {'label': 'Hva som ikke fungerer, på engelsk', 'required': False}), 5: ('wagtail.blocks.TextBlock', (), {'label': 'Slik kommer du rundt det, på engelsk', 'required': False}), 6: ('wagtail.blocks.StructBlock', [[('criterion', 0), ('problem', 1), ('workaround', 2), ('fix_by', 3), ('problem_en', 4), ('workaround_en', 5)]], {})}, help_text='Alt dere vet ikke fungerer, med kravet det bryter og når det blir rettet.', verbose_name='Kjente avvik')),
                ('testing', models.TextField(blank=True, help_text='Hvem som testet, hvordan og med hvilke verktøy.', verbose_name='Slik testet vi')),
                ('tested_on', models.DateField(blank=True, help_text='Datoen for den siste testen.', null=True, verbose_name='Sist testet')),
                ('statement_made_on', models.DateField(blank=True, help_text='Datoen erklæringen ble laget første gang. «Sist gjennomgått» viser når den sist ble oppdatert.', null=True, verbose_name='Erklæringen ble laget')),
                ('feedback_email', models.EmailField(blank=True, help_text='Hit kan brukere melde fra om noe som ikke fungerer.', max_length=254, verbose_name='E-post for tilbakemeldinger')),
                ('feedback_phone', models.CharField(blank=True, max_length=30, verbose_name='Telefon for tilbakemeldinger')),
                ('response_days', models.PositiveSmallIntegerField(default=5, help_text='Hvor mange virkedager det høyst tar før brukeren får svar.', validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(60)], verbose_name='Svartid i virkedager')),
                ('uustatus_url', models.URLField(blank=True, help_text='Lenken til erklæringen slik den er registrert hos Tilsynet for universell utforming av ikt, for eksempel https://uustatus.no/nb/erklaringer/publisert/…', verbose_name='Erklæringen på uustatus.no')),
                ('scope_en', models.TextField(blank=True, verbose_name='Hva erklæringen gjelder, på engelsk')),
                ('testing_en', models.TextField(blank=True, verbose_name='Slik testet vi, på engelsk')),
            ],
            options={
                'verbose_name': 'Tilgjengelighetserklæring',
                'verbose_name_plural': 'Tilgjengelighetserklæringer',
            },
            bases=('legal.legalpage',),
        ),
        migrations.CreateModel(
            name='PrivacyPage',
            fields=[
                ('legalpage_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='legal.legalpage')),
            ],
            options={
                'verbose_name': 'Personvernerklæring',
                'verbose_name_plural': 'Personvernerklæringer',
            },
            bases=('legal.legalpage',),
        ),
        migrations.CreateModel(
            name='CookiesPage',
            fields=[
                ('legalpage_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='legal.legalpage')),
            ],
            options={
                'verbose_name': 'Informasjonskapsler',
                'verbose_name_plural': 'Informasjonskapsler',
            },
            bases=('legal.legalpage',),
        ),
        migrations.RunPython(split_by_kind, join_into_kinds),
    ]
