"""Notice import: turn a notice's text (copied from a web page or a Word file) into a draft plan.

``clean`` normalises the text first — full-width letters and digits to half-width and ASCII punctuation beside
Chinese to Chinese punctuation, traditional to simplified (OpenCC), pinyin readings in brackets removed
(關(guān)於 → 关于), site boilerplate cut ("当前位置…", "相关内容", "推荐阅读"), a text printed twice kept once.
``split`` separates several notices in one file (篇1、篇2 …, 第一篇 …). ``extract`` reads one
notice into a ``Draft``: every value carries the source line it came from and, when it was inferred rather than
read plainly, a reason (``待核实``) that the YAML writer puts beside it as a comment::

    >>> d = extract(clean("关于开展扶贫日活动的通知\\n一、活动内容\\n（一）送课下乡（责任单位：市教体局。10月17日前完成）"),
    ...             year=2020)
    >>> d.activities[0].lead.value, d.activities[0].due.value
    (['市教体局'], '10月17日')

The steps, each in its own module (each imports only the ones before it): ``text`` (clean-up, splitting and
the heading and date patterns), ``draft`` (what was found), ``units``, ``outline``, ``dates`` and
``submissions`` (the pieces of extraction), ``extract`` (one notice into a ``Draft``), ``write`` (the draft as
YAML or JSON).
"""

from __future__ import annotations

from .draft import Draft, DraftActivity, DraftSubmission, Found
from .extract import extract
from .text import clean, split
from .write import to_json, to_yaml

__all__ = ["Draft", "DraftActivity", "DraftSubmission", "Found", "clean", "extract", "split", "to_json", "to_yaml"]
