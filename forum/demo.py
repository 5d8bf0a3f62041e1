"""Demo forum for `seed_demo`: boards, demo members, threads, Q&A and one long thread.

Everything is written through the forum's services (threads, replies, likes,
follows), so counters, recorded disclaimers and notifications are real. The
only extra step is cosmetic: spreading the demo posts over the past weeks.
Idempotent: boards and members are looked up first, threads by board and title.

The community's own posts are written with `screening_skipped()` (the demo
members' first posts would otherwise wait for approval); then the moderation
demo adds, through the moderation services, a few open reports, one
auto-hidden post, one post waiting for approval and one suspended member.
"""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.db.models import Max
from django.utils import timezone

from core import disclaimers
from core.models import Disclaimer, Topic
from core.names import fill_zh_hant
from members.demo import DEMO_PASSWORD
from members.models import User
from members.services import join_members

from . import demo_zh
from .models import Board, BoardGroup, Notification, Post, Report, Thread, WordFilter
from .services import (
    counters,
    create_reply,
    emails_suppressed,
    follow_thread,
    hide_post,
    like_post,
    mark_read,
    report_member,
    report_post,
    screening_skipped,
    set_helpful_answer,
    start_thread,
    suspend_member,
)

GROUPS = [
    # slug, name, description, boards: (slug, name, kind, description)
    (
        "conditions",
        "Conditions",
        "One board per condition: share experience with people who have the same diagnosis.",
        [
            ("morphea", "Morphea (localized scleroderma)", "discussion",
             "Plaque, linear and generalized morphea, in children and adults."),
            ("systemic-sclerosis", "Systemic sclerosis", "discussion",
             "Limited and diffuse systemic sclerosis, Raynaud's, and the organs it can involve."),
            ("lichen-sclerosus", "Lichen sclerosus", "discussion",
             "Genital and extragenital lichen sclerosus: treatment, flares and daily life."),
            ("lupus", "Lupus", "discussion",
             "Systemic and cutaneous lupus: symptoms, tests and treatments."),
        ],
    ),
    (
        "treatments",
        "Treatments & medications",
        "What members use, how it went, and questions for professionals.",
        [
            ("treatments-medications", "Treatments & medications", "discussion",
             "Ointments, tablets, injections, phototherapy and therapies: experiences and tips."),
            ("ask-a-professional", "Ask a health professional", "questions",
             "Questions answered by verified health professionals. General information, not a consultation."),
        ],
    ),
    (
        "living",
        "Living with it",
        "Work, family, feelings and the everyday.",
        [
            ("newly-diagnosed", "Newly diagnosed", "discussion",
             "Just been told? Ask anything, however basic."),
            ("daily-life", "Daily life & wellbeing", "discussion",
             "Work, relationships, exercise, food, and the small wins."),
        ],
    ),
]  # fmt: skip

BOARD_DISCLAIMER_NAME = "Treatments board disclaimer"
BOARD_DISCLAIMER = (
    "Members describe treatments that were prescribed **for them**. Doses, "
    "combinations and schedules differ from person to person: never start, stop or "
    "change a medicine because of a post here. Ask the doctor or pharmacist who "
    "prescribes it."
)

PERSONAS = [
    # key, email, display name, age range, sex
    ("rowan", "rowan@demo.test", "Rowan (demo)", "18-29", "female"),
    ("priya", "priya@demo.test", "Priya (demo)", "40-49", "female"),
    ("tomasz", "tomasz@demo.test", "Tomasz (demo)", "30-39", "male"),
    ("helen", "helen@demo.test", "Helen (demo)", "50-59", "female"),
    ("sam", "sam@demo.test", "Sam (demo)", "18-29", ""),
    ("gwen", "gwen@demo.test", "Gwen (demo)", "60-69", "female"),
    ("jo", "jo@demo.test", "Jo (demo)", "30-39", "female"),
]
# What Chinese pages call them (`core.names`), by slug.
GROUP_NAMES_ZH = {
    "conditions": "病症",
    "treatments": "治療與藥物",
    "living": "與病共處",
}

# A thread: board, author, title, opening text, replies, likers, extra followers,
# topic slugs, days ago. A reply is (author, text, [nested (author, text)]).
THREADS = [
    (
        "morphea", "rowan", "Linear morphea on my forehead: did yours ever stop spreading?",
        "I'm 24 and have had a linear patch on the left of my forehead since I was 15. "
        "It stayed quiet for years, but in the last six months the edge has turned "
        "purple again and I think it's slightly longer.\n\nMy dermatologist wants an MRI "
        "before deciding anything. If you have the same type: did it settle on its own, "
        "or did you need treatment again? I'm mostly worried about it creeping towards my eye.",
        [
            ("sam", "Mine isn't on my face, but a purple edge is exactly what my dermatologist "
             "called an *active border* on my arm. She took it seriously and we caught it "
             "early. Good that yours wants the scan.",
             [("rowan", "Thank you. That makes me feel less silly for pushing for the appointment."),
              ("priya", "Never silly. Photos every month in the same light helped me show the change.")]),
            ("member", "Mine is on the scalp and became active twice, ten years apart. Both times "
             "a course of weekly treatment started by my dermatologist calmed it within about "
             "four months. Tiredness the day after the dose was the main downside for me.",
             [("rowan", "Four months sounds manageable. Tablets or injections?"),
              ("member", "Injections the second time: fewer stomach problems for me.")]),
        ],
        ["sam", "member", "priya"], ["member"], ["morphea"], 26,
    ),
    (
        "morphea", "sam", "What do you put on your patches every day?",
        "Newly diagnosed with plaque morphea on my stomach and lower back. By the evening "
        "the skin there feels tight and dry. Which moisturisers don't sting? Anything you avoid?",
        [
            ("member", "Plain emollients without perfume. In summer I keep a tub in the fridge: "
             "the cold feels lovely on tight skin.", []),
            ("rowan", "Ointments rather than creams for me, they last longer. And no more hot showers.",
             [("sam", "Hot showers are my weakness, but I'll try lukewarm for a week and report back.")]),
        ],
        ["rowan"], [], ["morphea"], 21,
    ),
    (
        "systemic-sclerosis", "priya", "Raynaud's at the office: how do you keep your hands working?",
        "The air conditioning turns my fingers white, then blue, by eleven every morning, "
        "even in July. Heated gloves help, but typing in them is hopeless.\n\nWhat works for "
        "you at work? Did your employer agree to changes?",
        [
            ("tomasz", "I asked occupational health for a desk away from the vent and a small "
             "heater under the desk. It took one letter from my rheumatologist.",
             [("priya", "The letter is a great idea. I'll ask at my next appointment.")]),
            ("gwen", "My husband wears fingerless wool gloves and keeps hand warmers in his "
             "pockets, swapping them at lunchtime.", []),
            ("member", "A warm drink in a thick mug on the desk, refilled every hour. Sounds "
             "trivial; it isn't.", []),
        ],
        ["tomasz", "gwen", "member", "helen"], ["gwen"], ["raynauds", "systemic-sclerosis"], 18,
    ),
    (
        "systemic-sclerosis", "gwen", "Meals for my mum: small mouth opening and night-time reflux",
        "My mother is 71 and has diffuse systemic sclerosis. Her mouth opening has become "
        "small and the reflux is worse at night. Meals take so long that she's losing "
        "weight. Any ideas for soft food that isn't dull, and for eating little and often?",
        [
            ("priya", "Small plates, five or six times a day. Soups thickened with lentils for "
             "protein. And raising the head of the bed on blocks helped my reflux more than "
             "anything I changed in my diet.",
             [("gwen", "Blocks under the bed: we hadn't thought of that. Thank you.")]),
            ("helen", "A friend was given mouth-stretching exercises by a speech therapist. "
             "They helped a little; worth asking for a referral.", []),
        ],
        ["helen"], [], ["systemic-sclerosis"], 15,
    ),
    (
        "lichen-sclerosus", "helen", "Maintenance after the first three months: how often?",
        "I finished the usual reducing course of steroid ointment and things look much "
        "calmer. My GP says *use it when needed*; the gynaecologist says twice a week, for "
        "good. What did your specialist recommend for maintenance, and how do you remember?",
        [
            ("jo", "Twice a week for me, Monday and Thursday, with a phone alarm, plus a "
             "check-up every six months. Three years in and no real flare.",
             [("helen", "Monday and Thursday with an alarm: I'm stealing that.")]),
            ("member", "Mine is similar. Writing it in a paper diary also helps me spot "
             "when a flare starts.", []),
        ],
        ["jo", "member"], [], ["lichen-sclerosus"], 12,
    ),
    (
        "lichen-sclerosus", "jo", "Telling a new partner about LS",
        "I've started seeing someone and don't know when or how to explain lichen "
        "sclerosus. It isn't contagious, but it does affect intimacy and I'm nervous. "
        "How did you bring it up?",
        [
            ("helen", "Early and plainly, like any other long-term condition. The people "
             "worth keeping ask questions and listen.",
             [("jo", "Early and plainly. Okay, I can do that.")]),
            ("member", "A leaflet from the clinic helped me: less explaining, more talking.", []),
        ],
        ["helen", "member"], [], ["lichen-sclerosus"], 9,
    ),
    (
        "lupus", "tomasz", "Fatigue that sleep doesn't fix",
        "I sleep nine hours and still wake up exhausted most days, and my blood tests are "
        "'stable'. How do you explain to people that lupus fatigue is not just being "
        "tired? And what gets you through the afternoon?",
        [
            ("priya", "Pacing. I plan one big thing a day and stop before I've finished it.",
             [("tomasz", "Stopping before I've finished is the hard part."),
              ("member", "It gets easier once you notice the next day is better for it.")]),
            ("gwen", "The spoon theory explained it to our family better than I ever could.", []),
        ],
        ["priya", "gwen", "member"], ["member"], ["lupus"], 8,
    ),
    (
        "treatments-medications", "member", "Weekly methotrexate injections: getting through the day after",
        "I'm in my third month of weekly injections for morphea. The day after is always "
        "a write-off: queasy and foggy. I take folic acid on the days I was told to.\n\n"
        "Any tricks for the day after? Does injecting in the evening help?",
        [
            ("rowan", "Evening injections helped me sleep through the worst of it.",
             [("member", "Trying Friday evening this week.")]),
            ("priya", "Ask your team about anti-sickness tablets for that day; mine "
             "prescribed some without any fuss.", []),
            ("professional", "Worth raising with your prescriber: the timing of the dose, "
             "anti-sickness medicine and sometimes switching between tablets and injections "
             "can all change how the day after feels. Please don't change the dose yourself.", []),
        ],
        ["rowan", "priya", "sam"], ["sam"], ["methotrexate", "morphea"], 6,
    ),
    (
        "treatments-medications", "sam", "UVA1 phototherapy: what is a session like?",
        "I've been referred for UVA1 phototherapy twice a week for my plaques. What "
        "actually happens in a session, and how long before you noticed a difference?",
        [
            ("rowan", "You stand in a cabinet for a few minutes with goggles on. My skin "
             "felt softer after about ten weeks.",
             [("sam", "Ten weeks: good to know, so I don't give up too early.")]),
            ("helen", "Bring a book. The waiting room is the longest part.", []),
        ],
        ["rowan"], [], ["phototherapy"], 5,
    ),
    (
        "newly-diagnosed", "sam", "Just diagnosed with morphea: what should I ask next time?",
        "I was told yesterday that the patches on my side are morphea and was too "
        "surprised to ask much. The follow-up is in three weeks. What would you ask if you "
        "could go back to your first appointment?",
        [
            ("member", "Whether it's active now, how they'll know if it spreads, and who to "
             "call if it does.", [("sam", "Writing all three down now.")]),
            ("rowan", "Ask for photos at every visit. They settle arguments later.", []),
            ("priya", "Ask whether you need blood tests, and take a list: the appointment "
             "goes faster than you think.", []),
        ],
        ["member", "rowan", "priya", "helen"], [], ["morphea"], 4,
    ),
    (
        "daily-life", "priya", "Gentle exercise that doesn't hurt your hands",
        "My physio wants me moving more, but anything with weights or a mat hurts my "
        "fingers. What exercise do you manage with stiff, sore hands?",
        [
            ("tomasz", "Swimming in a warm pool. No gripping at all.", []),
            ("gwen", "Walking poles with padded straps: the strap carries the weight, not "
             "the fingers.", [("priya", "Padded straps. I'd never have thought of that.")]),
        ],
        ["tomasz"], [], [], 3,
    ),
]  # fmt: skip

QUESTIONS = [
    # author, title, text, professional answer, other replies, mark helpful, topics, days ago
    (
        "rowan", "Is it safe to wear make-up over active morphea on my face?",
        "I have a linear morphea patch on my forehead that my dermatologist says is "
        "active. I'd like to cover the colour for work. Is make-up safe on it, or could "
        "it make things worse?",
        "Gentle, fragrance-free products are generally fine over morphea, including when "
        "it is active. Apply and remove them softly, without scrubbing, and try a new "
        "product on a small area first. Some dermatology departments offer skin-camouflage "
        "clinics that can help you choose. Tell your dermatologist if the area becomes "
        "sore, broken or changes quickly. This is general information: your own "
        "dermatologist knows your skin.",
        [("member", "I've covered mine for years with a camouflage cream from the clinic; no trouble.")],
        True, ["morphea"], 20,
    ),
    (
        "tomasz", "How often should my eyes be checked on hydroxychloroquine?",
        "I've taken hydroxychloroquine for lupus for two years. Nobody has mentioned an "
        "eye test since the first one. How often should I have one?",
        "Hydroxychloroquine can, rarely, affect the retina after several years, so "
        "screening is recommended. Many guidelines advise a baseline eye examination "
        "early in treatment and yearly screening after five years, or sooner for people "
        "with risk factors such as kidney problems or a higher dose for their weight. "
        "Ask your rheumatologist which schedule applies to you, and report any change in "
        "your vision without waiting.",
        [("member", "Mine are yearly from the start because of my dose. Worth asking.")],
        True, ["lupus", "hydroxychloroquine"], 11,
    ),
    (
        "helen", "Does lichen sclerosus raise the risk of skin cancer? What should I watch for?",
        "I've read that lichen sclerosus can lead to cancer and it frightens me. How big "
        "is the risk, and what should I look out for between appointments?",
        "A small increase in the risk of a type of skin cancer (squamous cell carcinoma) "
        "in the affected skin is described, mostly when lichen sclerosus is long-standing "
        "and not well controlled. Using the treatment your specialist prescribes and "
        "looking at the area once a month both help. See your doctor promptly for a lump, "
        "a sore that does not heal, or a change that persists despite treatment.",
        [],
        False, ["lichen-sclerosus"], 7,
    ),
    (
        "sam", "Will the brown mark fade once my morphea is no longer active?",
        "My dermatologist says the plaque on my side has stopped being active. The skin "
        "is softer now, but there is a brown mark where it was. Will that fade, and is "
        "there anything that helps?",
        "Once morphea is no longer active, the colour change often fades slowly, over "
        "months to a few years, though some marks stay. Protecting the area from the sun "
        "helps it fade evenly. Some people use camouflage make-up meanwhile. If the "
        "edge turns pink or purple again, or the skin hardens, ask your dermatologist to "
        "check whether it has become active again.",
        [],
        False, ["morphea"], 1,
    ),
]  # fmt: skip

# The professional's short answer to each question, shown before the full answer.
SHORT_ANSWERS = {
    "Is it safe to wear make-up over active morphea on my face?": (
        "Yes, in general: gentle, fragrance-free make-up does not make morphea worse. "
        "Test each new product on a small area first."
    ),
    "How often should my eyes be checked on hydroxychloroquine?": (
        "Usually a first check early on, then every year from five years of "
        "treatment, or sooner if you have risk factors."
    ),
    "Does lichen sclerosus raise the risk of skin cancer? What should I watch for?": (
        "Slightly, mostly when it is long-standing and poorly controlled. Keep up "
        "the treatment and check the skin monthly."
    ),
    "Will the brown mark fade once my morphea is no longer active?": (
        "Often, slowly, over months to a few years. Sun protection helps it fade "
        "evenly."
    ),
}

LONG_THREAD_TITLE = "Small wins this week"
LONG_THREAD_TEXT = (
    "A thread for the good bits, however small. Post one thing that went well for you "
    "this week. I'll start: I opened a jar by myself on Tuesday."
)
WINS = [
    "Walked to the end of the road and back without stopping.",
    "My fingers stayed pink through the whole school run.",
    "Slept six hours in a row for the first time this month.",
    "Told my manager about my diagnosis and it went well.",
    "Cooked a proper dinner, even if it took me twice as long.",
    "The new patch on my arm has not grown since the last photo.",
    "Managed buttons on my coat this morning.",
    "Went swimming, and the warm pool was heaven.",
    "My blood results came back steady.",
    "Laughed until I cried with my sister on the phone.",
    "Finally found gloves I can type in.",
    "Booked the appointment I'd been putting off.",
    "Planted tulip bulbs with my grandson.",
    "Said no to something I didn't have the energy for, without guilt.",
    "The itch was quiet for three whole days.",
    "Read a whole novel again, first time since diagnosis.",
    "My physio said my wrist has more movement than in spring.",
    "Made it to my friend's birthday and stayed till the cake.",
    "Tried the lukewarm-shower idea from this forum: it helps.",
    "Drove to the coast and sat by the sea for an hour.",
    "Got my repeat prescription sorted in one phone call.",
    "Wore a short-sleeved top in public and nobody stared.",
    "My daughter asked good questions about my condition and I answered calmly.",
    "Did my stretching exercises every day this week.",
    "Found a moisturiser that doesn't sting at all.",
    "Had the energy to sort the photo albums.",
    "My GP listened properly and took notes.",
    "Finished a jigsaw with my partner.",
    "Ate a full meal without reflux afterwards.",
    "Walked the dog twice in one day.",
    "Went back to choir after six months away.",
    "My skin feels softer since the phototherapy started.",
    "Helped a newly diagnosed member at the clinic waiting room.",
]
LONG_THREAD_REPLIES = 64


def _personas(users: dict[str, User], log) -> dict[str, User]:
    people = dict(users)
    for key, email, name, age_range, sex in PERSONAS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email, password=DEMO_PASSWORD, display_name=name
            )
            profile = user.profile
            profile.age_range = age_range
            profile.sex = sex
            profile.save(update_fields=["age_range", "sex"])
            EmailAddress.objects.get_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            join_members(user)
            log(f"created demo forum member {email}")
        people[key] = user
    for user in people.values():
        pending = disclaimers.pending_acknowledgements(user)
        if pending:
            disclaimers.acknowledge(user, pending)
    return people


def _board_disclaimer(log) -> Disclaimer:
    disclaimer, _ = Disclaimer.objects.get_or_create(
        name=BOARD_DISCLAIMER_NAME, defaults={"scope": Disclaimer.Scope.BOARD}
    )
    if disclaimer.current_version_id is None:
        disclaimers.publish_version(
            disclaimer,
            body=BOARD_DISCLAIMER,
            major=True,
            actor=None,
            note="Demo content",
        )
        # seed_demo runs in one transaction, and the cache of versions in force is
        # cleared on commit: clear it now so the demo threads record this version.
        cache.delete(disclaimers.CACHE_KEY)
        log("published the treatments board disclaimer")
    return disclaimer


def _boards(log) -> dict[str, Board]:
    boards = {}
    treatments_disclaimer = _board_disclaimer(log)
    for position, (slug, name, description, board_specs) in enumerate(GROUPS):
        chinese = GROUP_NAMES_ZH.get(slug, "")
        group, _ = BoardGroup.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "name_zh_hant": chinese,
                "description": description,
                "position": position,
            },
        )
        fill_zh_hant(group, chinese)
        for board_position, (b_slug, b_name, kind, b_description) in enumerate(
            board_specs
        ):
            board, created = Board.objects.get_or_create(
                slug=b_slug,
                defaults={
                    "group": group,
                    "name": b_name,
                    "kind": kind,
                    "description": b_description,
                    "position": board_position,
                    "disclaimer": treatments_disclaimer
                    if b_slug == "treatments-medications"
                    else None,
                },
            )
            if created:
                log(f"created board {b_slug}")
            boards[b_slug] = board
    return boards


def _topics(slugs) -> list[Topic]:
    return list(Topic.objects.filter(slug__in=slugs))


def _spread_over_time(thread: Thread, days_ago: int) -> None:
    """Cosmetic, demo only: date the thread `days_ago` days back, replies an hour apart.

    Counters are untouched; only dates move, then 'last activity' follows them.
    """
    start = timezone.now() - timedelta(days=days_ago)
    posts = list(thread.posts.order_by("created_at", "id"))
    step = min(timedelta(minutes=47), timedelta(days=days_ago) / (len(posts) + 1))
    for index, post in enumerate(posts):
        when = start + step * index
        Post.objects.filter(pk=post.pk).update(created_at=when)
        Notification.objects.filter(post=post).update(created_at=when, updated_at=when)
    last = thread.posts.aggregate(last=Max("created_at"))["last"]
    Thread.objects.filter(pk=thread.pk).update(created_at=start, last_post_at=last)


def _refresh_board_activity(boards) -> None:
    """After moving dates, point each board's 'latest activity' (members' and
    visitors') at its newest thread."""
    for board in boards.values():
        counters.refresh_board_activity(board.pk)


def _write_thread(board, people, author, title, text, replies, topics) -> Thread:
    thread = start_thread(
        board, actor=people[author], title=title, body=text, topics=_topics(topics)
    )
    for reply_author, reply_text, nested in replies:
        reply = create_reply(
            thread, actor=people[reply_author], body=reply_text, reply_to=None
        )
        previous = reply
        for nested_author, nested_text in nested:
            previous = create_reply(
                thread, actor=people[nested_author], body=nested_text, reply_to=previous
            )
    return thread


def _like_and_follow(thread: Thread, people, likers, followers) -> None:
    for key in likers:
        if people[key].pk != thread.author_id:
            like_post(thread.first_post, actor=people[key])
    for key in followers:
        follow_thread(thread, actor=people[key])


# A thread only signed-in members see (no visitors, no search engines).
MEMBERS_ONLY_THREAD = (
    "daily-life", "rowan", "Telling my partner how tired I really am (members only)",
    "I keep saying I'm fine. Tonight I want to tell my partner how the fatigue really "
    "is. I'm writing here rather than in public because it's personal. How did you "
    "start that conversation?",
    [
        ("priya", "I showed mine a day of my symptom diary. It said more than I could."),
        ("member", "Thank you for posting this where only members read it. Same here."),
    ],
)  # fmt: skip


def _members_only_thread(boards, people, log) -> bool:
    board_slug, author, title, text, replies = MEMBERS_ONLY_THREAD
    board = boards[board_slug]
    if Thread.objects.filter(board=board, title=title).exists():
        return False
    thread = start_thread(
        board, actor=people[author], title=title, body=text, members_only=True
    )
    for reply_author, reply_text in replies:
        create_reply(thread, actor=people[reply_author], body=reply_text)
    _spread_over_time(thread, 3)
    log(f"wrote the members-only thread “{title}”")
    return True


def seed(log, users: dict[str, User]) -> None:
    """Create the demo forum. A second run changes nothing."""
    with emails_suppressed(), screening_skipped():
        people = _personas(users, log)
        boards = _boards(log)
        created = False
        for (
            board_slug,
            author,
            title,
            text,
            replies,
            likers,
            followers,
            topics,
            days,
        ) in THREADS:
            board = boards[board_slug]
            if Thread.objects.filter(board=board, title=title).exists():
                continue
            thread = _write_thread(board, people, author, title, text, replies, topics)
            _like_and_follow(thread, people, likers, followers)
            _spread_over_time(thread, days)
            created = True
            log(f"wrote thread “{title}”")
        created = _members_only_thread(boards, people, log) or created
        qa_board = boards["ask-a-professional"]
        for author, title, text, answer, others, helpful, topics, days in QUESTIONS:
            if Thread.objects.filter(board=qa_board, title=title).exists():
                continue
            thread = start_thread(
                qa_board, actor=people[author], title=title, body=text,
                topics=_topics(topics),
            )  # fmt: skip
            for other_author, other_text in others:
                create_reply(thread, actor=people[other_author], body=other_text)
            pro_answer = create_reply(
                thread,
                actor=people["professional"],
                body=answer,
                short_answer=SHORT_ANSWERS.get(title, ""),
            )
            like_post(pro_answer, actor=people[author])
            if helpful:
                set_helpful_answer(pro_answer, actor=people[author])
            _spread_over_time(thread, days)
            created = True
            log(f"asked “{title}”")
        # The same Q&A in Traditional Chinese, a Chinese discussion board and the
        # disclaimers in Chinese (forum/demo_zh.py).
        chinese = demo_zh.seed(log, people["professional"])
        for days_ago, thread in enumerate(chinese, start=2):
            boards.setdefault(thread.board.slug, thread.board)
            _spread_over_time(thread, days_ago)
            created = True
        daily = boards["daily-life"]
        if not Thread.objects.filter(board=daily, title=LONG_THREAD_TITLE).exists():
            _long_thread(daily, people)
            created = True
            log("wrote the long thread")
        if created:
            _refresh_board_activity(boards)
            _read_most_notifications(people)
    with emails_suppressed():
        _moderation(log, users)


# Demo members have visited before: only their newest few notifications are unread.
DEMO_UNREAD_NOTIFICATIONS = 3


def _read_most_notifications(people: dict[str, User]) -> None:
    for user in {person.pk: person for person in people.values()}.values():
        unread = Notification.objects.filter(
            recipient=user, read_at__isnull=True
        ).order_by("-created_at", "-pk")
        for notification in unread[DEMO_UNREAD_NOTIFICATIONS:]:
            mark_read(notification, user=user)


def _long_thread(board: Board, people) -> None:
    thread = start_thread(
        board, actor=people["member"], title=LONG_THREAD_TITLE, body=LONG_THREAD_TEXT
    )
    voices = ["rowan", "priya", "tomasz", "helen", "sam", "gwen", "jo", "member"]
    previous = None
    for index in range(LONG_THREAD_REPLIES):
        author = people[voices[index % len(voices)]]
        win = WINS[index % len(WINS)]
        text = (
            win
            if index < len(WINS)
            else f"Week two, still going: {win[0].lower()}{win[1:]}"
        )
        # Every seventh reply answers the one before it, nested under it.
        reply_to = previous if index % 7 == 6 and previous is not None else None
        if reply_to is not None and reply_to.author_id == author.pk:
            reply_to = None
        if reply_to is not None:
            text = "That's wonderful to read. " + text
        previous = create_reply(thread, actor=author, body=text, reply_to=reply_to)
        if index % 5 == 0 and author.pk != people["sam"].pk:
            like_post(previous, actor=people["sam"])
    like_post(thread.first_post, actor=people["priya"])
    like_post(thread.first_post, actor=people["rowan"])
    _spread_over_time(thread, 2)


# Moderation demo -------------------------------------------------------------------

MODERATION_PERSONAS = [
    # key, email, display name, age range, sex, bio
    ("kit", "kit@demo.test", "Kit (demo)", "40-49", "male", ""),
    ("dee", "dee@demo.test", "Dee (demo)", "", "",
     "Natural skin balms made in my kitchen. Message me for prices!"),
    ("ash", "ash@demo.test", "Ash (demo newcomer)", "18-29", "", ""),
]  # fmt: skip

# board, thread title, author, text
RUDE_REPLY = (
    "lupus", "Fatigue that sleep doesn't fix", "kit",
    "Honestly, half of you just need to stop moaning and push through it. "
    "Being tired is a state of mind.",
)  # fmt: skip
DOUBTFUL_ANSWER = (
    "ask-a-professional", "How often should my eyes be checked on hydroxychloroquine?",
    "kit",
    "I skipped every eye check for six years and my sight is perfect, so I "
    "wouldn't bother with them.",
)  # fmt: skip
ADVERT = (
    "treatments-medications", "UVA1 phototherapy: what is a session like?", "dee",
    "Why sit in a cabinet twice a week? My balm softens plaques in ten days, "
    "no doctor needed. Send me a message for a discount.",
)  # fmt: skip
FIRST_POST = (
    "newly-diagnosed", "Just diagnosed with morphea: what should I ask next time?",
    "ash",
    "I heard the word morphea for the first time last month and I'm still taking "
    "it in. The clinic gave me a leaflet that is also online "
    "(https://example.org/morphea-first-steps). How long did your first "
    "appointment last?",
)  # fmt: skip
DEMO_WORD_FILTERS = [
    ("miracle cure", WordFilter.Action.BLOCK, "Demo: nothing cures these conditions."),
    ("discount code", WordFilter.Action.BLOCK, "Demo: selling is not allowed."),
    ("stop taking", WordFilter.Action.WATCH,
     "Demo: a moderator checks advice to stop a treatment."),
]  # fmt: skip


def _moderation_personas(log) -> dict[str, User]:
    people = {}
    for key, email, name, age_range, sex, bio in MODERATION_PERSONAS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email, password=DEMO_PASSWORD, display_name=name
            )
            profile = user.profile
            profile.age_range, profile.sex, profile.bio = age_range, sex, bio
            profile.save(update_fields=["age_range", "sex", "bio"])
            EmailAddress.objects.get_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            join_members(user)
            log(f"created demo forum member {email}")
        pending = disclaimers.pending_acknowledgements(user)
        if pending:
            disclaimers.acknowledge(user, pending)
        people[key] = user
    return people


def _demo_post(spec, people) -> tuple[Post, bool]:
    """The reply of `spec`, written once; (post, whether it was written now)."""
    board_slug, title, author_key, text = spec
    author = people[author_key]
    existing = Post.objects.filter(author=author, body=text).first()
    if existing is not None:
        return existing, False
    thread = Thread.objects.get(board__slug=board_slug, title=title)
    return create_reply(thread, actor=author, body=text), True


def _moderation(log, users: dict[str, User]) -> None:
    """Reports, an auto-hidden post, a post waiting for approval, a suspended member."""
    people = {**_personas(users, lambda _: None), **_moderation_personas(log)}
    moderator = people["moderator"]
    for pattern, action, note in DEMO_WORD_FILTERS:
        WordFilter.objects.get_or_create(
            pattern=pattern,
            defaults={"action": action, "note": note, "created_by": moderator},
        )
    # Kit is rude, reported, hidden with a reason, and suspended for a month.
    with screening_skipped():
        rude, new = _demo_post(RUDE_REPLY, people)
        doubtful, new_doubtful = _demo_post(DOUBTFUL_ANSWER, people)
        advert, new_advert = _demo_post(ADVERT, people)
    if new:
        report_post(
            rude,
            actor=people["tomasz"],
            reason="abuse",
            note="Mocking people who are exhausted.",
        )
        report_post(rude, actor=people["gwen"], reason="abuse")
        hide_post(
            rude,
            actor=moderator,
            reason="Please don't belittle what other members live with: fatigue "
            "is a real symptom, not a choice.",
        )
        suspend_member(
            people["kit"],
            actor=moderator,
            days=30,
            reason="Repeatedly mocking other members. You can still read the forum.",
            post=rude,
        )
        log("hid a rude reply and suspended its author")
    # Open reports on an answer that may put people off their eye checks.
    if new_doubtful:
        report_post(
            doubtful,
            actor=people["priya"],
            reason="misinformation",
            note="This could put people off screening that protects sight.",
        )
        report_post(doubtful, actor=people["professional"], reason="misinformation")
        log("reported a doubtful answer")
    # An advert reported by three members hides itself until a moderator looks.
    if new_advert:
        for key, note in (
            ("rowan", "Selling a balm."),
            ("sam", ""),
            ("helen", "Same seller as in another thread."),
        ):
            report_post(advert, actor=people[key], reason="spam", note=note)
        log("three reports auto-hid an advert")
    if not Report.objects.filter(member=people["dee"], post__isnull=True).exists():
        report_member(
            people["dee"],
            actor=people["jo"],
            reason="spam",
            note="The profile is an advert.",
        )
    # Ash's first post has a link: it waits for a moderator.
    _, new_first = _demo_post(FIRST_POST, people)
    if new_first:
        log("a newcomer's first post waits for approval")
