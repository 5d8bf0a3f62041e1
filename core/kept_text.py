"""A refused form's fields, sorted for showing back to the member: the text they
wrote (shown, editable, to send again) and the rest (hidden inputs). Passwords are
never put back into a page."""

# Fields of a refused form shown back as text; the rest travel as hidden inputs.
KEPT_TEXT_FIELDS = ("title", "body", "text", "note", "reason", "message")


def kept_fields(request) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    text_fields, hidden_fields = [], []
    if request.method == "POST":
        for name, value in request.POST.items():
            if name == "csrfmiddlewaretoken" or "password" in name:
                continue  # never put a password back into a page
            target = text_fields if name in KEPT_TEXT_FIELDS else hidden_fields
            target.append((name, value))
    return text_fields, hidden_fields
