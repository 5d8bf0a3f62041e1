"""Synthetic volume for `make bench`: many members, threads, posts and articles.

Rows are bulk-inserted in large batches (the services would take hours for
100,000 posts, days for a million) with counters set to match, then the search
index is rebuilt the way an upgrade would. Beside the volume, every size holds
the shape the peer forums are measured with: one thread of 1,000 flat replies
and 2,000 one-post threads. Only the benchmark commands use this module.
"""

import random
import time
from collections.abc import Callable
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils import timezone

from articles.models import Article, Channel
from core.markup import render_markdown
from forum.models import Board, Post, Thread
from forum.services.counters import recount_board
from members.models import Profile, User
from members.roles import MEMBERS
from search import indexing as search

# Words of the conditions and treatments: each text mentions one to three of them,
# so a search for one matches a realistic few per cent of posts, not all of them.
TOPIC_WORDS = (
    "morphea lichen sclerosus scleroderma lupus tacrolimus pimecrolimus methotrexate "
    "mycophenolate hydroxychloroquine prednisolone clobetasol ointment cream tablet "
    "itching burning tightness fatigue joints patch plaque redness swelling "
    "dermatologist rheumatologist biopsy flare remission steroid nausea Raynaud "
    "pregnancy sunscreen ultraviolet phototherapy physiotherapy moisturiser"
).split()
# Function words (PostgreSQL ignores them) and everyday words of the forum. The
# everyday words mix with invented ones under a Zipf law, as words do in real
# text: a few are in most posts, most are rare.
FUNCTION_WORDS = (
    "the a and to of in it is was for on that with my have had but not this so at be "
    "as from they we are when about after just also very some more i me you her his"
).split()
EVERYDAY_WORDS = (
    "skin doctor pain time day week month year tired sleep hands fingers face arms "
    "legs back family work friends walking swimming diet stress worried better worse "
    "started stopped changed noticed helped nurse appointment morning night cold warm "
    "itchy sore dry tight hope thanks results blood test gloves winter summer sun"
).split()
SYLLABLES = (
    "ba be bi bo ca co da de di do fa fe fi la le li lo ma me mi mo na ne ni no pa pe "
    "pi po ra re ri ro sa se si so ta te ti to va ve vi"
).split()


class Vocabulary:
    """Words drawn with Zipf weights: rank r is chosen in proportion to 1/r."""

    def __init__(self, rng: random.Random, size: int = 5000):
        invented = [
            "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
            for _ in range(size)
        ]
        # Everyday words take ranks between 10 and 400, like in real posts.
        for word in EVERYDAY_WORDS:
            invented.insert(rng.randint(10, 400), word)
        self.words = invented
        total, self.cumulative = 0.0, []
        for rank in range(1, len(invented) + 1):
            total += 1 / rank
            self.cumulative.append(total)

    def sample(self, rng: random.Random, count: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cumulative, k=count)


def _sentence(
    rng: random.Random, vocabulary: Vocabulary, low: int = 8, high: int = 20
) -> str:
    length = rng.randint(low, high)
    words = vocabulary.sample(rng, length)
    for i in range(0, length, 2):
        words[i] = rng.choice(FUNCTION_WORDS)
    return " ".join(words).capitalize() + "."


def _text(rng: random.Random, vocabulary: Vocabulary, paragraphs: int) -> str:
    """Paragraphs of filler that mention one to three condition or treatment words."""
    paras = [
        " ".join(_sentence(rng, vocabulary) for _ in range(rng.randint(2, 5)))
        for _ in range(paragraphs)
    ]
    mentions = rng.sample(TOPIC_WORDS, rng.randint(1, 3))
    paras[-1] += " " + " and ".join(mentions).capitalize() + "."
    return "\n\n".join(paras)


# The long thread of the peer shape gets this slug once everything is loaded and
# indexed, so `make bench-data` can tell a finished database from an interrupted one.
PEER_THREAD_SLUG = "bench-peer-thread"
PEER_REPLIES = 1_000
PEER_SHORT_THREADS = 2_000


def _post(rng, vocabulary, thread, users, n: int) -> Post:
    body = _text(rng, vocabulary, rng.randint(1, 3))
    return Post(
        thread=thread,
        author=rng.choice(users),
        is_opening=n == 0,
        parent=None,
        body=body,
        body_html=render_markdown(body),
        created_at=thread.created_at + timedelta(minutes=n),
    )


def _threads(rng, vocabulary, boards, users, now, sizes: list[int], offset: int):
    """Bulk-create one thread per entry of `sizes` (its post count), with its posts."""
    with transaction.atomic():
        threads = Thread.objects.bulk_create(
            [
                Thread(
                    board=rng.choice(boards),
                    title=_sentence(rng, vocabulary, 3, 6)[:-1]
                    + " "
                    + rng.choice(TOPIC_WORDS),
                    slug="bench",
                    author=rng.choice(users),
                    reply_count=size - 1,
                    last_post_at=now - timedelta(minutes=offset + i),
                    created_at=now - timedelta(days=30, minutes=offset + i),
                )
                for i, size in enumerate(sizes)
            ]
        )
        new_posts = [
            _post(rng, vocabulary, thread, users, n)
            for thread, size in zip(threads, sizes, strict=True)
            for n in range(size)
        ]
        Post.objects.bulk_create(new_posts, batch_size=5_000)
        openings = {p.thread_id: p for p in new_posts if p.is_opening}
        for thread in threads:
            thread.first_post = openings[thread.pk]
        Thread.objects.bulk_update(threads, ["first_post"], batch_size=5_000)
    return threads, len(new_posts)


def load(
    *,
    posts: int = 100_000,
    articles: int = 1_000,
    posts_per_thread: int = 20,
    members: int = 500,
    seed: int = 7,
    log: Callable[[str], None] = print,
) -> None:
    """Add `posts` forum posts in threads of `posts_per_thread`, the peer shape
    (one thread of 1,000 flat replies, 2,000 one-post threads) and `articles`
    published articles to the database."""

    started = time.monotonic()
    rng = random.Random(seed)  # noqa: S311 (synthetic text, not security)
    vocabulary = Vocabulary(rng)
    now = timezone.now()
    batch = f"b{rng.randrange(10**6)}"

    with transaction.atomic():
        users = User.objects.bulk_create(
            [User(email=f"bench-{batch}-{i}@example.test") for i in range(members)]
        )
        Profile.objects.bulk_create(
            [
                Profile(user=u, display_name=f"Bench {batch} {i}")
                for i, u in enumerate(users)
            ]
        )
        EmailAddress.objects.bulk_create(
            [
                EmailAddress(user=u, email=u.email, verified=True, primary=True)
                for u in users
            ]
        )
        Group.objects.get(name=MEMBERS).user_set.add(*users)
    log(f"members: {members}")

    boards = list(Board.objects.all())
    # The peer shape first: the thread page measures the 1,000-reply thread at
    # every size, so the sizes compare the same page.
    (peer, *_), made = _threads(
        rng, vocabulary, boards, users, now, [PEER_REPLIES + 1], offset=0
    )
    for start in range(0, PEER_SHORT_THREADS, 1_000):
        made += _threads(
            rng, vocabulary, boards, users, now, [1] * 1_000, offset=1 + start
        )[1]
    log(f"peer shape: {made} posts")
    thread_count = max(1, posts // posts_per_thread)
    made = 0
    for start in range(0, thread_count, 1_000):
        sizes = [posts_per_thread] * (min(start + 1_000, thread_count) - start)
        made += _threads(
            rng, vocabulary, boards, users, now, sizes, offset=10_000 + start
        )[1]
        log(f"posts: {made}/{thread_count * posts_per_thread}")
    for board in boards:
        recount_board(board.pk)

    channels = list(Channel.objects.all())
    editor = users[0]
    for start in range(0, articles, 200):
        with transaction.atomic():
            rows = []
            for i in range(start, min(start + 200, articles)):
                body = "## Overview\n\n" + _text(rng, vocabulary, 8)
                published = now - timedelta(days=i)
                rows.append(
                    Article(
                        title=(
                            _sentence(rng, vocabulary, 2, 5)[:-1]
                            + " "
                            + rng.choice(TOPIC_WORDS)
                        )[:190],
                        slug=f"bench-{batch}-{i}",
                        summary=_sentence(rng, vocabulary),
                        body=body,
                        body_html=render_markdown(body),
                        kind=Article.Kind.NEWS,
                        channel=rng.choice(channels),
                        status=Article.Status.PUBLISHED,
                        publish_at=published,
                        first_published_at=published,
                        last_published_at=published,
                    )
                )
            created = Article.objects.bulk_create(rows)
            for article in created:
                article.authors.add(editor)
        log(f"articles: {min(start + 200, articles)}/{articles}")

    search.rebuild(batch_size=5_000, log=lambda line: log(f"search index: {line}"))
    if connection.vendor == "postgresql":
        # Fresh statistics, as autovacuum would have after a while: without them
        # the planner guesses a few rows per table and picks plans for that.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        log("vacuum analyze: done")
    Thread.objects.filter(pk=peer.pk).update(slug=PEER_THREAD_SLUG)
    log(f"done in {(time.monotonic() - started) / 60:.1f} min")
