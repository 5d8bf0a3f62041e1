"""Heading anchors are now added when an article's text is saved (articles.headings.
render_body), no longer on every page view: give the texts saved before their
anchors once. `anchor_headings` leaves a heading that already has an id alone."""

from django.db import migrations
from django.utils import translation


def anchor_stored_texts(apps, schema_editor):
    from articles.headings import anchor_headings

    Article = apps.get_model("articles", "Article")
    for article in Article.objects.only("pk", "language", "body_html").iterator():
        with translation.override(article.language or "en"):
            html = str(anchor_headings(article.body_html))
        if html != article.body_html:
            Article.objects.filter(pk=article.pk).update(body_html=html)


class Migration(migrations.Migration):
    dependencies = [("articles", "0007_article_illustration")]

    operations = [
        migrations.RunPython(anchor_stored_texts, migrations.RunPython.noop),
    ]
