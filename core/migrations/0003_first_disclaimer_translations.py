"""The first disclaimer versions (sclero_site 0002) in Traditional Chinese, so a new
site reads fully in Chinese under /zh-hant/. Only the v1.0 rows that migration wrote
are translated; editors translate every later version in the admin."""

from django.db import migrations

# Disclaimer name -> (name in Chinese, text in Chinese, Markdown).
TEXTS = {
    "Site medical disclaimer": (
        "醫療免責聲明",
        "本站資訊僅供一般衛教參考，不是醫療建議，也無法取代了解你病史的醫師、"
        "護理師或藥師的診療。請不要因為在這裡讀到的內容，"
        "就自行開始、停止或更改治療，務必先和他們討論。"
        "如果身體非常不舒服，請聯絡你的醫師或撥打 119。",
    ),
    "Forum disclaimer": (
        "論壇免責聲明",
        "論壇的文章由會員分享自己的經驗，**沒有經過醫師審閱**，"
        "就算寫得很肯定，也可能不適合你。標示「醫療專業人員」的回答屬於一般衛教資訊，"
        "並不等於看診。採取任何行動之前，請先和你的醫療團隊討論。",
    ),
    "Article disclaimer": (
        "文章免責聲明",
        "我們的文章由編輯撰寫，並經醫療專業人員審閱，每一頁都會標示最近一次審閱日期"
        "和下次預定審閱日期。醫學知識會更新：如果文章內容和你的醫師告訴你的不同，"
        "請以你的醫師為準，也歡迎告訴我們，讓我們查證。",
    ),
    "Community guidelines": (
        "社群守則",
        "這個社群讓與硬皮症、硬斑病、硬化性苔蘚和紅斑性狼瘡共處的人彼此支持。"
        "為了讓這裡安全又友善：\n\n"
        "1. **友善待人。** 很多會員身體不適、疲累或害怕。可以不同意觀點，"
        "但不要針對人。禁止辱罵、嘲笑或騷擾。\n"
        "2. **分享經驗，不開處方。** 說說對你有用的方法，而不是要求別人照做。"
        "絕對不要叫別人停掉醫師開的藥。\n"
        "3. **保護自己和他人的隱私。** 不要張貼電子郵件、電話、住址或他人的個人資料。"
        "請使用不會讓人認出你的顯示名稱。\n"
        "4. **禁止販售。** 不可打廣告、募款連結或宣傳「神奇療法」。\n"
        "5. **注意資料來源。** 盡量引用可信的來源。錯誤的醫療資訊會被隱藏。\n"
        "6. **切合主題**，並發表在最適合的看板。\n"
        "7. **用檢舉，不要吵架。** 如果文章違反守則，請使用「檢舉或要求刪除」，"
        "版主會處理每一則檢舉。\n\n"
        "違反守則的會員，版主可能隱藏、編輯或移除文章，並予以警告、停權或封鎖。"
        "如果你正處於危機中，請撥打 119 或 1925 安心專線。",
    ),
}


def translate_first_versions(apps, schema_editor):
    from core.markup import render_markdown

    DisclaimerVersion = apps.get_model("core", "DisclaimerVersion")
    DisclaimerTranslation = apps.get_model("core", "DisclaimerTranslation")
    versions = DisclaimerVersion.objects.filter(
        disclaimer__name__in=TEXTS, major=1, minor=0
    ).select_related("disclaimer")
    for version in versions:
        name, body = TEXTS[version.disclaimer.name]
        DisclaimerTranslation.objects.get_or_create(
            version=version,
            language="zh-hant",
            defaults={
                "name": name,
                "body": body,
                "body_html": render_markdown(body),
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_disclaimer_translation"),
    ]

    operations = [
        migrations.RunPython(translate_first_versions, migrations.RunPython.noop),
    ]
