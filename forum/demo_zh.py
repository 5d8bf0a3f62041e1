"""Demo forum in Traditional Chinese (Taiwan): a Q&A board where Taiwanese members ask
and the demo health professional answers, a discussion board with a few threads, and
the disclaimers' Chinese texts; written through the services like the rest of the
demo (forum/demo.py calls `seed`). Idempotent: the group, the boards and the members
are looked up first, threads by board and title, translations by version.
"""

from allauth.account.models import EmailAddress

from core import disclaimers
from core.languages import Language
from core.models import Disclaimer, DisclaimerTranslation
from members.demo import DEMO_PASSWORD
from members.models import Profile, User
from members.services import join_members

from .models import Board, BoardGroup, Thread
from .services import create_reply, like_post, set_helpful_answer, start_thread

GROUP = ("zh-hant", "中文討論區", "用中文發問與分享。")
BOARD = (
    "zh-ask-a-professional",
    "請教醫療專業人員",
    "由通過認證的醫療專業人員回答。回答僅為一般衛教資訊，不等於看診。",
)

PERSONAS = [
    # key, email, display name, age range, sex
    ("xiaoyu", "xiaoyu@demo.test", "小雨（示範）", "30-39", "female"),
    ("ahming", "ahming@demo.test", "阿明（示範）", "40-49", "male"),
    ("meihua", "meihua@demo.test", "美華（示範）", "50-59", "female"),
]

# asker, title, question, the professional's answer, mark helpful
QUESTIONS = [
    (
        "xiaoyu",
        "女兒手臂上有一條變硬的皮膚，會是線狀硬皮症嗎？",
        "女兒九歲，半年前右手臂內側出現一條淡褐色的痕跡，最近摸起來越來越硬，"
        "手肘伸直時會卡卡的。診所醫師說可能是局部硬皮症，要我們轉大醫院。"
        "請問這個會擴散到內臟嗎？需要很急嗎？",
        "從描述來看，確實需要排除線狀局部硬皮症（硬斑病的一種），它在兒童比較常見。"
        "局部硬皮症主要影響皮膚和皮下組織，通常不會像全身性硬皮症那樣侵犯內臟；"
        "但線狀病灶若跨過關節，可能影響關節活動和肢體生長，所以建議儘早就醫，"
        "不必恐慌，但也不要拖。\n\n"
        "可以掛兒童風濕免疫科或皮膚科，醫師通常會安排檢查確認病灶的活動度，"
        "活動期常用的治療包括口服免疫調節藥物搭配一段時間的類固醇，"
        "外用藥和復健也有幫助。就診時帶著這半年拍的照片，對判斷變化很有用。",
        True,
    ),
    (
        "meihua",
        "擦普特皮治療硬化性苔蘚，剛開始會刺痛正常嗎？",
        "我外陰部的硬化性苔蘚擦強效類固醇藥膏控制得還可以，醫師建議換成普特皮維持。"
        "結果擦了三天都有灼熱刺痛感，洗澡後擦更明顯。這樣正常嗎？要不要停藥？",
        "普特皮（tacrolimus 軟膏）剛開始使用時出現灼熱或刺痛很常見，"
        "多半在一到兩週內隨著皮膚適應而減輕。可以試著在洗澡後等皮膚完全乾了再擦，"
        "薄薄一層就好，也可以先放冰箱冷藏一下再使用。\n\n"
        "如果刺痛越來越厲害、出現紅腫破皮或疑似感染，請先停用並回診。"
        "另外，硬化性苔蘚即使控制良好，也建議每年讓醫師檢查一次，"
        "若有一直不會好的傷口或硬塊要提早就醫。",
        True,
    ),
    (
        "ahming",
        "吃奎寧治療紅斑性狼瘡，多久要檢查一次眼睛？",
        "確診紅斑性狼瘡一年多，一直在吃奎寧（hydroxychloroquine）。"
        "朋友說這個藥會傷視網膜，我到現在都還沒做過眼科檢查，請問需要多久檢查一次？",
        "奎寧長期使用確實有少數人會出現視網膜病變，早期通常沒有症狀，所以要靠定期檢查發現。"
        "一般建議開始用藥後的第一年內先做一次基準的眼科檢查，"
        "之後若沒有其他風險因子，用藥滿五年起每年檢查一次。\n\n"
        "如果劑量偏高、腎功能不好，或本身已有視網膜、黃斑部的問題，檢查就要更早、更頻繁。"
        "你已經用藥一年多，建議這陣子就安排一次眼科檢查，並把用藥劑量告訴眼科醫師。"
        "不要自行停藥，奎寧對控制狼瘡很重要。",
        False,
    ),
    (
        "xiaoyu",
        "硬皮症的手指冬天會發白發紫，怎麼保暖比較有用？",
        "我是全身性硬皮症，每到冬天手指碰到冷水就先發白再變紫，痛到很難做家事。"
        "除了戴手套，還有什麼方法嗎？",
        "這是雷諾氏現象，硬皮症病友很常見。保暖要顧整個身體，不只是手："
        "穿多層衣物、戴帽子，出門前先讓身體暖起來，手套最好選保暖又不會太緊的。"
        "洗碗、洗菜請用溫水並戴手套，避免突然從溫暖處到寒冷處。\n\n"
        "抽菸會讓血管收縮得更厲害，一定要戒菸。若發作頻繁，醫師可以開擴張血管的藥物。"
        "如果指尖出現傷口、潰瘍或發黑，請立刻回診，不要等。",
        True,
    ),
]

# 專業人員對每個問題的簡短回答，顯示在完整回答之前。
SHORT_ANSWERS = {
    "女兒手臂上有一條變硬的皮膚，會是線狀硬皮症嗎？": (
        "有可能，建議儘早到兒童風濕免疫科或皮膚科確認。局部硬皮症通常不會侵犯內臟，"
        "但跨過關節的病灶要及早治療。"
    ),
    "擦普特皮治療硬化性苔蘚，剛開始會刺痛正常嗎？": (
        "剛開始刺痛很常見，多半一到兩週內會減輕；若紅腫破皮或越來越痛，請停藥回診。"
    ),
    "吃奎寧治療紅斑性狼瘡，多久要檢查一次眼睛？": (
        "開始用藥後先做一次基準檢查，之後通常用藥滿五年起每年一次；有風險因子要更早。"
    ),
    "硬皮症的手指冬天會發白發紫，怎麼保暖比較有用？": (
        "整個身體都要保暖，不只是手；避免冷水和溫差，戒菸。指尖有傷口請立刻回診。"
    ),
}


# Only signed-in members see it (no visitors, no search engines).
MEMBERS_ONLY_DISCUSSION = (
    "xiaoyu",
    "想跟家人說我其實很累，該怎麼開口？（限會員）",
    "這件事比較私人，所以只想讓會員看到。每次家人問我好不好，我都說沒事，"
    "其實疲倦到下班就只想躺著。你們是怎麼跟家人說的？",
    [("meihua", "我是把一週的症狀紀錄給先生看，他看完就懂了，不用我多解釋。")],
)


def _personas(log) -> dict[str, User]:
    people = {}
    for key, email, name, age_range, sex in PERSONAS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email, password=DEMO_PASSWORD, display_name=name
            )
            profile = user.profile
            profile.age_range = age_range
            profile.sex = sex
            profile.language = Profile.Language.TRADITIONAL_CHINESE
            profile.save(update_fields=["age_range", "sex", "language"])
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


def _board(log) -> Board:
    slug, name, description = GROUP
    group, _ = BoardGroup.objects.get_or_create(
        slug=slug,
        defaults={"name": name, "description": description, "position": 10},
    )
    b_slug, b_name, b_description = BOARD
    board, created = Board.objects.get_or_create(
        slug=b_slug,
        defaults={
            "group": group,
            "name": b_name,
            "kind": Board.Kind.QUESTIONS,
            "language": Language.TRADITIONAL_CHINESE,
            "description": b_description,
        },
    )
    if created:
        log(f"created board {b_slug}")
    return board


DISCUSSION_BOARD = (
    "zh-daily-life",
    "生活與心情",
    "聊聊和硬皮症、硬斑病、硬化性苔蘚或紅斑性狼瘡一起生活的大小事。"
    "這裡是病友分享經驗的地方，內容未經醫師審閱。",
)

# author, title, opening post, replies as (author, text)
DISCUSSIONS = [
    (
        "meihua",
        "回診前你們都怎麼整理要問醫師的問題？",
        "每次回診排隊兩個小時，進診間五分鐘就出來了，回家才想到忘了問。"
        "大家有什麼好方法嗎？",
        [
            (
                "xiaoyu",
                "我會在手機備忘錄列三個最想問的問題，一進診間就先講。"
                "皮膚有變化時順手拍照，比用講的清楚很多。",
            ),
            (
                "ahming",
                "我會請家人陪我去，一個人問、一個人記。"
                "抽血報告也會先上健保快易通 App 看，有不懂的數字先圈起來。",
            ),
        ],
    ),
    (
        "xiaoyu",
        "夏天到了，硬斑病的地方怎麼防曬？",
        "醫師說病灶要防曬，可是台灣夏天又濕又熱，擦防曬乳整天黏黏的。"
        "大家都用什麼方法？",
        [
            (
                "meihua",
                "我改穿薄的防曬袖套和長褲，比一直補擦舒服。"
                "出門前還是會在露出來的地方擦一層清爽型的。",
            ),
            (
                "ahming",
                "撐傘真的差很多！騎車的話我會戴手套。",
            ),
        ],
    ),
    (
        "ahming",
        "確診紅斑性狼瘡一年，分享一點心情",
        "剛確診時每天上網查資料，越看越怕。現在藥物控制得還算穩定，"
        "也慢慢學會累了就休息，不再硬撐。想跟剛確診的朋友說：先不要急著看最壞的情況，"
        "有問題就記下來問醫師。",
        [
            (
                "meihua",
                "謝謝你的分享，看了很感動。我剛確診時也是這樣，"
                "後來加入病友會，知道不是只有自己一個人，心情好很多。",
            ),
        ],
    ),
]

# The demo board disclaimer in Traditional Chinese: name, then text (Markdown).
# (The first site-wide versions get theirs in core/migrations/0003.)
DISCLAIMER_TEXTS = {
    "Treatments board disclaimer": (
        "治療看板免責聲明",
        "會員描述的是醫師**為他們**開立的治療。劑量、合併用藥和療程因人而異："
        "請不要因為這裡的文章就開始、停止或更改任何藥物，請詢問開藥的醫師或藥師。",
    ),
}


def seed(log, professional: User) -> list[Thread]:
    """Everything Chinese in the demo forum; the threads written now."""
    _translate_disclaimers(log)
    written = seed_questions(log, professional)
    written += _seed_discussions(log)
    return written


def _translate_disclaimers(log) -> None:
    versions = Disclaimer.objects.filter(
        name__in=DISCLAIMER_TEXTS, current_version__isnull=False
    ).select_related("current_version")
    for disclaimer in versions:
        version = disclaimer.current_version
        if DisclaimerTranslation.objects.filter(
            version=version, language=Language.TRADITIONAL_CHINESE
        ).exists():
            continue
        name, body = DISCLAIMER_TEXTS[disclaimer.name]
        disclaimers.translate_version(
            version,
            language=Language.TRADITIONAL_CHINESE,
            name=name,
            body=body,
            actor=None,
        )
        log(f"translated {disclaimer.name} {version.label}")


def _seed_discussions(log) -> list[Thread]:
    people = _personas(log)
    group = _board(log).group
    slug, name, description = DISCUSSION_BOARD
    board, created = Board.objects.get_or_create(
        slug=slug,
        defaults={
            "group": group,
            "name": name,
            "kind": Board.Kind.DISCUSSION,
            "language": Language.TRADITIONAL_CHINESE,
            "description": description,
            "position": 1,
        },
    )
    if created:
        log(f"created board {slug}")
    written = []
    for author, title, text, replies, members_only in [
        *((*item, False) for item in DISCUSSIONS),
        (*MEMBERS_ONLY_DISCUSSION, True),
    ]:
        if Thread.objects.filter(board=board, title=title).exists():
            continue
        thread = start_thread(
            board, actor=people[author], title=title, body=text,
            members_only=members_only,
        )  # fmt: skip
        for other, reply in replies:
            create_reply(thread, actor=people[other], body=reply)
        written.append(thread)
        log(f"started “{title}”")
    return written


def seed_questions(log, professional: User) -> list[Thread]:
    """The Chinese Q&A board and its answered questions; the threads written now."""
    people = _personas(log)
    board = _board(log)
    written = []
    for asker, title, text, answer, helpful in QUESTIONS:
        if Thread.objects.filter(board=board, title=title).exists():
            continue
        thread = start_thread(board, actor=people[asker], title=title, body=text)
        pro_answer = create_reply(
            thread,
            actor=professional,
            body=answer,
            short_answer=SHORT_ANSWERS.get(title, ""),
        )
        like_post(pro_answer, actor=people[asker])
        if helpful:
            set_helpful_answer(pro_answer, actor=people[asker])
        written.append(thread)
        log(f"asked “{title}”")
    return written
