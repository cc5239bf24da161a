"""Reading the CSV files offices really have: encodings, separators, title rows, header aliases, line numbers.

``open_table`` detects the encoding (a BOM, else UTF-8, else GB18030 — never GB18030 first, which would turn
UTF-8 into silent mojibake) and the separator (comma, tab or semicolon), finds the header row below any title
rows ("××学校扶贫日捐款明细表"), maps its cells to fields through built-in Chinese and English aliases and a
mapping the user may give, and then streams ``(line, cells)`` records; every record before the header is
reported as a title row, never silently dropped. For ``examples/ledgers/2010-区教育局/一中.csv`` (GBK, two
title rows) ``open_table`` gives ``encoding == "gb18030"``, ``header_line == 3`` and ``columns["amount"] == 3``
(tests/test_ledger.py checks exactly that).
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import unicodedata
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Iterator

from ..diagnostics import Diagnostic, Text, diag
from .files import not_regular
from .yamlsrc import parse_yaml, read_text

#: field -> accepted header names (compared after NFKC and with spaces removed)
LEDGER_FIELDS: dict[str, tuple[str, ...]] = {
    "donor": ("捐赠人", "捐款人", "捐赠者", "捐赠人姓名", "捐款人姓名", "姓名", "单位名称", "捐赠单位", "捐款单位",
              "捐赠单位或个人", "捐赠单位/个人", "单位/个人", "donor", "name"),
    "amount": ("金额", "金额（元）", "金额(元)", "捐款金额", "捐款金额（元）", "捐赠金额", "捐赠金额（元）", "捐款数",
               "捐款额", "数额", "amount"),
    "date": ("日期", "捐赠日期", "捐款日期", "时间", "捐赠时间", "date"),
    "kind": ("类型", "捐赠方式", "捐赠类型", "捐赠形式", "形式", "款物", "款/物", "kind"),
    "unit": ("所属单位", "学校", "所在单位", "单位", "组织单位", "unit"),
    "dept": ("班级", "部门", "科室", "股室", "年级", "dept"),
    "purpose": ("指定用途", "受赠村", "用途", "定向", "定向帮扶", "purpose"),
    "receipt": ("票据号", "收据编号", "收据号", "票据编号", "收据", "receipt"),
    "value": ("估值", "折价", "折价金额", "物资折价", "估价", "价值", "value"),
    "item": ("物品", "物品名称", "捐赠物品", "物资名称", "item"),
    "quantity": ("数量", "quantity"),
    "donor_type": ("捐赠人类型", "捐赠人性质", "性质", "身份", "donor_type"),
    "consent": ("同意公示", "是否公开", "公开", "同意公开", "consent"),
    "phone": ("电话", "联系电话", "手机", "手机号", "phone"),
    "id_no": ("身份证号", "身份证", "身份证号码", "证件号码", "id_no"),
    "note": ("备注", "说明", "note"),
    "seq": ("序号", "编号", "no"),
}
#: Chinese name of each field, for messages and for the user's mapping file (金额: 捐款数)
FIELD_ZH = {k: v[0] for k, v in LEDGER_FIELDS.items()}
FIELD_ZH.update({"unit": "所属单位", "dept": "班级", "purpose": "指定用途", "receipt": "票据号", "value": "估值"})

MAX_TITLE_ROWS = 20
SAMPLE_BYTES = 64 * 1024


def norm_header(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace(" ", "").replace("\u3000", "").strip().lower()


_ALIASES = {norm_header(a): f for f, names in LEDGER_FIELDS.items() for a in names}
#: the same, with each field's own (English) name as well
_FIELD_NAMES = {norm_header(a): f for f, names in LEDGER_FIELDS.items() for a in names + (f,)}


def ledger_field(name: str) -> str | None:
    """The ledger field a header or field name stands for (金额, 捐款金额（元）, amount → amount), or None."""
    return _FIELD_NAMES.get(norm_header(name))

#: the 结对帮扶 visit log (走访记录): one row per visit or contact
VISIT_FIELDS: dict[str, tuple[str, ...]] = {
    "date": ("日期", "走访日期", "时间", "date"),
    "helper": ("帮扶方", "帮扶小组", "帮扶人", "帮扶责任人", "小组", "helper"),
    "target": ("帮扶对象", "对象", "户主", "贫困户", "农户", "target"),
    "contact": ("方式", "联系方式", "走访方式", "形式", "contact"),
    "help_kind": ("帮扶内容", "帮扶类型", "帮扶类别", "help_kind"),
    "content": ("内容", "具体内容", "情况", "说明", "content"),
    "value": ("价值", "金额", "折价", "价值（元）", "金额（元）", "value"),
    "note": ("备注", "note"),
}

#: the activity-record CSV units send in for the 扶贫日活动情况统计表 (one row per activity held)
RECORD_FIELDS: dict[str, tuple[str, ...]] = {
    "unit": ("单位", "填报单位", "学校", "单位名称", "所属单位", "unit"),
    "activity": ("活动名称", "活动", "活动内容", "项目", "activity"),
    "date": ("日期", "活动日期", "时间", "date"),
    "participants": ("参与人数", "参加人数", "参与人次", "参加人次", "参与人员", "participants"),
    "beneficiaries": ("受益人数", "受益人次", "受益群众", "受益户数", "受益对象人数", "beneficiaries"),
    "cash": ("捐款金额", "捐款", "现金", "资金", "捐款（元）", "捐款金额（元）", "cash"),
    "goods": ("捐物折价", "物资折价", "捐物折价（元）", "物资折价（元）", "物资", "goods"),
    "note": ("备注", "说明", "note"),
}


def detect_encoding(sample: bytes) -> str:
    """utf-8-sig for a BOM, utf-8 when the sample decodes, else gb18030 (which covers GBK and GB2312)."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    # mostly UTF-8 with a few lines from elsewhere: stay UTF-8 (those lines are rejected), never mojibake
    text = sample.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 127) - bad
    return "utf-8" if good > bad else "gb18030"


def detect_delimiter(text: str) -> str:
    counts = {d: 0 for d in (",", "\t", ";")}
    for line in text.splitlines()[:30]:
        for d in counts:
            counts[d] += line.count(d)
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


@dataclass
class TableFile:
    """An opened ledger: where each field's column is, and the records after the header. Close it when done
    (``with open_table(…) as table: …``)."""

    path: str
    display: str
    encoding: str
    delimiter: str
    header: list[str]
    header_line: int
    columns: dict[str, int]
    #: records before the header: (line, cells) — title rows
    titles: list[tuple[int, list[str]]] = field(default_factory=list)
    blank_before: list[int] = field(default_factory=list)
    unknown_headers: list[str] = field(default_factory=list)
    _reader: Iterator | None = None
    stream: io.TextIOWrapper | None = None
    #: the csv reader itself, positioned after the header (``reader.line_num`` is the header's last line)
    reader: Any = None
    #: the file mixes encodings: cells may hold undecodable bytes (as surrogates); such lines are rejected
    mixed: bool = False

    def position(self) -> int:
        """Bytes read so far (for a progress bar)."""
        return self.stream.buffer.tell() if self.stream is not None else 0

    def records(self) -> Iterator[tuple[int, list[str]]]:
        """(first line of the record, cells) for every record after the header."""
        assert self._reader is not None
        yield from self._reader

    def close(self) -> None:
        if self.stream is not None:
            self.stream.close()

    def __enter__(self) -> TableFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class TableError(Exception):
    def __init__(self, diagnostic: Diagnostic, lines: list[int] | None = None):
        self.diagnostic = diagnostic
        self.lines = lines or []


def _decodes(fh, encoding: str, errors: str = "strict") -> bool:
    """Whether the whole file decodes (C-speed: about a second per gigabyte). Raises UnicodeError when the
    codec refuses the file as a whole (UTF-16 without a byte-order mark), whatever ``errors`` says."""
    decoder = codecs.getincrementaldecoder(encoding)(errors)
    try:
        while chunk := fh.read(1 << 20):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        if errors != "strict":
            raise
        return False
    return True


class Oversize(list):
    """Stands in for a record with a cell over the csv module's field size limit (``csv.field_size_limit()``,
    131072 characters): its cells are not read. The readers reject it (FP622), so the record is still counted."""


def too_big(row: list[str]) -> bool:
    return row.__class__ is Oversize


def _is_oversize(e: csv.Error) -> bool:
    return "field larger than field limit" in str(e)


def read_chunk(reader: Any, size: int) -> list[list[str]]:
    """Up to ``size`` records from a csv reader at C speed; a record with an oversize cell becomes an
    ``Oversize`` placeholder (the reader goes on at the next line)."""
    chunk: list[list[str]] = []
    while len(chunk) < size:
        try:
            chunk.extend(islice(reader, size - len(chunk)))  # records read before an error stay in ``chunk``
            break
        except csv.Error as e:
            if not _is_oversize(e):
                raise
            chunk.append(Oversize())
    return chunk


def readable(row: list[str], encoding: str) -> list[str]:
    """The cells of a line that did not decode (bytes kept as surrogates), made printable: the raw bytes read
    as the other usual encoding (UTF-8 ↔ GB18030) when they decode so, else with U+FFFD for each bad byte."""
    out = []
    for c in row:
        if not any("\udc80" <= ch <= "\udcff" for ch in c):
            out.append(c)
            continue
        try:
            raw = c.encode(encoding, "surrogateescape")
        except (UnicodeError, LookupError):
            out.append(c.encode("utf-8", "replace").decode("utf-8"))
            continue
        other = "gb18030" if encoding.replace("_", "-").lower() in ("utf-8", "utf-8-sig", "utf8") else "utf-8"
        try:
            out.append(raw.decode(other))
        except UnicodeDecodeError:
            out.append(raw.decode("utf-8", "replace"))
    return out


def has_undecoded(row: list[str]) -> bool:
    return any("\udc80" <= ch <= "\udcff" for c in row for ch in c)


def _records_of(reader: Any) -> Iterator[tuple[int, list[str]]]:
    prev = reader.line_num
    while True:
        try:
            for row in reader:
                yield prev + 1, row
                prev = reader.line_num
            return
        except csv.Error as e:
            if not _is_oversize(e):
                raise
            yield prev + 1, Oversize()
            prev = reader.line_num


def open_table(path: str, *, display: str | None = None, encoding: str | None = None,
               mapping: dict[str, str] | None = None, required: tuple[str, ...] = ("donor", "amount"),
               errors: str = "strict", fields: dict[str, tuple[str, ...]] | None = None) -> TableFile:
    """Open a ledger and find its header. Raises TableError (with a located diagnostic) when it cannot."""
    name = display or path
    if not os.path.exists(path):
        raise TableError(diag("FP001", file=name))
    if os.path.isdir(path):
        raise TableError(diag("FP002", file=name, reason=Text("是目录", "is a directory")))
    if (special := not_regular(path, name)) is not None:
        raise TableError(special)
    try:
        fh = open(path, "rb")
    except OSError as e:
        raise TableError(diag("FP002", file=name, reason=e.strerror or str(e))) from None
    try:
        return _find_header(fh, path, name, encoding, mapping, required, errors, fields)
    except BaseException:
        fh.close()  # every way out but a table found: the table closes it
        raise


def _find_header(fh: Any, path: str, name: str, encoding: str | None, mapping: dict[str, str] | None,
                 required: tuple[str, ...], errors: str, fields: dict[str, tuple[str, ...]] | None) -> TableFile:
    sample = fh.read(SAMPLE_BYTES)
    enc = encoding or detect_encoding(sample)
    try:
        codecs.lookup(enc)
    except LookupError:
        raise TableError(diag("FP002", file=name, reason=f"unknown encoding {enc}")) from None
    wide = codecs.lookup(enc).name.startswith(("utf-16", "utf-32"))
    if b"\x00" in sample and not wide:
        raise TableError(diag("FP003", file=name))
    try:
        fh.seek(0)
        if errors == "strict" and not _decodes(fh, enc):
            errors = "surrogateescape"  # mixed encodings: the lines that do not decode are rejected, not guessed
            fh.seek(0)
            _decodes(fh, enc, errors)
        delimiter = detect_delimiter(sample.decode(enc, errors="replace"))
    except UnicodeError as e:  # the codec refuses the file as a whole (UTF-16 without a byte-order mark)
        raise TableError(diag("FP623", file=name, line=1, encoding=enc, reason=str(e))) from None
    fh.seek(0)
    stream = io.TextIOWrapper(fh, encoding=enc, errors=errors, newline="")
    reader = csv.reader(stream, delimiter=delimiter)
    records = _records_of(reader)
    aliases = dict(_ALIASES) if fields is None else \
        {norm_header(a): f for f, names in fields.items() for a in names}
    if mapping:
        for fld, header in mapping.items():
            aliases[norm_header(header)] = fld
    titles: list[tuple[int, list[str]]] = []
    blanks: list[int] = []
    try:
        for line, row in records:
            if not any(c.strip() for c in row):
                blanks.append(line)
                continue
            found = {aliases[h]: i for i, c in reversed(list(enumerate(row))) if (h := norm_header(c)) in aliases}
            if all(r in found for r in required):
                if errors != "strict":  # a header cell that did not decode: shown readably, never as surrogates
                    row = readable(row, enc)
                unknown = [c for c in row if c.strip() and norm_header(c) not in aliases]
                table = TableFile(path, name, enc, delimiter, row, line, found, titles, blanks, unknown)
                table._reader = records
                table.reader = reader
                table.stream = stream
                table.mixed = errors != "strict"
                return table
            titles.append((line, readable(row, enc) if errors != "strict" else row))
            if len(titles) > MAX_TITLE_ROWS:
                titles.extend(records)  # no header: every record is reported, none dropped
                break
    except csv.Error as e:
        raise TableError(diag("FP002", file=name, reason=str(e))) from None
    if not titles and not blanks:
        raise TableError(diag("FP007", file=name))
    names = fields or LEDGER_FIELDS
    missing = "、".join((names[r][0] if r in names else r) if fields else FIELD_ZH[r] for r in required)
    raise TableError(diag("FP614", file=name, line=(titles[0][0] if titles else 1), fields=missing),
                     [ln for ln, _ in titles] + blanks)


def load_column_mapping(path: str) -> tuple[dict[str, str] | None, list[Diagnostic]]:
    """A small YAML file naming this ledger's headers, field by field (金额: 捐款数). Keys may be the Chinese or
    English field names; an unknown field is a diagnostic."""
    text, diags = read_text(path)
    if text is None:
        return None, diags
    src = parse_yaml(text, path)
    if src.diagnostics or not isinstance(src.data, dict):
        return None, diags + src.diagnostics + ([] if src.diagnostics else
                                                [diag("FP010", file=path, line=1, column=1, found="—")])
    out: dict[str, str] = {}
    problems: list[Diagnostic] = []
    for k, v in src.data.items():
        fld = ledger_field(str(k))
        if fld is None:
            line, col = src.at((k,), key=True)
            problems.append(diag("FP100", file=path, line=line, column=col, key=str(k), hint=""))
        else:
            out[fld] = str(v)
    return (None, problems) if problems else (out, diags)


def screen_row(row: list[str], table: TableFile, width: int) -> tuple[list[str], str | None, dict]:
    """The checks every row of a table passes first, in order: a cell over the csv limit (FP622), bytes that do
    not decode in a file of mixed encodings (FP618, the row made readable), a blank row ("blank", skipped), a row
    with other than ``width`` cells (FP605; empty cells past the end are allowed). Returns the row as it is to be
    shown, the code (or None when the row is fine) and the message arguments."""
    if too_big(row):
        return row, "FP622", {"limit": csv.field_size_limit()}
    if table.mixed and has_undecoded(row):
        return readable(row, table.encoding), "FP618", {}
    if not any(c.strip() for c in row):
        return row, "blank", {}
    if len(row) < width or (len(row) > width and any(c.strip() for c in row[width:])):
        return row, "FP605", {"expected": width, "found": len(row)}
    return row, None, {}
