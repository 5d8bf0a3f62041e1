from search.highlight import START, STOP, marked_excerpt


def test_only_our_marks_become_markup():
    text = f'<b>x</b> & {START}tacrolimus{STOP} "<script>"'
    assert marked_excerpt(text) == (
        "&lt;b&gt;x&lt;/b&gt; &amp; <mark>tacrolimus</mark> &quot;&lt;script&gt;&quot;"
    )


def test_unbalanced_sentinels_are_dropped_not_turned_into_markup():
    assert marked_excerpt(f"{START}a {START}b{STOP}") == "a b"
