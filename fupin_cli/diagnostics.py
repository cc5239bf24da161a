"""Diagnostics: every finding of every check is a ``Diagnostic`` value.

A diagnostic carries a stable code, a severity, the message arguments and a source location.
Its text is rendered in Chinese (default) or English from the catalogue below, so the same finding
reads the same in every command and every output format::

    >>> d = Diagnostic("FP103", "error", {"unit": "政体股"}, file="plans/x.yaml", line=12, column=5)
    >>> d.format()
    'plans/x.yaml:12:5: error FP103: 主办单位“政体股”未定义'

Library code never prints or exits: it returns diagnostics, and the CLI turns them into an exit code.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from typing import Any, ClassVar, Iterable, Literal

from .privacy import scrub

Severity = Literal["error", "warning"]

#: code -> (default severity, Chinese template, English template).  Codes are stable: never reuse one.
CATALOGUE: dict[str, tuple[Severity, str, str]] = {
    # FP0xx — reading the input
    "FP001": ("error", "文件不存在", "file not found"),
    "FP002": ("error", "无法读取：{reason}", "cannot read: {reason}"),
    "FP003": ("error", "不是文本文件（含二进制内容）", "not a text file (binary content)"),
    "FP004": ("error", "文件过大（{size}），方案文件上限为 {limit}",
              "file too large ({size}); a plan file may be at most {limit}"),
    "FP005": ("warning", "文件编码为 {encoding}，已按 {encoding} 读取；建议另存为 UTF-8",
              "file is encoded in {encoding} and was read as such; save it as UTF-8"),
    "FP006": ("error", "文件编码无法识别（既不是 UTF-8 也不是 GBK/GB18030）",
              "unknown text encoding (neither UTF-8 nor GBK/GB18030)"),
    "FP007": ("error", "文件为空", "file is empty"),
    "FP008": ("error", "YAML 语法错误：{problem}", "YAML syntax error: {problem}"),
    "FP009": ("error", "YAML 结构过于复杂（别名展开超过 {limit} 个节点）",
              "YAML structure too large (aliases expand to more than {limit} nodes)"),
    "FP010": ("error", "方案文件的顶层必须是键值映射（标题: …），实际是{found}",
              "the top level of a plan must be a mapping (title: …), found {found}"),
    "FP011": ("error", "键“{key}”重复出现（首次出现在第 {first} 行）",
              "key “{key}” appears twice (first on line {first})"),
    "FP012": ("error", "没有找到方案文件：{path}", "no plan files found: {path}"),
    "FP013": ("error", "不支持的 YAML 标签 {tag}", "unsupported YAML tag {tag}"),
    "FP014": ("error", "YAML 嵌套过深（超过 {limit} 层）", "YAML nested too deeply (more than {limit} levels)"),
    "FP015": ("error", "不是普通文件（{kind}），不能作为输入读取",
              "not a regular file ({kind}); it cannot be read as input"),
    "FP016": ("error", "YAML 结构过大（超过 {limit} 个节点）", "YAML structure too large (more than {limit} nodes)"),
    # FP02x — writing the outputs (nothing is written when one is refused)
    "FP020": ("error", "拒绝写入 {path}：它是本次运行读取的输入文件", "refusing to write {path}: it is an input of this run"),
    "FP021": ("error", "拒绝写入 {path}：本次运行的另一项输出（{other}）也写这个文件",
              "refusing to write {path}: another output of this run ({other}) writes the same file"),
    "FP022": ("error", "拒绝覆盖 {path}：文件已存在且不是 fupin 写的（或写后被修改过）；确认覆盖请加 --force",
              "refusing to replace {path}: it exists and was not written by fupin (or was edited since); "
              "add --force to replace it"),
    "FP023": ("error", "无法写入 {path}：{reason}", "cannot write {path}: {reason}"),
    "FP024": ("error", "本次有 {count} 项输出，{what}；请用 -o 文件夹/（以 / 结尾）",
              "this run has {count} outputs, {what_en}; give a folder: -o DIR/"),
    "FP025": ("warning", "工作表“{sheet}”中有 {count} 个金额超过 15 位有效数字（如 {cell} 的 {amount}），Excel 的数字存不下，"
              "已写为文本", "sheet “{sheet}” has {count} amounts of more than 15 significant digits (such as {amount} in "
              "{cell}), more than an Excel number holds; they are written as text"),
    # FP1xx — fields and values
    "FP100": ("error", "未知字段“{key}”{hint}", "unknown field “{key}”{hint}"),
    "FP101": ("error", "缺少必填字段“{key}”", "required field “{key}” is missing"),
    "FP102": ("error", "“{key}”的值无效：{reason}", "invalid value for “{key}”: {reason}"),
    "FP103": ("error", "主办单位“{unit}”未定义{hint}", "lead unit “{unit}” is not defined{hint}"),
    "FP104": ("error", "协办单位“{unit}”未定义{hint}", "supporting unit “{unit}” is not defined{hint}"),
    "FP105": ("error", "{role}“{unit}”未定义{hint}", "{role_en} “{unit}” is not defined{hint}"),
    "FP106": ("error", "日期无效：{reason}", "invalid date: {reason}"),
    "FP107": ("error", "字段“{key}”与“{other}”是同一项，只能写一个",
              "“{key}” and “{other}” are the same field; give only one"),
    # FP2xx — structure of the plan
    "FP201": ("error", "单位“{id}”重复定义（首次在第 {first} 行）",
              "unit “{id}” is defined twice (first on line {first})"),
    "FP202": ("error", "活动序号“{no}”重复（首次在第 {first} 行）",
              "activity number “{no}” is used twice (first on line {first})"),
    "FP203": ("error", "报送事项编号“{id}”重复（首次在第 {first} 行）",
              "submission id “{id}” is used twice (first on line {first})"),
    "FP204": ("warning", "活动“{title}”没有主办（牵头）单位",
              "activity “{title}” has no lead unit"),
    "FP205": ("warning", "方案没有写领导小组（名称、组长、成员或说明）",
              "the plan names no leading group (name, leader, members or a note)"),
    "FP206": ("error", "报送事项引用的“{ref}”未定义{hint}",
              "submission refers to “{ref}”, which is not defined{hint}"),
    # FP3xx — dates
    "FP301": ("warning", "活动“{title}”的日期 {date} 不在活动时间（{start} 至 {end}）内",
              "activity “{title}” is dated {date}, outside the campaign period ({start} to {end})"),
    "FP302": ("warning", "截止日期 {date}（{what}）距活动时间（{start} 至 {end}）超过 {days} 天",
              "deadline {date} ({what}) is more than {days} days outside the campaign period ({start} to {end})"),
    "FP303": ("warning", "阶段“{name}”与“{other}”时间重叠（{start} 至 {end}）",
              "phase “{name}” overlaps “{other}” ({start} to {end})"),
    "FP304": ("error", "{what}的结束日期 {end} 早于开始日期 {start}",
              "{what_en} ends on {end}, before it starts on {start}"),
    "FP305": ("error", "逐级报送的截止日期没有递增：{lower}（{lower_due}）之后，{upper}（{upper_due}）应更晚",
              "deadlines up the reporting chain do not increase: {upper} ({upper_due}) must come after {lower} ({lower_due})"),
    "FP306": ("warning", "报送方向向下：{src}（{src_level}）报送给 {dst}（{dst_level}）",
              "submission goes down the hierarchy: {src} ({src_level}) reports to {dst} ({dst_level})"),
    "FP307": ("warning", "日期 {date} 不在方案年度 {year} 内", "date {date} is not in the plan year {year}"),
    "FP308": ("warning", "活动周“{name}”（{start} 至 {end}）不在活动时间（{pstart} 至 {pend}）内",
              "activity week “{name}” ({start} to {end}) lies outside the campaign period ({pstart} to {pend})"),
    "FP309": ("warning", "截止日期 {date}（{weekday}）是{kind}，不是工作日；按原文不顺延",
              "deadline {date} ({weekday}) falls on a {kind_en}, not a working day; it is not moved"),
    "FP310": ("warning", "逐级报送：{lower}（{lower_due}）到 {upper}（{upper_due}）之间不足 1 个工作日",
              "reporting chain: less than one working day between {lower} ({lower_due}) and {upper} ({upper_due})"),
    # FP4xx — files the plan refers to
    "FP402": ("error", "活动记录路径“{path}”不存在（相对于 {base}）",
              "activity-record path “{path}” does not exist (relative to {base})"),
    # FP5xx — the working-day calendar and relative deadlines
    "FP501": ("error", "{year} 年的放假和调休安排未知（内置日历覆盖 {first}–{last} 年）。国务院办公厅通常在上一年"
                       "11–12 月公布，请用 --calendar 提供日历文件（示例见 examples/calendar-2027.yaml）",
              "the holidays and make-up working days of {year} are not known (the built-in calendar covers "
              "{first}–{last}); the State Council publishes them in November or December of the year before: "
              "give a calendar file with --calendar (see examples/calendar-2027.yaml)"),
    "FP502": ("error", "相对期限引用的“{ref}”未定义{hint}", "relative deadline refers to “{ref}”, which is not defined{hint}"),
    "FP503": ("error", "相对期限循环引用：{cycle}", "relative deadlines refer to each other in a cycle: {cycle}"),
    "FP504": ("warning", "没有 {year} 年的方案，未检查任何期限：找到的方案是 {years} 年的；要查看它们，请加 --all-years，"
                         "或用 --as-of 给出那一年的日期",
              "no plan of {year}, so no deadline was checked: the plans found are of {years}; to see them add "
              "--all-years, or give --as-of a date in their year"),
    # FP6xx — donation ledgers (CSV): file:line locations
    "FP601": ("error", "金额无法识别：“{value}”{reason}", "unreadable amount: “{value}”{reason}"),
    "FP602": ("error", "金额为零或负数：{value}", "zero or negative amount: {value}"),
    "FP603": ("error", "缺少捐赠人", "missing donor"),
    "FP604": ("error", "日期无法识别：“{value}”{reason}", "unreadable date: “{value}”{reason}"),
    "FP605": ("error", "列数不符：表头 {expected} 列，本行 {found} 列", "wrong column count: the header has {expected}, this row {found}"),
    "FP606": ("warning", "金额 {value} 超过两位小数，已四舍五入为 {rounded} 元", "amount {value} has more than two decimals; rounded half up to {rounded}"),
    "FP607": ("error", "合计行 {stated} 与逐笔相加 {computed} 不符（差 {diff}）", "the total row says {stated}, the rows add up to {computed} (difference {diff})"),
    "FP608": ("warning", "票据号“{receipt}”重复（首次在第 {first} 行）", "receipt number “{receipt}” used twice (first on line {first})"),
    "FP609": ("warning", "与第 {first} 行完全相同（{donor}，{amount} 元）：是否重复录入？", "identical to line {first} ({donor}, {amount}): entered twice?"),
    "FP610": ("warning", "{unit}：{count} 笔中有 {same} 笔金额均为 {amount} 元（{share}），可能存在硬性摊派", "{unit}: {same} of {count} gifts are exactly {amount} ({share}), a sign of an imposed quota"),
    "FP611": ("warning", "方案规定中小学原则上不组织捐款，但{unit}组织了 {count} 笔捐赠", "the plan says schools organise no donations, but {unit} organised {count} gifts"),
    "FP612": ("error", "捐赠总额 {computed} 与方案应到账金额 {expected} 不符（差 {diff}）", "total {computed} differs from the plan's expected total {expected} (difference {diff})"),
    "FP613": ("warning", "大额捐赠：{donor}（{kind}）{amount} 元，按规则“{rule}”办理", "large donation: {donor} ({kind}) {amount}; the rule: {rule}"),
    "FP614": ("error", "找不到表头（需要列：{fields}）；全部行未计入", "no header row found (needs columns: {fields}); no row was counted"),
    "FP615": ("error", "捐赠类型“{value}”无法识别（可写 款/现金/转账 或 物/物资）", "unknown kind of gift “{value}” (write 款 or 物)"),
    "FP616": ("error", "物资捐赠没有折价金额", "in-kind gift without a value"),
    "FP617": ("warning", "文件编码为 {encoding}，已按 {encoding} 读取", "file is encoded in {encoding} and was read as such"),
    "FP618": ("error", "本行含无法解码的字节（文件编码混杂）", "the line has bytes that do not decode (mixed encodings)"),
    "FP620": ("error", "缺少活动名称", "missing activity name"),
    "FP622": ("error", "单元格超过 {limit} 个字符（CSV 读取上限），本行未读入", "a cell is longer than {limit} characters (the CSV reader's limit); the row was not read"),
    "FP623": ("error", "无法按 {encoding} 解码此文件：{reason}", "the file does not decode as {encoding}: {reason}"),
    "FP621": ("error", "{what}无法识别：“{value}”（应为整数）", "unreadable {what_en}: “{value}” (a whole number)"),
    "FP624": ("warning", "“{donor}”按名称推断为单位，其 {amount} 元若为个人捐赠则适用“{rule}”：请在台账“捐赠人类型”列或方案“捐赠规则 → 捐赠单位/个人捐赠人”中写明", "“{donor}” was taken for a unit from its name; were its {amount} a person's gift, “{rule}” would apply: say which in a 捐赠人类型 column or in the plan's 捐赠单位 / 个人捐赠人"),
    "FP625": ("warning", "同一报表中两张表的{what}不符：{a} {a_value} 元，{b} {b_value} 元（差 {diff}）：请核对台账与活动记录", "two tables of one report disagree on the {what}: {a} says {a_value}, {b} says {b_value} (difference {diff}): check the ledgers against the activity records"),
    "FP619": ("warning", "表头中有未识别的列：{columns}（已忽略；可在列名映射中指定）", "unrecognised columns in the header: {columns} (ignored; map them in the column mapping)"),
    # FP7xx — 结对帮扶: pairings and visit logs
    "FP701": ("error", "结对中的帮扶方“{ref}”未定义{hint}", "the pairing names helper “{ref}”, which is not defined{hint}"),
    "FP702": ("error", "结对中的帮扶对象“{ref}”未定义{hint}", "the pairing names target “{ref}”, which is not defined{hint}"),
    "FP703": ("error", "“{id}”重复定义（首次在第 {first} 行）", "“{id}” is defined twice (first on line {first})"),
    "FP704": ("error", "走访记录路径“{path}”不存在（相对于 {base}）", "visit-log path “{path}” does not exist (relative to {base})"),
    "FP705": ("error", "走访记录中的帮扶方“{ref}”不在方案中{hint}", "the visit log names helper “{ref}”, who is not in the plan{hint}"),
    "FP706": ("error", "走访记录中的帮扶对象“{ref}”不在方案中{hint}", "the visit log names target “{ref}”, which is not in the plan{hint}"),
    "FP707": ("error", "缺少{what}", "missing {what_en}"),
    "FP709": ("warning", "走访达标情况没有可评判的周期（{why}）：--strict 时视为不通过", "no period of the visit policy could be judged ({why_en}): a failure with --strict"),
    "FP708": ("warning", "“{helper}”结对 {count} 个对象，超过帮扶上限 {capacity}", "“{helper}” is paired with {count} targets, over its capacity of {capacity}"),
    "FP401": ("error", "台账路径“{path}”不存在（相对于 {base}）",
              "ledger path “{path}” does not exist (relative to {base})"),
    # FP8xx — the roll-up (汇总上报) of units' plans and json reports
    "FP801": ("error", "单位“{unit}”在汇总中出现两次：{first} 与 {second}；每个单位只能汇总一次（方案或 json 报表，只给一个）",
              "unit “{unit}” comes twice in the roll-up: {first} and {second}; give each unit once (its plan or its "
              "json report, not both)"),
}


class Text:
    """A text in both languages; rendered with ``text(lang)``. Plain data: compares, hashes, pickles.

    >>> t = Text("是目录", "is a directory")
    >>> t("en"), t("zh"), t == Text("是目录", "is a directory")
    ('is a directory', '是目录', True)
    """

    __slots__ = ("zh", "en")

    def __init__(self, zh: str, en: str | None = None):
        object.__setattr__(self, "zh", zh)
        object.__setattr__(self, "en", zh if en is None else en)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Text is immutable")

    def __call__(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and (self.zh, self.en) == (other.zh, other.en)

    def __hash__(self) -> int:
        return hash((self.zh, self.en))

    def __reduce__(self) -> tuple:
        return (Text, (self.zh, self.en))

    def __repr__(self) -> str:
        return f"Text({self.zh!r}, {self.en!r})"

    def __str__(self) -> str:
        return self.zh


def render(value: Any, lang: str = "zh") -> Any:
    """``value`` in ``lang`` when it is a ``Text``; anything else as it is."""
    return value(lang) if isinstance(value, Text) else value


class FupinError(Exception):
    """The one error class of the library: a reason in both languages (``zh``, ``en``, ``text``).

    Subclasses only name what went wrong (a date, an amount, an output path, a usage error); they add nothing.
    """

    def __init__(self, zh: str | Text, en: str | None = None):
        text = zh if isinstance(zh, Text) else Text(zh, en)
        super().__init__(text.en)
        self.text = text

    @property
    def zh(self) -> str:
        return self.text.zh

    @property
    def en(self) -> str:
        return self.text.en

    def __reduce__(self) -> tuple:
        return (type(self), (self.text,))


class InputError(FupinError, ValueError):
    """A value that cannot be read."""


class UsageError(FupinError):
    """A command was asked for something it cannot do (exit code 2)."""


def default_lang() -> str:
    lang = os.environ.get("FUPIN_LANG", "zh").strip().lower()
    return "en" if lang.startswith("en") else "zh"


class Args(dict):
    """Message arguments: plain values or ``Text``; an optional one left out (a hint) renders as nothing.

    Hashable, so that a ``Diagnostic`` is: lists given as arguments are kept as tuples.
    """

    def __init__(self, *a: Any, **kw: Any):
        super().__init__(*a, **kw)
        for k, v in list(self.items()):
            if isinstance(v, list):
                dict.__setitem__(self, k, tuple(v))
            elif callable(v) and not isinstance(v, Text):
                raise TypeError(f"message argument {k!r} must be data, not a function")

    def __missing__(self, key: str) -> str:
        return ""

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(sorted(self.items(), key=lambda kv: kv[0])))

    def __reduce__(self) -> tuple:
        return (Args, (dict(self),))


@dataclass(frozen=True)
class Diagnostic:
    """One finding: stable code, severity, message arguments and where it was found."""

    code: str
    severity: Severity
    args: Args = field(default_factory=Args)
    file: str | None = None
    line: int | None = None
    column: int | None = None
    #: for table inputs (CSV): the column name the finding is about
    field: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.args, Args):
            object.__setattr__(self, "args", Args(self.args))

    def message(self, lang: str = "zh") -> str:
        """The message in ``lang``; phone and ID numbers in its arguments (often a cell as written) masked."""
        _, zh, en = CATALOGUE[self.code]
        template = en if lang == "en" else zh
        return template.format_map(Args({k: _shown(render(v, lang)) for k, v in self.args.items()}))

    @property
    def location(self) -> str:
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    @property
    def unreadable(self) -> bool:
        """The input could not be read at all (exit code 2, not 1)."""
        return self.code in UNREADABLE

    def format(self, lang: str = "zh") -> str:
        where = f"{self.location}: " if self.file else ""
        return f"{where}{self.severity} {self.code}: {self.message(lang)}"

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message(lang),
            "file": self.file,
            "line": self.line,
            "column": self.column,
            **({"field": scrub(self.field)} if self.field else {}),
        }


#: codes that mean an input could not be read at all, or an output could not or must not be written: exit code
#: 2, not 1. The one list.
UNREADABLE = frozenset({"FP001", "FP002", "FP003", "FP004", "FP006", "FP012", "FP015", "FP020", "FP021", "FP022",
                        "FP023", "FP024", "FP623"})


#: findings about the rows of a CSV table (ledger, activity records, visit log), not about a plan: a report or a
#: roll-up lists them, and they fail it only with ``strict``
ROW_CODES = frozenset(c for c in CATALOGUE if c.startswith("FP6")) | {"FP705", "FP706", "FP707"}


def _shown(value: Any) -> Any:
    """A message argument as it may be printed: phone and ID numbers masked in text, and in lists of text."""
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, tuple):
        return tuple(_shown(v) for v in value)
    return value


def diag(code: str, *, file: str | None = None, line: int | None = None, column: int | None = None,
         severity: Severity | None = None, field: str | None = None, **args: Any) -> Diagnostic:
    """Make a diagnostic with the catalogue's default severity."""
    return Diagnostic(code, severity or CATALOGUE[code][0], Args(args), file, line, column, field)


def hint(suggestion: str | None) -> Text | str:
    """A "did you mean" suffix that renders in either language."""
    if not suggestion:
        return ""
    return Text(f"，是否应为“{suggestion}”？", f"; did you mean “{suggestion}”?")


def did_you_mean(ref: str, names: Iterable[str], cutoff: float = 0.5) -> Text | str:
    """The one "did you mean" policy: the closest of ``names`` to ``ref``, as a hint suffix (or nothing).

    >>> did_you_mean("政体股", ["政教股", "计财股"])("zh")
    '，是否应为“政教股”？'
    >>> did_you_mean("xyz", ["政教股"])
    ''
    """
    close = difflib.get_close_matches(ref, list(names), n=1, cutoff=cutoff)
    return hint(close[0] if close else None)


def reason(e: FupinError) -> Text:
    """A bracketed reason suffix from an error: “（原因）” / “ (reason)”."""
    return Text(f"（{e.zh}）", f" ({e.en})")


@dataclass
class Findings:
    """What every engine result is: its diagnostics, and the exit code that follows from them.

    ``exit_code(strict)``: 2 when an input could not be read, 1 for errors (or warnings with ``strict``), else 0.
    Codes in ``lenient`` (rows a ledger rejected, say) are errors that fail the run only with ``strict``.
    """

    diagnostics: list[Diagnostic] = field(default_factory=list, kw_only=True)

    #: error codes that fail the run only with ``strict``
    lenient: ClassVar[frozenset[str]] = frozenset()
    #: whether ``strict`` makes warnings fail too (a plan check) or only the lenient errors (a ledger's rejects)
    strict_warnings: ClassVar[bool] = True

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity != "error")

    @property
    def unreadable(self) -> bool:
        return any(d.code in UNREADABLE for d in self.diagnostics)

    def exit_code(self, strict: bool = False) -> int:
        if self.unreadable:
            return 2
        for d in self.diagnostics:
            if d.severity == "error" and (strict or d.code not in self.lenient):
                return 1
            if strict and self.strict_warnings and d.severity != "error":
                return 1
        return 0


def sort_key(d: Diagnostic) -> tuple:
    return (d.file or "", d.line or 0, d.column or 0, d.code)


def counts(diags: Iterable[Diagnostic]) -> tuple[int, int]:
    errors = warnings = 0
    for d in diags:
        if d.severity == "error":
            errors += 1
        else:
            warnings += 1
    return errors, warnings
