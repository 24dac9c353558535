"""Every word the audit page and its CSV files say, one table per language (`words(lang)`)."""
from __future__ import annotations

# the areas by a code's letter, in the order the page shows them
AREAS = ("S", "T", "N", "C", "F", "Y", "X", "P")
# the mandatory items, in order; and what an item can be
ITEMS = ("sections", "tables", "sums", "fee")
PASS, FAIL, UNKNOWN, NOT_APPLICABLE = "pass", "fail", "unknown", "na"
STATUSES = (PASS, FAIL, UNKNOWN, NOT_APPLICABLE)
# the key figures of a report, in order (figures CSV, agencies); SHARE is a percentage
FIGURES = ("new", "granted", "handled", "share", "review", "litigation", "corrected")
SHARE = "share"
TRENDS = ("new", "share", "review", "litigation", "corrected")  # charted over the years
JUMPS = ("new", "review", "litigation", "corrected")  # counts whose ×5 / ÷5 is worth a look

ZH = {
    "title": "政府信息公开工作年度报告审核",
    "generated": "由 xxgk-lint {version} 生成；评分规则：{rubric}",
    "files": "数据文件（UTF-8，可用 Excel/WPS 打开）：",
    "file.reports": "评分表", "file.findings": "全部问题", "file.figures": "关键数据",
    "nav.overview": "总览", "nav.scorecard": "评分表", "nav.agencies": "各机关跨年度", "nav.jumps": "跨年度变化",
    "nav.findings": "问题清单",
    "tile.reports": "报告", "tile.errors": "有错误的报告", "tile.findings": "问题", "tile.agencies": "机关",
    "tile.score": "平均得分",
    "chart.years": "各年度报告数（按格式）", "chart.errors": "各年度有错误的报告占比",
    "chart.areas": "问题数（按类别）", "chart.codes": "问题数（按规则）", "chart.items": "必备事项",
    "chart.scores": "得分分布",
    "template.2021": "2021 格式", "template.2019": "2019 格式", "template.": "未识别格式",
    "year.none": "年度不明",
    "area.S": "部分", "area.T": "表格", "area.N": "数值", "area.C": "勾稽", "area.F": "收费",
    "area.Y": "年度", "area.X": "跨年度", "area.P": "读取",
    "area.long.S": "S 部分结构", "area.long.T": "T 表格", "area.long.N": "N 数值", "area.long.C": "C 勾稽关系",
    "area.long.F": "F 信息处理费", "area.long.Y": "Y 年度", "area.long.X": "X 跨年度", "area.long.P": "P 输入",
    "item.sections": "六个部分", "item.tables": "表格完整", "item.sums": "勾稽关系", "item.fee": "收费说明",
    "status.pass": "通过", "status.fail": "未通过", "status.unknown": "无法判断", "status.na": "不适用",
    "mark.pass": "✓", "mark.fail": "✗", "mark.unknown": "?", "mark.na": "–",
    "col.index": "序号", "col.path": "报告", "col.agency": "机关", "col.year": "年度", "col.template": "格式",
    "col.score": "得分", "col.errors": "错误", "col.warnings": "警告", "col.findings": "问题",
    "col.code": "规则", "col.name": "名称", "col.count": "数量", "col.shown": "本页列出",
    "col.line": "行", "col.column": "列", "col.severity": "级别", "col.area": "类别", "col.message": "说明",
    "col.quote": "原文", "col.place": "位置", "col.related": "相关位置", "col.suppressed": "已抑制",
    "col.years": "年度",
    "fig.new": "新收申请", "fig.granted": "予以公开", "fig.handled": "办理总计", "fig.share": "予以公开占比（%）",
    "fig.review": "行政复议", "fig.litigation": "行政诉讼", "fig.corrected": "被纠正",
    "severity.error": "错误", "severity.warning": "警告", "severity.info": "提示",
    "filter.text": "筛选（报告或机关）", "filter.year": "年度", "filter.template": "格式", "filter.all": "全部",
    "filter.status": "必备事项", "filter.failed": "有未通过", "filter.unknown": "有无法判断",
    "filter.errors": "有错误", "filter.shown": "显示 {shown} / {total} 份",
    "scorecard.note": "点击表头排序；✓ 通过，✗ 未通过，? 无法判断，– 不适用。问题数链接到该报告的问题清单。",
    "agencies.note": "同一机关两份及以上报告的关键数据（按年度）。仅有一份报告的机关 {single} 个，见评分表。",
    "agencies.none": "没有同一机关的多份报告。",
    "agencies.unknown": "未识别机关名称的报告 {count} 份，不参与跨年度比较。",
    "agencies.x": "跨年度问题",
    "jumps.note": "关键数据较该机关上一份报告变为 {factor} 倍以上或 1/{factor} 以下（两年均不少于 {floor}）。"
                  "这是提示，不是问题，不计分。",
    "jumps.none": "没有这样的变化。",
    "jumps.item": "{agency}：{figure} 由 {before}（{year_before}）变为 {after}（{year_after}），{ratio}",
    "jumps.up": "为原来的 {times} 倍", "jumps.down": "为原来的 1/{times}",
    "findings.note": "每条规则最多列出 {limit} 条；全部问题见 {csv}。",
    "findings.more": "{code}：另有 {more} 条未在本页列出，见 {csv}。",
    "findings.report": "{count} 条问题",
    "findings.none": "没有问题。",
    "findings.other": "不在评分表中的报告",
    "related": "相关位置：", "sep": "；", "related.more": "另有 {more} 处，见 {csv}", "place": "位置",
    "pager.range": "第 {first}–{last} 条，共 {total} 条", "pager.prev": "上一页", "pager.next": "下一页",
    "unknown": "—", "yes": "是",
}

EN = {
    "title": "Audit of government information disclosure annual reports",
    "generated": "Made by xxgk-lint {version}; scoring rubric: {rubric}",
    "files": "Data files (UTF-8, open in Excel/WPS): ",
    "file.reports": "scorecard", "file.findings": "all findings", "file.figures": "key figures",
    "nav.overview": "Overview", "nav.scorecard": "Scorecard", "nav.agencies": "Agencies over the years",
    "nav.jumps": "Year-over-year changes", "nav.findings": "Findings",
    "tile.reports": "reports", "tile.errors": "reports with errors", "tile.findings": "findings",
    "tile.agencies": "agencies", "tile.score": "mean score",
    "chart.years": "Reports by year and template", "chart.errors": "Share of reports with errors, by year",
    "chart.areas": "Findings by area", "chart.codes": "Findings by rule", "chart.items": "Mandatory items",
    "chart.scores": "Scores",
    "template.2021": "2021 format", "template.2019": "2019 format", "template.": "unknown format",
    "year.none": "no year",
    "area.S": "parts", "area.T": "tables", "area.N": "numbers", "area.C": "sums", "area.F": "fee",
    "area.Y": "year", "area.X": "across years", "area.P": "input",
    "area.long.S": "S parts", "area.long.T": "T tables", "area.long.N": "N numbers", "area.long.C": "C sums",
    "area.long.F": "F fee", "area.long.Y": "Y year", "area.long.X": "X across years", "area.long.P": "P input",
    "item.sections": "six parts", "item.tables": "tables complete", "item.sums": "relations",
    "item.fee": "fee statement",
    "status.pass": "pass", "status.fail": "fail", "status.unknown": "not assessable", "status.na": "not applicable",
    "mark.pass": "✓", "mark.fail": "✗", "mark.unknown": "?", "mark.na": "–",
    "col.index": "no.", "col.path": "report", "col.agency": "agency", "col.year": "year", "col.template": "template",
    "col.score": "score", "col.errors": "errors", "col.warnings": "warnings", "col.findings": "findings",
    "col.code": "code", "col.name": "name", "col.count": "count", "col.shown": "shown here",
    "col.line": "line", "col.column": "column", "col.severity": "severity", "col.area": "area",
    "col.message": "message", "col.quote": "quote", "col.place": "place", "col.related": "related",
    "col.suppressed": "suppressed", "col.years": "years",
    "fig.new": "new requests", "fig.granted": "granted", "fig.handled": "handled", "fig.share": "granted share (%)",
    "fig.review": "reviews", "fig.litigation": "lawsuits", "fig.corrected": "corrected",
    "severity.error": "error", "severity.warning": "warning", "severity.info": "info",
    "filter.text": "Filter (report or agency)", "filter.year": "year", "filter.template": "template",
    "filter.all": "all", "filter.status": "mandatory items", "filter.failed": "any failed",
    "filter.unknown": "any not assessable", "filter.errors": "with errors",
    "filter.shown": "showing {shown} of {total}",
    "scorecard.note": "Click a header to sort; ✓ pass, ✗ fail, ? not assessable, – not applicable. "
                      "A findings count links to that report's findings.",
    "agencies.note": "Key figures of agencies with two or more reports, by year. {single} agencies with one "
                     "report only are in the scorecard.",
    "agencies.none": "No agency has more than one report.",
    "agencies.unknown": "{count} reports name no agency and are not compared across years.",
    "agencies.x": "across years",
    "jumps.note": "A key figure at least {factor} times, or at most 1/{factor} of, the agency's previous report "
                  "(both at least {floor}). Notes, not findings: they cost no points.",
    "jumps.none": "No such change.",
    "jumps.item": "{agency}: {figure} went from {before} ({year_before}) to {after} ({year_after}), {ratio}",
    "jumps.up": "×{times}", "jumps.down": "÷{times}",
    "findings.note": "At most {limit} findings per rule are listed here; all are in {csv}.",
    "findings.more": "{code}: {more} more not listed here, see {csv}.",
    "findings.report": "{count} findings",
    "findings.none": "No findings.",
    "findings.other": "Reports not in the scorecard",
    "related": "related: ", "sep": "; ", "related.more": "{more} more in {csv}", "place": "place",
    "pager.range": "{first}–{last} of {total}", "pager.prev": "previous", "pager.next": "next",
    "unknown": "—", "yes": "yes",
}

_TABLES = {"zh": ZH, "en": EN}


def words(lang: str) -> dict[str, str]:
    """The table of strings of `lang` ("en", else Chinese)."""
    return _TABLES["en" if lang == "en" else "zh"]
