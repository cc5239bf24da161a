"""Money: exact ``Decimal`` yuan with two decimals (fen).

Reading accepts the Arabic forms people write: ``1,234.50``, ``¥1234.5``, ``1234.5元``, ``1.2万``,
``1.2万元``, full-width digits. Writing gives ``1,234.50``::

    >>> parse_amount("1.2万元")
    Decimal('12000.00')
    >>> format_amount(Decimal("1234.5"))
    '1,234.50'
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .diagnostics import InputError

ZERO = Decimal("0.00")
FEN = Decimal("0.01")

_ARABIC = re.compile(r"^(?:人民币)?[¥￥]?\s*([+-]?[\d,]*\.?\d+)\s*(万)?\s*(?:元|圆)?\s*(?:整|正)?$")


class AmountError(InputError):
    """An amount that cannot be read; ``zh`` and ``en`` say why."""


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


def parse_amount(value: object) -> Decimal:
    """Read an amount in 元; raises AmountError with a reason in both languages."""
    if isinstance(value, bool):
        raise AmountError(f"应为金额，实际是 {value!r}", f"expected an amount, got {value!r}")
    if isinstance(value, (int, Decimal, float)):
        return quantize(D(value))
    if not isinstance(value, str):
        raise AmountError(f"应为金额，实际是 {value!r}", f"expected an amount, got {value!r}")
    text = unicodedata.normalize("NFKC", value).strip().replace(" ", "")
    m = _ARABIC.match(text)
    if not m:
        raise AmountError(f"无法识别金额“{value}”", f"cannot read the amount “{value}”")
    number = m.group(1).replace(",", "")
    try:
        amount = Decimal(number)
    except InvalidOperation:
        raise AmountError(f"无法识别金额“{value}”", f"cannot read the amount “{value}”") from None
    if m.group(2):
        amount *= 10000
    return quantize(amount)


def format_amount(value: Decimal) -> str:
    return f"{quantize(value):,.2f}"
