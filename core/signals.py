"""What the write services announce, so a higher floor can keep what it derives
from their content current (the search index) without the domains importing it.
The visitors' page cache is not a receiver: core is below every app, so the same
services call `core.pagecache.content_changed` directly.

Sent explicitly by services inside their transaction, never from `save()`;
receivers are connected in their app's `AppConfig.ready()`.
"""

from django.dispatch import Signal

# sender: the model class; instance: the article or post whose text is now as shown.
content_changed = Signal()

# sender: the model class; ids: primary keys whose text was erased for good.
content_erased = Signal()
