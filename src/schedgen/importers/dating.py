"""The year, the date and the title a document gives itself, and where each came from.

A draft's `year` is the base of every date written without one, so it must be the document's, never
today's: it comes from the document's own reference number (文号 `许政〔2020〕20号` on a line of its own),
the year of a plan's title (`2021年…工作要点`), the date it was signed or issued (a date alone on its
line after the text begins: `2018.6.4`, `二○○九年二月九日`, `2O2O年4月17日`), the title of a notice, the
first year its text names, and as a last resort the date a web page stamps on it (`发布时间：2021-03-01`,
said to be a page's date). That signature date is the anchor of the words that need one: `即日起`,
`今年`, `本月`, `当月`, durations from the day of issue. A cited reference number (`(国教督办函[2018]25号)`
inside a sentence) or a year inside a cited title (`《…(2020-2022年)》`) is another document's: it is taken
only when the text names no year of its own (a notice forwarding `《关于…2012年…的通知》`), said to be cited.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from schedgen.errors import WhenError
from schedgen.expression import Frame
from schedgen.i18n import N_, _
from schedgen.importers.script import plain
from schedgen.model import Dates, Day, Deadline, Span
from schedgen.when_words import year_zeros

# a reference number: 许政〔2020〕20号, 常民管〔2011〕1号, 凌政办发[2020]35号, 遂府函〔2019〕55 号
# (a template's XX教发[2019]12号 too)
_REFERENCE = re.compile(
    r"[\u4e00-\u9fffA-Za-z]{1,12}\s*[〔\[［【(（]\s*((?:19|20)\d\d)\s*[〕\]］】)）]\s*第?\s*\d{1,4}\s*号"
)
_REFERENCE_LINE = re.compile(r"^(?:发文字号|文号)?\s*[:：]?\s*[(（]?\s*(" + _REFERENCE.pattern + r")\s*[)）]?$")
# a year in text: 2020年, 二○二○年, 2020-03-01, 2020.3.1, a month 2020-03 or 2020/3 (not 2021年度, the year a project or
# an award covers)
# (and the first of a range of years: 三年行动方案（2021—2023年）, a time cell's 2019-2020 with no 年; a season's
# 2012—2013赛季 and a school year's 2019-2020学年 are told apart by their own patterns, which win where both match)
_YEAR = re.compile(
    r"(?<!\d)((?:19|20)\d\d)\s*(?:年(?!度)|(?=[—–\-~～至到]\s*(?:19|20)\d\d\s*年)"
    r"|(?=[—–\-~～至到]\s*(?:19|20)\d\d(?![\d.\-/．]))|[-./](?=\d{1,2}[-./]\d)"
    r"|[.．](?=\d{1,2}(?:[—–\-~～至]|\s|$|[,，]))|[\-/](?=(?:0?[1-9]|1[0-2])(?:[—–~～至]|\s|$|[,，])))"
)
# a year the text names as background, not as its own: a birth range (2015年9月1日至2016年8月31日出生, 出生于…),
# a time since (自2008年以来); blanked when the text's first year is looked for (kept as a last resort below)
_BACKGROUND = re.compile(
    r"(?:出生于|(?<![学新老考师招业医究])生于)[^,，。；;]{0,30}|[^,，。；;出]{0,30}(?:出生|以来|以前)"
    r"|(?:总结|回顾)[^,，。；;]{0,30}"  # 在系统总结2017年…活动的基础上: the past the document builds on
    # a practice begun in a past year and kept every year since (从2016年开始,我部每年都公开…), as 自2016年以来
    r"|(?:从|自)\s*(?:19|20)\d\d\s*年\s*(?:开始|起)(?=[,，]?[^。；;]{0,12}每年都)"
    # a census's reference moment (普查标准时点为2020年11月1日零时: a preparatory notice is often of the year
    # before) and an as-of report (截至2018年底，全镇已累计脱贫…: written after it, often the next year)
    r"|(?:标准)?时点(?:为|是)?[^,，。；;]{0,20}|(?:截至|截止)[^,，。；;]{0,16}(?=[,，][^。；;]{0,30}(?:已|累计))"
    # a past year the text compares with (比2021年同期下降, 较2020年增加, 同比2018年): not the year it is written in
    r"|(?:相较于?|相比于?|较|比|同比)\s*(?:19|20)\d\d\s*年(?:同期|底|末)?"
    # the year the text looks back on as just gone (在刚刚过去的2014年: written in the next) and a founding day that
    # says which bodies are meant (2014年6月30日之前成立的…均可参加, 以前经…登记的)
    r"|过去的\s*(?:19|20)\d\d\s*年"
    r"|[^,，。；;]{0,30}(?:之前|以前)\s*(?:经[^,，。；;]{0,12}?)?(?:成立|登记|注册|设立)"
)
# the year the text says it has entered (进入2019年以来, 2019年以来 being a time since): the year it is written in
_ENTERED = re.compile(r"(?:进入|迈入|步入|踏入)(\s*(?:19|20)\d\d\s*年)(?:以来)?")
# a year of a deadline (2023年6月底前, 到2025年底, 2024年12月31日前), not of a report of work done (已完成)
_DEADLINE_YEAR = re.compile(
    r"((?:19|20)\d\d)\s*年\s*(?:\d{1,2}\s*月\s*(?:\d{1,2}\s*日|上旬|中旬|下旬|底|末)?|底|末)\s*(?:前|以前|之前)"
    r"|到\s*((?:19|20)\d\d)\s*年\s*(?:\d{1,2}\s*月)?\s*(?:底|末)"
)
# a year the text says is coming: 2023年春节将至, 2020年元旦即将来临, 2021年新春到来之际 (written in the year before)
_AHEAD = re.compile(
    r"((?:19|20)\d\d)\s*年\s*(?:元旦|春节|新春|新年|元宵)?[、和及]?(?:元旦|春节|新春|新年)?"
    r"(?:将至|将临|即将(?:到来|来临|来到)|来临之际|到来之际|临近)"
)
# a year a plan aims at: 到2020年，…控制在; 力争到2025年底; 2022年底前 (not a month's deadline, 到2020年6月底)
_GOAL_YEAR = re.compile(
    r"(?:到|至)\s*((?:19|20)\d\d)\s*年(?:底|末)?(?:前|以前|之前)?(?!\s*[\d一二三四五六七八九十]{1,2}\s*月|度)"
    r"|((?:19|20)\d\d)\s*年(?:底|末)(?:前|以前|之前)?"
)
_GOAL_LEAD = 5  # a page's date this many years before a plan's first goal at most is the plan's own
# a goal's year stated before a plan's steps (到2025年，全市建成…, 力争到2030年，…): the year a goal is due by, as
# 到2025年底 is, for finding the year a text with no date of its own is written in
_GOAL_STATED = re.compile(r"到\s*((?:19|20)\d\d)\s*年(?=\s*[,，])")
# what a background year is, said beside a year taken from one
_BACKGROUND_KINDS = (
    ("时点", "调查的标准时点"),
    ("截", "截至日期"),
    ("生", "出生日期"),
    ("以", "回顾的年份"),
    ("总结", "回顾的年份"),
    ("回顾", "回顾的年份"),
    ("较", "比较的年份"),
    ("比", "比较的年份"),
)
# a school year (2021-2022学年, 2021—2022学年度): its first term (第一学期, 秋季学期) is the first year's autumn, its
# second (第二学期, 春季学期) the next year's spring
_TERM = r"学年度?\s*(?:第\s*(?P<term>[一二12])\s*学期|(?P<season>[秋春])季?学期)?"
_SCHOOL_YEAR = re.compile(r"((?:19|20)\d\d)\s*[—–\-~～至到/]\s*((?:19|20)\d\d)\s*" + _TERM)
# a school's other ways of naming its year: a school year by its first year (2019学年第二学期 is 2020's spring), a
# season without 年 (2021春季学期), the class of its new students (2019级新生) or of its graduates (2020届毕业生)
_SCHOOL_MARK = re.compile(
    r"((?:19|20)\d\d)\s*(?:"
    + _TERM
    + r"|(?=[春秋]季学期)|(?=级(?:本科|研究生|硕士|博士)?新生)|(?=届[^，。；,;]{0,6}?毕业生))"
)
# a season named by the two years it spans: 2012—2013赛季, a school year with no term (2015—2016学年), and two years
# without 年 before an event's name in quotes (2012—2013“留动中国…”总决赛, 2020-2021“市长杯”…联赛)
_SEASON = re.compile(
    r"((?:19|20)\d\d)\s*[—–\-~～至到/]\s*((?:19|20)\d\d)\s*"
    r"(?:(?:赛季|雪季|冰雪季|学年度?)(?!度)(?!\s*(?:第\s*[一二12]\s*学期|[秋春]季?学期))"
    r"|(?=[“\"][^”\"]{2,40}[”\"]\s*[\u4e00-\u9fff]{0,6}?(?:赛|杯|活动)))"
)
# a month a date names (5月29日, 3月底前, 10月中旬): the season's year it falls in is told by the month
_DATED_MONTH = re.compile(r"(?<!\d)(1[0-2]|0?[1-9])\s*月(?=\s*\d|\s*(?:份|底|末|上旬|中旬|下旬|初|前))")
_SPRING = range(1, 8)  # January to July: a season's later year (its autumn, August to December, is the earlier's)
_AUTUMN = 8
_CITED_REFERENCE = re.compile(r"[〔\[［【(（]\s*((?:19|20)\d\d)\s*[〕\]］】)）]\s*第?\s*\d{1,4}\s*号")
_TITLE_YEAR = re.compile(r"((?:19|20)\d\d|[〇○零一二三四五六七八九]{4})\s*年度")
# a year the text says is ending as it is written: 2020年度即将结束, 2023年已近尾声
_YEAR_ENDING = re.compile(r"((?:19|20)\d\d)\s*年度?(?:工作)?(?:即将结束|即将过去|已近尾声|进入尾声|接近尾声)")
# a title of the year past's summary and the coming year's plan (2018年工作总结和2019年工作计划, 2019年度工作总结暨
# 2020年工作要点): the plan's year is the one its dates are in
_SUMMARY_AND_PLAN = re.compile(
    r"((?:19|20)\d\d)\s*年度?[^，,。；;]{0,12}?(?:总结|回顾)[^，,。；;\d]{0,6}?((?:19|20)\d\d)\s*年度?"
    r"[^，,。；;]{0,12}?(?:计划|要点|安排|打算|思路|任务|重点)"
)
# a title's year written without 年: at its start or after a place (XX县2019重点工作任务清单, 2019全民健身活动安排),
# or alone in brackets (重点工作任务分解表（2019）); a count (2000户, 2019个) or a number (第2019号) is none
_BARE_TITLE_YEAR = re.compile(
    r"(?:^|(?<=[县市区镇乡省村州盟旗]))((?:19|20)\d\d)(?=\s*(?:重点|工作|年度|上半年|下半年|春|秋|夏|冬|全|民生|项目|目标|任务|第))"
    r"|(?<=[(（])\s*((?:19|20)\d\d)\s*(?=[)）])"
)
# January written 元月 in a date (2020年元月8日, 二〇二〇年元月八日), as 1月 or 一月 the same length
_JANUARY = re.compile(r"(?<=\d年)元月")
_CN_JANUARY = re.compile(r"(?<=[〇○零一二三四五六七八九]年)元月")
_CN_DIGITS = str.maketrans("〇○零一二三四五六七八九", "000123456789")
# a year with the letter O for a zero, before 年 or a reference number's closing bracket (2O2O年, 〔2O19〕5号)
_LETTER_YEAR = re.compile(
    r"(?<![A-Za-z0-9])(?=[12][0-9Oo]{3}\s*(?:年|[〕\]］】)）]))(?:19|20|2O|2o)[0-9Oo]{2}(?![A-Za-z])"
)
# a reference number whose year is in Chinese numerals: 〔二〇一九〕5号
_CN_REFERENCE = re.compile(
    r"(?<=[〔\[［【(（])\s*[〇○零一二三四五六七八九]{4}(?=\s*[〕\]］】)）]\s*第?\s*\d{1,4}\s*号)"
)
# a title's year on a line of its own under it, in brackets: （2019年度）, the year the document's work is of
_WORK_YEAR = re.compile(r"[(（]\s*((?:19|20)\d\d|[〇○零一二三四五六七八九]{4})\s*年度\s*[)）]")
_CN_YEAR = re.compile(r"([〇○零一二三四五六七八九]{4})\s*年(?!度)")
# a date on its own line, perhaps after the office that signs it: 2018.6.4, 2023年12月19日, 董事长办公室 2011年4月25日
_DATE_TEXT = (
    r"(?:(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号]"
    r"|(?:19|20)\d\d\s*[.\-/]\s*\d{1,2}\s*[.\-/]\s*\d{1,2}"
    r"|[〇○零一二三四五六七八九]{4}\s*年\s*[一二三四五六七八九十]{1,2}\s*月\s*[一二三四五六七八九十]{1,3}\s*日)"
)
# a signature of a year and a month, no day: 二○○八年二月, 2013年3月
_MONTH_SIGNED = re.compile(
    r"((?:19|20)\d\d|[〇○零一二三四五六七八九]{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3}|元)\s*月"
)
# any year: 二〇一九 has a 九, 二○○八 an 八
_DIGITISH = re.compile(r"[0-9〇○零一二三四五六七八九Oo]{4}")
_O_YEAR = re.compile(r"(?<![A-Za-z])([0-9Oo]{4})(?=\s*年)")
# a page's record of the day the document was issued (发文日期: | 2023-11-30 |), not published (发布日期)
_ISSUE_STAMP = re.compile(r"(?:发文|成文|印发)(?:日期|时间)\s*[:：]?[\s|｜]*(" + _DATE_TEXT + r")")
_BRACKETED = re.compile(r"^[(（]\s*(" + _DATE_TEXT + r")\s*(?:印发|发布|签发)?\s*[)）]$")
_ISSUED_WORD = re.compile(r"(?<=[日号\d])\s*(?:印发|发布|签发|制发)$")
_SIGNED = re.compile(r"^([^\s。，,；;:：]{0,30}\s+|[^\s。，,；;:：\d]{0,30})?(" + _DATE_TEXT + r")\s*$")
# what a web page puts around a document: its address, date stamps, navigation, counters
_URL = re.compile(r"https?://|www\.|\.html?\b|\.shtml\b|\.aspx?\b", re.IGNORECASE)
_STAMP = re.compile(
    r"(?:发布|更新|发文|成文|印发)?(?:时间|日期)\s*[:：]|来源\s*[:：]|浏览|点击|访问量"
    r"|星期[一二三四五六日天]|周[一二三四五六日]\s*$|\d{1,2}:\d{2}"
    r"|索\s*引\s*号|组配分类|主题分类|发文机[关构]\s*[:：]|发布机构|有效性|字号\s*[:：]|\|"
)
# a news item's source and the day it ran, in either order: 来源:中国水利网站 2017年3月27日, 来源：XX日报 2020-05-06,
# 时间:2023-05-22 来源:梧州零距离网-西江都市报 (matched in simplified characters)
_NEWS_DAY = r"(?:19|20)\d\d\s*(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2})"
_OUTLET = r"[^\d\s:：]{2,24}?(?:网站|网|报|电视台|台|新闻|在线)"
NEWS_DATE = re.compile(
    rf"(?:来源|稿源)\s*[:：]\s*{_OUTLET}\s*[|｜]?\s*(?P<after>{_NEWS_DAY})"
    rf"|(?:发布)?时间\s*[:：]\s*(?P<before>{_NEWS_DAY})(?:\s+\d{{1,2}}:\d\d(?::\d\d)?)?\s*(?:来源|稿源)\s*[:：]\s*{_OUTLET}"
)
# the day a page published the document (发布日期 2022/08/01, 发布时间：2021-10-08 09:30)
PUBLISHED = re.compile(rf"发布(?:日期|时间)\s*[:：]?\s*(?P<day>{_NEWS_DAY})")
# a title that says the document reports progress (…工作进展情况, …任务完成情况, …工作总结): its past months are
# reports
PROGRESS = re.compile(r"(?:进展|完成|推进|落实|进度)情况$|工作总结$")
# what a copy of the document stamps on it: the day a forum post was edited (编辑: 棉鞋 | 2015-02-21), the day a
# database put an article online (首次上网日期, which says itself it is not the date of publication); they date the
# copy, never the document, so they give no year even as a last resort
_COPY_STAMP = re.compile(r"编辑\s*[:：]|编辑于|首次上网|上网日期|转载于|不代表.{0,8}(?:发表|发布|成文)")
# a news report opening with the day of the meeting it reports, told as held (召开了, 举行了)
_REPORTED_MEETING = re.compile(
    r"^((?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日)\s*(?:上午|下午|晚上)?\s*[,，]?[^。；;]{0,30}?(?:召开|举行|举办)了"
)
_REPORT_LINES = 10  # a report's opening: the lines after the site's menu
# a year a model text leaves for its user to fill in: 20__年, xxxx年, 20××年, □□□□年, 202X年, 20  年  月  日
_BLANK_YEAR = re.compile(
    r"(?:(?:19|20)?(?:_{2,}|＿{2,}|[xX×Ｘ]{2,4}|□{2,4})|(?<!\d)(?:19|20)\d[xX×Ｘ_＿□])\s*年"
    r"|(?<!\d)(?:19|20)[ \u3000]{2,}年(?=[ \u3000]*\S{0,2}[ \u3000]*月)"
)
_NAVIGATION = re.compile(
    r"^特此|^(?:首页|当前位置|您的位置|您当前所在位置|位置)|>|》\s*正文|^返\s*回|^无标题|^扫一扫|^分享"
)
# a page's controls on a line of their own: 朗读, 【打印本页】【关闭窗口】, 字体：大 中 小 (words, not one pattern:
# one pattern over a run of them backtracks for ever on a long line that is not one)
_CONTROLS = frozenset(
    ("朗读", "打印", "打印本页", "打印此页", "关闭", "关闭窗口", "关闭本页", "收藏", "收藏本页", "字体")
)
_CONTROL_GAPS = re.compile(r"[\s【】\[\]:：]+")
# a page's record field that names the document (名称: | X | 文号: | 无 |, 主　题：X, 标题：X)
# (the next field after a bar or a space: 名称: X 文号:)
_RECORD_FIELD = re.compile(
    r"^\s*(?:(?:名\s*称|标\s*题|主\s*题)\s*[:：]|标题\s)\s*[|｜]?\s*([^|｜]+?)\s*(?:[|｜].*|\s\S{1,4}\s*[:：].*)?$"
)
# a page's section label over the document (通知公告, • 公告通知, 公示公告): the column it is filed in
_SECTION_LABEL = re.compile(r"^[•·●▪\s]*(?:通知|公告|通告|公示|动态|新闻|要闻|信息|工作){1,3}\s*$")
# a bulletin's masthead (河长制湖长制工作简报2018年第65期(总第238期), 防汛工作快报第8期)
_MASTHEAD = re.compile(r"(?:简报|快报|专报|周报|月报|通讯|动态)\s*(?:(?:19|20)\d\d\s*年)?\s*第\s*\d+\s*期")
# a page's record or menu written as a bulleted list (• [ 索引号 ] • 2024-00012 • [ 发布日期 ]) and its breadcrumb
# (您当前的位置:首页>…, a lone >): what a page puts over the headline, neither a title nor the opening of the text
_FURNITURE = re.compile(r"^\s*(?:[•·●▪]|>\s*$|\[\s*[^\]]{1,12}\s*\]\s*$|[您你]?当前的?(?:所在)?位置|您的位置|首页\s*>)")
_PLAN_TITLE = re.compile(r"(?:方案|规划|计划|要点|意见|任务|安排|细则|办法|纲要)(?:[(（][^)）]*[)）])?$")
_TITLE_END = re.compile(
    r"(?:通知|通告|公告|通报|决定|函|报告|一封信|方案|规划|计划|要点|意见|任务|细则|办法|纲要|工作总结)[!！]?$"
)
_SENTENCE_END = re.compile(r"[。；;！!？?]")
# a title broken over lines: how far above its last line its 关于 may stand, and the issuing office's line above that
_TITLE_LINES = 3
_OFFICE_LINE = re.compile(r"[^\s，,。；;：:、]{2,30}(?:办公室|人民政府|政府|委员会|局|厅|委|办|部|中心)")
_PUNCTUATION = re.compile(r"[。；;！!？?，,：:、]")
# a numbered heading inside the text (一、 （二） 3. 第一章) is a part of it, not its title
_NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[、.．]|第[一二三四五六七八九十]+[章节条部])"
)


UNTIL_NOTE = "计划写到的最后一天"
ISSUED_NOTE = "计划写到的最早一天"
NO_YEAR = N_(
    "the document names no year (no reference number such as 〔2024〕, no year in its title, "
    "no date of signature and no dated sentence), so its dates cannot be placed; "
    "give the year with --year, e.g. --year 2024"
)
"""Marked here, translated where it is raised."""


@dataclass(frozen=True)
class Dating:
    """The year a draft takes, where it was found (shown beside it), and the document's own date."""

    year: int
    source: str
    issued: date | None
    over_title: bool = False
    """The title names another year, judged a copying site's (a plan signed years before it): not the document's."""


def document_title(lines: list[str]) -> str | None:
    """The document's title line: the plan a 印发 notice carries (`关于印发《X》的通知`: X), else a line that
    reads as a title; never an address, a reference number, a date stamp or a page's navigation."""
    # matched in simplified characters (a traditional copy's 關於…的通知, 發布時間), given as written
    named = [_unlabelled(line) for line in lines[:40]]
    head = [(line, plain(line)) for line in named if _heading_candidate(plain(line))]
    for line, simple in head:
        issued = re.search(r"印发《(.+?)》", simple)
        if issued:
            return re.sub(r"\s+", "", line[issued.start(1) : issued.end(1)])
    for line in lines[:40]:
        field = _RECORD_FIELD.match(plain(line))
        if field and 4 <= len(field[1]) <= 80:  # a page's record names it: 名称: | X |
            return re.sub(r"\s+", "", _unlabelled(line))
    for pattern in (_PLAN_TITLE, _TITLE_END):
        for line, simple in head:
            bare = simple.rstrip("!！ ")
            sending = "印发" in simple and "关于印发" not in simple  # 现将…印发给你们: a sentence, no title
            titled = pattern.search(simple) and not sending and not _SENTENCE_END.search(bare)
            if titled and 4 <= len(line) <= 80:
                return re.sub(r"\s+", "", _broken_title(named, line))
    # no line reads as a title: a headline (a short first line with no punctuation, under a bulletin's masthead),
    # else none (a page copied without its title opens with its addressees or a sentence)
    first = next((line for line, _ in head if not _FURNITURE.match(line)), "")
    opening = next(
        (line for line in named if line and not _MASTHEAD.search(plain(line)) and not _page_furniture(line)), None
    )
    if first == opening and len(first) <= 40 and not _PUNCTUATION.search(first):
        return re.sub(r"\s+", "", first)
    return None


def _broken_title(lines: list[str], last: str) -> str:
    """A title copied over lines (`XX办公室` / `关于印发2022年《…》` / `重点任务…的通知`), given the line that ends it:
    that line and the ones above it back to the one that opens with 关于, and the issuing office's line above that;
    the line alone where no line just above it opens with 关于."""
    at = lines.index(last)
    opening = next(
        (n for n in range(at - 1, max(at - _TITLE_LINES, -1), -1) if plain(lines[n]).lstrip().startswith("关于")), None
    )
    if plain(last).lstrip().startswith("关于") or opening is None:
        return last
    if any(_PUNCTUATION.search(plain(line)) or not line.strip() for line in lines[opening:at]):
        return last
    if opening > 0 and _OFFICE_LINE.fullmatch(plain(lines[opening - 1]).strip()):
        opening -= 1
    return "".join(line.strip() for line in lines[opening : at + 1])


def page_stamp(line: str) -> bool:
    """Whether a line is what a web page stamps on a document (`发布时间: … 来源: … 浏览次数:`) or its address: no
    title, whatever else it holds."""
    simple = plain(line)
    return bool(_STAMP.search(simple) or _URL.search(simple))


def _page_furniture(line: str) -> bool:
    """Whether a line is what a page puts above its headline: a bulleted record or menu, a breadcrumb."""
    return bool(_FURNITURE.match(plain(line)))


def _unlabelled(line: str) -> str:
    """A line as a title could be: the value of a page's record field (`名称: | X | 文号: | 无 |`, `主　题：X`,
    `标题：X`), without an attachment's label (`附件1：X`) or a reference number run into it
    (`黔农办发〔2022〕8号X`)."""
    field = _RECORD_FIELD.match(line)
    if field:
        return field[1]
    line = re.sub(r"^\s*附\s*件\s*\d{0,2}\s*[:：]\s*", "", line)
    reference = _REFERENCE.match(line.strip())
    rest = line.strip()[reference.end() :].strip() if reference else ""
    return rest if reference and re.match(r"[\u4e00-\u9fff]", rest) else line


def _heading_candidate(line: str) -> bool:
    """Whether a line could be a title: not an address, a reference number, a stamp, a date alone, a page's
    section label (通知公告) or a bulletin's masthead (工作简报2018年第65期)."""
    return bool(
        line
        and not _SECTION_LABEL.match(line)
        and not _MASTHEAD.search(line)
        and not _URL.search(line)
        and not _REFERENCE_LINE.match(re.sub(r"\s+", "", line))
        and not _STAMP.search(line)
        and not _NAVIGATION.search(line)
        and not _page_controls(line)
        and not _SIGNED.match(line)
        and not _NUMBERED.match(line)
        and re.search(r"[\u4e00-\u9fff]", line)
    )


def _page_controls(line: str) -> bool:
    """Whether a line holds nothing but a page's controls (朗读, 【打印本页】, 字体：大 中 小)."""
    words = [word for word in _CONTROL_GAPS.split(line) if word]
    return bool(words) and all(word in _CONTROLS or set(word) <= set("大中小") for word in words)


def date_document(lines: list[str], title: str | None, around: Sequence[str] = ()) -> Dating | None:
    """The document's year and date from what it says of itself, or None when it names no year at all; `around`
    is the text around a table, whose dates tell which year of a season the document is (see _season_year)."""
    # 號, 發布時間 as simplified; 二0二一年 as 二〇二一年; 2O19年 and 〔二〇一九〕5号 as 2019
    lines = [_year_digits(year_zeros(plain(line))) for line in lines]
    shown = year_zeros(plain(title)) if title else title  # as written, in the notes a reviewer compares with it
    title = _year_digits(shown) if shown else shown
    signed = _signature(lines)
    issued = signed[1] if signed else _issue_stamp(lines)
    reference = _reference(lines)
    title_year = _title_year(title)
    if reference:
        if title_year == reference[0] + 1 and _PLAN_TITLE.search(title or ""):
            # a plan for 2020 issued in December 2019 under 〔2019〕: its dates without a year are 2020's
            note = f"标题“{shown}”（文号 {reference[1]} 是上一年印发时编的，计划的年份以标题为准）"
            return Dating(title_year, note, issued)
        return Dating(reference[0], f"文号 {reference[1]}", issued)
    if title_year is not None and title:
        placed = _season_year(title_year, title, [*lines, *around])
        if placed is None:
            return None  # a season whose dates fall in both its years: no one year places them (see no_year)
        title_year = placed[0]
    mark = (signed[0], signed[1].year) if signed else _signed_month(lines)
    if title_year and mark is not None and mark[1] < title_year - 1:
        # a copying site's heading (2017年…工作计划) over a plan signed in 二○○八年二月: no plan is signed years
        # before its own year, so the title's is the copy's
        note = f"落款日期 {mark[0]}（标题“{shown}”的{title_year}年在落款多年之后，不是这份文件的年份；请核对）"
        return Dating(mark[1], note, issued, over_title=True)
    if title_year and _PLAN_TITLE.search(title or ""):
        # a plan for 2021 signed in December 2020: its dates without a year are 2021's
        return Dating(title_year, f"标题“{shown}”", issued)
    if signed:
        return Dating(signed[1].year, f"落款日期 {signed[0]}", issued)
    if title_year:
        later = _annual_review(title, lines, title_year)
        if later is not None:
            return Dating(title_year + 1, later, issued)
        return Dating(title_year, f"标题“{shown}”", issued)
    stamped, lines = lines, [_not_a_copy_stamp(line) for line in lines]
    body = [
        (n, line) for n, line in enumerate(lines) if line != title and not _STAMP.search(line) and not _URL.search(line)
    ]
    news = _news_of_this_year(stamped, body)  # a news item's line of stamps may name its editor (编辑:) too
    if news is not None:
        note = f"新闻日期“{news[1]}”（正文说“今年”，所写的年份都在这一年之前，是已做的事；请核对）"
        return Dating(news[0], note, issued)
    for number, line in body:
        found = _text_year(_own_years(line))
        if found:
            earliest = _earliest_deadline(body, found[0], number)
            if earliest is not None:
                note = f"正文“{earliest[1]}”（第{earliest[2] + 1}行；所写时限中最早的一年）"
                return Dating(earliest[0], note, issued)
            published = _published_before_goals(lines, body)
            if published is not None:
                goal = f"正文的年份都是“到{published[2]}年”这样的目标年份"
                note = f"网页日期“{published[1]}”（{goal}，网页日期在此之前；请核对）"
                return Dating(published[0], note, issued)
            placed = _season_year(found[0], line, [*lines, *around])
            if placed is None:
                return None
            return Dating(placed[0], f"正文“{found[1]}”（第{number + 1}行{placed[1]}）", issued)
    for number, line in body:
        ending = _YEAR_ENDING.search(line)
        if ending:  # 2020年度即将结束: written as that year ends (a 2021年度 project may be resumed in 2022)
            return Dating(int(ending[1]), f"正文“{ending[0]}”（第{number + 1}行）", issued)
    for number, line in body:
        found = _text_year(line)
        if found:  # only a background year (a census moment, an as-of date): taken, said to be one
            if re.search(rf"过去的\s*{found[0]}\s*年", line):  # 在刚刚过去的2014年: written in the year after it
                note = f"正文“{found[1]}”（第{number + 1}行；说是刚过去的一年，文件写于下一年，请核对）"
                return Dating(found[0] + 1, note, issued)
            kind = next((words for mark, words in _BACKGROUND_KINDS if mark in _background_at(line, found[1])), "背景")
            note = f"正文“{found[1]}”（第{number + 1}行；是{kind}，不一定是文件的年份，请核对）"
            return Dating(found[0], note, issued)
    for number, line in body[:_TITLE_LINES]:
        work = _WORK_YEAR.fullmatch(line.strip())
        # （2019年度） on a line of its own under the title (a 年度 in a sentence is a project's, not the text's)
        if work:
            return Dating(int(work[1].translate(_CN_DIGITS)), f"标题下的“{line.strip()}”（第{number + 1}行）", issued)
    for number, line in body:
        found = _text_year(line, cited=False)
        if found:  # a notice that forwards another (转发《关于…2012年…的通知》) is of the year it cites
            return Dating(found[0], f"正文所引文件“{found[1]}”（第{number + 1}行；引用的文件的年份，请核对）", issued)
    if blanked_year(lines):
        return None  # a template's page: its stamp is the site's, the plan's own year was left for the user
    for line in lines:
        if _STAMP.search(line):
            found = _text_year(line, cited=False)
            if found:
                return Dating(found[0], f"网页日期“{found[1]}”（网页的信息，不是文件本身的日期，请核对）", issued)
    return None


def _year_digits(line: str) -> str:
    """The line with a year typed with the letter O for a zero (`2O19年`, `〔2O19〕`, as a clerk's copy or a scan
    has it) and a reference number's year in Chinese numerals (`〔二〇一九〕5号`) in digits; same length, so offsets
    hold."""
    if "O" in line or "o" in line:
        line = _LETTER_YEAR.sub(lambda m: m[0].replace("O", "0").replace("o", "0"), line)
    if "号" in line:
        line = _CN_REFERENCE.sub(lambda m: m[0].translate(_CN_DIGITS), line)
    return line


def _own_years(line: str) -> str:
    """The line with its background years blanked (a birth range, an as-of report, a year compared with), and a
    year the text says it has entered (进入2019年以来) kept as its own; same length, so offsets hold."""
    line = _ENTERED.sub(lambda m: "  " + m[1] + " " * (len(m[0]) - len(m[1]) - 2), line)
    return _BACKGROUND.sub(lambda m: " " * len(m[0]), line)


def _earliest_deadline(body: list[tuple[int, str]], first: int, line_of: int) -> tuple[int, str, int] | None:
    """Where a text's first year (`first`, on line `line_of`) is a deadline's (`到2025年底前`, a plan's goal stated
    before its steps) or one it looks forward to (`2023年春节将至`), and the text names an earlier deadline
    (`2023年6月底前，完成…`, `于2022年12月25日前上报`), the earliest deadline's year, its words and its line: a plan
    is written before its first deadline. None otherwise (a report of work done, `已完成`, is no deadline)."""
    deadlines = []
    for number, line in body:
        for clause in re.split(r"[,，。；;]", _own_years(line)):
            if "已" in clause:
                continue
            for found in _DEADLINE_YEAR.finditer(clause):
                deadlines.append((int(found[1] or found[2]), found[0].strip(), number))
        deadlines.extend(_goal_years(line, number))
    ahead = any(m[1] == str(first) for m in _AHEAD.finditer(dict(body)[line_of]))
    if not ahead and not any(year == first and number == line_of for year, _, number in deadlines):
        return None  # the first year is not a deadline's, nor one the text says is coming
    earliest = min(deadlines, key=lambda d: d[0])
    return earliest if earliest[0] < first else None


def _published_before_goals(lines: list[str], body: list[tuple[int, str]]) -> tuple[int, str, int] | None:
    """Where every year the text names is a goal's (`到2020年，全市用水总量控制在…`, `2022年底前`), the year of a page's
    date before the first goal (`发布日期：2018-07-09`): a plan is written before the years it aims at, and its
    dates without a year are of the year it was published. Its year, the stamp's words and the first goal's year;
    None otherwise (a text that names a year of its own, or no page date before its goals)."""
    goals: list[int] = []
    for _number, line in body:
        text = re.sub(r"《[^》]*》", lambda m: " " * len(m[0]), _own_years(line))
        text = _REFERENCE.sub(lambda m: " " * len(m[0]), text)
        years = {m.start(1) for m in _YEAR.finditer(text)}
        aims = {m.start(1 if m[1] else 2): int(m[1] or m[2]) for m in _GOAL_YEAR.finditer(text)}
        if years - set(aims):
            return None  # a year that is no goal's: the text names a year of its own
        goals.extend(aims.values())
    if not goals:
        return None
    first = min(goals)
    for line in lines:
        if _STAMP.search(line) and not _COPY_STAMP.search(line):
            stamp = _text_year(line, cited=False)
            if stamp is not None and first - _GOAL_LEAD <= stamp[0] < first:
                return stamp[0], stamp[1], first
    return None


def _goal_years(line: str, number: int) -> list[tuple[int, str, int]]:
    """The goals' years of a line (`到2025年，…`, not one a report of work done gives, `到2020年，已建成…`), each with
    its words and the line's number, as `_earliest_deadline` counts deadlines."""
    own = _own_years(line)
    return [
        (int(found[1]), found[0].strip(), number)
        for found in _GOAL_STATED.finditer(own)
        if "已" not in re.split(r"[。；;]", own[found.end() :], maxsplit=1)[0]
    ]


def _issue_stamp(lines: list[str]) -> date | None:
    """The day a page's record says the document was issued (`发文日期：2022-11-28`, `成文日期`), unlike the day the
    page was published (`发布日期`); None without one."""
    for line in lines[: _REPORT_LINES * 3]:
        found = _ISSUE_STAMP.search(line)
        if found:
            return _day(found[1])
    return None


def _background_at(line: str, words: str) -> str:
    """The background clause (a census moment, an as-of date, a birth range) that holds `words`."""
    return next((m[0] for m in _BACKGROUND.finditer(line) if words[:6] in m[0]), "")


def reported_day(lines: list[str], year: int) -> tuple[str, date] | None:
    """The day a news report was written, for a report that has no signature: the day of the meeting it opens
    with (`11月27日,正阳关镇召开了民生工程年度推进会`), in the draft's year; relative words (`下月中旬`) are read
    against it. None when no line opens so."""
    for line in lines[:_REPORT_LINES]:
        found = _REPORTED_MEETING.match(line.strip())
        if found:
            try:
                return found[1], date(year, int(found["m"]), int(found["d"]))
            except ValueError:
                return None
    return None


def blanked_year(lines: list[str]) -> str | None:
    """A year the document leaves blank (`20__年`, `xxxx年`, `20××年`), as a model text does for its user to fill
    in, or None."""
    for line in lines:
        found = _BLANK_YEAR.search(line)
        if found:
            return found.group()
    return None


def _season_months(lines: list[str]) -> set[int]:
    """The months the dates of a text name (5月29日, 3月底前)."""
    return {int(m[1]) for line in lines for m in _DATED_MONTH.finditer(line)}


def _season_year(year: int, words: str, lines: list[str]) -> tuple[int, str] | None:
    """The year a text's first year (`year`, from the line `words`) is, when it is a season's (`2012—2013赛季`, see
    _SEASON): the later year where every month its dates name is a spring month, the earlier where every one is an
    autumn month, with a note for the comment beside `year`; any other first year as it is, with no note. None for a
    season whose dates fall in both its years, or that dates nothing: no one year places them (see no_year)."""
    season = _SEASON.search(plain(words))
    if season is None or int(season[1]) != year or int(season[2]) != year + 1:
        return year, ""
    months = _season_months(lines)
    if not months or (months & set(_SPRING) and months - set(_SPRING)):
        return None
    if all(month in _SPRING for month in months):
        return int(season[2]), "；跨年的赛季或学年，文中日期都在春季的月份，取后一年，请核对"
    return int(season[1]), "；跨年的赛季或学年，文中日期都在秋季的月份，取前一年，请核对"


def _unplaced_season(lines: list[str]) -> tuple[str, bool] | None:
    """A season a text names before any other year (`2016—2017赛季`) that no one year places: its words, and whether
    its dates fall in both of its years (else it names no month at all). None otherwise."""
    for line in lines:
        found = _text_year(plain(line))
        if found is None:
            continue
        season = _SEASON.search(plain(line))
        if season is None or int(season[1]) != found[0] or _season_year(found[0], line, lines) is not None:
            return None
        return season.group().strip(), bool(_season_months(lines))
    return None


def ordered_season(rows: list[str]) -> Dating | None:
    """The first year of a season a table names (`2019-2020赛季`) whose dates fall in both its years, where its rows'
    months run in time order from the autumn over New Year to the spring, turning once after two rows at least (as
    `over_new_year` moves the rows after the turn to the next year); None otherwise (a table in no time order, a text:
    still no one year places them, see `no_year`)."""
    simple = [year_zeros(plain(row)) for row in rows]
    unplaced = _unplaced_season(simple)
    if unplaced is None or not unplaced[1]:
        return None
    months = [int(m[1]) for row in simple for m in _DATED_MONTH.finditer(row)]
    turns = [n for n in range(1, len(months)) if months[n] < months[n - 1]]
    if len(turns) != 1 or turns[0] < 2 or months[turns[0] - 1] < _AUTUMN or months[turns[0]] > _SPRING.stop - 1:
        return None
    season = unplaced[0]
    note = f"“{season}”（跨年的赛季或学年，表中时间按顺序从秋季到春季，取前一年，请核对）"
    return Dating(int(season[:4]), note, None)


def no_year(lines: list[str], around: Sequence[str] = ()) -> str:
    """Why a document without a year is refused, and how to give one; a template's blanked years are named, and a
    season that no one year places."""
    unplaced = _unplaced_season([year_zeros(plain(line)) for line in [*lines, *around]])
    if unplaced is not None:
        season, both = unplaced
        first = season[:4]
        if both:
            return _(
                "the document names no year of its own but the season {season}, and its dates fall in both of the "
                "season's years (autumn and spring months), so one year cannot place them; give the year of its first "
                "dates with --year, e.g. --year {year}, and write the next year's dates with 次年 or their year"
            ).format(season=season, year=first)
        return _(
            "the document names no year of its own but the season {season}, and no date in it names a month that "
            "tells which of the season's two years it is; give the year with --year, e.g. --year {year}"
        ).format(season=season, year=first)
    blank = blanked_year(lines)
    if blank is None:
        return _(NO_YEAR)
    return _(
        "the document leaves its year blank ({blank}), as a template does, so its dates cannot be placed; "
        "give the year with --year, e.g. --year 2024"
    ).format(blank=blank)


def _news_of_this_year(lines: list[str], body: list[tuple[int, str]]) -> tuple[int, str] | None:
    """Where a news item's own date (`时间:2023-05-22 来源:XX日报`, `来源:XX网 2017年3月27日`) is later than every year
    its text names and the text says 今年 (`在今年12月底前全部完成`): that date's year and words, as the text's years
    are of work begun or done before it (`于2019年12月15日开工建设`); None otherwise."""
    said = [line for _, line in body]
    if not any("今年" in line for line in said):
        return None
    for line in lines[:_REPORT_LINES]:
        found = NEWS_DATE.search(line)
        if found is None:
            continue
        words = found["after"] or found["before"]
        year = int(words[:4])
        named = [int(m[1]) for line in said for m in _YEAR.finditer(_own_years(line))]
        return (year, words) if named and max(named) < year else None
    return None


def _not_a_copy_stamp(line: str) -> str:
    """The line, or nothing for a copy's stamp (its year is the copy's, not the document's)."""
    return "" if _COPY_STAMP.search(line) else line


def _annual_review(title: str | None, lines: list[str], year: int) -> str | None:
    """Where a notice about a past year's work (`关于开展2023年度…年检年报工作的通知`, a 年度 and no other year
    in its title) is dated the year after: a page's date of the next year, with no year in its text (a text
    that names a year, such as a deadline in January of the next, leaves the 年度 the notice's year). None when
    nothing says so."""
    outside = re.sub(r"《[^》]*》", "", title or "")
    if _text_year(outside) is not None or not _TITLE_YEAR.search(outside):
        return None
    body = [line for line in lines if line != title]
    # a text that names its own years leaves the 年度 the notice's year, unless every one is the next year's
    # (年检时间为2024年3月8日至6月8日 under 2023年度) and the page is dated then too
    named = {found[0] for line in body if not _STAMP.search(line) and (found := _text_year(_own_years(line)))}
    if named - {year + 1}:
        return None
    stamp = next((found for line in body if _STAMP.search(line) and (found := _text_year(line, cited=False))), None)
    if stamp is not None and stamp[0] == year + 1:
        text = f"，正文的日期也在{year + 1}年" if named else ""
        return f"网页日期“{stamp[1]}”（标题的{year}年度是所做的是哪一年的工作{text}；网页的信息，请核对）"
    return None


def _reference(lines: list[str]) -> tuple[int, str] | None:
    """The document's own reference number: one on a line of its own near the top, not one it cites."""
    for line in lines[:30]:
        compact = re.sub(r"\s+", "", line)
        match = _REFERENCE_LINE.match(compact)
        if match:
            return int(_REFERENCE.search(compact)[1]), match[1]  # type: ignore[index]
    return None


def title_year(title: str | None) -> int | None:
    """The year a title names outside the titles it cites (`2021年…工作要点`), or None."""
    return _title_year(title)


def _title_year(title: str | None) -> int | None:
    if not title:
        return None
    outside = re.sub(r"《[^》]*》", "", title)
    both = _SUMMARY_AND_PLAN.search(outside)
    if both:  # 2018年工作总结和2019年工作计划: its dates are the plan's
        return int(both[2])
    found = _text_year(outside)
    # a title's 2019年度 (关于做好2019年度…申报工作的通知) is the year the document is about, as its text's is not
    plan_year = _TITLE_YEAR.search(outside)
    if found or plan_year:
        return found[0] if found else int(plan_year[1].translate(_CN_DIGITS))  # type: ignore[index]
    bare = _BARE_TITLE_YEAR.search(outside)
    return int(bare[1] or bare[2]) if bare else None


def _text_year(line: str, *, cited: bool = True) -> tuple[int, str] | None:
    """The first year a line names outside cited titles and reference numbers, and the words around it."""
    text = re.sub(r"《[^》]*》", lambda m: " " * len(m[0]), line) if cited else line
    text = _REFERENCE.sub(lambda m: " " * len(m[0]), text) if cited else text
    text = re.sub(r"[(（]\s*[^)）]*[〔\[][^)）]*[)）]", lambda m: " " * len(m[0]), text) if cited else text
    found = _YEAR.search(text)
    season = _SEASON.search(text)
    if season and int(season[2]) == int(season[1]) + 1 and (found is None or season.start() <= found.start()):
        return int(season[1]), line[season.start() : season.end()].strip()  # its first year: see _season_year
    school = _SCHOOL_YEAR.search(text)
    if school is not None and (found is None or school.start() <= found.start()):
        return int(school[2] if _spring(school) else school[1]), line[school.start() : school.end()].strip()
    mark = _SCHOOL_MARK.search(text)
    if mark is not None and (found is None or mark.start() <= found.start()):
        return int(mark[1]) + _spring(mark), line[mark.start() : mark.start() + 12].strip()
    if found is None:
        chinese = _CN_YEAR.search(text)
        if chinese is None:
            # a reference number a notice cites (浙教电传〔2014〕301号), where nothing else names a year
            cited_reference = None if cited else _CITED_REFERENCE.search(text)
            if cited_reference is None:
                return None
            return int(cited_reference[1]), line[max(cited_reference.start() - 6, 0) : cited_reference.end()].strip()
        return int(chinese[1].translate(_CN_DIGITS)), line[chinese.start() : chinese.start() + 12].strip()
    return int(found[1]), line[found.start() : found.start() + 12].strip()


def _spring(school: re.Match[str]) -> bool:
    """Whether a school year's term (see _TERM) is its second, in the spring of the year after it begins."""
    return school["term"] in ("二", "2") or school["season"] == "春"


def _signature(lines: list[str]) -> tuple[str, date] | None:
    """The date the document was signed or issued: the last date alone on its line (perhaps after the
    office that signs) once the text has begun; dates above the text are the page's stamps. A date under the line
    of the office that signs (`XX县人民政府办公室` / `2019年3月5日`) is preferred to one alone elsewhere: an attached
    form's date (`填表人：` / `2020年1月1日`) or a table's date cell copied one a line is not the document's."""
    begun = False
    found: tuple[str, date] | None = None
    under_office: tuple[str, date] | None = None
    above = ""
    # a notice is signed near its top (a 印发 notice over the plan) or at its end: a long plan's middle is
    # neither, and reading it cost a tenth of drafting a 10 MB text
    near = lines if len(lines) <= 400 else lines[:200] + lines[-200:]
    for line in near:
        line = line.strip()
        prior, above = above, line or above  # the line above, blank lines passed over
        # （2018年5月10日） under a title, 2018年5月10日印发 at the end: the date it was issued
        bracketed = _BRACKETED.match(line)
        if bracketed:
            day = _day(bracketed[1])
            if day is not None:
                found = (bracketed[1], day)
                continue
        line = _ISSUED_WORD.sub("", line)
        if not begun:
            begun = bool(_SENTENCE_END.search(line) or re.search(r"[:：]$", line))
            continue
        if len(line) > 50 or not _DIGITISH.search(line):
            continue  # a signature is short and has a date in it: most lines of a long plan are neither
        fixed = _O_YEAR.sub(lambda m: m[1].replace("O", "0").replace("o", "0"), line)  # 2O2O年
        if "元月" in fixed:  # 2020年元月8日, 二〇二〇年元月八日: January, as a date of issue writes it
            fixed = _CN_JANUARY.sub("一月", _JANUARY.sub("1月", fixed))
        match = _SIGNED.match(fixed) if not _STAMP.search(line) else None
        if match:
            day = _day(match[2])
            if day is not None:
                found = (line[match.start(2) : match.end(2)], day)  # the fix keeps every offset
                if _OFFICE_LINE.fullmatch((match[1] or "").strip() or prior):
                    under_office = found
    return under_office or found


def _signed_month(lines: list[str]) -> tuple[str, int] | None:
    """A signature that gives a year and a month only (`二○○八年二月`, `2013年3月`), alone on its line under the office
    that signs (a short line that is no sentence) after the text has begun, and its year; None without one."""
    begun = False
    above = ""
    for line in lines[-200:]:
        line = line.strip()
        if not line:
            continue
        if not begun:
            begun = bool(_SENTENCE_END.search(line))
        elif (found := _MONTH_SIGNED.fullmatch(line)) and len(above) <= 30 and not _PUNCTUATION.search(above):
            return line, int(found[1].translate(_CN_DIGITS))
        above = line
    return None


def _day(text: str) -> date | None:
    """The day a signature date names."""
    from schedgen.resolve import dated

    try:
        timing = dated(re.sub(r"\s+", "", text), 2000)
    except WhenError:
        numbers = re.findall(r"\d+", text)
        if len(numbers) != 3:
            return None
        try:
            return date(*map(int, numbers))
        except ValueError:
            return None
    day = getattr(timing, "day", None)
    return day if isinstance(day, date) else None


def annotate(text: str, key: str, comment: str) -> str:
    """A YAML text with a comment after the value of a top-level key (a reviewer reads where it came from);
    a comment is one line, so the line breaks of a quoted cell become spaces."""
    one_line = " ".join(comment.split())
    return re.sub(rf"(?m)^({re.escape(key)}: .*)$", lambda m: f"{m[1]}  # {one_line}", text, count=1)


def last_day(tasks: list[dict[str, object]], year: int, frame: Frame) -> date | None:
    """The last day any drafted task names (recurring duties follow the window, they do not set it)."""
    return named_days(tasks, year, frame)[1]


def named_days(tasks: list[dict[str, object]], year: int, frame: Frame) -> tuple[date | None, date | None]:
    """The first and the last day any drafted task names (recurring duties follow the window, they do not
    set it)."""
    from schedgen.resolve import dated

    first: date | None = None
    last: date | None = None
    for task in tasks:
        try:
            timing = dated(str(task["when"]), year, frame)
        except WhenError:
            continue
        if isinstance(timing, Span):
            days: tuple[date | None, ...] = (timing.start, timing.end)
        elif isinstance(timing, Deadline):
            days = (timing.end,)
        elif isinstance(timing, Day):
            days = (timing.day,)
        elif isinstance(timing, Dates):
            days = timing.days
        else:
            days = ()
        for day in days:
            if day is not None:
                first = day if first is None or day < first else first
                last = day if last is None or day > last else last
    return first, last


def placed_after(document: dict[str, object], anchor: str, key: str, value: object) -> dict[str, object]:
    """The document with `key` placed right after `anchor`, as a schedule file orders them."""
    placed: dict[str, object] = {}
    for name, existing in document.items():
        placed[name] = existing
        if name == anchor:
            placed[key] = value
    return placed


def year_note(given: int | None, dating: Dating | None, taken: int, title: str) -> str:
    """Where a draft's year came from, and what the document says when the command line overrode it."""
    if given is not None:
        if dating is not None and dating.year != given:
            return f"取自命令行 --year（文件写的是{dating.year}年：{dating.source}）"
        return "取自命令行 --year"
    if dating is not None and dating.year == taken:
        return f"取自{dating.source}"
    return f"取自标题“{title}”"


def windowed(
    document: dict[str, object], given: int | None, dating: Dating | None
) -> tuple[dict[str, object], dict[str, str]]:
    """A table's schedule document with its window reaching the last date it names, and the comments that say
    where its year and window came from."""
    year = int(document["year"])  # type: ignore[call-overload]
    comments = {"year": year_note(given, dating, year, str(document.get("title", "")))}
    stages: list[dict[str, object]] = document.get("stages") or []  # type: ignore[assignment]
    loose: list[dict[str, object]] = document.get("tasks") or []  # type: ignore[assignment]
    tasks = [t for s in stages for t in s["tasks"]] + loose  # type: ignore[attr-defined]
    first, last = named_days(tasks, year, Frame())
    if last is not None and last > date(year, 12, 31):
        document = placed_after(document, "year", "until", last)
        comments["until"] = UNTIL_NOTE
    if first is not None and first < date(year, 1, 1):
        # a progress table of 2020 listing projects begun in 2016: the window starts where its first row does
        document = placed_after(document, "year", "issued", first)
        comments["issued"] = ISSUED_NOTE
    return document, comments


def over_new_year(document: dict[str, object]) -> dict[str, str]:
    """A table's rows in time order that run over New Year (a first term's calendar, 9月…1月; a winter campaign,
    11月…3月): the times after the turn, which name no year, get the next year written before them
    (`2024年1月8日—1月12日`, as a draft writes the year of `明年`). Only a table whose undated times all read in
    order but for one turn, from September or later back to April or earlier, after two rows at least, is changed:
    a table of tasks in no time order is read as written. Returns the comment that says so, keyed `year`, or nothing."""
    from schedgen.resolve import dated

    year = int(document["year"])  # type: ignore[call-overload]
    stages: list[dict[str, object]] = document.get("stages") or []  # type: ignore[assignment]
    loose: list[dict[str, object]] = document.get("tasks") or []  # type: ignore[assignment]
    tasks = [t for s in stages for t in s["tasks"]] + loose  # type: ignore[attr-defined]
    starts: list[tuple[dict[str, object], date]] = []
    for task in tasks:
        when = str(task["when"])
        if "年" in when or re.search(r"(?:19|20)\d\d", when):
            return {}  # a table that writes its years places them itself
        try:
            timing = dated(when, year)
        except WhenError:
            continue
        first = getattr(timing, "start", None) or getattr(timing, "day", None) or getattr(timing, "end", None)
        if isinstance(first, date):
            starts.append((task, first))
    turns = [n for n in range(1, len(starts)) if starts[n][1] < starts[n - 1][1]]
    if len(turns) != 1 or len(starts) < 3:
        return {}
    turn = turns[0]
    # two rows in order before the turn at least: one row and then earlier ones is a table in no time order
    if turn < 2 or starts[turn - 1][1].month < 9 or starts[turn][1].month > 4:
        return {}
    note = f"；表中时间按顺序跨年，“{starts[turn][0]['when']}”起是{year + 1}年的"
    for task, _day in starts[turn:]:
        task["when"] = f"{year + 1}年{task['when']}"
    return {"year": note}
