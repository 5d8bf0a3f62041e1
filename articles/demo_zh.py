"""Demo library in Traditional Chinese (Taiwan): translations of the tacrolimus drug
page and the morphea guide, written for Taiwanese readers (the ointment keeps its
Taiwanese name, 普特皮). Each one goes through the services like any article: a
draft translation in the English page's group, rewritten, reviewed, signed off and
published. `articles/demo.py` calls `seed`. Idempotent: a group that already has
its Chinese article is left as it is.
"""

from core.languages import Language

from . import services
from .models import Article

TACROLIMUS_BODY = """\
普特皮（tacrolimus 軟膏）是一種不含類固醇的外用抗發炎藥。它讓皮膚裡引起發炎的免疫細胞\
安靜下來，卻不會讓皮膚變薄，所以臉部、皮膚皺摺處和私密部位也適合使用。在台灣，\
它核准的適應症是異位性皮膚炎；用在硬斑病或硬化性苔蘚屬於「仿單標示外使用」，\
只要是專科醫師評估後建議，這在臨床上很常見，也是被接受的做法。

這一頁談的是**藥膏**。器官移植後口服的 tacrolimus 膠囊是另一種治療，風險也不一樣，\
請不要混為一談。
"""

TACROLIMUS_DRUG = {
    "brand_names": "普特皮（Protopic）軟膏，濃度 0.03% 與 0.1%；也有學名藥。",
    "indications": (
        "- 中度到重度的異位性皮膚炎（核准適應症）。\n"
        "- 仍在發炎活動期的[硬斑病](/zh-hant/articles/硬斑病/)病灶（仿單標示外使用）。\n"
        "- 硬化性苔蘚，在強效類固醇不適合或效果不夠時使用（仿單標示外使用）。"
    ),
    "dosing": (
        "在患部薄薄擦一層，**一天兩次**；成人通常使用 0.1%。治療硬斑病時，"
        "大約要擦滿三個月再評估效果。皮膚穩定之後，很多人會改成一天一次，"
        "或一週擦幾次維持。擦完記得洗手，除非要治療的就是手。"
    ),
    "adverse_reactions": (
        "- 擦藥的地方灼熱、發燙或發癢，多半出現在第一週，之後會慢慢減輕。\n"
        "- 喝酒後臉部容易潮紅。\n"
        "- 皮膚感染，例如唇皰疹或毛囊炎。\n\n"
        "曾有使用這類藥膏的人發生皮膚癌或淋巴瘤的罕見個案報告，目前並未證實有因果關係，"
        "但這正是要用最少有效量、並替擦藥部位做好防曬的原因。"
    ),
    "contraindications": (
        "對 tacrolimus 或巨環類抗生素過敏、皮膚正在感染，"
        "或是可能有皮膚癌病變的地方，都不要使用。"
    ),
    "pregnancy": (
        "藥物經皮膚吸收進入血液的量非常少。懷孕期間若專科醫師評估利大於弊，可以使用。"
        "哺乳期間請不要擦在乳房上。"
    ),
    "interactions": (
        "因為吸收量很少，交互作用不太可能發生。擦藥部位請避免日曬機和光照治療；"
        "若同時口服會提高 tacrolimus 濃度的藥物（例如某些抗黴菌藥），請告訴醫師。"
    ),
    "monitoring": (
        "不需要抽血追蹤。回診時請醫師看看擦藥的皮膚，"
        "若出現新的硬塊或一直不會好的傷口，要主動告訴醫師。"
    ),
}

MORPHEA_BODY = """\
硬斑病（又稱*局部硬皮症*）會讓一塊一塊的皮膚變厚、變硬、摸起來發亮。它和全身性硬皮症\
不是同一種病：硬斑病只影響皮膚和皮膚底下的組織，不會跑到心臟、肺臟或腎臟。\
得到硬斑病的人，也不會「惡化」成全身性硬皮症。

## 看起來是什麼樣子

病灶一開始通常是粉紅色或偏紫色的一塊，發炎活動時邊緣常帶一圈淡紫色。\
幾個月之後，中間會變得蒼白、硬而光滑；再過一段時間會慢慢變軟，\
但顏色可能一直比旁邊的皮膚深或淺。

醫師常把它分成幾型：

- **斑塊型**：一塊或幾塊橢圓形的病灶，最常出現在軀幹。
- **泛發型**：很多塊病灶連在一起，範圍很大。
- **線狀型**：沿著手臂、腿或額頭長成一條（額頭的稱為「刀砍狀」）。這是兒童最常見的\
類型，可能影響肌肉、關節和生長發育，所以要及早治療。
- **混合型**：同時有上面幾種。

## 怎麼治療

治療針對的是*活動期*、還在發炎的病灶；已經形成的疤痕組織沒有辦法逆轉，\
這就是為什麼早點診斷很重要。

- 範圍小、位置淺的病灶，通常擦強效類固醇藥膏，或[普特皮](/zh-hant/articles/普特皮藥膏/)。
- 病灶範圍廣的人，有些可以藉由照光治療（UVA1 或窄頻 UVB）改善。
- 線狀、侵犯較深或泛發型的硬斑病，會使用口服的 methotrexate，\
剛開始常搭配一小段時間的類固醇；mycophenolate 是第二線選擇。

## 日常照顧

皮膚要保濕，病灶處做好防曬。出現新的病灶、關節變得僵硬，\
或孩子的手腳生長看起來不對稱時，請告訴你的醫療團隊。\
病灶跨過關節時，復健治療很有幫助。
"""

# English slug, Chinese slug, title, summary, body, drug sections
TRANSLATIONS = [
    (
        "tacrolimus-ointment",
        "普特皮藥膏",
        "普特皮（tacrolimus 軟膏）",
        "不含類固醇的外用抗發炎藥膏，用於異位性皮膚炎，"
        "也常由專科醫師用來治療硬斑病和硬化性苔蘚。",
        TACROLIMUS_BODY,
        TACROLIMUS_DRUG,
    ),
    (
        "morphea",
        "硬斑病",
        "硬斑病（局部硬皮症）衛教指南",
        "皮膚出現變硬、發亮的斑塊，但只侷限在皮膚：認識硬斑病的類型、"
        "為什麼要及早治療，以及有哪些治療選擇。",
        MORPHEA_BODY,
        None,
    ),
]

ZH = Language.TRADITIONAL_CHINESE


def seed(log, users) -> list[Article]:
    """Publish the Chinese translations of the English demo pages; the new ones."""
    editor, reviewer = users["editor"], users["professional"]
    written = []
    for source_slug, slug, title, summary, body, drug in TRANSLATIONS:
        source = Article.objects.filter(slug=source_slug).first()
        if source is None or Article.objects.filter(slug=slug).exists():
            continue
        draft = services.create_translation(source, actor=editor, language=ZH)
        content = dict(
            draft.latest_revision.content,
            title=title,
            slug=slug,
            summary=summary,
            body=body,
        )
        if drug is not None:
            content["drug"] = drug
        services.save_draft(draft, actor=editor, content=content, note="中文翻譯完成")
        services.submit_for_review(draft, actor=editor)
        draft.refresh_from_db()
        services.sign_off_review(
            draft,
            actor=reviewer,
            revision=draft.latest_revision,
            note="已對照英文版與參考文獻審閱。",
        )
        services.publish_article(draft, actor=editor)
        written.append(draft)
        log(f"created translation {slug} of {source_slug}")
    return written
