"""Money: exact ``Decimal`` yuan with two decimals (fen).

Reading accepts what people write in ledgers: ``1,234.50``, ``¥1234.5``, ``1234.5元``, ``1.2万``, ``1.2万元``,
full-width digits, and 大写 (``壹仟贰佰叁拾肆元伍角``, ``伍仟元整``, ``人民币壹万陆仟叁佰零玖元零贰分``). Writing gives
``1,234.50`` and 大写 by 会计基础工作规范 第五十二条 (整 after 元 or 角, none after 分; one 零 for a run of zeros;
零 after 元 when 角 is 0 and 分 is not; 10–19 written 壹拾…)::

    >>> parse_amount("1.2万元")
    Decimal('12000.00')
    >>> parse_amount("壹仟贰佰叁拾肆元伍角")
    Decimal('1234.50')
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

#: the range an official table holds: an amount read from an input is below 10^15 元 (in 大写 up to 玖仟玖佰玖拾玖万亿
#: …); a total of many such amounts is written in 大写 below ``CAPITAL_LIMIT`` (10^16 元)
MAX_AMOUNT = Decimal(10) ** 15
CAPITAL_LIMIT = Decimal(10) ** 16

_ARABIC = re.compile(r"^(?:人民币|RMB)?[¥￥]?([+-]?(?:\d{1,3}(?:,\d{3})+|\d*)(?:\.\d+)?)(万)?(?:元|圆)?(?:整|正)?$")

CAPITAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_DIGIT_VALUE = {c: i for i, c in enumerate(CAPITAL_DIGITS)}
_DIGIT_VALUE.update({c: i for i, c in enumerate("〇一二三四五六七八九")})
_DIGIT_VALUE.update({"两": 2, "貳": 2, "陸": 6, "〇": 0})
_SMALL_UNIT = {"拾": 10, "十": 10, "佰": 100, "百": 100, "仟": 1000, "千": 1000}
_CAPITAL_CHARS = set(_DIGIT_VALUE) | set(_SMALL_UNIT) | set("万萬亿億元圆角分整正")


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


def _read_amount(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (str, int, float, Decimal)):
        raise AmountError(f"应为金额，实际是 {value!r}", f"expected an amount, got {value!r}")
    if not isinstance(value, str):
        return D(value)
    text = unicodedata.normalize("NFKC", value).replace(" ", "").replace("\u3000", "")
    if not text:
        raise _bad(value)
    m = _ARABIC.match(text)
    if m and m.group(1) not in ("", "+", "-"):
        try:
            amount = Decimal(m.group(1).replace(",", ""))
        except InvalidOperation:
            raise _bad(value) from None
        return amount * 10000 if m.group(2) else amount
    if text.startswith("人民币"):
        text = text[3:]
    if text and set(text) <= _CAPITAL_CHARS:
        return parse_capital(text, value)
    raise _bad(value)


def parse_amount(value: object) -> Decimal:
    """Read an amount in 元, rounded half up to the fen; raises AmountError with a reason in both languages."""
    return quantize(read_amount(value))


def _integer(text: str, original: object) -> int:
    """A Chinese numeral (大写 or 小写) without 元角分: 壹万陆仟叁佰零玖 -> 16309."""
    total = section = num = 0
    prev_digit = False
    for ch in text:
        if ch in _DIGIT_VALUE:
            d = _DIGIT_VALUE[ch]
            if prev_digit and d and num:  # two significant digits in a row: 壹贰
                raise _bad(original)
            num, prev_digit = d, d != 0
        elif ch in _SMALL_UNIT:
            section += (num if num or prev_digit else 1) * _SMALL_UNIT[ch]
            num, prev_digit = 0, False
        elif ch in "万萬":
            total += (section + num) * 10000
            section = num = 0
            prev_digit = False
        elif ch in "亿億":
            total = (total + section + num) * 100_000_000
            section = num = 0
            prev_digit = False
        else:
            raise _bad(original)
    return total + section + num


def parse_capital(text: str, original: object = None) -> Decimal:
    """大写 amount -> Decimal: 壹仟零肆元伍角整 -> 1004.50. Accepts 整/正, optional 零s, 圆 for 元."""
    original = text if original is None else original
    body = text.rstrip("整正")
    if not body:
        raise _bad(original)
    yuan_part, _, frac = body.replace("圆", "元").partition("元")
    if not _:
        if "角" not in body and "分" not in body:
            raise _bad(original)  # a bare numeral is not an amount
        yuan_part, frac = "", body
    yuan = _integer(yuan_part, original) if yuan_part else 0
    jiao = fen = 0
    rest = frac.lstrip("零〇")
    if not yuan_part and not rest:
        raise _bad(original)  # "元" alone
    if rest:
        m = re.fullmatch(r"(?:(.)角)?(?:零?(.)分)?", rest)
        if not m or not (m.group(1) or m.group(2)):
            raise _bad(original)
        for group, name in ((m.group(1), "jiao"), (m.group(2), "fen")):
            if group is not None:
                if group not in _DIGIT_VALUE:
                    raise _bad(original)
                if name == "jiao":
                    jiao = _DIGIT_VALUE[group]
                else:
                    fen = _DIGIT_VALUE[group]
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


def to_capital(amount: Decimal) -> str:
    """Decimal 元 -> 大写, by 会计基础工作规范 第五十二条 (see the module docstring). Raises AmountError for a
    negative amount, one that is not a number, or one of ``CAPITAL_LIMIT`` (10^16 元) or more."""
    value = D(amount)
    if not value.is_finite():
        raise AmountError("金额不是一个数", "the amount is not a number")
    if value < 0:
        raise AmountError("金额不能为负数", "an amount cannot be negative")
    if value >= CAPITAL_LIMIT:
        raise AmountError("金额超出大写范围（须小于 10^16 元）", "the amount is too large to write in words (below 10^16 yuan)")
    value = quantize(value)
    fen_total = int(value * 100)
    yuan, jiao, fen = fen_total // 100, fen_total // 10 % 10, fen_total % 10
    parts: list[str] = []
    groups = []
    n = yuan
    while n:
        groups.append(n % 10000)
        n //= 10000
    names = ["", "万", "亿", "万亿"]
    need_zero = False
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        if g == 0:
            need_zero = bool(parts)
            continue
        if parts and (need_zero or g < 1000):
            parts.append("零")
        parts.append(_section(g) + names[i])
        need_zero = False
    text = "".join(parts)
    if yuan:
        text += "元"
    if jiao == 0 and fen == 0:
        return (text or "零元") + "整"
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
