"""Tables flattened by a document site's preview (issue 21): a Word or PDF table whose cells run together on a line
with no `|` and no runs of spaces, read by what its text holds: a time that reads, task prose and unit names, the
header's names giving the order of the columns and the rows' numbers cutting the rows apart. Each table is made up,
of another domain than any corpus document."""

from __future__ import annotations

from pathlib import Path

from .test_tables_as_they_come import imported, rows_read


def seen(tasks: list[dict[str, object]]) -> list[tuple[object, object, object]]:
    return [(t["task"], t.get("units"), t["when"]) for t in tasks]


def test_numbered_rows_whose_cells_run_together_are_read_by_their_time_and_units(tmp_path: Path) -> None:
    # header and rows on one line with no separator at all: each number opens a row where the row before closes on
    # a unit's name, the time is what reads as one, the units what ends as a unit's name after it
    text = (
        "2024年消防安全检查任务分工表\n"
        "序号检查内容完成时限责任单位1开展高层建筑消防设施检查，建立隐患台账。2024年5月底前县消防救援大队"
        "2完成老旧小区电动车充电设施改造。2024年9月底前县住建局\n"
    )
    code, errors, tasks = imported(tmp_path, text)
    assert "没有按表格读取" not in errors
    assert seen(tasks) == [
        ("开展高层建筑消防设施检查，建立隐患台账。", "县消防救援大队", "2024年5月底前"),
        ("完成老旧小区电动车充电设施改造。", "县住建局", "2024年9月底前"),
    ]
    assert code == 0, errors


def test_single_spaced_rows_that_do_not_split_as_the_header_are_read_by_content(tmp_path: Path) -> None:
    # one space between cells and spaces inside cells too: the rows cannot be split by the header's width, so each
    # row's time and units are found by what they read as, and the rest is the task, its spaces kept
    text = (
        "2019年农村厕所改造工作推进表\n"
        "序号 工作任务 完成时限 责任单位\n"
        "1 开展摸底调查 摸清改厕底数 4月底前 各乡镇\n"
        "2 制定 年度实施方案 2019年5月10日前 县农业农村局、县卫健委\n"
        "3 组织改厕验收 11月底前完成 县农业农村局\n"
        "县改厕办 2019年3月1日\n"
    )
    code, errors, tasks = imported(tmp_path, text)
    assert seen(tasks) == [
        ("开展摸底调查 摸清改厕底数", "各乡镇", "4月底前"),
        ("制定 年度实施方案", "县农业农村局、县卫健委", "2019年5月10日前"),
        ("组织改厕验收", "县农业农村局", "11月底前完成"),
    ]
    assert code == 0, errors


def test_the_header_gives_the_order_units_before_the_task(tmp_path: Path) -> None:
    # the units column comes first: the leading names are the units, and the time closes the row
    text = (
        "2023年校园安全专项整治安排\n"
        "序号责任单位工作内容完成时间\n"
        "1县教育局组织开展校园周边安全大检查3月15日前\n"
        "2县公安局完善校园警务室值守制度4月30日前\n"
        "3县市场监管局开展学校食堂食品安全抽检5月20日前\n"
    )
    code, errors, tasks = imported(tmp_path, text)
    assert seen(tasks) == [
        ("组织开展校园周边安全大检查", "县教育局", "3月15日前"),
        ("完善校园警务室值守制度", "县公安局", "4月30日前"),
        ("开展学校食堂食品安全抽检", "县市场监管局", "5月20日前"),
    ]
    assert code == 0, errors


def test_a_time_inside_the_task_text_stays_in_the_task(tmp_path: Path) -> None:
    # the time is written inside the task's sentence, not in a cell of its own: the task keeps its whole sentence,
    # the time is the row's, the units are the names the row ends on (the last one cut from the sentence it ends)
    text = (
        "全民健身设施补短板任务分工\n"
        "序号工作内容完成时限责任单位1推进社区健身设施建设，2022年6月底前新建健身路径30处县文体局、各街道办事处"
        "2完善体育场馆开放制度，2022年9月底前实现学校场馆错时开放县教育局\n"
    )
    code, errors, tasks = imported(tmp_path, text)
    assert seen(tasks) == [
        ("推进社区健身设施建设，2022年6月底前新建健身路径30处", "县文体局、各街道办事处", "2022年6月底前"),
        ("完善体育场馆开放制度，2022年9月底前实现学校场馆错时开放", "县教育局", "2022年9月底前"),
    ]
    assert code == 0, errors


def test_a_header_that_names_no_time_column_is_left_to_the_prose_reading(tmp_path: Path) -> None:
    # no column of times: the times are inside the tasks' sentences, and the year a sentence's target names (到2025年)
    # is no plan's year, which the prose reading tells apart; such a table is not read by content
    text = (
        "序号工作内容目标任务责任单位1推进社区健身设施建设。到2025年，新建健身路径30处。县文体局"
        "2完善体育场馆开放制度。2022年9月底前实现学校场馆错时开放。县教育局\n"
    )
    _, errors, _ = imported(tmp_path, text, "--year", "2022")
    assert "没有按表格读取" in errors


def test_what_no_column_takes_is_kept_in_the_notes(tmp_path: Path) -> None:
    # a 备注 column after the units: its words are no task, no time and no unit, and they stay in the task's notes
    text = (
        "2024年防汛物资储备任务表\n"
        "序号 工作任务 完成时限 责任单位 备注\n"
        "1 补充防汛编织袋 5月底前 县应急管理局 按上年用量的1.5倍储备\n"
        "2 检修抽排水泵站 5月20日前 县水利局 汛前试运行\n"
    )
    code, errors, tasks = imported(tmp_path, text)
    assert seen(tasks) == [
        ("补充防汛编织袋", "县应急管理局", "5月底前"),
        ("检修抽排水泵站", "县水利局", "5月20日前"),
    ]
    assert ["按上年用量的1.5倍储备" in str(t.get("notes")) for t in tasks] == [True, False]
    assert "汛前试运行" in str(tasks[1].get("notes"))
    assert code == 0, errors


def test_numbered_prose_paragraphs_with_times_and_units_are_no_table(tmp_path: Path) -> None:
    # no header names the columns: numbered paragraphs that name a time and a unit are prose, drafted as such
    text = (
        "关于做好2024年秋季开学工作的通知\n"
        "各学校：\n"
        "1.各学校要在8月25日前完成校舍安全排查，县教育局组织抽查。\n"
        "2.各学校要在8月28日前完成食堂从业人员健康体检，县卫健委配合。\n"
    )
    code, errors, tasks = imported(tmp_path, text)
    assert [t["when"] for t in tasks] == ["8月25日前", "8月28日前"]
    assert all("各学校要在" in str(t["task"]) for t in tasks)
    assert "draft" in errors or code in (0, 1)


def test_a_header_with_a_name_no_list_holds_between_known_ones_on_the_rows_line(tmp_path: Path) -> None:
    # a preview that puts the title, the header and every row on one line, one space apart; the header names a
    # column no list holds (具体措施) between known ones: it is still the header, and its cells stay with the task
    text = (
        "附件 2020年河道保洁工作任务分解表 序号 工作任务 具体措施 完成时限 责任单位 1 建立河道保洁台账 "
        "逐段登记保洁责任人 2020年3月底前 县水利局 2 开展河道垃圾集中清理 组织沿河村居清理 2020年6月底前 "
        "各乡镇人民政府\n"
    )
    code, errors, tasks = imported(tmp_path, text)
    assert seen(tasks) == [
        ("建立河道保洁台账 逐段登记保洁责任人", "县水利局", "2020年3月底前"),
        ("开展河道垃圾集中清理 组织沿河村居清理", "各乡镇人民政府", "2020年6月底前"),
    ]
    assert code == 0, errors


def test_unnumbered_rows_running_on_in_one_line_are_cut_after_each_time(tmp_path: Path) -> None:
    # no row numbers and no line between rows: the header puts the time last, so each time closes a row
    text = (
        "2021年春季植树造林工作安排\n"
        "工作内容 责任单位 完成时间\n"
        "完成造林地块规划设计 县林业局 3月10日前 组织全民义务植树活动 各乡镇人民政府 3月31日前 "
        "开展新造林抚育管护 县林业局、各乡镇人民政府 5月底前\n"
    )
    code, errors, tasks = imported(tmp_path, text)
    assert seen(tasks) == [
        ("完成造林地块规划设计", "县林业局", "3月10日前"),
        ("组织全民义务植树活动", "各乡镇人民政府", "3月31日前"),
        ("开展新造林抚育管护", "县林业局、各乡镇人民政府", "5月底前"),
    ]
    assert code == 0, errors


def test_a_header_of_a_time_and_a_task_alone_on_its_line(tmp_path: Path) -> None:
    # two names only (时间, 工作内容), alone on their line: a header; a row with a space inside its task is read
    text = (
        "2022年社区网格化管理工作安排\n"
        "时间 工作内容\n"
        "3月上旬 召开网格化管理动员部署会\n"
        "3月中旬 开展业务培训 覆盖全体网格员\n"
        "4月底前 完成辖区住户信息入户核查\n"
    )
    code, errors, tasks = imported(tmp_path, text)
    assert seen(tasks) == [
        ("召开网格化管理动员部署会", None, "3月上旬"),
        ("开展业务培训 覆盖全体网格员", None, "3月中旬"),
        ("完成辖区住户信息入户核查", None, "4月底前"),
    ]
    assert code in (0, 1), errors


def test_one_cell_a_line_with_a_cell_over_two_lines_is_cut_by_the_row_numbers(tmp_path: Path) -> None:
    # a header one name a line and the rows one cell a line, with no mark at all, a task running over two lines:
    # counting the header's width of lines misplaces every row after it; the rows' numbers cut them apart instead
    text = (
        "2023年全民阅读活动安排\n序号\n活动内容\n时间\n责任单位\n"
        "1\n举办读书分享会\n4月23日\n县图书馆\n"
        "2\n开展“书香校园”\n评选活动\n5月至6月\n县教育局\n"
        "3\n组织阅读推广人培训\n9月底前\n县文旅局\n"
    )
    code, errors, tasks = imported(tmp_path, text)
    assert seen(tasks) == [
        ("举办读书分享会", "县图书馆", "4月23日"),
        ("开展“书香校园” 评选活动", "县教育局", "5月至6月"),
        ("组织阅读推广人培训", "县文旅局", "9月底前"),
    ]
    assert code == 0, errors


def test_rows_numbered_with_chinese_numerals_in_brackets(tmp_path: Path) -> None:
    text = (
        "2024年老旧小区改造推进计划表\n"
        "序号 改造内容 时间节点 责任单位\n"
        "（一）完成改造项目入户征求意见 3月底前 各街道办事处\n"
        "（二）完成施工招标 5月15日前 区住建局\n"
        "（三）全面开工建设 6月底前 区住建局、各街道办事处\n"
    )
    code, errors, tasks = imported(tmp_path, text)
    assert seen(tasks) == [
        ("完成改造项目入户征求意见", "各街道办事处", "3月底前"),
        ("完成施工招标", "区住建局", "5月15日前"),
        ("全面开工建设", "区住建局、各街道办事处", "6月底前"),
    ]
    assert code == 0, errors


def test_a_spaced_header_whose_names_end_in_known_ones_and_headings_between_the_rows(tmp_path: Path) -> None:
    # names no list holds whole (推进时限, 承办科室) end in ones it holds; a heading of a group of rows (一、…) stands
    # between the rows, whose numbers start again under each heading
    text = (
        "2021年政务服务能力提升推进表\n"
        "序号 重点工作 推进时限 承办科室\n"
        "一、优化办事流程\n"
        "1 梳理政务服务事项清单 3月底前 审批服务科\n"
        "2 精简申请材料 压缩办理时限 6月底前 审批服务科、各窗口单位\n"
        "二、提升服务水平\n"
        "1 开展窗口人员业务培训 每季度一次 办公室\n"
        "2 推行延时错时服务 7月1日起 各窗口单位\n"
    )
    _, errors, tasks = imported(tmp_path, text)
    assert [(t["task"], t.get("units")) for t in tasks] == [
        ("梳理政务服务事项清单", "审批服务科"),
        ("精简申请材料 压缩办理时限", "审批服务科、各窗口单位"),
        ("开展窗口人员业务培训", "办公室"),
        ("推行延时错时服务", "各窗口单位"),
    ]
    assert [str(t["when"]) for t in tasks] == ["3月底前", "6月底前", "每季度一次", "7月1日起"]
    assert "一、优化办事流程" in str(tasks[0]) and "二、提升服务水平" in str(tasks[2]), errors


def test_a_leading_and_a_supporting_unit_a_space_apart_and_a_page_foot_in_the_last_row(tmp_path: Path) -> None:
    # 牵头单位 then 配合单位, one space apart in each row; a preview's page foot (第 1 页 共 2 页) runs on after the last
    # row and is no cell of it
    text = (
        "2022年河湖清四乱任务分工 序号 工作任务 牵头单位 配合单位 完成时限 1 制定专项行动方案 县水利局 "
        "县自然资源局、县生态环境局 3月底前 2 开展河湖违建摸排 县水利局 各乡镇 6月底前 第 1 页 共 2 页\n"
    )
    code, errors, tasks = imported(tmp_path, text)
    assert [(t["task"], t.get("lead"), t.get("support"), t["when"]) for t in tasks] == [
        ("制定专项行动方案", "县水利局", "县自然资源局、县生态环境局", "3月底前"),
        ("开展河湖违建摸排", "县水利局", "各乡镇", "6月底前"),
    ]
    assert code == 0, errors


def test_a_task_that_ends_as_a_unit_name_does_stays_the_task(tmp_path: Path) -> None:
    # 召开动员会 ends in 会 as 委员会 does: when every word but the time would be a unit's, the first is the task
    text = (
        "2020年创卫工作安排\n时间 工作内容 责任单位\n"
        "3月 召开动员会 县委办\n4月-6月 开展自查 建立整改台账 各乡镇\n7月 迎接省级暗访 县爱卫办\n"
    )
    code, errors, tasks = imported(tmp_path, text)
    assert seen(tasks) == [
        ("召开动员会", "县委办", "3月"),
        ("开展自查 建立整改台账", "各乡镇", "4月-6月"),
        ("迎接省级暗访", "县爱卫办", "7月"),
    ]
    assert code == 0, errors


def test_numbered_rows_with_no_header_that_end_on_a_unit_are_a_table(tmp_path: Path) -> None:
    # the preview's copy starts below the header (on the page before): numbered rows that each end on a unit's
    # name right after their time are a table's rows, the header's order read from the rows themselves
    text = (
        "2019年秸秆综合利用工作任务分解\n"
        "1制定秸秆综合利用实施方案2019年3月底前县农业农村局2建立秸秆收储运体系2019年6月底前各乡镇人民政府"
        "3开展秸秆还田技术培训2019年9月底前县农技推广中心\n"
    )
    code, errors, tasks = imported(tmp_path, text)
    assert seen(tasks) == [
        ("制定秸秆综合利用实施方案", "县农业农村局", "2019年3月底前"),
        ("建立秸秆收储运体系", "各乡镇人民政府", "2019年6月底前"),
        ("开展秸秆还田技术培训", "县农技推广中心", "2019年9月底前"),
    ]
    assert code == 0, errors


def test_numbered_prose_sentences_ending_on_a_unit_are_no_table(tmp_path: Path) -> None:
    # sentences that end with their full stop are prose, even numbered and naming a time and a unit
    text = (
        "关于做好2019年秸秆禁烧工作的通知\n"
        "1.各乡镇要在3月底前完成秸秆禁烧责任划分，报县农业农村局。\n"
        "2.各乡镇要在6月底前建立巡查队伍，报县农业农村局。\n"
        "3.县农业农村局要在9月底前组织督查，通报各乡镇人民政府。\n"
    )
    _, errors, tasks = imported(tmp_path, text)
    assert all("要在" in str(t["task"]) and "。" in str(t["task"]) for t in tasks), errors
    assert [t["when"] for t in tasks] == ["3月底前", "6月底前", "9月底前"]


def test_rows_one_cell_a_line_under_a_header_on_one_line_are_cut_by_the_kinds_of_their_cells(tmp_path: Path) -> None:
    # the header on one line, each row's cells one a line and no row numbers, a task over two lines: a row ends
    # where a line holds a cell of a column the header puts earlier (a task after the units); the paragraph below
    # the table is no row
    text = (
        "2022年创建文明城市重点工作安排\n"
        "工作内容 完成时间 责任单位\n"
        "开展市容市貌集中整治\n5月底前\n县城管局\n"
        "组织文明交通志愿服务\n覆盖主要路口\n6月30日前\n县公安局、团县委\n"
        "完成公益广告设置\n8月底前\n县委宣传部\n"
        "各单位要高度重视，明确专人负责，按照时间节点抓好落实，确保各项工作任务按期完成，不得推诿扯皮。\n"
    )
    code, errors, tasks = imported(tmp_path, text)
    assert seen(tasks) == [
        ("开展市容市貌集中整治", "县城管局", "5月底前"),
        ("组织文明交通志愿服务 覆盖主要路口", "县公安局、团县委", "6月30日前"),
        ("完成公益广告设置", "县委宣传部", "8月底前"),
    ]
    assert code == 0, errors


def test_a_line_of_words_between_the_header_and_the_first_numbered_row(tmp_path: Path) -> None:
    # a caption under the header (no time, on its own line) does not keep the numbers from cutting the rows; its
    # words stay in the first row's notes
    text = (
        "2024年中小学课后服务推进安排\n"
        "序号工作任务完成时限责任单位\n"
        "（按推进顺序排列）\n"
        "1制定课后服务实施细则3月15日前县教育局\n"
        "2完成课后服务课程备案4月底前各中小学校\n"
    )
    code, errors, tasks = imported(tmp_path, text)
    assert seen(tasks) == [
        ("制定课后服务实施细则", "县教育局", "3月15日前"),
        ("完成课后服务课程备案", "各中小学校", "4月底前"),
    ]
    assert "按推进顺序排列" in str(tasks[0].get("notes"))
    assert code == 0, errors


def test_rows_one_cell_a_line_under_a_header_one_name_a_line_with_a_task_over_two_lines(tmp_path: Path) -> None:
    # no row numbers and a task cell over two lines: counting the header's width of lines misplaces every row after
    # it; each line is put by its kind instead, a task after the units opening the next row
    text = (
        "2023年河长制巡河工作安排\n工作内容\n完成时间\n责任单位\n"
        "开展汛前河道\n集中巡查\n4月底前\n县水利局\n"
        "清理河道两岸垃圾\n5月底前\n各乡镇\n"
        "建立巡河问题台账\n6月底前\n县河长办\n"
    )
    code, errors, tasks = imported(tmp_path, text)
    assert seen(tasks) == [
        ("开展汛前河道 集中巡查", "县水利局", "4月底前"),
        ("清理河道两岸垃圾", "各乡镇", "5月底前"),
        ("建立巡河问题台账", "县河长办", "6月底前"),
    ]
    assert code == 0, errors


def test_a_flattened_table_whose_group_headings_run_into_the_rows(tmp_path: Path) -> None:
    # a preview flattened a Word table whose rows stand under group headings (一、…): nothing apart the heading
    # from the row number after it, on one line or apart by spaces; each heading is the stage of the rows under it
    for n, text in enumerate(
        (
            "2022年河道整治推进计划表\n序号主要任务时间节点责任单位一、前期准备1完成河道淤积情况排查3月底前区水务局"
            "2编制整治实施方案4月底前区水务局二、组织实施3完成河道清淤疏浚9月底前各街道办事处\n",
            "2022年河道整治推进计划表\n序号 主要任务 时间节点 责任单位 一、前期准备 1 完成河道淤积情况排查 3月底前 区水务局 "
            "2 编制整治实施方案 4月底前 区水务局 二、组织实施 3 完成河道清淤疏浚 9月底前 各街道办事处\n",
        )
    ):
        (tmp_path / str(n)).mkdir()
        code, stderr, tasks = imported(tmp_path / str(n), text)
        assert code == 0, stderr
        assert [(t.get("stage", ""), t["task"], t["when"], t["units"]) for t in tasks] == [
            ("一、前期准备", "完成河道淤积情况排查", "3月底前", "区水务局"),
            ("一、前期准备", "编制整治实施方案", "4月底前", "区水务局"),
            ("二、组织实施", "完成河道清淤疏浚", "9月底前", "各街道办事处"),
        ]


def test_flattened_rows_longer_than_a_unit_list_each_ending_on_units(tmp_path: Path) -> None:
    # run-together rows whose time stands before the units (序号工作任务完成时限责任单位): a row is cut where its text
    # ends on a unit's name and the next number opens, however long the row's text before that name
    text = (
        "2023年农村人居环境整治任务分工表\n"
        "序号工作任务完成时限责任单位1全面排查农村户厕改造情况并建立问题台账逐户销号整改2023年4月底前县农业农村局"
        "2完成农村生活垃圾收运体系建设实现行政村全覆盖2023年9月底前县城管局3开展村庄清洁行动评比2023年11月底前各乡镇人民政府\n"
    )
    assert rows_read(tmp_path, text) == [
        ("全面排查农村户厕改造情况并建立问题台账逐户销号整改", "2023年4月底前", "县农业农村局"),
        ("完成农村生活垃圾收运体系建设实现行政村全覆盖", "2023年9月底前", "县城管局"),
        ("开展村庄清洁行动评比", "2023年11月底前", "各乡镇人民政府"),
    ]


def test_a_flattened_list_of_projects_under_a_planned_works_period(tmp_path: Path) -> None:
    # a project list flattened by a preview (项目名称建设内容计划工期责任单位): 计划工期 names the column of the works'
    # planned span, so the run of names is a header and each numbered row a project with its span and its unit
    text = (
        "2022年城建重点项目计划表\n"
        "序号项目名称建设内容计划工期责任单位1滨河路改造改造道路2.5公里2022年3月—2022年10月县住建局"
        "2城北污水管网新建管网6公里2022年4月—2022年12月县水务局\n"
    )
    assert rows_read(tmp_path, text) == [
        ("滨河路改造改造道路2.5公里", "2022年3月—2022年10月", "县住建局"),
        ("城北污水管网新建管网6公里", "2022年4月—2022年12月", "县水务局"),
    ]


def test_a_title_naming_a_year_and_a_column_over_a_flattened_header_is_no_header(tmp_path: Path) -> None:
    # the title (2022年工作任务清单) names a year and then a column's name with more words after it: it is the title,
    # and the header under it (time first, then the task and the units) reads each row's cells
    text = (
        "2022年工作任务清单\n完成时限工作任务责任单位\n"
        "3月底前制定工作方案县教育局\n6月底前组织业务培训县人社局\n9月底前开展督导检查县政府办\n"
    )
    assert rows_read(tmp_path, text) == [
        ("制定工作方案", "3月底前", "县教育局"),
        ("组织业务培训", "6月底前", "县人社局"),
        ("开展督导检查", "9月底前", "县政府办"),
    ]
