"""Settings for scripts/email_fault_drill.py: the site's, with retries and claims in seconds."""

from sclero_site.settings import *  # noqa: F403

FORUM_EMAIL_RETRY_SECONDS = 1
FORUM_EMAIL_CLAIM_SECONDS = 5
# Drill members post straight away (no first-post approval).
FORUM_APPROVE_FIRST_POSTS = 0
