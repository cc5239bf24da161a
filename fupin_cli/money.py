"""Money: exact ``Decimal`` yuan with two decimals (fen).

Reading accepts what people write in ledgers: ``1,234.50``, ``¥1234.5``, ``1234.5元``, ``1.2万``, ``1.2万元``,
``5千元``, ``3百元``, full-width digits, a note in brackets after the amount (``500元（现金）``), and Chinese
numerals in 大写 or 小写 (``壹仟贰佰叁拾肆元伍角``, ``伍仟元整``, ``人民币壹万陆仟叁佰零玖元零贰分``, ``一千五百元``,
``一千五``). A Chinese numeral's grammar is checked, and one that is not well formed is refused with the reason
(``一〇二元``: digits without units; ``壹亿亿元``: 亿 twice; ``五百三千``: units out of order). In 小写 a last
digit straight after a unit is the next place down, as in speech (一千五 = 1,500, 一千零五 = 1,005); in 大写,
where every place is written, it is refused: 叁佰玖 could be 309 with its 零 left out or 390 as said. Writing gives ``1,234.50`` and 大写 by 会计基础工作规范
第五十二条 (整 after 元 or 角, none after 分; one 零 for a run of zeros; 零 after 元 when 角 is 0 and 分 is not;
10–19 written 壹拾…; the part above 亿 written with 万: 壹万贰仟亿, not 壹万亿贰仟亿)::

    >>> parse_amount("1.2万元")
    Decimal('12000.00')
    >>> parse_amount("壹仟贰佰叁拾肆元伍角")
    Decimal('1234.50')
    >>> parse_amount("一千五"), parse_amount("500元（现金）")
    (Decimal('1500.00'), Decimal('500.00'))
    >>> format_amount(Decimal("1234.5"))
    '1,234.50'
    >>> to_capital(Decimal("16309.02"))
    '壹万陆仟叁佰零玖元零贰分'
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .diagnostics import InputError

ZERO = Decimal("0.00")
FEN = Decimal("0.01")

#: the range an official table holds: an amount read from an input is below 10^15 元 (in 大写 up to 玖佰玖拾玖万玖仟
#: 玖佰玖拾玖亿…); a total of many such amounts is written in 大写 below ``CAPITAL_LIMIT`` (10^16 元)
MAX_AMOUNT = Decimal(10) ** 15
CAPITAL_LIMIT = Decimal(10) ** 16

_ARABIC = re.compile(r"^(?:人民币|RMB)?[¥￥]?([+-]?(?:\d{1,3}(?:,\d{3})+|\d*)(?:\.\d+)?)([百佰千仟]?[万萬]?[亿億]?)"
                     r"(?:元|圆|圓)?(?:整|正)?$")
#: a note in brackets after an amount, as ledgers have it: 500元（现金）
_NOTE = re.compile(r"(?<=.)\([^()]*\)$")

CAPITAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
#: the digits of 大写 (traditional forms included): a digit written after a unit without 零 stands in its own place
_CAPITAL_FORMS = frozenset(CAPITAL_DIGITS + "貳參叄陸")
_DIGIT_VALUE = {c: i for i, c in enumerate(CAPITAL_DIGITS)}
_DIGIT_VALUE.update({c: i for i, c in enumerate("〇一二三四五六七八九")})
_DIGIT_VALUE.update({"两": 2, "兩": 2, "貳": 2, "參": 3, "叄": 3, "陸": 6})
_ZEROS = frozenset("零〇")
#: unit -> its power of ten: 拾 10^1, 佰 10^2, 仟 10^3 inside a section of four digits; 万 and 亿 close a section
_SMALL_UNIT = {"拾": 1, "十": 1, "佰": 2, "百": 2, "仟": 3, "千": 3}
_WAN, _YI = frozenset("万萬"), frozenset("亿億")
_CAPITAL_CHARS = set(_DIGIT_VALUE) | set(_SMALL_UNIT) | _WAN | _YI | set("元圆圓角分整正")


class AmountError(InputError):
    """An amount that cannot be read; ``zh`` and ``en`` say why."""


class CashAndGoods:
    """For a tally with ``cash`` and ``goods`` (at value): the ``total`` of the two, the one figure every table
    shows beside them."""

    __slots__ = ()  # keeps a slotted dataclass slotted
    cash: Decimal
    goods: Decimal

    @property
    def total(self) -> Decimal:
        return self.cash + self.goods


def D(value: object) -> Decimal:
    """An exact Decimal from a str, int or Decimal (never through float)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(str(value))


def quantize(value: Decimal) -> Decimal:
    """Round half up to the fen."""
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def _bad(value: object) -> AmountError:
    return AmountError(f"无法识别金额“{value}”", f"cannot read the amount “{value}”")


def _in_range(amount: Decimal, value: object) -> Decimal:
    """``amount`` when it is a finite number below ``MAX_AMOUNT`` 元 either way; else AmountError."""
    if not amount.is_finite():
        raise AmountError(f"“{value}”不是一个数", f"“{value}” is not a number")
    if abs(amount) >= MAX_AMOUNT:
        raise AmountError(f"“{value}”超出金额范围（须小于 10^15 元，即壹仟万亿元）",
                          f"“{value}” is out of range (an amount is below 10^15 yuan)")
    return amount


def read_amount(value: object) -> Decimal:
    """The amount exactly as written (not rounded), in 元: finite and below ``MAX_AMOUNT`` either way. Raises
    AmountError."""
    try:
        return _in_range(_read_amount(value), value)
    except (InvalidOperation, ValueError, OverflowError) as e:
        if isinstance(e, AmountError):
            raise
        raise _bad(value) from None


#: digits with a space between them
_SPACED_DIGITS = re.compile(r"\d[ \u3000\t]+\d")


def _read_amount(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (str, int, float, Decimal)):
        raise AmountError(f"应为金额，实际是 {value!r}", f"expected an amount, got {value!r}")
    if not isinstance(value, str):
        return D(value)
    text = unicodedata.normalize("NFKC", value)
    if _SPACED_DIGITS.search(text):  # 138 1234 5678 is a phone number, not 13,812,345,678 元
        raise AmountError(f"“{value}”的数字中间有空格，不是金额的写法", f"“{value}” has spaces between its digits: not an amount")
    text = _NOTE.sub("", text.replace(" ", "").replace("\u3000", ""))
    if not text:
        raise _bad(value)
    m = _ARABIC.match(text)
    if m and m.group(1) not in ("", "+", "-"):
        try:
            amount = Decimal(m.group(1).replace(",", ""))
        except InvalidOperation:
            raise _bad(value) from None
        power = sum(_SMALL_UNIT.get(c, 4 if c in _WAN else 8) for c in m.group(2))
        return amount.scaleb(power) if power else amount
    if text.startswith("人民币"):
        text = text[3:]
    if text and set(text) <= _CAPITAL_CHARS:
        return parse_capital(text, value)
    raise _bad(value)


def parse_amount(value: object) -> Decimal:
    """Read an amount in 元, rounded half up to the fen; raises AmountError with a reason in both languages."""
    return quantize(read_amount(value))


def _malformed(original: object, zh: str, en: str) -> AmountError:
    return AmountError(f"“{original}”不是规范的中文金额：{zh}", f"“{original}” is not a well-formed Chinese amount: {en}")


def _integer(text: str, original: object) -> int:
    """A Chinese numeral (大写 or 小写) without 元角分, its grammar checked: 壹万陆仟叁佰零玖 -> 16309.

    A section of four places is written with 仟/佰/拾 in decreasing order, each digit followed by its unit but
    the last; 万 closes a section and 亿 closes the part above it, which is itself written with 万 (壹万贰仟亿 is
    1.2×10^12); a 零 stands for missing places between two digits. A 小写 digit that ends a section directly
    after a unit is the speech abbreviation of the next place down (一千五 = 1500, 一万五 = 15000, 一亿五 =
    1.5亿); a 大写 digit there is refused (叁佰玖: 309 or 390?). Raises AmountError that says what is wrong."""
    if text in _ZEROS:
        return 0

    def bad(zh: str, en: str) -> AmountError:
        return _malformed(original, zh, en)

    yi = [i for i, c in enumerate(text) if c in _YI]
    if len(yi) > 1:
        raise bad("“亿”出现了两次", "亿 comes twice")
    # (part, the power of ten of its units place, where it starts in ``text``)
    parts = [(text[:yi[0]], 8, 0), (text[yi[0] + 1:], 0, yi[0] + 1)] if yi else [(text, 0, 0)]
    sections: list[tuple[str, int, int]] = []
    for part, power, at in parts:
        if not part and power:
            raise bad("“亿”前面缺少数字", "亿 has no digits before it")
        wan = [i for i, c in enumerate(part) if c in _WAN]
        if len(wan) > 1:
            where_zh, where_en = ("在亿以上", " above 亿") if power else ("在亿以下", " below 亿") if yi else ("", "")
            raise bad(f"“万”{where_zh}出现了两次", f"万 comes twice{where_en}")
        if wan:
            if not wan[0]:
                raise bad("“万”前面缺少数字", "万 has no digits before it")
            sections += [(part[:wan[0]], power + 4, at), (part[wan[0] + 1:], power, at + wan[0] + 1)]
        else:
            sections.append((part, power, at))
    total = 0
    last: int | None = None   # the place of the last digit written
    zero_at: int | None = None  # where a 零 waits for the digit it stands before
    unit: int | None = None   # the place of the unit just read (None when the token before was not a unit)
    for section, power, at in sections:
        top: int | None = None  # the last unit of this section, for the order check
        j = 0
        while j < len(section):
            c, where = section[j], at + j
            if c in _ZEROS:
                if last is None:
                    raise bad("“零”不能写在最前面", "a 零 cannot come first")
                if zero_at is not None:
                    raise bad("两个“零”相连（一串零只写一个“零”）", "two 零 in a row (one 零 stands for a run of zeros)")
                zero_at, unit = where, None
                j += 1
                continue
            if c in _SMALL_UNIT:
                u = _SMALL_UNIT[c]
                if u == 1 and (where == 0 or zero_at is not None) and (top is None or top > 1):
                    d, place = 1, power + 1  # 十五, 一千零十: 十 alone is 一十
                else:
                    before = _SMALL_UNIT.get(text[where - 1], 0) if where else 0
                    if before == u:
                        raise bad(f"单位“{c}”重复", f"the unit {c} is repeated")
                    if before and before < u:
                        raise bad(f"单位顺序不对：“{c}”不能在“{text[where - 1]}”之后",
                                  f"units out of order: {c} after {text[where - 1]}")
                    raise bad(f"单位“{c}”前面缺少数字", f"the unit {c} has no digit before it")
                top = u
                j += 1
            elif c in _DIGIT_VALUE:
                d = _DIGIT_VALUE[c]
                after = section[j + 1] if j + 1 < len(section) else ""
                if after in _DIGIT_VALUE:
                    raise bad(f"数字“{c}{after}”之间缺少单位（壹佰零伍，不写壹零伍）",
                              f"no unit between the digits {c}{after} (壹佰零伍, not 壹零伍)")
                if after and after not in _SMALL_UNIT:
                    raise bad(f"“{after}”写错了位置", f"{after} is out of place")
                if after:
                    u = _SMALL_UNIT[after]
                    if top is not None and u >= top:
                        prev = next(ch for ch in reversed(section[:j]) if ch in _SMALL_UNIT)
                        if u == top:
                            raise bad(f"单位“{after}”重复", f"the unit {after} is repeated")
                        raise bad(f"单位顺序不对：“{after}”不能在“{prev}”之后", f"units out of order: {after} after {prev}")
                    top, place = u, power + u
                    j += 2
                elif unit is not None and (j or not power) and unit - 1 != power:
                    if c in _CAPITAL_FORMS:  # 叁佰玖: 309 with its 零 left out, or 390 as said? Neither is sure
                        shown = text[max(where - 1, 0):where + 1]
                        raise bad(f"“{shown}”缺少“零”或单位：写“{shown[0]}零{c}”或写明“{c}”的单位",
                                  f"{shown} lacks a 零 or a unit: write {shown[0]}零{c}, or {c} with its unit")
                    place = unit - 1  # 一千五, 一万五: the next place down (but 一亿五万 is 5万)
                    j += 1
                else:
                    place = power
                    j += 1
            else:
                raise bad(f"“{c}”写错了位置", f"{c} is out of place")
            if zero_at is not None and last is not None and last - place < 2:
                raise bad(f"“{text[max(zero_at - 1, 0):zero_at + 2]}”中的“零”不代表任何空位",
                          f"the 零 in {text[max(zero_at - 1, 0):zero_at + 2]} stands for no missing place")
            total += d * 10 ** place
            last, zero_at, unit = place, None, place if j and section[j - 1] in _SMALL_UNIT else None
        if zero_at is not None:
            raise bad("“零”后面缺少数字", "a 零 has no digit after it")
        if section and power:
            unit = power  # 万 or 亿 closes the section; 万亿 together keep the place of 万
    return total


def parse_capital(text: str, original: object = None) -> Decimal:
    """A Chinese amount (大写 or 小写) -> Decimal: 壹仟零肆元伍角整 -> 1004.50. Accepts 人民币 in front, 整/正,
    the optional 零s, 圆 for 元, and a numeral without 元 (in 元: 一千五 -> 1500). Raises AmountError saying
    what is wrong."""
    original = text if original is None else original
    if text.startswith("人民币"):
        text = text[3:]
    body = text.rstrip("整正")
    if not body:
        raise _bad(original)
    yuan_part, sign, frac = body.replace("圆", "元").replace("圓", "元").partition("元")
    if not sign:
        if "角" in body or "分" in body:
            yuan_part, frac = "", body
    elif not yuan_part:
        raise _malformed(original, "“元”前面缺少数字", "元 has no number before it")
    yuan = _integer(yuan_part, original) if yuan_part else 0
    m = re.fullmatch(r"([零〇])?(?:(.)角)?(?:([零〇])?(.)分)?", frac)
    if frac and not (m and (m.group(2) or m.group(4))):
        raise _bad(original)
    jiao = fen = 0
    if frac:
        _, j, zero, f = m.groups()
        if zero and j and _DIGIT_VALUE.get(j):
            raise _malformed(original, "角与分之间没有空位，不能写“零”", "no 零 between 角 and 分")
        for digit in (j, f):
            if digit is not None and digit not in _DIGIT_VALUE:
                raise _bad(original)
        jiao = _DIGIT_VALUE[j] if j else 0
        fen = _DIGIT_VALUE[f] if f else 0
    return Decimal(yuan * 100 + jiao * 10 + fen).scaleb(-2)


def _section(n: int) -> str:
    """0 < n < 10000 as 大写 with 零 for inner zeros: 1009 -> 壹仟零玖, 1010 -> 壹仟零壹拾."""
    out = ""
    zero = False
    for unit, name in ((1000, "仟"), (100, "佰"), (10, "拾"), (1, "")):
        d = n // unit % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += CAPITAL_DIGITS[d] + name
    return out


def _wan(n: int) -> str:
    """0 < n < 10^8 as 大写: the sections above and below 万, a 零 where the lower one starts with zeros (10010 ->
    壹万零壹拾; 105000 -> 壹拾万伍仟, the 零 for 万位 left out as the rule allows)."""
    high, low = divmod(n, 10_000)
    text = _section(high) + "万" if high else ""
    if low:
        text += ("零" if high and low < 1000 else "") + _section(low)
    return text


def _yuan(n: int) -> str:
    """0 < n < 10^16 as 大写: the part above 亿 is itself written with 万 (1,234,500,000,000 -> 壹万贰仟叁佰肆拾伍亿),
    with the same 零 rule across the 亿 boundary (100,000,001 -> 壹亿零壹), where a whole group of four zeros
    skipped also takes one (1,000,010,000,000 -> 壹万亿零壹仟万)."""
    high, low = divmod(n, 100_000_000)
    text = _wan(high) + "亿" if high else ""
    if low:
        text += ("零" if high and (low < 10_000_000 or high % 10_000 == 0) else "") + _wan(low)
    return text


def to_capital(amount: Decimal, prefix: bool = False) -> str:
    """Decimal 元 -> 大写, by 会计基础工作规范 第五十二条 (see the module docstring); ``prefix`` writes 人民币 in
    front. Raises AmountError for a negative amount, one that is not a number, or one of ``CAPITAL_LIMIT``
    (10^16 元) or more.

    >>> to_capital(Decimal("1234500000000"), prefix=True)
    '人民币壹万贰仟叁佰肆拾伍亿元整'
    """
    value = D(amount)
    if not value.is_finite():
        raise AmountError("金额不是一个数", "the amount is not a number")
    if value < 0:
        raise AmountError("金额不能为负数", "an amount cannot be negative")
    if value >= CAPITAL_LIMIT:
        raise AmountError("金额超出大写范围（须小于 10^16 元）", "the amount is too large to write in words (below 10^16 yuan)")
    value = quantize(value)
    fen_total = int(value * 100)
    if fen_total >= CAPITAL_LIMIT * 100:  # 9999999999999999.995 rounds up to the limit
        raise AmountError("金额超出大写范围（须小于 10^16 元）", "the amount is too large to write in words (below 10^16 yuan)")
    yuan, jiao, fen = fen_total // 100, fen_total // 10 % 10, fen_total % 10
    text = "人民币" if prefix else ""
    if yuan:
        text += _yuan(yuan) + "元"
    if jiao == 0 and fen == 0:
        return text + ("" if yuan else "零元") + "整"
    if jiao:
        text += CAPITAL_DIGITS[jiao] + "角"
    elif yuan:
        text += "零"
    if fen:
        text += CAPITAL_DIGITS[fen] + "分"
    else:
        text += "整"
    return text


def format_amount(value: Decimal) -> str:
    return f"{quantize(value):,.2f}"
