"""Demo library for `seed_demo`: channels, topics and articles written for this project.

Everything is created through the services, so the demo has revisions,
sign-offs and audit rows like real content. Running it twice changes nothing:
channels and topics are matched by slug, and an article whose slug exists is
left alone.
"""

import datetime

from django.utils import timezone

from core.models import Topic
from core.names import fill_zh_hant

from . import demo_zh, services
from .models import Article, Channel

CHANNELS = [
    # slug, name, parent slug, position, description
    (
        "conditions",
        "Conditions",
        None,
        1,
        "What each condition is, how it is diagnosed and how it is usually treated.",
    ),
    (
        "treatments",
        "Treatments",
        None,
        2,
        "Creams, tablets, injections, light therapy and self-care, compared in plain words.",
    ),
    (
        "drugs",
        "Drugs",
        None,
        3,
        "One page per medicine: uses, doses, side effects and checks.",
    ),
    (
        "topical-calcineurin-inhibitors",
        "Topical calcineurin inhibitors",
        "drugs",
        1,
        "Steroid-free creams and ointments that calm inflammation in the skin.",
    ),
    (
        "immunosuppressants",
        "Immunosuppressants",
        "drugs",
        2,
        "Tablets and injections that damp down an overactive immune system.",
    ),
    ("news", "News", None, 4, "What is new in the library and in research."),
]
RELATED_CHANNELS = [("drugs", "treatments"), ("conditions", "treatments")]
# What Chinese pages call them (`core.names`), by slug.
CHANNEL_NAMES_ZH = {
    "conditions": "病症",
    "treatments": "治療",
    "drugs": "藥物",
    "topical-calcineurin-inhibitors": "外用鈣調磷酸酶抑制劑",
    "immunosuppressants": "免疫抑制劑",
    "news": "最新消息",
}

TOPICS = [
    ("morphea", "Morphea", "Localized scleroderma: patches of hardened skin."),
    (
        "lichen-sclerosus",
        "Lichen sclerosus",
        "An itchy, scarring skin condition, often genital.",
    ),
    (
        "systemic-sclerosis",
        "Systemic sclerosis",
        "Scleroderma affecting skin and internal organs.",
    ),
    (
        "lupus",
        "Lupus",
        "An autoimmune disease that can affect skin, joints and organs.",
    ),
    (
        "raynauds",
        "Raynaud's phenomenon",
        "Fingers and toes that turn white or blue in the cold.",
    ),
    (
        "tacrolimus",
        "Tacrolimus",
        "A calcineurin inhibitor, as an ointment or capsules.",
    ),
    ("pimecrolimus", "Pimecrolimus", "A calcineurin inhibitor cream."),
    (
        "methotrexate",
        "Methotrexate",
        "A once-weekly immunosuppressant tablet or injection.",
    ),
    (
        "mycophenolate",
        "Mycophenolate",
        "An immunosuppressant used for lungs, kidneys and skin.",
    ),
    (
        "skin-care",
        "Skin care",
        "Emollients, sun protection and looking after fragile skin.",
    ),
]

TOPIC_NAMES_ZH = {
    "morphea": "硬斑病",
    "lichen-sclerosus": "硬化性苔蘚",
    "systemic-sclerosis": "全身性硬化症",
    "lupus": "紅斑性狼瘡",
    "raynauds": "雷諾氏現象",
    "tacrolimus": "他克莫司",
    "pimecrolimus": "吡美莫司",
    "methotrexate": "胺甲蝶呤",
    "mycophenolate": "黴酚酸",
    "skin-care": "皮膚照護",
}

S2K_2024 = {
    "title": "S2k guideline: Diagnosis and therapy of localized scleroderma",
    "source": "Journal der Deutschen Dermatologischen Gesellschaft",
    "year": 2024,
    "doi": "10.1111/ddg.15328",
    "pmid": "38426689",
}
KROFT_2009 = {
    "title": (
        "Efficacy of topical tacrolimus 0.1% in active plaque morphea: randomized, "
        "double-blind, emollient-controlled pilot study"
    ),
    "source": "American Journal of Clinical Dermatology",
    "year": 2009,
    "doi": "10.2165/00128071-200910030-00004",
    "pmid": "19354332",
}
ZULIAN_2011 = {
    "title": (
        "Methotrexate treatment in juvenile localized scleroderma: a randomized, "
        "double-blind, placebo-controlled trial"
    ),
    "source": "Arthritis & Rheumatism",
    "year": 2011,
    "doi": "10.1002/art.30264",
    "pmid": "21305525",
}
BAD_LS_2018 = {
    "title": "British Association of Dermatologists guidelines for the management of lichen sclerosus 2018",
    "source": "British Journal of Dermatology",
    "year": 2018,
    "doi": "10.1111/bjd.16241",
}
GOLDSTEIN_2011 = {
    "title": (
        "A double-blind, randomized controlled trial of clobetasol versus pimecrolimus "
        "in patients with vulvar lichen sclerosus"
    ),
    "source": "Journal of the American Academy of Dermatology",
    "year": 2011,
    "doi": "10.1016/j.jaad.2010.06.011",
    "pmid": "21353334",
}
FUNARO_2014 = {
    "title": (
        "A double-blind, randomized prospective study evaluating topical clobetasol "
        "propionate 0.05% versus topical tacrolimus 0.1% in patients with vulvar "
        "lichen sclerosus"
    ),
    "source": "Journal of the American Academy of Dermatology",
    "year": 2014,
    "pmid": "24704090",
}
EULAR_SSC = {
    "title": "EULAR recommendations for the treatment of systemic sclerosis: 2023 update",
    "source": "Annals of the Rheumatic Diseases",
    "year": 2024,
    "doi": "10.1136/ard-2024-226430",
}
SLS_II = {
    "title": (
        "Mycophenolate mofetil versus oral cyclophosphamide in scleroderma-related "
        "interstitial lung disease (SLS II): a randomised controlled, double-blind, "
        "parallel group trial"
    ),
    "source": "The Lancet Respiratory Medicine",
    "year": 2016,
}

MORPHEA = """\
Morphea (also called *localized scleroderma*) makes patches of skin become thick, \
firm and shiny. It is not the same illness as systemic sclerosis: it stays in the \
skin and the tissues just underneath, and it does not spread to the heart, lungs \
or kidneys. People with morphea do not "progress" to systemic sclerosis.

## What it looks like

A patch usually starts as a pink or purplish area, sometimes with a lilac edge \
while it is active. Over months the centre becomes pale, hard and smooth. Later \
the patch softens but may stay darker or lighter than the skin around it.

Doctors describe several types:

- **Plaque (limited) morphea**: one or a few oval patches, most often on the trunk.
- **Generalized morphea**: many patches joining up over large areas.
- **Linear morphea**: a band along an arm, a leg or the forehead (*en coup de \
sabre*). It is the most common type in children and can affect muscle, joints and \
growth, so it is treated early.
- **Mixed** forms combine these.

## How it is treated

Treatment works on the *active*, inflamed phase; it cannot undo old scarring, \
which is why an early diagnosis matters.

- Small, superficial patches are usually treated with a strong steroid cream or \
with [tacrolimus ointment](/articles/tacrolimus-ointment/).
- Light therapy (UVA1 or narrowband UVB) helps some people with widespread patches.
- Linear, deep or generalized morphea is treated with \
[methotrexate](/articles/methotrexate/), often with a short course of steroids at \
the start. [Mycophenolate](/articles/mycophenolate/) is a second choice.

## Living with it

Keep the skin moisturised, protect patches from the sun, and tell your team about \
new patches, joint stiffness or changes in how a limb grows. Physiotherapy helps \
when a patch crosses a joint.
"""

LICHEN_SCLEROSUS = """\
Lichen sclerosus is a long-lasting inflammatory skin condition. It most often \
affects the skin of the vulva, the foreskin or the skin around the anus, though it \
can appear elsewhere. It is not an infection and it cannot be passed on.

## Symptoms

- Itching, often worse at night, and soreness.
- White, thin, crinkly or shiny patches; small bruises or tears in the skin.
- Pain during sex or when passing urine; tightening of the foreskin.

Without treatment the skin can scar and change shape. There is also a small \
increased risk of skin cancer in the affected area, so long-term follow-up matters.

## Treatment

A very strong steroid ointment (usually clobetasol propionate 0.05%) is the first \
treatment. A common plan is once a day for a month, then on alternate days, then \
twice a week, before settling on the lowest use that keeps the skin calm. Used this \
way on the affected skin it is safe, and stopping too early is the most common \
reason for flares.

When steroids cannot be used or are not enough, specialists may add a steroid-free \
calcineurin inhibitor: [tacrolimus ointment](/articles/tacrolimus-ointment/) or \
[pimecrolimus cream](/articles/pimecrolimus-cream/). In trials they helped, but \
less than clobetasol.

## Looking after the skin

Wash with water or a soap substitute, use an emollient as a barrier, and avoid \
perfumed products. See your doctor about any lump, ulcer or patch that does not \
heal with treatment.
"""

SYSTEMIC_SCLEROSIS = """\
Systemic sclerosis (scleroderma) is an autoimmune disease in which the body makes \
too much scar tissue (fibrosis) and small blood vessels are damaged. It affects the \
skin and can also affect the lungs, heart, kidneys and gut. It is rare and varies a \
lot from one person to the next.

## Two main forms

- **Limited cutaneous** systemic sclerosis: skin thickening of the hands, forearms, \
lower legs and face; it tends to develop slowly over years.
- **Diffuse cutaneous** systemic sclerosis: skin thickening that also reaches the \
upper arms, thighs or trunk, usually faster in the first years, with a higher \
chance of organ involvement early on.

Almost everyone with systemic sclerosis has [Raynaud's phenomenon](/topics/raynauds/): \
fingers turning white, then blue, then red in the cold or with stress.

## Check-ups matter

Because lung and heart problems can start without symptoms, regular tests are part \
of care: breathing tests and sometimes a CT scan for the lungs, a heart scan, blood \
pressure and kidney checks.

## Treatment

There is no cure yet, but each part of the disease can be treated:

- Raynaud's and finger ulcers: keeping warm, stopping smoking, and medicines that \
open blood vessels.
- Lung fibrosis: [mycophenolate](/articles/mycophenolate/) is the usual first \
choice; other treatments are added when needed.
- Early skin thickening: [methotrexate](/articles/methotrexate/) or mycophenolate.
- Reflux and gut problems: acid-reducing medicines and advice on eating.

Blood pressure should be checked often: a sudden rise can be the sign of a kidney \
emergency, especially in the first years of diffuse disease.
"""

TACROLIMUS_BODY = """\
Tacrolimus ointment is a steroid-free anti-inflammatory treatment for the skin. It \
calms the immune cells that drive inflammation without thinning the skin, which is \
why it is useful on the face, skin folds and genital skin. It is licensed for \
eczema; using it for morphea or lichen sclerosus is "off-label", which is common \
and accepted practice when a specialist recommends it.

This page is about the **ointment**. Tacrolimus capsules, taken after organ \
transplants, are a different treatment with different risks.
"""

TACROLIMUS = {
    "brand_names": "Protopic; generic tacrolimus ointment. Strengths 0.03% and 0.1%.",
    "indications": (
        "- Moderate to severe atopic eczema (licensed).\n"
        "- Active patches of [morphea](/articles/morphea/) (off-label).\n"
        "- [Lichen sclerosus](/articles/lichen-sclerosus/) when strong steroids are "
        "unsuitable or not enough (off-label)."
    ),
    "dosing": (
        "Apply a thin layer to the affected skin **twice a day**, usually the 0.1% "
        "strength in adults. For morphea, allow about 3 months before judging the "
        "effect. Once the skin settles, many people reduce to once a day or a few "
        "times a week. Wash your hands afterwards unless the hands are being treated."
    ),
    "adverse_reactions": (
        "- Burning, warmth or itching where it is applied, mostly in the first week.\n"
        "- Facial flushing after drinking alcohol.\n"
        "- Skin infections such as cold sores or folliculitis.\n\n"
        "Rare cases of skin cancer and lymphoma have been reported in people using "
        "these creams; a link has not been proven, but it is the reason to use the "
        "lowest effective amount and to protect treated skin from the sun."
    ),
    "contraindications": (
        "Do not use it if you are allergic to tacrolimus or to macrolide "
        "antibiotics, on infected skin, or on skin that may be cancerous."
    ),
    "pregnancy": (
        "Very little passes into the blood. It may be used in pregnancy when a "
        "specialist thinks the benefit is worth it. While breastfeeding, do not apply "
        "it to the breast."
    ),
    "interactions": (
        "Interactions are unlikely because so little is absorbed. Avoid "
        "sunbeds and light therapy on treated skin, and tell your doctor if you also "
        "take tablets that raise tacrolimus levels, such as some antifungals."
    ),
    "monitoring": (
        "No blood tests are needed. Have the treated skin checked at follow-up "
        "visits, and report any new lump or sore that does not heal."
    ),
}

PIMECROLIMUS_BODY = """\
Pimecrolimus cream works like [tacrolimus ointment](/articles/tacrolimus-ointment/): \
it calms inflammation in the skin without being a steroid. It is a lighter cream, \
which some people find more comfortable on moist skin. It is licensed for mild to \
moderate eczema; dermatologists sometimes use it for lichen sclerosus.
"""

PIMECROLIMUS = {
    "brand_names": "Elidel 1% cream.",
    "indications": (
        "- Mild to moderate atopic eczema (licensed for adults and children).\n"
        "- [Lichen sclerosus](/articles/lichen-sclerosus/), usually as a second choice "
        "or to keep the skin settled (off-label)."
    ),
    "dosing": (
        "Apply a thin layer **twice a day** to the affected skin until it clears, "
        "then as advised by your specialist. See your doctor if nothing has improved "
        "after 6 weeks."
    ),
    "adverse_reactions": (
        "- Warmth, burning or stinging where it is applied, usually in the first days.\n"
        "- Skin infections, including cold sores.\n"
        "- Flushing with alcohol in some people.\n\n"
        "As with tacrolimus, rare cancers have been reported without a proven link: "
        "use it only where needed and protect treated skin from the sun."
    ),
    "contraindications": (
        "Do not use it if you are allergic to pimecrolimus or other macrolides, on "
        "infected skin, or if your immune system is severely weakened."
    ),
    "pregnancy": (
        "There is little information, so it is usually avoided in pregnancy unless a "
        "specialist advises it. While breastfeeding, do not apply it to the breast."
    ),
    "interactions": (
        "Few, as little reaches the blood. Avoid sunbeds and light therapy on "
        "treated skin."
    ),
    "monitoring": "No blood tests are needed; your skin is reviewed at follow-up.",
}

METHOTREXATE_BODY = """\
Methotrexate is one of the most widely used medicines for autoimmune disease. At \
the low doses used here it calms the immune system rather than acting as a cancer \
treatment. It is taken **once a week**, never every day: taking it daily by mistake \
can be very dangerous. Pick one day of the week and keep to it.

It works slowly: expect 2 to 3 months before the full effect.
"""

METHOTREXATE = {
    "brand_names": (
        "Generic tablets (2.5 mg; the 10 mg strength is avoided to prevent mix-ups); "
        "pre-filled pens and syringes such as Metoject."
    ),
    "indications": (
        "- Linear, deep or generalized [morphea](/articles/morphea/), in adults and "
        "children.\n"
        "- Skin thickening in early [systemic sclerosis](/articles/systemic-sclerosis/), "
        "and inflammatory arthritis that comes with it.\n"
        "- Skin and joint symptoms of lupus."
    ),
    "dosing": (
        "**Once a week**, on the same day. Adults often start at 7.5 to 15 mg a week "
        "and increase to 15 to 25 mg; children's doses are worked out from their "
        "size. It can be swallowed or injected under the skin; injections are often "
        "better tolerated. **Folic acid** is taken on another day of the week to "
        "reduce side effects."
    ),
    "adverse_reactions": (
        "- Nausea or tiredness on the day after the dose; mouth ulcers.\n"
        "- Thinning hair.\n"
        "- Raised liver tests, and lower blood counts, found on blood tests.\n"
        "- More infections.\n"
        "- Rarely, lung inflammation: report a new dry cough or breathlessness "
        "straight away."
    ),
    "contraindications": (
        "Pregnancy, severe kidney or liver disease, serious active infection, and "
        "very low blood counts. Keep alcohol well within low-risk limits, or avoid it."
    ),
    "pregnancy": (
        "Methotrexate can harm an unborn baby and cause miscarriage. Use reliable "
        "contraception, and plan a pregnancy with your team: it has to be stopped "
        "months in advance. Do not breastfeed while taking it."
    ),
    "interactions": (
        "- **Trimethoprim and co-trimoxazole** (antibiotics) can cause dangerous drops "
        "in blood counts: always say you take methotrexate.\n"
        "- Anti-inflammatory painkillers such as ibuprofen: ask first.\n"
        "- **Live vaccines** should be avoided; the flu jab and most others are fine."
    ),
    "monitoring": (
        "Blood count, liver and kidney tests every 1 to 2 weeks at the start and "
        "after each dose increase, then usually every 3 months once stable."
    ),
}

MYCOPHENOLATE_BODY = """\
Mycophenolate calms the immune system by slowing down the immune cells that \
multiply when the disease is active. It is the usual first treatment for lung \
fibrosis in [systemic sclerosis](/articles/systemic-sclerosis/) and a key treatment \
for lupus affecting the kidneys. It comes as mycophenolate mofetil or as \
mycophenolic acid, which is gentler on some stomachs; the doses are not the same, \
so do not swap one for the other without advice.
"""

MYCOPHENOLATE = {
    "brand_names": "CellCept and generic mycophenolate mofetil; Myfortic (mycophenolic acid).",
    "indications": (
        "- Lung fibrosis (interstitial lung disease) in systemic sclerosis.\n"
        "- Lupus nephritis and other serious lupus.\n"
        "- Skin disease in systemic sclerosis or [morphea](/articles/morphea/) when "
        "methotrexate is unsuitable (off-label)."
    ),
    "dosing": (
        "Mycophenolate mofetil usually starts at 500 mg twice a day and is increased "
        "over a few weeks to 1 to 1.5 g twice a day. Take it at the same times each "
        "day, with or after food if it upsets your stomach."
    ),
    "adverse_reactions": (
        "- Diarrhoea, nausea and stomach pain, often better with a slower increase.\n"
        "- Lower white blood cell counts and more infections.\n"
        "- A higher risk of skin cancer over the years: use sun protection."
    ),
    "contraindications": (
        "Pregnancy and breastfeeding, and allergy to mycophenolate. It is not "
        "combined with azathioprine."
    ),
    "pregnancy": (
        "Mycophenolate causes miscarriage and birth defects. Women who could become "
        "pregnant need a negative pregnancy test before starting and highly effective "
        "contraception; it is stopped at least 6 weeks before trying for a baby. Men "
        "should use condoms during treatment and for 90 days after. Do not breastfeed "
        "while taking it."
    ),
    "interactions": (
        "- Antacids with magnesium or aluminium, and colestyramine, reduce absorption: "
        "take them at a different time.\n"
        "- Some antibiotics (such as rifampicin) lower its level.\n"
        "- **Live vaccines** should be avoided."
    ),
    "monitoring": (
        "Blood counts weekly in the first month, then every few weeks, then at least "
        "every 3 months once stable; kidney and liver tests alongside. Regular skin "
        "checks."
    ),
}

NEWS = """\
Every guide and drug page in the library now shows, near its title, who reviewed \
it, their specialty and the date, with the date the next review is due. Drug pages \
are reviewed every year and guides at least every three years.

## When a page changes

If a page is edited, the change goes live only after a health professional has \
signed it off. Two of the first pages to go through the new process are \
[tacrolimus ointment](/articles/tacrolimus-ointment/) and \
[methotrexate](/articles/methotrexate/).

## If you spot a mistake

Spotted something wrong or out of date? Use "Report an error on this page" at the \
foot of any article: it goes straight to the editors.
"""

RAYNAUDS = """\
Raynaud's phenomenon makes fingers or toes turn white, then blue, then red when \
they get cold or during stress. Almost everyone with systemic sclerosis has it, \
often years before other symptoms.

## Keeping warm

Warm the whole body, not only the hands: layers, a hat, heated gloves or hand \
warmers in winter. Avoid sudden changes in temperature, such as reaching into a \
freezer without gloves.

## Medicines

Nifedipine is the usual first medicine; others are added when attacks are \
frequent or when finger ulcers appear. Stop smoking: it narrows blood vessels \
further.
"""

SKIN_CARE = """\
Skin affected by morphea can be dry, tight and easily damaged. Simple care helps.

- Moisturise at least twice a day with a greasy emollient, more often on patches.
- Protect patches from the sun: they can burn more easily and darken.
- Gentle stretching keeps skin over joints supple.
"""


def _channels(log) -> dict[str, Channel]:
    found = {}
    for slug, name, parent, position, description in CHANNELS:
        channel, created = Channel.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "name_zh_hant": CHANNEL_NAMES_ZH.get(slug, ""),
                "parent": found.get(parent),
                "position": position,
                "description": description,
            },
        )
        if created:
            log(f"created channel {slug}")
        found[slug] = fill_zh_hant(channel, CHANNEL_NAMES_ZH.get(slug, ""))
    for one, other in RELATED_CHANNELS:
        found[one].related_channels.add(found[other])
    return found


def _topics(log) -> dict[str, Topic]:
    found = {}
    for slug, name, description in TOPICS:
        chinese = TOPIC_NAMES_ZH.get(slug, "")
        topic, created = Topic.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "name_zh_hant": chinese,
                "description": description,
            },
        )
        if created:
            log(f"created topic {slug}")
        found[slug] = fill_zh_hant(topic, chinese)
    return found


def seed(log, users) -> None:
    """Create the demo library. Idempotent: existing slugs are left as they are."""
    editor, reviewer = users["editor"], users["professional"]
    channels = _channels(log)
    topics = _topics(log)
    now = timezone.now()

    def article(
        slug: str,
        *,
        title: str,
        kind: str,
        channel: str,
        topic_slugs: list[str],
        summary: str,
        body: str,
        references: list[dict] = (),
        drug: dict | None = None,
        state: str = "published",
        featured: bool = False,
        illustration: str = "",
    ) -> None:
        if Article.objects.filter(slug=slug).exists():
            return
        item = services.create_article(
            actor=editor,
            content={
                "title": title,
                "slug": slug,
                "kind": kind,
                "channel_id": channels[channel].pk,
                "topic_ids": [topics[t].pk for t in topic_slugs],
                "author_ids": [editor.pk],
                "summary": summary,
                "body": body,
                "references": list(references),
                "drug": drug or {},
                "illustration": illustration,
            },
            note="First draft",
        )
        services.submit_for_review(item, actor=editor)
        if state == "in-review":
            log(f"created article {slug} (in review)")
            return
        item.refresh_from_db()
        if item.is_medical:
            services.sign_off_review(
                item,
                actor=reviewer,
                revision=item.latest_revision,
                note="Checked against the references listed.",
            )
        publish_at = now + datetime.timedelta(days=7) if state == "scheduled" else None
        services.publish_article(item, actor=editor, publish_at=publish_at)
        if featured:
            services.set_featured(item, actor=editor, featured=True)
        log(f"created article {slug} ({state})")

    article(
        "morphea",
        title="Morphea (localized scleroderma): a guide",
        kind=Article.Kind.GUIDE,
        channel="conditions",
        topic_slugs=["morphea", "methotrexate", "tacrolimus", "skin-care"],
        summary=(
            "Patches of hard, shiny skin that stay in the skin: the types of morphea, "
            "why early treatment matters, and the treatments that help."
        ),
        body=MORPHEA,
        references=[S2K_2024, ZULIAN_2011, KROFT_2009],
        featured=True,
        illustration="skin-layers-morphea",
    )
    article(
        "lichen-sclerosus",
        title="Lichen sclerosus: symptoms and treatment",
        kind=Article.Kind.GUIDE,
        channel="conditions",
        topic_slugs=["lichen-sclerosus", "tacrolimus", "pimecrolimus", "skin-care"],
        summary=(
            "An itchy, scarring skin condition that mostly affects genital skin. "
            "Strong steroid ointment works well when it is used long enough."
        ),
        body=LICHEN_SCLEROSUS,
        references=[BAD_LS_2018, GOLDSTEIN_2011, FUNARO_2014],
    )
    article(
        "systemic-sclerosis",
        title="Systemic sclerosis: an overview",
        kind=Article.Kind.GUIDE,
        channel="conditions",
        topic_slugs=["systemic-sclerosis", "raynauds", "mycophenolate", "methotrexate"],
        summary=(
            "Scleroderma that affects the skin and can affect the lungs, heart, "
            "kidneys and gut: the two main forms, the check-ups and the treatments."
        ),
        body=SYSTEMIC_SCLEROSIS,
        references=[EULAR_SSC, SLS_II],
        featured=True,
        illustration="raynauds-fingers",
    )
    article(
        "tacrolimus-ointment",
        title="Tacrolimus ointment",
        kind=Article.Kind.DRUG,
        channel="topical-calcineurin-inhibitors",
        topic_slugs=["tacrolimus", "morphea", "lichen-sclerosus"],
        summary=(
            "A steroid-free ointment for inflamed skin, used for eczema and, by "
            "specialists, for morphea and lichen sclerosus."
        ),
        body=TACROLIMUS_BODY,
        drug=TACROLIMUS,
        references=[KROFT_2009, FUNARO_2014, S2K_2024],
        illustration="fingertip-unit",
    )
    article(
        "pimecrolimus-cream",
        title="Pimecrolimus cream",
        kind=Article.Kind.DRUG,
        channel="topical-calcineurin-inhibitors",
        topic_slugs=["pimecrolimus", "lichen-sclerosus"],
        summary="A steroid-free cream for eczema, sometimes used for lichen sclerosus.",
        body=PIMECROLIMUS_BODY,
        drug=PIMECROLIMUS,
        references=[GOLDSTEIN_2011, BAD_LS_2018],
        illustration="fingertip-unit",
    )
    article(
        "methotrexate",
        title="Methotrexate",
        kind=Article.Kind.DRUG,
        channel="immunosuppressants",
        topic_slugs=["methotrexate", "morphea", "systemic-sclerosis", "lupus"],
        summary=(
            "A once-weekly tablet or injection that calms the immune system, used for "
            "morphea, systemic sclerosis and lupus."
        ),
        body=METHOTREXATE_BODY,
        drug=METHOTREXATE,
        references=[ZULIAN_2011, S2K_2024, EULAR_SSC],
    )
    article(
        "mycophenolate",
        title="Mycophenolate",
        kind=Article.Kind.DRUG,
        channel="immunosuppressants",
        topic_slugs=["mycophenolate", "systemic-sclerosis", "lupus"],
        summary=(
            "An immunosuppressant taken twice a day, the usual first treatment for "
            "lung fibrosis in systemic sclerosis and for lupus kidney disease."
        ),
        body=MYCOPHENOLATE_BODY,
        drug=MYCOPHENOLATE,
        references=[SLS_II, EULAR_SSC],
    )
    article(
        "reviewed-pages",
        title="Every guide and drug page now shows its medical review",
        kind=Article.Kind.NEWS,
        channel="news",
        topic_slugs=["methotrexate", "tacrolimus"],
        summary=(
            "Who checked a page, when, and when it is next due for review, is now on "
            "every guide and drug page."
        ),
        body=NEWS,
    )
    article(
        "raynauds-in-systemic-sclerosis",
        title="Raynaud's phenomenon in systemic sclerosis",
        kind=Article.Kind.GUIDE,
        channel="conditions",
        topic_slugs=["raynauds", "systemic-sclerosis"],
        summary="Why fingers change colour in the cold, and what helps.",
        body=RAYNAUDS,
        references=[EULAR_SSC],
        state="in-review",
        illustration="raynauds-fingers",
    )
    article(
        "skin-care-with-morphea",
        title="Looking after your skin with morphea",
        kind=Article.Kind.GUIDE,
        channel="treatments",
        topic_slugs=["morphea", "skin-care"],
        summary="Moisturising, sun protection and stretching for skin affected by morphea.",
        body=SKIN_CARE,
        references=[S2K_2024],
        state="scheduled",
        illustration="skin-layers-morphea",
    )
    # The tacrolimus page and the morphea guide in Traditional Chinese, as
    # translations in the same groups (articles/demo_zh.py).
    demo_zh.seed(log, users)
