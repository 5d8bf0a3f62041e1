import pytest

from forum.models import Board
from tests.factories import make_user
from tests.forum.factories import accept_terms, make_board, make_thread


@pytest.fixture
def board(db):
    return make_board(name="Morphea", slug="morphea")


@pytest.fixture
def qa_board(db):
    return make_board(
        name="Ask a health professional",
        slug="ask-a-professional",
        kind=Board.Kind.QUESTIONS,
    )


@pytest.fixture
def other_member(db):
    user = make_user("member", display_name="Willow")
    accept_terms(user)
    return user


@pytest.fixture
def thread(board, other_member):
    return make_thread(board=board, author=other_member, title="Tight skin on my arm")


@pytest.fixture
def login(client):
    """Log in as a new user of `role` who has accepted the posting terms."""

    def _login(role: str, **kwargs):
        if role == "visitor":
            client.logout()
            return None
        user = make_user(role, **kwargs)
        if role != "unverified":
            accept_terms(user)
        client.force_login(user)
        return user

    return _login
