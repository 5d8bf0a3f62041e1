from django.core.cache import cache


def test_each_test_starts_with_an_empty_cache():
    assert cache.get("isolation-probe") is None
    cache.set("isolation-probe", 1, 60)
    assert cache.get("isolation-probe") == 1


def test_each_test_starts_with_an_empty_cache_again():
    assert cache.get("isolation-probe") is None
    cache.set("isolation-probe", 2, 60)
