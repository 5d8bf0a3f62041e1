import pytest
from django.urls import reverse

from core.fasturls import fast_reverse


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("forum:post-permalink", [7]),
        ("forum:post-like", [123456]),
        ("forum:thread-detail", [42, "burning-after-tacrolimus"]),
        ("forum:board-detail", ["morphea"]),
        ("members:profile", [3]),
        ("articles:detail", ["sclérodermie-systémique"]),
        ("topic-detail", ["lichen-sclerosus"]),
    ],
)
def test_fast_reverse_gives_what_reverse_gives(name, args):
    assert fast_reverse(name, *args) == reverse(name, args=args)
