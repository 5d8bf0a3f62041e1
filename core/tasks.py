"""Background work every app shares."""

from django.tasks import task

from .read_buffer import flush_all


@task
def flush_read_buffers(user_id: int | None = None) -> int:
    """Write every app's reads waiting in the cache (one member's, or everyone's)."""
    return flush_all(user_id)
