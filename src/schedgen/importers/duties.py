"""Which times in a prose plan are duties, which are not, and which a reviewer must read for themselves.

A time is a duty's time unless the sentence around it says otherwise: page metadata (`发布时间：`,
`2024-07-12 11:08`), the plan's own dates (印发, 施行, 发文), a date line with nothing else on it, a year
in a title or of a 年度, the plan's 五年规划 named, a report named by its period (年报, 半年报), an as-of
date, a news report or a meeting reported on a day (a deadline beside a meeting is still a duty), a
holiday period or a vague year part beside a precise due day, a vague year part with no verb of delivery,
a holiday notice's days off and 调休 working days, a report of work done (`截至…已完成`), and the period a
report or a roster covers (`前三季度、全年统计数据`). A start clause and the end clause of the same duty
(`4月中旬开始启动，4月末基本完成`) are one span. A time the grammar reads only in part (`明年底`,
`4月28日左右`) is not drafted as if it were whole: its sentence is kept for the reviewer with the reason,
and where it is (`Reading.spot`), for the review page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from schedgen import when
from schedgen.errors import WhenError
from schedgen.expression import Every
from schedgen.importers.scan import Found, readable, scan
from schedgen.importers.script import plain
from schedgen.when_words import GLOSS

_SENTENCE = re.compile(r"[^。；;！？!?\n]+[。；;！？!?]?")
_METADATA = re.compile(
    # (not a deadline's or an event's own day: 报名截止日期：5月10日, 报到日期：5月15日)
    r"((?<!截止|报名|报到|考试|活动|比赛|开学|申报|报送|提交)日期|发文机关|发文字号|索\s*引\s*号|发布时间|更新时间|发布机构"
    r"|来源|浏览|点击|字号)\s*[:：]\s*\|?\s*"
    r"(?:\d|[〇○零一二])"
    r"|\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}|(?:来源|点击|浏览)\s*[:：]"
    r"|(?:起|之日)施行|印发(?:日期|时间)"
    # a page's links to other articles: 上一篇：关于…的通知 2021-04-28, 2022-06-10 关于…的通知
    r"|^(?:上一篇|下一篇|上一条|下一条|相关链接|相关文章|相关阅读|相关新闻|推荐阅读)"
    r"|^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}\s*)?关于[^。；;，,]{2,60}的(?:通知|通报|公告|通告|意见|方案|办法|决定|函|批复)"
    r"\s*[\[(（]?(?:\d{4}[-./]\d{1,2}[-./]\d{1,2})?[\])）]?$"
)
_NEWS = re.compile(
    r"(?<![\d〇○零一二三四五六七八九十])日前[,，]|近日|本报讯|本報訊|记者|記者|以来|以來|预报|預報|据了解|據了解"
    r"|^(?:截至|截止)[^,，]{4,16}[,，]"  # 截至8月31日，全市累计完成…: a progress report
)
_DAY = re.compile(r"^[^至到—–\-~～、和]+日$")
# a signature a copy ran into the text: the issuer's name, its full date and nothing after it but the end, a
# contact in brackets or a full stop
_FULL_DAY = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_SIGNER = re.compile(r"(?:局|厅|委|办公室|政府|委员会|中心|学校|学院|大学|公司|协会|办事处|街道)\s*$")
_SIGNED_END = re.compile(r"\s*(?:[。.]?\s*$|[(（]\s*联系)")
# a year and a month with no day (二○○八年二月, 2021年9月): alone on its line, the month a notice was signed in
_SIGNED_MONTH = re.compile(
    r"^(?:(?:19|20)\d\d|[〇○零一二三四五六七八九]{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月$"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_PUNCT = re.compile(r"[,，。；;:：、!！?？]")
_NOUN = re.compile(r"^(?:报表|的)")
_BARE_YEAR = re.compile(
    r"^(?:\d{4}|[〇○零一二三四五六七八九]{4})年(?:度)?$|年度$|^[一二三四]?季度$|^每年$|(?<![:：]\d)\d$"
    r"|^十[一二三四五六七八九]五$"  # the plan's own 五年规划 named: its scope, not a due day ("十四五"时期 is one)
)
# a span of dotted days (2023.3.21—2023.3.31, 2023.3.21-3.31): a day alone so written is a page's stamp, kept out
_DOTTED_SPAN = re.compile(
    r"^\d{4}\s*[.．]\s*\d{1,2}\s*[.．]\s*\d{1,2}\s*(?:至|到|[—–~～])\s*(?:\d{4}\s*[.．]\s*)?\d{1,2}\s*[.．]\s*\d{1,2}$"
)
# the things a check or a count covers, named by a time (检查范围为2023年3月31日前取得…的项目, 凡于…前登记的)
_SCOPE = re.compile(r"(?:范围|对象)(?:为|是|包括)\s*[:：]?\s*$|凡\s*(?:于|在)?\s*$")
# a meeting or a paper cited by its day (省住建厅2月15日召开的会议精神, 3月5日印发的通知)
_CITED_EVENT = re.compile(r"^\s*(?:上午|下午)?[^,，。；;]{0,10}?(?:召开|举行|举办|印发|下发|发布)的")
_REPORT_NAME = re.compile(r"^(?:[双半]?[年月]|季)报$")
_OF_YEAR = re.compile(r"^度")  # the grammar reads 2025-2026年 and leaves the 度 of 2025-2026年度
# 截至…, 统计截止时间为…, 起止日期为…, 作为2021年一季度考核依据: a time that qualifies, not one that is due
# (报名截止4月30日, 时限截止本周三: the cut-off of a duty is its deadline)
_AS_OF = re.compile(
    r"(?:截至|(?<!时限|期限|报名|征集|申报|报送|提交|受理|时间)截止|截|统计截止(?:时间|日期)为|起止(?:日期|时间)?为|时点为|(?:开启|开放|开始)(?:时间|日期)为|作为)\s*$"
)
# 报送12月上半月、全月信息, 前三季度、全年统计数据, 4月30日至5月2日三天的值班表: the period the figures or
# the roster cover, not the day they are due
_DATA_PERIOD = re.compile(
    r"^(?:、全[年月])?(?:[一二三四五六七八九十两\d]+天)?(?:的)?(?:统计|工作)?(?:信息|数据|情况|报表|总结|值班|排班)"
)
# 4月30日至5月2日放假, 5月3日(星期二)上班, …(周一)共三天: a holiday or a 调休 working day, nothing is due
_WEEKDAY = r"(?:\s*[(（](?:星期|周).[)）])?"
_HOLIDAY_AFTER = re.compile(
    rf"^{_WEEKDAY}(?:\s*[、和及]\s*\d{{1,2}}月\d{{1,2}}日{_WEEKDAY})*\s*"
    r"(?:放假|休假|调休|补班|上班(?!\s*(?:之|以)?前)|正常上班|照常上班|休息|的课|共\s*[\d一二三四五六七八九十]+\s*天)"
)
_HOLIDAY = re.compile(r"放假|调休|休假")
# (and a deadline a holiday moves: 5月1日至5日放假，5月申报期限顺延至5月20日)
_HANDED_IN = re.compile(r"报送|上报|报至|报到|报校|报市|报县|报区|报局|提交|发送|发到|交至|完成|期限")
# a report of what was done (截至3月31日，已完成…): neither a duty nor a time to show the reviewer
_DONE = re.compile(
    r"(?:截至|截止)[^。；;]{0,20}?(?:已|累计|共)"
    # 到2020年底，全市已累计建成…, 至5月底，已发放…, 5月份，…同比增长: a sentence that opens with a time and reports
    # (not a deadline, 6月底前，将已建成的…: what is due by it)
    r"|^(?:到|至)?\s*[^,，。；;]{2,16}(?<![前内])[,，][^。；;]{0,40}?(?:已经?(?![建完]成的)|累计|同比)"
    # 今年1—3月，我局共检查在建项目45个: work counted as done
    r"|[,，]\s*[^,，。；;]{0,8}?共(?:检查|排查|发现|下发|查处|办理|受理|开展|组织|培训|整改|完成|出动|走访)"
    r"[^,，。；;]{0,12}?\d+\s*(?:个|份|起|家|人|次|处|项|条|户|件|场|批)"
)
# a start clause: 4月中旬开始启动, 3月1日起: joined with the end clause of the same duty into one span
_STARTS = re.compile(r"^\s*份?\s*(?:开始|启动|开工|动工)")
# 3月1日起，…; 4月1日起开展排查 (起 then the work's verb, not 起草, 起至, 起止)
_START_WORD = re.compile(r"^\s*(?:份)?\s*起\s*(?:[,，]|(?=[\u4e00-\u9fff])(?![草至止到讫]))")
_LIST_NUMBER = re.compile(r"^\s*(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）.、．]\s*)*(?:自|从)?\s*$")
_ENDS = re.compile(r"^\s*份?\s*(?:前)?\s*(?:基本|全面|全部|陆续)?(?:完成|结束|完工|竣工|建成|收尾|验收)")
_CONDITION = re.compile(r"^(?:以前|之前|前)?经")
_REPORTED = re.compile(r"^(?:上午|下午|晚上)?[,，]")
_MEETING = re.compile(r"召开|调研|举行|部署")
# 4月9日上午在北京市海淀区政府召开新闻发布会: a meeting in the time's own clause
_HELD = re.compile(r"(?:上午|下午|晚上)?[^,，。；;]{0,20}?(?:召开|举行|举办)")
# 将在12月最终统计中反映, 在年终考核中: the time names a count or a review something is judged in, not a due day
_IN_REVIEW = re.compile(r"^[^,，。；;]{0,6}?(?:统计|考核|考评|评比|评估|通报|总结)中")
# 9月20日是全国爱牙日, 每年9月10日为教师节, 以2020年11月1日零时为标准时点: the sentence says what the day is (a
# commemorative day, a census's moment), not what is due on it
# a deadline moved to a later day (顺延至, 推迟至, 延长至, 延期至, 延后至; 顺至, as a copy shortens 顺延至)
_MOVED = re.compile(r"(?:顺延|推迟|推延|延长|延期|延后|延迟|顺)$")
# a day the text says falls on a weekend or a weekday (2月15日为星期六, 3月15日是周日): a fact of the calendar
_WEEKDAY_FACT = re.compile(r"^\s*(?:为|是)\s*(?:星期|周|礼拜)[一二三四五六日天](?=[,，。；;]|$)")
# the month a deadline or a report belongs to (2月申报纳税期限顺延至…, 3月的申报期限): the period it closes
_PERIOD_OF = re.compile(r"^\s*(?:份)?的?[\u4e00-\u9fff]{0,8}?期限")
_NAMED_DAY = re.compile(
    r"^\s*(?:[(（][^)）]{0,8}[)）])?\s*(?:是|为|系)[^,，。；;]{0,12}?"
    r"(?:节|纪念日|宣传日|主题日|活动日|宣传周|标准时点|时点|(?<=[全世国中][国界际国])[^,，。；;]{1,8}日)(?=[,，。；;]|$)"
)
# the noun of the figures a period qualifies, a few words after it (第三季度及全年责任事项完成情况)
# (within its own brackets: 组织实施阶段（5月11日—6月30日）、总结表彰阶段 names the next phase, no figures)
# a phase the time names (为总结阶段, 为总结验收阶段, 是总结提升阶段)
_PHASE_NAMED = re.compile(r"^\s*(?:为|是)?[\u4e00-\u9fff]{0,8}阶段")
_FIGURES = re.compile(r"^[^,，。；;：:)）]{0,14}?(?:情况|数据|信息|报表|总结)")
# a time whose neighbours show it is a piece of a longer one the grammar did not read whole
_CUT_BEFORE = re.compile(r"(?:[0-9〇○零一二三四五六七八九十年月]|翌|每年的?)$|月\d{1,2}、$")
_CUT_AFTER = re.compile(
    r"^(?:\d|[:：]\d|[)）]\s*前|结束|止|[\u4e00-\u9fff]\s*前|[至到—–~～-]\s*(?:\d|[翌次]年)"
    r"|(?:春节|元旦|清明|五一|劳动节|端午|中秋|国庆|汛期)[前后]"  # 从2016年春节后: the holiday dates it, not the year
    r"|\s*(?:[(（][^)）]{1,8}[)）])?\s*(?:早晨|早上|上午|中午|下午|晚上)\s*\d)"
)
# 9月19日(星期五)前, 9月11日下班前: a deadline that day, whatever the words between
# a part of each period the grammar does not read: 每月第一周, 每季度第二个月
_PART_OF_PERIOD = re.compile(r"^的?(?:最后|第[一二三四1-4]|首|末)")
# 9月3日(周一)下班前, 12月19日下班以前, 12月20日（星期二）下班之前, 12月21日（周三）中午前: due by that day
# (and 4月10日上班前, 4月12日（含）前: by the start of its working hours, counting the day in)
_DEADLINE_TAIL = re.compile(
    r"^\s*(?:[(（](?:(?:星期|周).|含(?:当日|当天|本日)?)[)）]\s*(?:(?:上午|中午|下午)\s*)?(?:[上下]班)?"
    r"|(?:(?:上午|中午|下午)\s*)?[上下]班|(?:上午|中午|下午))\s*(?:之|以)?前(?!后)"
)
# 各乡镇6月份完成中期自查: a month (or a part of one) whose work is done in it, by its end
_DONE_TAIL = re.compile(r"^份?完成")
_PART_OF_YEAR = re.compile(r"[\d一二三四五六七八九十]月$")  # a month of the year (当月下旬 stays the span it is)
# 报送截止时间为5月31日, 最迟不晚于6月15日, 截止日期：6月10日: the words before a day that make it the last day
# of a duty (统计截止时间为…, an as-of moment, is never read as a duty at all)
_DEADLINE_LEAD = re.compile(r"(?:截止|不晚于|不迟于|最迟|最晚)(?:时间|日期)?(?:为|是|到|至|于|在)?\s*[：:]?\s*$")
# what a day may carry after it that the scanner's run stops at: a weekday in brackets and an hour
# (6月6日(本周三)下午三点前, 9月21日)下午17:00 after 本周三(): read with the day when the whole is a time
_WEEKDAY_GLOSS = r"[(（](?:本|下)?(?:星期|周)[一二三四五六日天][)）]"
_CLOCK = (
    r"(?:上午|下午|中午|晚上|晚|早上|早晨|凌晨)?\s*[\d一二三四五六七八九十]{1,3}\s*"
    r"(?:[点點时時](?:\d{1,2}分?|半|整)?|[:：]\d\d)"
)
_DAY_TAIL = re.compile(
    rf"^\s*(?:{_WEEKDAY_GLOSS}|[)）](?=\s*(?:上午|下午|中午|晚上|\d)))?\s*(?:{_CLOCK})?\s*(?:之前|以前|前)?"
)
# 截止时间为2022年8月5日24:00, 截止時間:…下午5時: the cut-off's day with its hour, the last day all the same
_DAY_AT = re.compile(rf"^[^至到—–\-~～、和]+日\s*{_CLOCK}$")
_WEEKDAY_BEFORE = re.compile(r"(?:截止到?|到|至)?(?:本|下)?(?:星期|周)[一二三四五六日天]\s*[(（]$")
_OPEN = re.compile(r"^\s*份?(?:\d{1,2}[时時:：]\d*分?)?\s*(?:起|开始|開始)")  # 3月份起: a start
_YEAR_BEFORE = re.compile(r"^\d{4}年(?:以)?前$")
_BARE_MONTH = re.compile(r"(?:\d{4}\s*年)?\s*[\d一二三四五六七八九十]{1,2}\s*月")  # 4月, 2020年6月: no day, no 底
_VAGUE = ("年内", "上半年", "下半年", "全年")
# 全年目标任务, 全年各项工作任务, 全年既定目标: the year's goals in general, which an exhortation asks to be met
_YEAR_QUOTA = re.compile(r"^\s*的?(?:各项|主要|重点|既定|预期)*\s*(?:目标|工作|任务|指标)")
_DELIVERY = re.compile(r"完成|报送|上报|建成|达到|提交|实现")
# the year before 年底 / 年内 named relative to a year the text does not give
# a census's or a survey's population by birth or by being alive at its reference moment
_BORN_AFTER = re.compile(r"^\s*(?:以前|之前|以后|之后)?\s*(?:出生|出世|尚存活|存活|死亡|期间出生)")
# (not 新生于9月1日报到, 学生于…, 考生于…, 毕业生于…, 研究生于…, 医生于…: people who do something on a day)
_BORN_BEFORE = re.compile(r"(?:出生于|(?<![学新老考师招业医究])生于|出生在|出生日期(?:为|在)?|出生时间(?:为|在)?)\s*$")
_ACTUAL = re.compile(r"实际(?:上|于|在|是|为)?\s*$")
_YEARS = re.compile(r"^\d{4}\s*年?\s*[—–\-~～至到]\s*\d{4}\s*年$")
_CYCLE_MONTH = re.compile(r"^[当本上]月")
_RELATIVE_YEAR = re.compile(r"[明今去]$")
_APPROXIMATE = re.compile(r"^\s*(?:左右|前后)")
# 收到整改通知书后3日内, 会议结束后5个工作日内: a time counted from an event the document does not date
_AFTER_EVENT = re.compile(
    r"(?:后|之日起)\s*[\d一二三四五六七八九十两]+\s*个?\s*(?:工作日|自然日|日|天|小时|周|月)\s*(?:内|以内|之内)"
)
_EVENT_WORDS = re.compile(r"[^,，。；;：:、\s]{0,12}$")
"""The event a duty due some days after it is counted from (收到整改通知书后3日内): up to 12 characters of its clause,
found back from its `后` (a pattern that began with them was tried at every character of every sentence: 6 % of a
10 MB text's drafting)."""


def _after_event(sentence: str) -> tuple[int, int] | None:
    """Where a duty due some days after an undated event is said, the event's words and all, or None."""
    found = _AFTER_EVENT.search(sentence)
    if found is None:
        return None
    before = _EVENT_WORDS.search(sentence, max(found.start() - 12, 0), found.start())
    return (before.start() if before else found.start()), found.end()


_DUTY_WORDS = re.compile(
    r"报送|上报|报到|完成|提交|开展|巡查|巡河|巡逻|检查|验收|启动|实施|禁止|申报|填报|反馈|部署|做好|交"
)
# a deadline set by an event rather than a day: 在秋季开学前完成, 于汛期前, 开学前，各校要…; the language gives it
# no date (an event's day differs by place and year), so the sentence is kept for the reviewer with it quoted
_EVENT_BEFORE = re.compile(
    r"(?:赶在|力争在|务必在|必须在|须在|要在|应在|在|于)\s*(?P<a>[\u4e00-\u9fff“”]{2,10}?)(?P<before>之前|以前|前)"
    r"(?=[，,]|\s*[\u4e00-\u9fff])|^(?P<b>[\u4e00-\u9fff]{2,6})(?P<lead>之前|以前|前)(?=[，,])"
)
_NOT_EVENT = re.compile(r"^(?:此|目|日|当|以|之|提|事|会|空|眼|面|跟|门|从|生|战|此之|规定时间|规定期限|期限)$")
_DUE_DAY = re.compile(r"[日号]\s*(?:之|以)?前$")
_SCOPE_PERIOD = re.compile(
    r"^(?:第?[一二三四1-4]季度|[上下]半年|\d{1,2}月份?|[一二三四五六七八九十]{1,2}月份?|全年|年度)$"
)
_CLAUSE_END = re.compile(r"前\s*[,，]\s*")
_RANGE = re.compile(r"[至到—–~～]")
_BARE_YEAR_ONLY = re.compile(r"\d{4}年")
# the end of a start's span written as a cut-off: 7月1日起开始接种第二剂次，截至8月31日
_UNTIL = re.compile(r"[,，]\s*(?:截至|截止到?)\s*$")
# a school's break or a holiday named as the time it is: 寒假时间为1月19日至2月16日, 暑假：7月10日至8月31日
_BREAK = re.compile(r"(?:寒假|暑假|假期|放假)(?:时间)?\s*(?:为|是|[:：])?\s*(?:从|自)?\s*$")
# (and a deadline a sentence says must be met: 各乡镇要于6月20日前, 须于, 务必在, 请于)
_MODAL = re.compile(r"(?:要|须|需|必须|务必|应|应当|请)(?:于|在)?\s*$")
# (and a span a reported notice decided: …下发通知，决定从6月10日至7月10日，在全省开展…专项行动)
_REQUIRED = re.compile(rf"(?:要求|部署|安排|做好|确保|抓好|落实|决定)[^，,。；;]{{0,4}}$|{_MODAL.pattern}")
_TIME_WORDS = re.compile(
    r"尽快|左右|期间|期[内內]|每[日天周]|明年|今年|去年|\d+\s*[月日号时]|[月年]底|季度"
    r"|前[一二两三四五六七八九十\d]{1,2}(?:天|日|周|个月)"  # 开学返校前一周: counted from an event not dated here
)
# (请各乡镇人民政府于…, 由市财政局…: the unit, without the word that asks it)
_SUBJECT = re.compile(
    r"^(?:请|由|要求|责成)?([\u4e00-\u9fff、，,()（）]{2,40}?(?:部门|单位|县区|政府|镇|街道|乡镇|局|委|办|站|中心|企业|市州|学校))"
    r"(?:要|将|对|按|于|须|应|分别|在|请|务|每)"
)
_NAMED = re.compile(r"[（(]?(?:责任单位|责任部门|牵头单位)[:：]\s*([^）)。；;]{2,80})")
# the years in brackets after a plan's name (…三年行动方案(2022—2024年), 乡村振兴规划（2018-2022年）): the span the
# plan covers, whether it is this document's or one it cites without its 《》, never a due time of its own
_PLAN_NAME = re.compile(r"(?:方案|规划|计划|纲要|意见|要点|行动)\s*[(（]\s*$")
_CLOSED = re.compile(r"^\s*[)）]")
# a plan the text follows, named without 《》 (按照全市2019—2021年统计能力提升三年行动计划要求)
_CITED_BEFORE = re.compile(r"(?:按照|根据|依据|落实|贯彻|对照|结合)[\u4e00-\u9fff]{0,10}$")
_CITED_AFTER = re.compile(r"^[^,，。；;]{0,24}?(?:规划|计划|方案|纲要|意见|要点)")
# a span that says which things are meant: 期间新增的企业, 期间出生的, 期间发生的
_QUALIFIES = re.compile(r"^\s*(?:期间|以来)\s*[^,，。；;\s]{0,8}?的")
_QUALIFIED = re.compile(r"^\s*[^,，。；;\s]{0,8}?的")
# what a year means, glossed by its days: 保险年度为自然年度(1月1日至12月31日), 会计年度（1月1日至12月31日）
_YEAR_GLOSSED = re.compile(r"(?:年度|自然年)\s*[(（]\s*$")
# bodies meant by when they were founded: 2014年6月30日之前成立的基层工会, 以前经民政部批准登记的社会团体
_FOUNDED = re.compile(r"^\s*(?:之前|以前|前)?\s*(?:经[^,，。；;]{0,12}?)?(?:成立|登记|注册|设立)[^,，。；;]{0,6}?的")
# a multi-year plan's goal for a year: the year alone opening the sentence, the work after a comma (2022年，全市新建…)
# (or the phase named as one: 2012年,活动巩固阶段, its work on the lines below)
_PHASE_WORK = re.compile(r"完成|建成|新建|新增|实现|达到|开展|推进|推动|启动|建设|改造|提升|力争|确保|基本形成|阶段")
# a place's goal for a year, its name before the year with no comma between (武汉市2017年…下降15%以上)
_PLACE = re.compile(r"^[\u4e00-\u9fff]{1,10}?(?:省|市|县|区|州|旗|盟|镇|乡)$")
_TARGET = re.compile(r"(?:下降|降低|提高|增长|达到|控制在|不超过|优于)\s*[\d.]+\s*%|达到[^,，。；;]{0,12}标准")
# a goal opening its sentence (到2025年，…, 力争到2030年，…): its 累计 is the goal's total, not a report of work done
_GOAL = re.compile(r"^\s*(?:力争|确保)?到\s*(?:19|20)\d\d\s*年\s*[,，]")
# a projection of figures (据测算，到2020年…将达到, 据预测, 有可能突破): what is foreseen, not what is to be done
_FORECAST = re.compile(
    r"据(?:测算|预测|估算|推算|预计)|有可能(?:达到|突破|超过|增加|增长|下降)|预计将(?:达到|突破|超过)"
)
_LEAD = re.compile(r"[（(]([^（）()]{2,60}?)牵头(?:[，,、]([^（）()]{2,60}?)配合)?[）)]")


# `read_sentence` reads no sentence longer than this: a longer one is a copy that lost its full stops
_LONGEST = 400
_CLAUSE = re.compile(r"[^,，:：]+[,，:：]?")
# a clause naming a day or a part of a month (于9月15日前, 7月底前, 下旬): where a duty's words end
_CLAUSE_TIME = re.compile(r"[\d〇零一二三四五六七八九十]\s*[月日号]|[月年]底|[上中下]旬")


def sentences(text: str) -> list[str]:
    """The sentences of a text, stripped, in order; a run of clauses over `_LONGEST` characters (a web copy that
    lost its full stops) is cut into pieces that each end with a clause naming a day (or at about half the length),
    so that its deadlines are read with their duties' words."""
    found = [s.strip() for s in _SENTENCE.findall(text)]
    return [piece for s in found for piece in (_clause_runs(s) if len(s) > _LONGEST else [s]) if len(piece) >= 6]


def _clause_runs(sentence: str) -> list[str]:
    """A run-on sentence cut after each clause that names a day or a month's part, and before a piece grows past
    half of `_LONGEST`; the pieces, stripped, keep every character of it in order."""
    pieces: list[str] = []
    current = ""
    for clause in _CLAUSE.findall(sentence):
        if current and len(current) + len(clause) > _LONGEST // 2:
            pieces.append(current)
            current = ""
        current += clause
        if _CLAUSE_TIME.search(clause):
            pieces.append(current)
            current = ""
    return [piece.strip() for piece in [*pieces, current] if piece.strip()]


@dataclass(frozen=True)
class Reading:
    """What a sentence holds: the times that date a duty, and why a time could not be read (or None)."""

    times: tuple[Found, ...]
    unread: str | None
    spot: tuple[int, int] | None = None
    """Where in the sentence the time that could not be read is (for the review page), when it is known."""


# a deadline whose 年, 月 and 日 a copy lost (截止至201732524时: 2017年3月25日24时): a year and its digits run on
_LOST_DATE = re.compile(r"(?:截止|截至|于|在)\s*(?:至|到)?\s*((?:19|20)\d{5,8})(?![\d年.\-/])\s*(?:时|点|日|号|前)")


# an end whose 月 a copy lost (即日起至63日结束 for 6月3日): a day number no month has
_LOST_MONTH = re.compile(r"(?:至|到|—|－|-|~|～)\s*(\d{2,4})\s*[日号]")
# a day written without its 日 before a part of the day (5月30晚主题论坛): the day
_DAY_WITHOUT_RI = re.compile(r"\d{1,2}\s*月\s*\d{1,2}")
_PART_OF_DAY = re.compile(r"\s*(?:晚上|晚|上午|下午|中午|早上|早晨)")
# a day alone (6月8日, 5月30 before 晚), and later in its sentence a clock time to be there by (于18:30前)
_BARE_DAY = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*[日号]?")
_CLOCK_DUE = re.compile(r"[^。；;\d]{0,40}?(?:于|在)\s*(\d{1,2}[:：]\d{2})\s*(?:之|以)?前")


def read_sentence(sentence: str) -> Reading:
    """The duty times of a sentence, and the reason to show it to a reviewer when its time is unread."""
    written = sentence
    sentence = plain(written)  # the rules read a traditional-script copy as its simplified text, offset for offset
    if len(sentence) > _LONGEST or _METADATA.search(sentence):
        return Reading((), None)
    found_times = _started_cycles([piece for found in scan(written) for piece in _clauses(found)], sentence)
    found_times = _listed_months(found_times, sentence)
    # 1月24日，资兴市召开调度会: a meeting reported on a day; 3月底前，召开…会议 is a duty still to be done, and so
    # is the work a report says was deployed or required for a time ahead (部署春节期间…, 要求从9月10日至10月15日…)
    reported = any(
        _REPORTED.match(sentence[found.end :]) and _MEETING.search(sentence, found.end) and not _ahead(found.text)
        for found in found_times
    )
    # a report of work done and a holiday notice's days off and 调休 working days: nothing is due on them, and
    # nothing for the reviewer to read either
    was_done = bool(_DONE.search(sentence)) and not _goal_ahead(sentence)
    idle = was_done or bool(_HOLIDAY.search(sentence) and not _HANDED_IN.search(sentence))
    idle = idle or bool(_FORECAST.search(sentence))
    news = reported or bool(_NEWS.search(sentence)) or idle
    times: list[Found] = []
    unread: str | None = None
    spot: tuple[int, int] | None = None
    starts: list[Found] = []
    untils: list[Found] = []
    for found in found_times:
        found = _whole_day(_next_year(found, written), written)
        if _DAY_WITHOUT_RI.fullmatch(found.text) and _PART_OF_DAY.match(sentence, found.end):
            found = Found(found.start, found.end, f"{found.text}日")  # 5月30晚: the day, its 日 left out
        before, after = sentence[: found.start], sentence[found.end :]
        if found.text.startswith("明") and news and unread is None:
            # a report that names next year: nothing to draft, but a reader sees the year is relative
            unread, spot = f"时间读不懂（“{found.text}”的年份是相对的，请写明年份）", (found.start, found.end)
            continue
        if _date_line(found, before, after) and not _step_date(before, after):
            continue
        if (_STARTS.match(after) or _opens_with_start(before, after)) and not news and readable(found.text):
            starts.append(found)  # joined below with the end clause of its duty, or left unread
        simple = Found(found.start, found.end, plain(found.text))  # 當月, 年內: the rules' words
        why = _why_unread(found, before, after)
        if why is not None and starts and _closes_span(found, before, after):
            why = None  # 8月份开始，9月底结束: the end clause of the start before it, joined below
        if starts and why is None and _UNTIL.search(before) and readable(found.text):
            untils.append(found)  # 7月1日起开始接种，截至8月31日: the end of the start's span, joined below or dropped
            continue
        if why is not None:
            if unread is None:
                unread, spot = f"时间读不懂（{why}）", (found.start, found.end)
        elif (not news or (_required(simple, before) and (not idle or _due_after_done(found, sentence)))) and (
            _dates_a_duty(simple, sentence, before, after)
        ):
            tail = _DEADLINE_TAIL.match(after)
            if tail and not found.text.endswith("前") and readable(found.text + "前"):
                found = Found(found.start, found.end + tail.end(), found.text + "前")
            elif (
                not starts  # 3月份启动，5月份完成: the end clause of the start's span, joined below
                and _PART_OF_YEAR.search(found.text)
                and (done := _DONE_TAIL.match(after))
                and readable(found.text + done[0])
            ):
                found = Found(found.start, found.end + done.end(), found.text + done[0])  # 6月份完成: by its end
            elif (
                _DEADLINE_LEAD.search(GLOSS.sub("", before[-40:]))  # 截止時(shí)間為: a copy's pinyin read past
                and (_DAY.match(found.text) or _DAY_AT.match(found.text))
                and readable(found.text + "前")
            ):
                found = Found(found.start, found.end, found.text + "前")
            times.append(found)
    joined = _joined(starts, [*times, *untils], sentence, untils)
    if joined is not None:
        # the start clause is a piece of the span, no duty of its own (计划于2022年8月开工，2023年6月竣工)
        times = [joined if found.end == joined.end else found for found in times if found.start != joined.start]
        if joined not in times:  # its end written after 截至, kept apart from the times of duties
            times = sorted([*times, joined], key=lambda found: found.start)
        unread, spot = None, None
    if len(times) > 1:
        # 年底…完成全年任务, 国庆期间值班表请于9月29日前报: the precise time is the duty's, the other its scope
        # and a window of years (开展2022—2024年污染源普查) beside a due day is the scope of the work, or another
        # plan's window cited without its 《》
        times = [
            found
            for found in times
            if found.text not in _VAGUE and not found.text.endswith("期间") and not _YEARS.match(found.text)
        ] or times
    times = _glossed_cycles(_phase_ends(_reported_periods(times)), sentence)
    choice = _choice_of_periods(times, sentence)
    if choice is not None:
        # 每月或者每季度期满后15日内: one duty whose period the payer chooses, never two recurrences
        times = [found for found in times if found not in choice]
        if unread is None:
            said = written[choice[0].start : choice[1].end]
            unread, spot = f"时间读不懂（“{said}”是两种周期选其一，请写明按哪一种）", (choice[0].start, choice[1].end)
    if unread is None and "尽快" in sentence:
        at = sentence.index("尽快")
        unread, spot = f"时间读不懂（“{written[at : at + 2]}”没有日期）", (at, at + 2)
    lost = _LOST_DATE.search(sentence)
    if unread is None and not times and lost and not news:
        said = written[lost.start(1) : lost.end(1)]
        unread, spot = f"时间读不懂（“{said}”是一串数字，年、月、日丢了，请写明日期）", lost.span(1)
    lost_month = _LOST_MONTH.search(sentence)
    if unread is None and not times and lost_month and int(lost_month[1]) > 31 and not news:
        said = written[lost_month.start(1) : lost_month.end()]
        unread, spot = (
            f"时间读不懂（“{said}”不是一个月里的日子，月份丢了，请写明日期）",
            (lost_month.start(1), lost_month.end()),
        )
    if unread is None and _DUTY_WORDS.search(sentence) and not news:
        event = _event_deadline(sentence, found_times)
        if event is not None:
            said = written[event[1][0] : event[1][0] + len(event[0])]  # as the document writes them
            unread, spot = f"时间读不懂（“{said}”没有日期，请写明日期）", event[1]
    relative = _after_event(sentence)
    if unread is None and not times and relative and not news and not idle:
        said = written[relative[0] : relative[1]]
        unread, spot = f"时间读不懂（“{said}”是从一件没有写明日期的事算起的）", relative
    # (the day a reported meeting was held on was read: a time word inside it is none left unread)
    held = [found for found in found_times if reported and _REPORTED.match(sentence[found.end :])]
    words = next(
        (m for m in _TIME_WORDS.finditer(sentence) if not any(f.start <= m.start() < f.end for f in held)), None
    )
    if unread is None and not times and words and _DUTY_WORDS.search(sentence) and not idle:
        unread, spot = f"时间读不懂（“{written[words.start() : words.end()]}”附近没有能读出日期的时间）", words.span()
    return Reading(tuple(_clock_deadlines(times, sentence)), unread, spot)


# a gloss opening right after a cycle (每季度末(分别在6月、9月和12月底), 每半年末（即6月底和12月底）) and closing
# right after the time it gives
_GLOSS_OPEN = re.compile(r"\s*[(（]\s*(?:即|也就是|分别(?:在|于|为|是)?|具体为)?\s*")
_GLOSS_CLOSE = re.compile(r"\s*(?:前|之前|以前)?\s*[)）]")
# two cycles of which a duty takes one (每月或者每季度期满后15日内, 每月或每季度)
_EITHER = re.compile(r"\s*(?:或者|或是|或)\s*")


def _glossed_cycles(times: list[Found], sentence: str) -> list[Found]:
    """The times of a sentence without a cycle whose bracket right after it names the days it means
    (`每季度末(分别在6月、9月和12月底)`): one duty, due on the bracket's days (a notice of April has no March left)."""
    dropped = set()
    for cycle, gloss in pairwise(times):
        if not cycle.text.startswith("每"):
            continue
        opened = _GLOSS_OPEN.match(sentence, cycle.end)
        if opened and opened.end() == gloss.start and _GLOSS_CLOSE.match(sentence, gloss.end):
            dropped.add(cycle)
    return [found for found in times if found not in dropped]


def _choice_of_periods(times: list[Found], sentence: str) -> tuple[Found, Found] | None:
    """Two cycles joined by 或 (`每月或者每季度期满后15日内`): a duty whose period each payer chooses, which no one
    recurrence dates; None where the sentence has no such pair."""
    for first, second in pairwise(times):
        joined = _EITHER.fullmatch(sentence, first.end, second.start)
        if joined and first.text.startswith("每") and second.text.startswith("每"):
            return first, second
    return None


# a cycle a sentence names for its duty after a start (从3月底起,…以半月为周期报送…于当月13日前): each month's day
_CYCLE_WORD = re.compile(r"每个?月|按月|逐月|月度|以半?个?月为周期|每半个?月|半月(?:一|报|为周期)")
_START_CLAUSE = re.compile(r"^\s*份?\s*(?:起|开始)")
_EACH_MONTHS_DAY = re.compile(r"^(?:当月|本月|每月)(?=[\d一二三四五六七八九十]{1,3}[日号]|底|末)")


def _started_cycles(times: list[Found], sentence: str) -> list[Found]:
    """`从3月底起,重点项目以半月为周期报送进度,上半月…于当月13日前报送`: a start (`X起`) and, after it in a sentence
    that names a monthly cycle, the day of each month (`当月13日前`, `每月5日前`): each one recurrence from that
    start, written `从3月底起，每月13日前`; the start is a piece of them, no time of its own. The times as they
    were when the sentence names no cycle or the recurrence does not read."""
    for n, start in enumerate(times):
        if not _START_CLAUSE.match(sentence[start.end :]) or re.search(r"[至到]", start.text):
            continue
        cycle = _CYCLE_WORD.search(sentence, start.end)
        days = [found for found in times[n + 1 :] if _EACH_MONTHS_DAY.match(found.text)]
        if cycle is None or not days:
            continue
        opened = start.text if start.text.startswith(("从", "自")) else f"从{start.text}"
        joined = [
            Found(found.start, found.end, f"{opened}起，每月{found.text[2:]}") if found in days else found
            for found in times
            if found is not start
        ]
        if all(readable(found.text) for found in joined if found not in times):
            return joined
    return times


_LISTED_MONTHS = re.compile(r"(?:\d{1,2}月[、和及,，]\s*)+\d{1,2}月")
_THAT_MONTHS_DAY = re.compile(r"^(?:当月|本月)(\d{1,2})[日号](前)?$")
_SENTENCE_STOP = re.compile(r"[。；;]")


def _listed_months(times: list[Found], sentence: str) -> list[Found]:
    """`3月、6月、9月、12月的报表分别于当月25日前报送`: months listed and, later in their clause, the day of each
    month (`当月25日前`): one date in each month named, written `3月25日、6月25日、…前`; the day is a piece of it,
    no time of its own. The times as they were when nothing follows the list or the dates do not read."""
    if "当月" not in sentence and "本月" not in sentence:
        return times
    for n, months in enumerate(times[:-1]):
        day = times[n + 1]
        each = _THAT_MONTHS_DAY.match(plain(day.text))
        if (
            not _LISTED_MONTHS.fullmatch(months.text)
            or each is None
            or _SENTENCE_STOP.search(sentence, months.end, day.start)
        ):
            continue
        listed = "、".join(f"{m}月{each[1]}日" for m in re.findall(r"(\d{1,2})月", months.text)) + (each[2] or "")
        if readable(listed):
            return [*times[:n], Found(months.start, months.end, listed), *times[n + 2 :]]
    return times


def _clock_deadlines(times: list[Found], sentence: str) -> list[Found]:
    """`6月8日晚闭幕式…，各班要于18:30前到场`: a day the sentence gives and, later in it, a clock time to be
    there by, with no other time between: a deadline on that day at that time."""
    joined: list[Found] = []
    for found in times:
        clock = _CLOCK_DUE.match(sentence, found.end)
        day = found.text if found.text.endswith(("日", "号")) else f"{found.text}日"
        if clock and _BARE_DAY.fullmatch(found.text) and readable(f"{day}{clock[1]}前"):
            found = Found(found.start, clock.end(), f"{day}{clock[1]}前")
        joined.append(found)
    return joined


def _next_year(found: Found, sentence: str) -> Found:
    """`明年1月10日前`, `明年底前`: a time of the year after the document's, which the drafter places by the
    document's date (the grammar reads 明年 only when a year is written)."""
    before = sentence[: found.start]
    if before.endswith("明年") and re.match(r"[\d一二三四五六七八九十]|[上下]半年", found.text):
        return Found(found.start - 2, found.end, "明年" + found.text)
    if before.endswith("明") and re.match(r"年[底末内]", found.text):
        return Found(found.start - 1, found.end, "明" + found.text)
    return found


def _event_deadline(sentence: str, found_times: list[Found]) -> tuple[str, tuple[int, int]] | None:
    """A deadline an event sets (`在秋季开学前完成`, `汛期前，…`): its words and where they are, or None when
    every 前 of the sentence follows a time that was read."""
    for m in _EVENT_BEFORE.finditer(sentence):
        group = "a" if m["a"] else "b"
        event = m[group].strip("“”")
        if _NOT_EVENT.match(event) or any(f.start < m.end() and m.start(group) < f.end for f in found_times):
            continue
        return event + (m["before"] or m["lead"]), (m.start(group), m.end())
    return None


def _whole_day(found: Found, sentence: str) -> Found:
    """A day with its weekday and hour (`6月6日(本周三)下午三点前`, `截止本周三(9月21日)下午17:00`) as one time,
    where the grammar reads the whole."""
    before = _WEEKDAY_BEFORE.search(sentence[: found.start])
    start = before.start() if before and sentence[found.end : found.end + 1] in (")", "）") else found.start
    tail = _DAY_TAIL.match(sentence[found.end :])
    end = found.end + (tail.end() if tail else 0)
    while end > found.end and sentence[end - 1].isspace():
        end -= 1
    if (start, end) == (found.start, found.end):
        return found
    text = sentence[start:end]
    if readable(text):
        return Found(start, end, text)
    return found


def _clauses(found: Found) -> list[Found]:
    """A time the grammar read as a list over a comma after a deadline (`7月20日前,下半年` of `…上报时间为7月20日前,
    下半年报表上报时间为…`): 前 closes its clause, so each side is a time of its own when each reads alone."""
    if "前" not in found.text:
        return [found]
    cut = _CLAUSE_END.search(found.text)
    if cut is None:
        return [found]
    head, tail = found.text[: cut.start() + 1], found.text[cut.end() :]
    if not (readable(head) and readable(tail)):
        return [found]
    rest = Found(found.start + cut.end(), found.end, tail)
    return [Found(found.start, found.start + len(head), head), *_clauses(rest)]


def _reported_periods(times: list[Found]) -> list[Found]:
    """`请于6月28日前报送第二季度安全生产工作情况`: a quarter, a half-year or a month named after a due day is the
    period the report covers, not a second duty."""
    due = [found.end for found in times if _DUE_DAY.search(found.text)]
    return [
        found for found in times if not (_SCOPE_PERIOD.search(found.text) and any(end <= found.start for end in due))
    ]


def _phase_ends(times: list[Found]) -> list[Found]:
    """`第二阶段(11月15日—11月30日),各二级学院在11月30日前完成自查`: a phase's window and a deadline on its last day
    in one sentence are one duty, due by that day; the window is the phase the deadline closes."""
    if len(times) < 2 or not any(found.text.endswith("前") for found in times):
        return times
    from schedgen.resolve import dated

    def reading(text: str) -> tuple[str, object]:
        try:
            timing = dated(text, 2000)
        except Exception:
            return "", None
        return timing.kind, getattr(timing, "end", None)

    readings = [reading(found.text) for found in times]
    deadlines = {end for kind, end in readings if kind == "deadline" and end is not None}
    kept = [
        found for found, (kind, end) in zip(times, readings, strict=True) if not (kind == "span" and end in deadlines)
    ]
    return kept or times


def _required(found: Found, before: str) -> bool:
    """Whether a time in a news report is the time of work it says was required or deployed: the object of
    要求 / 部署 / 做好 …, and a period or a deadline ahead (春节期间, 从9月10日至10月15日), not a day reported."""
    ahead = _ahead(found.text) or found.text.endswith(("期间", "假期")) or bool(_RANGE.search(found.text))
    return ahead and bool(_REQUIRED.search(before))


def _held(found: Found, sentence: str) -> bool:
    """`国家卫生健康委员会4月9日上午在北京召开新闻发布会,…介绍了…`: a meeting its clause says was held on a day,
    told in the past (了), is news; a plan's `3月15日召开动员大会` is a meeting still to hold."""
    return bool(_HELD.match(sentence, found.end)) and "了" in sentence[found.end :] and not _ahead(found.text)


def _covered_period(found: Found, before: str, after: str) -> bool:
    """`将第一、第二、第三季度及全年责任事项完成情况…报送`, `1-4月建设项目资金使用情况`: a period the figures of a
    report cover, a few words before the figures' noun, is not the day they are due (a deadline is)."""
    covered = _FIGURES.match(after)
    if covered is None or _HANDED_IN.search(covered.group().replace("完成情况", "情况")):
        return False
    if _PHASE_NAMED.match(after):
        return False  # 7月1日—7月15日为总结阶段: the summary phase's own span, not the period a 总结 covers
    # a deadline, a due time (于5月份), a recurring duty (一月一上报, 每月月底): a time that is due
    return not (re.search(r"[前内]$", found.text) or re.search(r"[于在到至]$", before) or _recurs(found.text))


def _recurs(text: str) -> bool:
    """Whether a time is a recurring duty (一月一上报, 每季度): the grammar reads it as one."""
    try:
        return isinstance(when.parse(text), Every)
    except WhenError:
        return False


def _ahead(text: str) -> bool:
    """Whether a time is a deadline or a part of a month or year still ahead (6月底前, 3月底, 下旬), not a
    day on which something was reported."""
    return bool(re.search(r"前$|[底末]$|旬|内$|半年$|季度$", text))


def _joined(starts: list[Found], times: list[Found], sentence: str, untils: list[Found]) -> Found | None:
    """`预计4月中旬开始启动，4月末基本完成`: a start clause and the end clause after it, one span (`untils`: ends
    written after 截至, which close the start's span whatever follows them)."""

    def sentence_of(found: Found) -> str:
        return sentence[found.end :]

    for start in starts:
        for end in times:
            opened = end.text.startswith(("至", "到")) or end in untils  # 自4月1日起，至4月30日: the end says so
            if end.start <= start.end or not (opened or _ENDS.match(sentence_of(end))):
                continue
            text = f"{start.text}{'' if end.text.startswith(('至', '到')) else '至'}{end.text}"
            if readable(text):
                try:
                    from schedgen.resolve import dated

                    dated(text, 2000)
                except Exception:
                    continue
                return Found(start.start, end.end, text)
    return None


def _closes_span(found: Found, before: str, after: str) -> bool:
    """Whether a time the grammar read whole is followed by the end of work (`9月底结束`, `7月中旬结束`) or opens with
    至 (`，至4月30日结束`): with a start clause before it in the sentence, the end clause of that start's span rather
    than a span's end cut short."""
    if _CUT_BEFORE.search(before):
        return False
    # 自4月1日起，至4月30日结束: the end opened by 至 after the start's comma
    return found.text.startswith(("至", "到")) or (bool(_ENDS.match(after)) and not found.text.startswith("至"))


def _opens_with_start(before: str, after: str) -> bool:
    """`2021年7月起,继续做好…,2021年12月底前完成接种`: a sentence that opens with its start (`起`, a list number
    at most before it) and closes with its end is one duty's span; a start inside a sentence (`重点旗县从3月20日起`)
    may be another subject's, and is left unread."""
    return bool(_START_WORD.match(after)) and not _CJK.search(_LIST_NUMBER.sub("", before))


def _step_date(before: str, after: str) -> bool:
    """`(1)梁校长在班主任会议上动员发动(2月27日)`: a day in brackets closing a line of words is the date of the step
    the line names, not a date line (a signature, a heading)."""
    opened = re.search(r"[\u4e00-\u9fff]{4}\s*[(（]\s*$", before)
    return bool(opened) and bool(re.fullmatch(r"\s*[)）]\s*[。.]?\s*", after))


# an event notice's 时间：line (活动时间：, 比赛时间：), not a page's stamp (发布时间：, 更新时间：)
_TIME_LABEL = re.compile(
    r"^\s*(?:[一二三四五六七八九十\d]{1,2}[、.．]\s*)?(?:活动|比赛|会议|考试|举办)?时间\s*[:：]\s*$"
)


def _date_line(found: Found, before: str, after: str) -> bool:
    """Whether a day stands alone on its line, or after its issuer's name at the end of a copy that ran the
    signature into the text: a signature or a heading, not a duty."""
    if _TIME_LABEL.match(before) and not after.strip():
        return False  # 时间：2023年9月16日 over 地点：…: an event's day, not a signature
    if _FULL_DAY.fullmatch(found.text) and _SIGNER.search(before) and _SIGNED_END.match(after):
        return True  # …申报指南广州市文化广电旅游局2022年7月19日(联系人:…
    rest = before + after
    if _SIGNED_MONTH.match(found.text) and not _CJK.search(rest):
        return True  # 二○○八年二月 alone on its line: a signature that gives no day, no work
    return bool(_DAY.match(found.text)) and (len(_CJK.findall(rest)) < 4 or not _PUNCT.search(rest))


def _dates_a_duty(found: Found, sentence: str, before: str, after: str) -> bool:
    """Whether a time the grammar read whole is the time of a duty (not a title's year, an as-of date…)."""
    if found.text in _VAGUE and (not _DELIVERY.search(sentence) or _NOUN.match(after)):
        return False
    if found.text.endswith("全年") and (not before.endswith("完成") or _YEAR_QUOTA.match(after)):
        # 全年规划, 全年任务, 确保2023年全年粮食种植面积…, 确保完成全年目标任务: the year's quota, not a span of work
        # (完成全年蔬菜生产任务 names the work whose year it is)
        return False
    if (
        _covered_period(found, before, after)
        or _held(found, sentence)
        or (_IN_REVIEW.match(after) and before.endswith("在"))
        or _NAMED_DAY.match(after)
        or _WEEKDAY_FACT.match(after)
        or (_BARE_MONTH.fullmatch(found.text) and _PERIOD_OF.match(after))
    ):
        return False
    if _REPORT_NAME.match(found.text):
        return False  # 年报统计工作, 实行半年报: which report, its due day written elsewhere or nowhere
    if _phase_year(found, before, after) or _place_year(found, before, after):
        return True  # 2023年，完成提质改造300公里: a multi-year plan's goal for that year (see prose.extract)
    bare = _BARE_YEAR.search(found.text) and not _DOTTED_SPAN.match(found.text)  # (2023.3.21—2023.3.31: days)
    if bare or before.count("《") > before.count("》") or _OF_YEAR.match(after):
        return False  # a year in a title or an argument (2024年全国…会议, 2025-2026年度), not a due day
    if _HOLIDAY_AFTER.match(after) or _plan_window(found, before, after) or _cited_window(found, before, after):
        return False
    if _BREAK.search(before):
        return False  # 寒假时间为1月19日至2月16日: the days off, nothing is due on them
    if _YEAR_GLOSSED.search(before) and after.lstrip().startswith((")", "）")):
        return False  # 自然年度(1月1日至12月31日): what the year means, no span of work
    if (
        _QUALIFIES.match(after)
        or (found.text.endswith(("期间", "以来")) and _QUALIFIED.match(after))
        or (found.text.endswith("前") and _FOUNDED.match(after))
    ):
        return False  # 2018年7月1日至2019年6月30日期间新增的企业: which things are meant, not when work is due
    if _SCOPE.search(before) or _CITED_EVENT.match(after):
        # 检查范围为2023年3月31日前取得施工许可的在建项目: which things are meant; 2月15日召开的…会议: an event cited
        return False
    if _ACTUAL.search(before):
        return False  # 原计划于6月底完成，实际于8月15日完工: the planned time is the duty's, the actual one a fact
    if _BORN_AFTER.match(after) or _BORN_BEFORE.search(before):
        return False  # 2020年10月31日24时前出生、11月1日零时尚存活的人口: who is counted, not a due day
    if _CYCLE_MONTH.match(found.text) and "每月" in sentence:
        return False  # 每月28日前上报当月事故数据…必须在当月补报: each cycle's month, not the document's
    return not (_AS_OF.search(before) or _CONDITION.match(after) or _DATA_PERIOD.match(after))


def _phase_year(found: Found, before: str, after: str) -> bool:
    """Whether a year alone opens its sentence (a list number at most before it) and work follows its comma:
    `2022年，全市新建5G基站…`, a multi-year plan's goal for that year."""
    clause = re.split(r"[。；;]", after, maxsplit=1)[0]
    return (
        bool(_BARE_YEAR_ONLY.fullmatch(found.text))
        and bool(_LIST_NUMBER.fullmatch(before))
        and bool(re.match(r"\s*[,，]", after))
        and bool(_PHASE_WORK.search(clause))
    )


def _place_year(found: Found, before: str, after: str) -> bool:
    """Whether a year alone follows the place that opens its sentence and a target for the place follows it:
    `武汉市2017年细颗粒物年均浓度较2013年下降15%以上`, a multi-year plan's goal for that place and year."""
    clause = re.split(r"[,，。；;]", after, maxsplit=1)[0]
    return (
        bool(_BARE_YEAR_ONLY.fullmatch(found.text))
        and bool(_PLACE.match(before.strip()))
        and bool(re.match(r"[\u4e00-\u9fff]", after))
        and bool(_TARGET.search(clause))
    )


def _due_after_done(found: Found, sentence: str) -> bool:
    """`截至目前，已排查隐患120处，剩余隐患要在6月20日前整改完毕`: a time that a clause after the report of work done
    says must be met (要在, 须于 right before it, no 已 in its own clause) is still due."""
    done = [m.end() for m in _DONE.finditer(sentence)]
    clause = re.split(r"[,，;；]", sentence[: found.start])[-1]
    return bool(done) and max(done) <= found.start and "已" not in clause and bool(_MODAL.search(clause))


def _goal_ahead(sentence: str) -> bool:
    """Whether a sentence opens with a goal's year (`到2025年，全市累计建成…`) and reports nothing done (no 已, no
    同比): its 累计 is the goal's total."""
    return bool(_GOAL.match(sentence)) and not re.search(r"已|同比", sentence)


def _cited_window(found: Found, before: str, after: str) -> bool:
    """Whether a window of years is that of a plan the text follows, named without 《》 (`按照全市2019—2021年…三年行动
    计划要求`): the plan's name closes the clause it opens, after 按照, 根据 or 落实."""
    return bool(_YEARS.match(found.text)) and bool(_CITED_BEFORE.search(before)) and bool(_CITED_AFTER.match(after))


def _plan_window(found: Found, before: str, after: str) -> bool:
    """Whether a time is the window of years in brackets after a plan's name (`实施方案(2023—2025年)`), not a due
    time (`报送整改方案（6月30日前）` is one)."""
    years = bool(_YEARS.match(found.text) or _BARE_YEAR_ONLY.fullmatch(found.text))
    return years and bool(_PLAN_NAME.search(before)) and bool(_CLOSED.match(after))


def _why_unread(found: Found, before: str, after: str) -> str | None:
    """Why a time the grammar read is not the whole of what the sentence says, or None when it is."""
    if found.text == "每周":
        return "“每周”没有写星期几"
    if found.text.startswith("每") and _PART_OF_PERIOD.match(after):  # 每月|第一周
        return f"只读出了“{found.text}”，它是一个更长的时间的一部分"
    if found.text[-1:].isdigit() and after[:1] in ("日", "号"):  # 2023年9月2|日开始: the grammar stopped inside a day
        return f"只读出了“{found.text}”，它是一个更长的时间的一部分"
    if found.text.startswith("年") and _RELATIVE_YEAR.search(before):
        return f"“{before[-1]}{found.text}”的年份是相对的，请写明年份"
    if _DAY.match(found.text) and re.match(r"\s*(?:以后|之后)", after):
        return f"“{found.text}{after.strip()[:2]}”没有结束的日期"  # (2022年9月1日以后): a standing phase, no due day
    if found.text.endswith("前") and after.startswith("后"):
        return f"“{found.text}后”不是确定的日期"  # 春节前后: around the festival, not before it
    approximate = _APPROXIMATE.match(after)
    if approximate:
        return f"“{found.text}{approximate.group().strip()}”不是确定的日期"
    if _YEAR_BEFORE.match(found.text) or (_BARE_YEAR_ONLY.fullmatch(found.text) and after.startswith(("前", "以前"))):
        written = found.text if found.text.endswith("前") else found.text + after[: after.index("前") + 1]
        return f"“{written}”是指上一年底还是该年底？请写“X年底前”"
    if _BARE_MONTH.fullmatch(found.text) and after.startswith(("前", "以前", "之前")):
        # 4月前, refused by the language (the month's start or its end?): the month alone is not what the text says
        return f"“{found.text}前”是指该月之前还是该月底之前？请写“X月底前”"
    # 至6月10日 after 顺延, 推迟, 延长 (顺延至6月10日): the day a deadline is moved to, not a span's end cut off
    moved = found.text.startswith("至") and _MOVED.search(before)
    cut = _CUT_BEFORE.search(before) or (found.text.startswith("至") and not moved) or _OPEN.match(after)
    # 1月15日前结束慰问工作: a deadline and the verb of its duty, not a span whose end the grammar stopped short of
    whole = _DEADLINE_TAIL.match(after) or (found.text.endswith("前") and _ENDS.match(after))
    if cut or (_CUT_AFTER.match(after) and not whole):
        return f"只读出了“{found.text}”，它是一个更长的时间的一部分"
    return None


def duty_roles(sentence: str) -> dict[str, str]:
    """The units a sentence names for its duty: `（X牵头，Y配合）` as lead and support, `责任单位：X` or the
    subject it opens with as units."""
    simple = plain(sentence)  # matched in simplified characters, given as written
    lead = _LEAD.search(simple)
    if lead:
        support = {"support": sentence[lead.start(2) : lead.end(2)]} if lead[2] else {}
        return {"lead": sentence[lead.start(1) : lead.end(1)]} | support
    named = _NAMED.search(simple)
    if named:
        return {"units": sentence[named.start(1) : named.end(1)].strip()}
    subject = _SUBJECT.search(simple)
    return {"units": sentence[subject.start(1) : subject.end(1)]} if subject else {}
