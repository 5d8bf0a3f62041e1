"""Background work: emails about new private messages, after the message commits."""

from django.tasks import task


@task
def send_message_emails(message_id: int) -> int:
    """Email the participants who want to hear about message `message_id` right away."""
    from .services.emails import send_queued_message_emails

    return send_queued_message_emails(message_id)
