"""The kinds of document the open quarter of sealed batch 1 (`tests/corpus/d-64`…`d-73`) showed drafted wrong, each as
short documents of other domains written before the mend, judged as in `tests/test_draft_batch5_kinds.py`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import run
from .test_draft_general import Doc, faults, office

DOCS = [
    # a table copied one cell a line whose time cell (`2月份`) stands over as many lines of work as the month holds:
    # every line under a month, up to the next month, is a task of that month
    Doc(
        "b01-month-lines-over-their-items",
        "XX社区图书室2023年全民阅读工作计划\n月份工作安排\n时间\n重点工作\n"
        "1月份\n制定全年阅读推广计划\n"
        "2月份\n开展“新春读书会”活动\n组织寒假亲子共读\n"
        "3月份\n举办“学雷锋”志愿服务读书分享\n更新少儿图书专架\n完成春季图书采购\n"
        "4月份\n开展“世界读书日”主题活动\n",
        2023,
        (
            ("全年阅读推广计划", ("span", "2023-01-01", "2023-01-31")),
            ("新春读书会", ("span", "2023-02-01", "2023-02-28")),
            ("亲子共读", ("span", "2023-02-01", "2023-02-28")),
            ("读书分享", ("span", "2023-03-01", "2023-03-31")),
            ("少儿图书专架", ("span", "2023-03-01", "2023-03-31")),
            ("春季图书采购", ("span", "2023-03-01", "2023-03-31")),
            ("世界读书日", ("span", "2023-04-01", "2023-04-30")),
        ),
        table=True,
    ),
    # a signature of a year and a month alone on its line (`二○一九年三月`, `2019年3月`), with no day: the date the
    # notice was signed, as a signature with its day is, and no duty
    Doc(
        "b02-signature-of-a-year-and-a-month",
        "关于开展2019年春季道路交通安全宣传活动的通知\n各中小学校：\n"
        "请各校于4月15日前将宣传活动开展情况报区交警大队。\nXX区交通安全委员会办公室\n二○一九年三月\n",
        2019,
        (("宣传活动开展情况", ("deadline", "2019-04-15")),),
    ),
    Doc(
        "b03-signature-of-a-year-and-a-month-in-digits",
        "XX县2021年冬季供暖保障工作方案\n一、各供热企业于10月31日前完成管网检修。\n二、11月15日前正式供暖。\n"
        "XX县住房和城乡建设局\n2021年9月\n",
        2021,
        (("管网检修", ("deadline", "2021-10-31")), ("正式供暖", ("deadline", "2021-11-15"))),
    ),
    # a cycle glossed in brackets by the months it means (`每季度末(分别在6月、9月和12月底)`): one duty, due on the
    # days the bracket names, not the cycle and its months as two
    Doc(
        "b04-a-cycle-glossed-by-its-months-in-brackets",
        "关于做好2024年校园安全隐患排查工作的通知\n各中小学、幼儿园：\n"
        "各学校要在每半年末(即6月底和12月底),将安全隐患排查整改台账报区教育局安全科。\n"
        "XX区教育局\n2024年3月20日\n",
        2024,
        (("排查整改台账", ("dates", "2024-06-30", "2024-12-31")),),
    ),
    # a duty whose period the payer chooses (`每月或者每季度结束后15日内`): one duty, kept for the reviewer to say
    # which, not two recurrences (d-63's kind)
    Doc(
        "b05-a-choice-of-period",
        "关于2021年残疾人就业保障金申报缴纳有关事项的通知\n各用人单位：\n"
        "一、保障金实行按月或者按季度申报，各单位应于每月或者每季度期满后15日内申报缴纳。\n"
        "二、2020年度保障金请于6月30日前申报缴纳。\nXX市税务局\n2021年1月5日\n",
        2021,
        (("每季度期满后15日内", ("kept",)), ("2020年度保障金", ("deadline", "2021-06-30"))),
    ),
    # a news item's own date before its source (`时间:2022-06-10 来源:XX日报网`) over a reply that says 今年 and names
    # only earlier years, of work begun and done: the item's year is its date's, and what it reports done before
    # that day is no duty (d-71's kind)
    Doc(
        "b06-a-news-reply-dated-before-its-source",
        "城南小学新校区何时投入使用\n时间:2022-06-10 来源:XX日报网 作者:王力 编辑:李明\n\n网友提问:城南小学新校区什么时候能用?\n"
        "区教育局回复:该项目于2020年9月1日开工建设。受疫情影响,主体工程实际完工为2021年11月份。"
        "区教育局将督促施工单位在今年8月底前完成全部室内装修,确保按期投入使用。\n",
        2022,
        (("室内装修", ("deadline", "2022-08-31")),),
    ),
    # the months a notice says its rounds fall in (`决定于2023年4月、9月分两轮开展`), over the rounds' own days below:
    # the rounds are the duties, the months their umbrella (d-69's kind)
    Doc(
        "b07-the-months-of-rounds-over-their-days",
        "关于开展2023年老年人免费健康体检的通知\n各村(社区):\n"
        "为做好基本公共卫生服务,我镇决定于2023年4月、9月分两轮开展65岁以上老年人免费健康体检。\n体检安排:\n"
        "第一轮:2023年4月10日-14日集中体检;4月17日-18日补检。\n第二轮:2023年9月11日-15日集中体检。\n"
        "XX镇卫生院\n2023年3月28日\n",
        2023,
        (
            ("第一轮", ("span", "2023-04-10", "2023-04-14")),
            ("补检", ("span", "2023-04-17", "2023-04-18")),
            ("第二轮", ("span", "2023-09-11", "2023-09-15")),
        ),
    ),
    # a copying site's heading with its own later year (`2019年幼儿园安全工作计划`) over a plan signed years before
    # (`二○一三年三月`, a year and a month): the signature's year is the plan's, no plan is signed years before its
    # year (d-64's kind)
    Doc(
        "b08-a-copy-heading-years-after-the-signature",
        "2019年幼儿园安全工作计划\n三、加强安全演练。\n定期组织疏散演练,做好记录。\n"
        "XX镇中心幼儿园\n二○一三年三月\n月份安排\n时间\n工作内容\n"
        "3月份\n开展消防安全疏散演练\n检查园内大型玩具\n4月份\n开展防溺水安全教育\n",
        2013,
        (
            ("疏散演练", ("span", "2013-03-01", "2013-03-31")),
            ("大型玩具", ("span", "2013-03-01", "2013-03-31")),
            ("防溺水", ("span", "2013-04-01", "2013-04-30")),
        ),
        table=True,
    ),
    # a bare month under a column that names a deadline (`完成时限 | 6月`): done by the month's end, as a 时间安排
    # column's month is the month's span (d-41's kind, left since the batch 6 split)
    Doc(
        "b09-a-bare-month-under-a-deadline-column",
        "XX区2024年优化营商环境重点任务分解表\n| 序号 | 工作任务 | 完成时限 | 责任单位 |\n"
        "| 1 | 上线企业开办“一网通办”平台 | 6月 | 区政务服务中心 |\n"
        "| 2 | 出台惠企政策兑现办法 | 9月份 | 区发改局 |\n"
        "| 3 | 完成年度营商环境评价 | 12月底前 | 区营商办 |\n",
        2024,
        (
            ("一网通办", ("deadline", "2024-06-30")),
            ("惠企政策", ("deadline", "2024-09-30")),
            ("营商环境评价", ("deadline", "2024-12-31")),
        ),
        table=True,
    ),
    # a year and a month alone on a line after a sentence (a look back's heading, `2018年3月`) is no signature: the
    # plan's title keeps its year
    Doc(
        "b11-a-month-heading-is-no-signature",
        "XX县2021年河道保洁工作计划\n一、工作回顾。我县河道保洁工作起步早,成效明显。\n2018年3月\n"
        "全县推行河道保洁市场化。\n二、工作安排\n各乡镇于4月30日前完成河道保洁招标。\n",
        2021,
        (("保洁招标", ("deadline", "2021-04-30")),),
    ),
    # a 印发 notice's own numbered items (how to carry out the plan it sends: `1.加强领导,压实责任。…`) are no tasks
    # of the plan's horizon: only their dated sentences are duties (d-72's kind)
    Doc(
        "b10-a-covering-notice-s-own-items",
        "XX县人民政府办公室关于印发《2022年县政府民生实事项目实施方案》的通知\nX政办发〔2022〕3号\n各乡镇人民政府,县直各部门:\n"
        "现将《2022年县政府民生实事项目实施方案》印发给你们,并就抓好落实通知如下:\n"
        "1.加强领导,压实责任。各牵头单位要细化工作措施,确保按期完成。各牵头单位的推进计划于3月10日前报县政府办公室。\n"
        "2.密切配合,形成合力。各配合单位要主动对接,共同推进民生实事项目建设。\n",
        2022,
        (("推进计划", ("deadline", "2022-03-10")),),
    ),
    # a table copied with single spaces between cells (d-67; d-60 and d-18 are copied so too): a name spaced out
    # letter by letter (`目 前 进 展`), a name over two columns with theirs on the next line (`时间安排` over `计划工期
    # 实际工期`), and a category cell merged over the rows below it, which the copy writes once
    Doc(
        "b12-a-single-spaced-table-with-a-two-line-header",
        "XX县2023年9月重点水利项目建设进展\n发布时间: 2023-10-08 来源: XX县水利局\n"
        "序号 类别 项目名称 建设内容 目 前 进 展 时间安排 责任单位\n计划工期 实际工期\n"
        "1 农村供水 城北水厂扩建工程 新增日供水能力1万吨。 主体已完工,正在安装设备。 2022.10-2023.12 2022.11- 县水务集团\n"
        "2 西片管网延伸工程 铺设管网35公里。 已完成管网20公里。 2023.03-2023.11 2023.04- 县水务集团\n"
        "3 防洪排涝 东河堤防加固工程 加固堤防6公里。 完成护坡3公里。 2023.05-2024.04 2023.06- 县水利局\n",
        2023,
        (
            ("新增日供水能力", ("span", "2022-10-01", "2023-12-31")),
            ("铺设管网35公里", ("span", "2023-03-01", "2023-11-30")),
            ("加固堤防6公里", ("span", "2023-05-01", "2024-04-30")),
        ),
        table=True,
    ),
    # an event's day in the preamble (`拟在9月16日举行`) that the notice's own `时间:` line contradicts: kept for the
    # reviewer, not drafted as a second event (d-55's kind, left since the batch 7 split)
    Doc(
        "b13-a-preamble-day-the-time-line-contradicts",
        "XX社区2023年秋季趣味运动会方案\n为丰富居民文化生活,社区拟在9月16日举行秋季趣味运动会,特制定本方案:\n"
        "时间:2023年9月23日\n地点:社区广场\n各楼栋于9月20日前报名。\nXX社区居委会\n2023年9月1日\n",
        2023,
        (
            ("时间:2023年9月23日", ("day", "2023-09-23")),
            ("报名", ("deadline", "2023-09-20")),
            ("拟在9月16日举行", ("kept",)),
        ),
    ),
]


@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_a_kind_the_open_quarter_of_batch_1_showed_is_drafted_right(doc: Doc, tmp_path: Path) -> None:
    assert faults(doc, tmp_path) == []


def drafted(source: Path, command: str = "import") -> dict[str, Any]:
    """The draft `schedgen COMMAND SOURCE` writes, which must work without a row needing a look."""
    target = source.with_suffix(".yaml")
    result = run(command, str(source), "-o", str(target))
    assert result.exit_code == 0, result.stderr
    return yaml.safe_load(target.read_text(encoding="utf-8"))


def tasks_of(draft: dict[str, Any]) -> list[dict[str, Any]]:
    return [t for s in draft.get("stages", []) for t in s["tasks"]] + draft.get("tasks", [])


def test_a_header_over_two_rows_in_a_pdf_is_one_header(tmp_path: Path) -> None:
    """A name over two columns (`时间安排` over `计划工期 | 实际工期`) that a PDF leaves empty where the names below it
    stand: one header with the names of both rows, not a second table whose header is a row needing a look (d-67's
    kind, whose PDF drafted its progress column as the task and named its columns 第2列…)."""
    source = tmp_path / "进度表.pdf"
    office(
        "XX县2022年水利建设项目进度表\n"
        "| 序号 | 项目名称 | 建设内容 | 目前进展 | 时间安排 | | 责任单位 |\n"
        "| | | | | 计划工期 | 实际工期 | |\n"
        "| 1 | 城东排涝泵站 | 新建泵站1座 | 泵房主体已完工 | 2021.10-2022.06 | 2021.11- | 县水利局 |\n"
        "| 2 | 西河清淤工程 | 清淤8公里 | 已完成清淤60% | 2022.03-2022.10 | 2022.04- | 县河道管理中心 |\n",
        source,
    )
    tasks = tasks_of(drafted(source))
    assert [t["when"] for t in tasks] == ["2021.10-2022.06", "2022.03-2022.10"]
    assert [t["notes"] for t in tasks] == [
        "目前进展：泵房主体已完工；实际工期：2021.11-",
        "目前进展：已完成清淤60%；实际工期：2022.04-",
    ]


def test_a_page_stamp_above_a_table_is_not_its_title(tmp_path: Path) -> None:
    """A web page's stamp line between the headline and the table (`发布时间: … 来源: … 浏览次数:`) is no title: the
    headline is (d-67's kind, whose Word and PDF files were titled by their stamp line)."""
    source = tmp_path / "进展.txt"
    source.write_text(
        "XX区2021年5月重点项目推进情况\n发布时间: 2021-06-02 09:15 来源: XX区人民政府 浏览次数:\n"
        "序号 | 项目名称 | 计划起止 | 责任单位\n1 | 城西污水处理厂扩建 | 2021.03-2022.06 | 区水务局\n"
        "2 | 北环路改造 | 2021.05-2021.12 | 区交通局\n",
        encoding="utf-8",
    )
    assert drafted(source)["title"] == "XX区2021年5月重点项目推进情况"


def test_a_numbered_paragraph_is_no_heading_over_itself(tmp_path: Path) -> None:
    """A numbered paragraph whose first clause runs past a heading's length (`一、各乡镇要按照《…分解表》(详见附件)
    的要求,…`) is an item, not a section named by its first thirty characters cut off mid-word (d-65's kind, whose
    stages were named `各牵头单位要按照《2007年三水区政府工作主要任务分解表》(`); a short heading still names one."""
    source = tmp_path / "养护.txt"
    source.write_text(
        "关于做好2021年农村公路养护工作的通知\n各乡镇人民政府:\n"
        "一、各乡镇要按照《2021年全县农村公路养护工作任务分解表》(详见附件)的要求,于4月20日前上报年度养护计划。\n"
        "二、工作要求\n各乡镇于11月30日前完成年度养护考核自查。\nXX县交通运输局\n2021年3月2日\n",
        encoding="utf-8",
    )
    draft = drafted(source, "extract")
    staged = {s["name"]: [t["when"] for t in s["tasks"]] for s in draft.get("stages", [])}
    loose = [t["when"] for t in draft.get("tasks", [])]
    assert (staged, loose) == ({"工作要求": ["11月30日前"]}, ["4月20日前"])


def test_month_lines_keep_the_document_title(tmp_path: Path) -> None:
    """A table of month lines over their work keeps the document's title line as its title, not the table's caption
    above its header (`月份工作安排`)."""
    source = tmp_path / "阅读.txt"
    source.write_text(DOCS[0].text, encoding="utf-8")
    assert drafted(source)["title"] == "XX社区图书室2023年全民阅读工作计划"
