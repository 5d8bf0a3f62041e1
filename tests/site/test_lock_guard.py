"""The suite's guard: a row lock must run in a transaction the code opened."""

import pytest
from django.db import transaction
from django.db.transaction import TransactionManagementError

from members.models import User
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_a_lock_outside_the_codes_own_transaction_fails_the_test():
    user = make_user("member")
    with pytest.raises(TransactionManagementError):
        User.objects.select_for_update().get(pk=user.pk)


def test_a_lock_inside_an_atomic_block_passes():
    user = make_user("member")
    with transaction.atomic():
        assert User.objects.select_for_update().get(pk=user.pk) == user
