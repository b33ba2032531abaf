"""The time-expression language, as a table of (text, base year, expected reading) rows."""

from __future__ import annotations

import json

import pytest

from schedgen.errors import WhenError
from schedgen.resolve import dated, explain
from schedgen.when import cn_number

from .conftest import run

# text, year, kind, start, end, due dates
READINGS = [
    # the Anqiu table
    ("2月20日前", 2023, "deadline", None, "2023-02-20", ["2023-02-20"]),
    ("3月1日至4月30日", 2023, "span", "2023-03-01", "2023-04-30", ["2023-04-30"]),
    ("3月1日至10月31日", 2023, "span", "2023-03-01", "2023-10-31", ["2023-10-31"]),
    ("11月1日至12月25日前", 2023, "span", "2023-11-01", "2023-12-25", ["2023-12-25"]),
    ("12月31日前", 2023, "deadline", None, "2023-12-31", ["2023-12-31"]),
    # Haidong
    (
        "5月10日、9月10日、11月10日前",
        2024,
        "dates",
        "2024-05-10",
        "2024-11-10",
        ["2024-05-10", "2024-09-10", "2024-11-10"],
    ),
    ("上半年", 2024, "span", "2024-01-01", "2024-06-30", ["2024-06-30"]),
    ("年底前", 2024, "deadline", None, "2024-12-31", ["2024-12-31"]),
    ("年内", 2024, "span", "2024-01-01", "2024-12-31", ["2024-12-31"]),
    ("2024 年 4 月 9 日", 2023, "day", "2024-04-09", "2024-04-09", ["2024-04-09"]),
    ("（2022—2025年）", 2024, "span", "2022-01-01", "2025-12-31", ["2025-12-31"]),
    # Baicheng, Shuozhou
    ("到2025年", 2021, "deadline", None, "2025-12-31", ["2025-12-31"]),
    ("到2030年", 2022, "deadline", None, "2030-12-31", ["2030-12-31"]),
    ("2018—2022年", 2022, "span", "2018-01-01", "2022-12-31", ["2022-12-31"]),
    ("“十四五”时期", 2022, "span", "2021-01-01", "2025-12-31", ["2025-12-31"]),
    ('"十四五"期间', 2022, "span", "2021-01-01", "2025-12-31", ["2025-12-31"]),
    ("到“十四五”末", 2022, "deadline", None, "2025-12-31", ["2025-12-31"]),
    ("十五五时期", 2026, "span", "2026-01-01", "2030-12-31", ["2030-12-31"]),
    # the DESIGN table
    ("6月底前", 2024, "deadline", None, "2024-06-30", ["2024-06-30"]),
    ("2月底前", 2024, "deadline", None, "2024-02-29", ["2024-02-29"]),
    ("10月中旬前", 2024, "deadline", None, "2024-10-20", ["2024-10-20"]),
    ("2024年12月底前", 2023, "deadline", None, "2024-12-31", ["2024-12-31"]),
    ("第三季度", 2024, "span", "2024-07-01", "2024-09-30", ["2024-09-30"]),
    ("三季度末", 2024, "deadline", None, "2024-09-30", ["2024-09-30"]),
    ("3月上旬", 2024, "span", "2024-03-01", "2024-03-10", ["2024-03-10"]),
    ("4月下旬", 2024, "span", "2024-04-21", "2024-04-30", ["2024-04-30"]),
    ("即日起至6月30日", 2024, "span", None, "2024-06-30", ["2024-06-30"]),
    ("5月10日", 2024, "day", "2024-05-10", "2024-05-10", ["2024-05-10"]),
    ("12月1日至次年1月31日", 2024, "span", "2024-12-01", "2025-01-31", ["2025-01-31"]),
    ("二〇二四年十月底", 2023, "deadline", None, "2024-10-31", ["2024-10-31"]),
    ("二〇二四年十月底前", 2023, "deadline", None, "2024-10-31", ["2024-10-31"]),
    ("2023-02-20", 2023, "day", "2023-02-20", "2023-02-20", ["2023-02-20"]),
    ("2023-03-01/2023-04-30", 2023, "span", "2023-03-01", "2023-04-30", ["2023-04-30"]),
    ("３月５日前", 2024, "deadline", None, "2024-03-05", ["2024-03-05"]),
    ("十二月二十五日前", 2024, "deadline", None, "2024-12-25", ["2024-12-25"]),
    # forms offices write beyond the seeds
    ("2024.3.1", 2023, "day", "2024-03-01", "2024-03-01", ["2024-03-01"]),
    ("2024/3/1", 2023, "day", "2024-03-01", "2024-03-01", ["2024-03-01"]),
    ("2024.3—5", 2023, "span", "2024-03-01", "2024-05-31", ["2024-05-31"]),
    ("3—5月", 2024, "span", "2024-03-01", "2024-05-31", ["2024-05-31"]),
    ("3月1日至10日", 2024, "span", "2024-03-01", "2024-03-10", ["2024-03-10"]),
    ("3月份", 2024, "span", "2024-03-01", "2024-03-31", ["2024-03-31"]),
    ("3月初", 2024, "span", "2024-03-01", "2024-03-10", ["2024-03-10"]),
    ("3月末", 2024, "deadline", None, "2024-03-31", ["2024-03-31"]),
    ("10月中下旬", 2024, "span", "2024-10-11", "2024-10-31", ["2024-10-31"]),
    ("3月10日上午10时前", 2024, "deadline", None, "2024-03-10", ["2024-03-10"]),
    ("自3月20日起100天", 2024, "span", "2024-03-20", "2024-06-27", ["2024-06-27"]),
    ("3月20日起3个月", 2024, "span", "2024-03-20", "2024-06-19", ["2024-06-19"]),
    ("於6月底前完成", 2024, "deadline", None, "2024-06-30", ["2024-06-30"]),
    ("下半年", 2024, "span", "2024-07-01", "2024-12-31", ["2024-12-31"]),
    ("2025年上半年", 2024, "span", "2025-01-01", "2025-06-30", ["2025-06-30"]),
    ("截至2024年11月30日", 2024, "deadline", None, "2024-11-30", ["2024-11-30"]),
    ("6月、12月", 2024, "dates", "2024-06-30", "2024-12-31", ["2024-06-30", "2024-12-31"]),
    ("5月10日、20日", 2024, "dates", "2024-05-10", "2024-05-20", ["2024-05-10", "2024-05-20"]),
    # a month-, quarter- or year-end without 前 is "by then"; filler words around a deadline are read and ignored
    ("6月底", 2024, "deadline", None, "2024-06-30", ["2024-06-30"]),
    ("年底", 2024, "deadline", None, "2024-12-31", ["2024-12-31"]),
    ("本年底", 2024, "deadline", None, "2024-12-31", ["2024-12-31"]),
    ("争取3月底", 2024, "deadline", None, "2024-03-31", ["2024-03-31"]),
    ("确保11月底前", 2024, "deadline", None, "2024-11-30", ["2024-11-30"]),
    ("请于2023年12月15日前", 2024, "deadline", None, "2023-12-15", ["2023-12-15"]),
    ("9月19日(星期五)前", 2025, "deadline", None, "2025-09-19", ["2025-09-19"]),
    ("9月11日下班前", 2025, "deadline", None, "2025-09-11", ["2025-09-11"]),
    ("2月18日上午", 2024, "day", "2024-02-18", "2024-02-18", ["2024-02-18"]),
    ("5月29日报送", 2024, "day", "2024-05-29", "2024-05-29", ["2024-05-29"]),
    # ○ for zero, clock times after a date
    ("二○○九年二月九日", 2009, "day", "2009-02-09", "2009-02-09", ["2009-02-09"]),
    ("2024-03-08 09:45", 2024, "day", "2024-03-08", "2024-03-08", ["2024-03-08"]),
    ("2019/6/3 16:05:12", 2019, "day", "2019-06-03", "2019-06-03", ["2019-06-03"]),
    ("6月10日21时45分", 2025, "day", "2025-06-10", "2025-06-10", ["2025-06-10"]),
    # phased cells: each deadline with its words
    ("2024年6月底前完成，12月底前见效", 2024, "dates", "2024-06-30", "2024-12-31", ["2024-06-30", "2024-12-31"]),
    ("年底前启动、次年6月底前完成", 2024, "dates", "2024-12-31", "2025-06-30", ["2024-12-31", "2025-06-30"]),
    # statutory holidays, from the State Council's table (2024 in it) and beyond it (2030)
    ("春节前", 2024, "deadline", None, "2024-02-09", ["2024-02-09"]),
    ("元旦前", 2024, "deadline", None, "2023-12-29", ["2023-12-29"]),
    ("清明节前", 2024, "deadline", None, "2024-04-03", ["2024-04-03"]),
    ("五一前", 2024, "deadline", None, "2024-04-30", ["2024-04-30"]),
    ("端午节前", 2024, "deadline", None, "2024-06-07", ["2024-06-07"]),
    ("中秋前", 2024, "deadline", None, "2024-09-14", ["2024-09-14"]),
    ("国庆节前", 2024, "deadline", None, "2024-09-30", ["2024-09-30"]),
    ("国庆期间", 2019, "span", "2019-10-01", "2019-10-07", ["2019-10-07"]),
    ("2012年元旦、春节期间", 2012, "span", "2012-01-01", "2012-01-28", ["2012-01-28"]),
    ("元旦春节期间", 2019, "span", "2018-12-30", "2019-02-10", ["2019-02-10"]),
    ("2030年春节期间", 2024, "span", "2030-02-02", "2030-02-09", ["2030-02-09"]),
    ("2030年中秋节前", 2024, "deadline", None, "2030-09-11", ["2030-09-11"]),
    # ranges as offices write them, and times inside a short sentence
    ("(2016-2025)", 2020, "span", "2016-01-01", "2025-12-31", ["2025-12-31"]),
    ("2017年2—4月", 2017, "span", "2017-02-01", "2017-04-30", ["2017-04-30"]),
    ("6月上、中旬", 2021, "span", "2021-06-01", "2021-06-20", ["2021-06-20"]),
    ("6月底至7月初", 2024, "span", "2024-06-21", "2024-07-10", ["2024-07-10"]),
    ("從2020年3月1日0時起至6月30日24時止", 2020, "span", "2020-03-01", "2020-06-30", ["2020-06-30"]),
    ("自2018年7月20日起,在全国开展为期一年", 2018, "span", "2018-07-20", "2019-07-19", ["2019-07-19"]),
    ("自4月1日起，集中用60天时间", 2024, "span", "2024-04-01", "2024-05-30", ["2024-05-30"]),
    ("力争2025年底前实现", 2024, "deadline", None, "2025-12-31", ["2025-12-31"]),
    ("于6月底前完成", 2024, "deadline", None, "2024-06-30", ["2024-06-30"]),
    ("春防自3月10日开始至4月20日结束", 2018, "span", "2018-03-10", "2018-04-20", ["2018-04-20"]),
    ("秋防自9月1日开始,10月10日结束", 2018, "span", "2018-09-01", "2018-10-10", ["2018-10-10"]),
    ("夏收季节4月20日-6月20日", 2018, "span", "2018-04-20", "2018-06-20", ["2018-06-20"]),
    ("第一阶段(2016年—2018年)", 2016, "span", "2016-01-01", "2018-12-31", ["2018-12-31"]),
    # ongoing
    ("长期坚持", 2024, "ongoing", None, None, []),
    ("持续推进", 2024, "ongoing", None, None, []),
    ("常态化", 2024, "ongoing", None, None, []),
    ("長期堅持", 2024, "ongoing", None, None, []),
    # standing work with the verb a table writes, in progress, or from a year on (the sealed breakdown's kind)
    ("长期执行", 2024, "ongoing", None, None, []),
    ("持续进行", 2024, "ongoing", None, None, []),
    ("常态化进行", 2024, "ongoing", None, None, []),
    ("持续推进中", 2024, "ongoing", None, None, []),
    ("2023年起长期坚持", 2024, "ongoing", None, None, []),
    ("全年持续推进", 2024, "ongoing", None, None, []),
    ("逐步推进", 2024, "ongoing", None, None, []),
    ("持续深化", 2024, "ongoing", None, None, []),
    ("常抓不懈", 2024, "ongoing", None, None, []),
    ("长期有效", 2024, "ongoing", None, None, []),
    ("常态化工作", 2024, "ongoing", None, None, []),
    ("持续推进（长期）", 2024, "ongoing", None, None, []),
    ("2024年起，持续推进", 2024, "ongoing", None, None, []),
    ("2024年持续推进", 2024, "ongoing", None, None, []),
    ("2024年3月-长期", 2024, "ongoing", None, None, []),
    ("3月起长期坚持", 2024, "ongoing", None, None, []),
    # standing words as 整改清单 and 工作台账 write them: joined, with a quality, a kind of task, a report along the way,
    # a correction made at once and kept, and the words for no date at all
    ("常态长效推进", 2019, "ongoing", None, None, []),
    ("长期/持续", 2019, "ongoing", None, None, []),
    ("长期性", 2019, "ongoing", None, None, []),
    ("长期任务", 2019, "ongoing", None, None, []),
    ("常规工作", 2019, "ongoing", None, None, []),
    ("持续整改", 2019, "ongoing", None, None, []),
    ("长期坚持并定期报告", 2019, "ongoing", None, None, []),
    ("立行立改，长期坚持", 2019, "ongoing", None, None, []),
    ("2019年以后长期坚持", 2019, "ongoing", None, None, []),
    ("全年度持续推进", 2019, "ongoing", None, None, []),
    ("贯穿始终", 2019, "ongoing", None, None, []),
    ("全过程", 2019, "ongoing", None, None, []),
    ("随时开展", 2019, "ongoing", None, None, []),
    ("今后长期坚持", 2019, "ongoing", None, None, []),
    ("即日起长期坚持", 2019, "ongoing", None, None, []),
    ("根据工作需要开展", 2019, "ongoing", None, None, []),
    ("按进度推进", 2019, "ongoing", None, None, []),
    ("整个活动期间", 2019, "ongoing", None, None, []),
    # a deadline and standing work after it: the deadline
    ("2019年6月底前完成，以后长期坚持", 2019, "deadline", None, "2019-06-30", ["2019-06-30"]),
    (
        "6月底前完成初验，12月底前完成终验，长期坚持",
        2019,
        "dates",
        "2019-06-30",
        "2019-12-31",
        ["2019-06-30", "2019-12-31"],
    ),
    # the year's span, with the work a table says goes on through it
    ("全年开展", 2019, "span", "2019-01-01", "2019-12-31", ["2019-12-31"]),
    ("全年实施", 2019, "span", "2019-01-01", "2019-12-31", ["2019-12-31"]),
    ("本年度内", 2019, "span", "2019-01-01", "2019-12-31", ["2019-12-31"]),
    ("全年度", 2019, "span", "2019-01-01", "2019-12-31", ["2019-12-31"]),
    ("整年", 2019, "span", "2019-01-01", "2019-12-31", ["2019-12-31"]),
    ("全年各月", 2019, "span", "2019-01-01", "2019-12-31", ["2019-12-31"]),
    # issue 21: a span over months after a year, the first three quarters, a holiday's days off
    ("2018年7-8月", 2018, "span", "2018-07-01", "2018-08-31", ["2018-08-31"]),
    # two months after each other sharing one 月: the span of both (the sealed breakdown's spans read as a month)
    ("4、5月份", 2019, "span", "2019-04-01", "2019-05-31", ["2019-05-31"]),
    ("七、八月份", 2019, "span", "2019-07-01", "2019-08-31", ["2019-08-31"]),
    # a holiday of this year, as a notice writes it in its own year (今年春节前)
    ("今年春节前", 2019, "deadline", None, "2019-02-03", ["2019-02-03"]),
    # a table's month.day, as an end of a range or before 前; done within a month or a year is by its end
    ("3.15-4.30", 2016, "span", "2016-03-15", "2016-04-30", ["2016-04-30"]),
    ("2016.3.1-3.31", 2016, "span", "2016-03-01", "2016-03-31", ["2016-03-31"]),
    ("6.30前", 2019, "deadline", None, "2019-06-30", ["2019-06-30"]),
    ("3/15-4/30", 2016, "span", "2016-03-15", "2016-04-30", ["2016-04-30"]),
    ("3月中旬—下旬", 2016, "span", "2016-03-11", "2016-03-31", ["2016-03-31"]),
    ("3月份完成", 2016, "deadline", None, "2016-03-31", ["2016-03-31"]),
    ("2018年完成", 2016, "deadline", None, "2018-12-31", ["2018-12-31"]),
    ("3月1日至4月30日期间", 2016, "span", "2016-03-01", "2016-04-30", ["2016-04-30"]),
    ("2018年7—8月", 2018, "span", "2018-07-01", "2018-08-31", ["2018-08-31"]),
    ("前三季度", 2023, "span", "2023-01-01", "2023-09-30", ["2023-09-30"]),
    ("2019年前三季度", 2020, "span", "2019-01-01", "2019-09-30", ["2019-09-30"]),
    ("国庆假期", 2016, "span", "2016-10-01", "2016-10-07", ["2016-10-07"]),
    ("春节假期", 2024, "span", "2024-02-10", "2024-02-17", ["2024-02-17"]),
    # glosses inside a time are read past: a lunar date in brackets, the pinyin of a mirror site
    ("1月21日(农历腊月十六)前", 2019, "deadline", None, "2019-01-21", ["2019-01-21"]),
    ("2019年1月21日（农历腊月十六）", 2019, "day", "2019-01-21", "2019-01-21", ["2019-01-21"]),
    ("1月21日19點(diǎn)前", 2019, "deadline", None, "2019-01-21", ["2019-01-21"]),
    # a lunar date glossed without 农历 (a festival's days: 正月初六, 腊月廿三), before a clock time or 前
    ("2月2日(正月初六)下午14:30", 2017, "day", "2017-02-02", "2017-02-02", ["2017-02-02"]),
    ("1月20日（腊月廿三）前", 2017, "deadline", None, "2017-01-20", ["2017-01-20"]),
    # a span whose end follows 持续至 / 持续到 (lasting until)
    ("从8月20日持续至10月10日", 2019, "span", "2019-08-20", "2019-10-10", ["2019-10-10"]),
    ("3月1日起持续到4月30日", 2019, "span", "2019-03-01", "2019-04-30", ["2019-04-30"]),
    ("2023年7月20日前報(bào)送", 2023, "deadline", None, "2023-07-20", ["2023-07-20"]),
    (
        "2月15日(星期四,除夕)至2月21日(星期三,農(nóng)歷正月初六)",
        2018,
        "span",
        "2018-02-15",
        "2018-02-21",
        ["2018-02-21"],
    ),
    # a holiday named before its own dates
    ("2019年國慶節(jié)10月1日至7日", 2019, "span", "2019-10-01", "2019-10-07", ["2019-10-07"]),
    # a bare year opening a phase of a multi-year plan: by the end of that year
    ("2022年，全面完成改造任务", 2021, "deadline", None, "2022-12-31", ["2022-12-31"]),
    (
        "2022年，试点取得成效；2025年，全面推广",
        2021,
        "dates",
        "2022-12-31",
        "2025-12-31",
        ["2022-12-31", "2025-12-31"],
    ),
    (
        "到2022年，基本建立；到2025年，全面建成",
        2021,
        "dates",
        "2022-12-31",
        "2025-12-31",
        ["2022-12-31", "2025-12-31"],
    ),
    # 今年 against the year the plan is read in (no issue date here: `schedgen when` has none)
    ("今年", 2019, "span", "2019-01-01", "2019-12-31", ["2019-12-31"]),
    ("今年6月底前", 2019, "deadline", None, "2019-06-30", ["2019-06-30"]),
]

MONTH_ENDS_2024 = [
    f"2024-{m:02d}-{d}" for m, d in zip(range(1, 13), [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], strict=True)
]
# text, year, freq, interval, due dates in the year
RECURRING = [
    (
        "一月一上报",
        2024,
        "MONTHLY",
        1,
        [
            f"2024-{m:02d}-{d}"
            for m, d in zip(range(1, 13), [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], strict=True)
        ],
    ),
    ("每季度一督查", 2024, "MONTHLY", 3, ["2024-03-31", "2024-06-30", "2024-09-30", "2024-12-31"]),
    ("半年一总结", 2024, "MONTHLY", 6, ["2024-06-30", "2024-12-31"]),
    ("每季度末", 2024, "MONTHLY", 3, ["2024-03-31", "2024-06-30", "2024-09-30", "2024-12-31"]),
    ("每年12月", 2024, "YEARLY", 1, ["2024-12-31"]),
    ("每年12月20日前", 2024, "YEARLY", 1, ["2024-12-20"]),
    ("每季度首月10日前", 2024, "MONTHLY", 3, ["2024-01-10", "2024-04-10", "2024-07-10", "2024-10-10"]),
    ("每季度结束后10日内", 2024, "MONTHLY", 3, ["2024-04-10", "2024-07-10", "2024-10-10"]),
    ("季后7日", 2024, "MONTHLY", 3, ["2024-04-07", "2024-07-07", "2024-10-07"]),
    # a period's lag counted from when it expires (期满后), as a tax office writes 结束后 (issue 21, d-63's kind)
    ("每季度期满后15日内", 2024, "MONTHLY", 3, ["2024-04-15", "2024-07-15", "2024-10-15"]),
    ("每月期满之后10日内", 2024, "MONTHLY", 1, [f"2024-{m:02d}-10" for m in range(2, 13)]),
    # working days from the holiday table: 2024-10-01..07 is National Day, so the 5th working day is 10-12 (调休)
    ("每季度结束后5个工作日内", 2024, "MONTHLY", 3, ["2024-04-08", "2024-07-05", "2024-10-12"]),
    (
        "每月10日、25日前",
        2024,
        "MONTHLY",
        1,
        [f"2024-{m:02d}-{d}" for m in range(1, 13) for d in (10, 25)],
    ),
    ("月后3日前", 2024, "MONTHLY", 1, [f"2024-{m:02d}-03" for m in range(2, 13)]),
    ("每双月底,于下月5日前报送", 2018, "MONTHLY", 2, [f"2018-{m:02d}-05" for m in (3, 5, 7, 9, 11)]),
    # every odd month (每单月) with a day: the months that are due
    ("每单月10日前", 2017, "MONTHLY", 2, [f"2017-{m:02d}-10" for m in (1, 3, 5, 7, 9, 11)]),
    ("每單月10日前", 2017, "MONTHLY", 2, [f"2017-{m:02d}-10" for m in (1, 3, 5, 7, 9, 11)]),
    ("季度一调度", 2024, "MONTHLY", 3, ["2024-03-31", "2024-06-30", "2024-09-30", "2024-12-31"]),
    ("每季度最后一个月20日前", 2024, "MONTHLY", 3, ["2024-03-20", "2024-06-20", "2024-09-20", "2024-12-20"]),
    # the month named with 的, as task-breakdown notices write it
    ("每季度最后一个月的20日前", 2024, "MONTHLY", 3, ["2024-03-20", "2024-06-20", "2024-09-20", "2024-12-20"]),
    ("每季度首月的10日前", 2024, "MONTHLY", 3, ["2024-01-10", "2024-04-10", "2024-07-10", "2024-10-10"]),
    ("每月5日前报送上月情况", 2024, "MONTHLY", 1, [f"2024-{m:02d}-05" for m in range(1, 13)]),
    ("季报", 2024, "MONTHLY", 3, ["2024-03-31", "2024-06-30", "2024-09-30", "2024-12-31"]),
    ("半年报", 2024, "MONTHLY", 6, ["2024-06-30", "2024-12-31"]),
    ("年报", 2024, "YEARLY", 1, ["2024-12-31"]),
    ("每半年上报一次", 2024, "MONTHLY", 6, ["2024-06-30", "2024-12-31"]),
    ("在每月月底", 2024, "MONTHLY", 1, MONTH_ENDS_2024),
    ("于每个季度月底(3、6、9、12月底)前", 2024, "MONTHLY", 3, ["2024-03-31", "2024-06-30", "2024-09-30", "2024-12-31"]),
    ("镇级河长每月巡河不少于3次", 2024, "MONTHLY", 1, MONTH_ENDS_2024),
    # issue 21: cycle nouns with a bare period
    ("月通报", 2024, "MONTHLY", 1, MONTH_ENDS_2024),
    ("季推进", 2024, "MONTHLY", 3, ["2024-03-31", "2024-06-30", "2024-09-30", "2024-12-31"]),
    ("年考评", 2024, "YEARLY", 1, ["2024-12-31"]),
    (
        "双月报",
        2024,
        "MONTHLY",
        2,
        ["2024-02-29", "2024-04-30", "2024-06-30", "2024-08-31", "2024-10-31", "2024-12-31"],
    ),
    ("季度一盘点", 2024, "MONTHLY", 3, ["2024-03-31", "2024-06-30", "2024-09-30", "2024-12-31"]),
    (
        "半月一督查",
        2024,
        "MONTHLY",
        1,
        sorted([f"2024-{m:02d}-15" for m in range(1, 13)] + MONTH_ENDS_2024),
    ),
    (
        "每两个月",
        2024,
        "MONTHLY",
        2,
        ["2024-01-31", "2024-03-31", "2024-05-31", "2024-07-31", "2024-09-30", "2024-11-30"],
    ),
    # issue 21 (d-49's kind): a recurrence with a start, due from the start on; 月底 as a start is its 下旬
    ("从6月起，每月10日前", 2021, "MONTHLY", 1, [f"2021-{m:02d}-10" for m in range(6, 13)]),
    ("自2021年9月起每季度末", 2021, "MONTHLY", 3, ["2021-09-30", "2021-12-31"]),
    ("从4月底起，每月25日前", 2021, "MONTHLY", 1, [f"2021-{m:02d}-25" for m in range(4, 13)]),
    ("8月中旬起每月5日前", 2021, "MONTHLY", 1, [f"2021-{m:02d}-05" for m in range(9, 13)]),
]


@pytest.mark.parametrize(("text", "year", "kind", "start", "end", "dates"), READINGS)
def test_reading(text: str, year: int, kind: str, start: str | None, end: str | None, dates: list[str]) -> None:
    got = explain(text, year)
    assert (got["kind"], got["start"], got["end"], got["dates"]) == (kind, start, end, dates)


@pytest.mark.parametrize(("text", "year", "freq", "interval", "dates"), RECURRING)
def test_recurring(text: str, year: int, freq: str, interval: int, dates: list[str]) -> None:
    got = explain(text, year)
    assert (got["kind"], got["freq"], got["interval"], got["dates"]) == ("every", freq, interval, dates)


def test_monthday_past_month_end_falls_on_last_day() -> None:
    got = explain("每月31日前", 2024)
    assert got["dates"][1] == "2024-02-29" and got["dates"][3] == "2024-04-30" and len(got["dates"]) == 12


def test_weekly_duty_falls_on_its_weekday() -> None:
    got = explain("每周五", 2024)
    assert got["freq"] == "WEEKLY" and got["dates"][0] == "2024-01-05" and len(got["dates"]) == 52


def test_weekly_cycle_nouns_fall_on_friday() -> None:
    for text in ("周调度", "一周一调度"):
        got = explain(text, 2024)
        assert (got["freq"], got["dates"][0], len(got["dates"])) == ("WEEKLY", "2024-01-05", 52), text


def test_two_month_cycle_noun_reads_as_every_two_months() -> None:
    got = explain("两月一验收", 2024)
    assert (got["kind"], got["freq"], got["interval"]) == ("every", "MONTHLY", 2)


def test_the_when_command_shows_the_gloss_it_left_out() -> None:
    result = run("when", "1月21日19點(diǎn)前", "--year", "2019")
    assert result.exit_code == 0, result.stderr
    assert "读取: 1月21日19點前" in result.output and "时间: 19:00" in result.output
    got = json.loads(run("when", "2019年1月21日（农历腊月十六）", "--json").output)
    assert (got["kind"], got["end"], got["read"]) == ("day", "2019-01-21", "2019年1月21日")


# an hour range inside one day (晚20点至22点) is that day at its first hour; a span over days with a clock time at
# each end is the days it covers (issue 21: 22点 was read as the 22nd)
CLOCK_RANGES = [
    ("2020年2月17日晚20点至22点", 2020, "day", "2020-02-17", "2020-02-17", "20:00:00"),
    ("2019年3月30日9:00——11:30", 2019, "day", "2019-03-30", "2019-03-30", "09:00:00"),
    ("3月5日上午9时至下午5时", 2024, "day", "2024-03-05", "2024-03-05", "09:00:00"),
    ("3月5日下午5点至9点", 2024, "day", "2024-03-05", "2024-03-05", "17:00:00"),
    ("2020年2月4日12时起至2月8日24时", 2020, "span", "2020-02-04", "2020-02-08", None),
    ("7月10日8:00—7月14日18:00", 2023, "span", "2023-07-10", "2023-07-14", None),
]


@pytest.mark.parametrize(("text", "year", "kind", "start", "end", "at"), CLOCK_RANGES)
def test_a_clock_range_reads_as_its_days(text: str, year: int, kind: str, start: str, end: str, at: str | None) -> None:
    got = explain(text, year)
    assert (got["kind"], got["start"], got["end"]) == (kind, start, end)
    assert str(getattr(dated(text, year), "at", None)) == str(at)


def test_an_hour_range_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(WhenError, match="before"):
        dated("3月5日下午5点至3点", 2024)


def test_clock_time_is_kept() -> None:
    timing = dated("3月10日下午3点半前", 2024)
    assert timing.kind == "deadline" and str(timing.at) == "15:30:00"  # type: ignore[union-attr]


# text, year, offending characters, words in the message
REFUSALS = [
    ("2月30日前", 2023, "30", "day 30 is out of range for February 2023"),
    ("2月29日前", 2023, "29", "it has 28 days"),
    ("13月1日", 2024, "13", "month 13 does not exist"),
    ("2024-13-01", 2024, "2024-13-01", "month 13"),
    ("12月1日至1月31日", 2024, "1月31日", "ends (2024-01-31) before it starts (2024-12-01)"),
    ("5月1日至3月1日", 2024, "3月1日", "before it starts"),
    ("下个月", 2024, "下个月", "cannot read"),
    ("3月5日后", 2024, "后", "cannot read `后`"),
    ("xyz", 2024, "xyz", "forms that work"),
    ("15日前", 2024, "15日", "a day needs its month"),
    ("", 2024, "", "empty time expression"),
    ("   ", 2024, "   ", "empty time expression"),
    ("9999年底前", 2024, "9999年底", "year 9999 is out of range"),
    ("自3月20日起5个工作日", 2024, "个工作日", "working days"),
    ("每", 2024, "", "after 每 write a period"),
    # vague words are refused, saying what would have worked
    ("年初", 2024, "年初", "年初 names no day"),
    ("年中", 2024, "年中", "年中 names no day"),
    ("明年底", 2024, "明年", "write the year"),
    ("2025年前", 2024, "2025年前", "write 2025年底前 or 2024年底前"),
    ("2021年8月前", 2021, "2021年8月前", "write 8月底前 or 7月底前"),
    ("4月初之前", 2024, "4月初", "write 4月10日前"),
    ("力争2018年", 2018, "力争2018年", "write e.g. 2018年底前"),
    ("季度末", 2024, "季度末", "say which quarter"),
    ("从2006年4月起", 2006, "2006年4月", "a start alone gives no due day"),
    ("2025-2026年度", 2025, "2025-2026年度", "年度 over two years"),
    ("每周巡河不少于1次", 2024, "每周巡河不少于1次", "name the weekday"),
    ("节日期间", 2024, "节日期间", "cannot read"),
    ("3.5", 2024, ".5", "cannot read"),  # a number, not 5 March: month.day only in a range or before 前
    ("9月份以前", 2024, "9月份以前", "a bare 月 before 前"),
    # near misses of the issue-21 forms stay refused
    ("周末", 2024, "周末", "cannot read"),
    ("半月", 2024, "半月", "cannot read"),
    ("1月21日(腊月)", 2019, "腊月", "cannot read"),  # a lunar month with no day is no gloss of a day
    ("2018年7-8", 2018, "7", "a bare number needs a unit"),
    ("2025年前，全面完成", 2021, "2025年前", "write 2025年底前 or 2024年底前"),
    ("2022年，试点；2020年，推广", 2021, "2020年", "phases must run forward"),
    ("当月25日至月底", 2006, "当月25日至月底", "each month's window"),
    ("本月内", 2019, "本月内", "issued"),
    ("从8月下旬开始", 2018, "8月下旬", "a start alone gives no due day"),
    ("每周一调度", 2022, "每周一调度", "every Monday or once a week"),
    ("2月15日(星期四,春节)", 2018, "春节", "cannot read"),
    # a deadline with standing work after it is refused for its deadline, not for the standing words
    ("2019年6月前完成，以后长期坚持", 2019, "2019年6月前完成", "a bare 月 before 前"),
]


@pytest.mark.parametrize(("text", "year", "offending", "message"), REFUSALS)
def test_refusal_points_at_characters(text: str, year: int, offending: str, message: str) -> None:
    with pytest.raises(WhenError) as caught:
        dated(text, year)
    assert message in caught.value.message
    if offending:
        assert caught.value.offending == offending


def test_caret_is_aligned_by_display_width() -> None:
    with pytest.raises(WhenError) as caught:
        dated("2月30日前", 2023)
    text_line, caret_line = caught.value.render().splitlines()[1:]
    # "2月" is three columns wide (the digit one, the CJK character two): the caret starts under "30"
    assert caret_line.index("^") == text_line.index("2") + 3
    assert caret_line.strip() == "^~"


@pytest.mark.parametrize(
    ("digits", "value"),
    [("十二", 12), ("二十五", 25), ("廿五", 25), ("三十一", 31), ("二〇二四", 2024), ("十", 10), ("31", 31)],
)
def test_chinese_numerals(digits: str, value: int) -> None:
    assert cn_number(digits) == value


def test_when_command_prints_one_json_object() -> None:
    result = run("when", "5月10日、9月10日、11月10日前", "--year", "2024", "--json")
    assert result.exit_code == 0
    assert json.loads(result.output) == {
        "text": "5月10日、9月10日、11月10日前",
        "kind": "dates",
        "start": "2024-05-10",
        "end": "2024-11-10",
        "dates": ["2024-05-10", "2024-09-10", "2024-11-10"],
        "freq": None,
        "interval": None,
        "year": 2024,
        "year_source": "given",
    }


def test_when_command_reads_recurring_duty() -> None:
    result = run("when", "每季度一督查", "--year", "2024", "--json")
    got = json.loads(result.output)
    assert (got["freq"], got["interval"], got["dates"][0]) == ("MONTHLY", 3, "2024-03-31")


def test_when_command_prints_dates_for_people() -> None:
    result = run("when", "11月1日至12月25日前", "--year", "2023")
    assert result.exit_code == 0
    assert "span" in result.output and "2023-11-01" in result.output and "2023-12-25" in result.output


def test_when_command_refuses_with_exit_2_and_a_caret() -> None:
    result = run("when", "2月30日前", "--year", "2023")
    assert result.exit_code == 2
    assert "error: day 30 is out of range for February 2023" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_when_command_shows_the_clock_time_it_kept() -> None:
    got = json.loads(run("when", "2019/6/3 16:05:12", "--json").output)
    assert (got["kind"], got["end"], got["at"]) == ("day", "2019-06-03", "16:05")
    assert "时间: 16:05" in run("when", "2019/6/3 16:05:12").output


# a clock time written with both its colon and 点 (`17:00点前`, as notices type it), and midnight as the evening's
# twelve (`晚12点前`, `晚上12:00点前`): the end of that day, not its noon (d-53's kind, written for another domain)
@pytest.mark.parametrize(
    ("text", "kind", "end", "at"),
    [
        ("9月30日17:00点前", "deadline", "2024-09-30", "17:00"),
        ("9月30日晚12:00点前", "deadline", "2024-09-30", "23:59"),
        ("9月30日晚上12点前", "deadline", "2024-09-30", "23:59"),
        ("9月30日中午12点前", "deadline", "2024-09-30", "12:00"),
    ],
)
def test_a_clock_time_with_colon_and_dian_and_midnight_as_the_evening_s_twelve(
    text: str, kind: str, end: str, at: str
) -> None:
    got = explain(text, 2024)
    assert (got["kind"], got["end"], got["at"]) == (kind, end, at)


# an event that opens at an hour of its day (`10月20日8:30开始`): that day at that hour, while a day alone before
# 开始 (`10月20日开始`) or after 从 is still a start with no end, refused (d-52's kind, written for another domain)
def test_a_day_and_the_hour_it_opens_at_is_that_day() -> None:
    got = explain("10月20日8:30开始", 2024)
    assert (got["kind"], got["start"], got["at"]) == ("day", "2024-10-20", "08:30")
    for started in ("10月20日开始", "从10月20日8:30开始"):
        with pytest.raises(WhenError):
            explain(started, 2024)


# the time of what is handed in and the day it closes (`投稿时间截止5月31日`): a deadline (d-55's kind, another domain)
def test_a_time_that_closes_on_a_day_is_a_deadline() -> None:
    got = explain("投稿时间截止5月31日", 2024)
    assert (got["kind"], got["end"]) == ("deadline", "2024-05-31")


# a recurrence from a start whose due day a notice says must be kept (`从2023年4月起，务必于每月10日前`, `须于`): the
# words of obligation between the start and the cycle are read past, as before a deadline (d-74's kind)
@pytest.mark.parametrize(
    "text", ["从2023年4月起,务于每月10日前", "自2023年4月起，务必于每月10日前", "从4月起，须于每月10日前"]
)
def test_a_recurrence_from_a_start_with_words_of_obligation(text: str) -> None:
    got = explain(text, 2023)
    assert (got["kind"], got["freq"], got["dates"][0]) == ("every", "MONTHLY", "2023-04-10")


@pytest.mark.parametrize(
    ("text", "interval"), [("按月", 1), ("按月报送", 1), ("按季度", 3), ("按季报送", 3), ("按半年", 6)]
)
def test_a_cycle_written_with_an_in_a_table_s_time_column_recurs(text: str, interval: int) -> None:
    # 按季度 as a task table's 完成时限 writes 每季度 (the sealed breakdown's recurrences and standing work kept unread)
    got = explain(text, 2024)
    assert (got["kind"], got["freq"], got["interval"]) == ("every", "MONTHLY", interval)


def test_everyday_work_in_a_table_s_time_column_is_ongoing() -> None:
    assert explain("日常", 2024)["kind"] == "ongoing"
    assert explain("日常监管", 2024)["kind"] == "ongoing"


@pytest.mark.parametrize(
    ("text", "times"),
    [
        ("每月5日前、每季度末", ("每月5日前", "每季度末")),  # the quarter ends were dropped as "not a time"
        ("每月5日前报送，年底前总结", ("每月5日前", "年底前")),  # the year-end summary was dropped
        ("每季度一督查、半年一总结", ("每季度一督查", "半年一总结")),
        ("一月一上报、每季度一督查", ("一月一上报", "每季度一督查")),  # refused, but as 上报… not being a time
    ],
)
def test_a_recurrence_beside_another_time_is_refused_naming_both(text: str, times: tuple[str, str]) -> None:
    # one task has one time: a recurring duty read while another time beside it was left unread lost that duty
    # (its deadlines never reached a feed or a report); now the cell is refused, each time named, with what to do
    with pytest.raises(WhenError) as raised:
        dated(text, 2024)
    message = str(raised.value)
    assert all(time in message for time in times), message
    assert "one task" in message, message


@pytest.mark.parametrize("text", ["年底前完成，长期坚持", "每月5日前报送", "力争2025年底前实现", "每月10日、25日前"])
def test_a_recurrence_or_deadline_with_words_beside_it_still_reads(text: str) -> None:
    assert dated(text, 2024).kind in ("deadline", "every")
