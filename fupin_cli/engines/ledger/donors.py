"""Who gave: a person, a unit, or an anonymous giver — decided openly, in this order:

1. the ledger's own word: a 捐赠人类型 column (个人 / 单位 / 匿名 …), or 个人/单位/匿名 written in its 类型 column;
2. the plan: its units (names and short names) and the donors its 捐赠规则 lists as 捐赠单位 or 个人捐赠人;
3. an anonymous label written as the name (匿名, 爱心人士, 无名氏 …), kept whole;
4. otherwise a guess from the form of the name, which fails safe: only a name that cannot be a person's is
   taken for a unit (…有限公司, …委员会, 县妇联, 城关一中, 大廊村); anything that could be a person's (张会, 王科,
   陈建校) is a person — masked in a 公示 and judged by the personal tiers.

Each decision carries its basis (``column``, ``plan``, ``label``, ``guess``), which the tables and json show.

    >>> decide = DonorTypes()
    >>> [decide(n).type for n in ("张会", "王科", "李行", "陈建校", "欧阳修远")]
    ['person', 'person', 'person', 'person', 'person']
    >>> [decide(n).type for n in ("县妇联", "城关一中", "大廊村", "广东某建设工程有限公司", "区教育局机关工会")]
    ['unit', 'unit', 'unit', 'unit', 'unit']
    >>> decide("爱心人士"), decide("王五", "单位")
    (Decided(type='anonymous', basis='label'), Decided(type='unit', basis='column'))
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable, NamedTuple

from ...privacy import COMPOUND_SURNAMES

#: the words of a donor-type cell
TYPE_WORDS = {"单位": "unit", "企业": "unit", "机关": "unit", "团体": "unit", "组织": "unit", "集体": "unit",
              "unit": "unit", "个人": "person", "person": "person", "教师": "person", "学生": "person",
              "职工": "person", "家长": "person", "干部": "person", "匿名": "anonymous", "anonymous": "anonymous",
              "不具名": "anonymous"}
TYPE_ZH = {"unit": "单位", "person": "个人", "anonymous": "匿名"}
BASIS_ZH = {"column": "台账类型列", "plan": "方案写明", "label": "匿名称谓", "guess": "按名称推断"}
BASIS_EN = {"column": "ledger column", "plan": "named in the plan", "label": "anonymous label",
            "guess": "guessed from the name"}

#: names that stand for a giver who is not named: printed as written, never masked
ANONYMOUS_LABELS = frozenset({"匿名", "匿名者", "匿名人士", "匿名捐赠", "匿名捐款", "无名氏", "佚名", "不具名",
                              "爱心人士", "社会爱心人士", "热心人士", "好心人", "爱心人", "热心市民", "爱心市民",
                              "爱心妈妈", "爱心家长", "某爱心人士", "一位爱心人士", "不愿透露姓名者"})

#: single-character surnames (百家姓 and common modern ones): a short name starting with one may be a person's
SURNAMES = frozenset(
    "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛奚范彭郎鲁韦昌马苗凤花方俞"
    "任袁柳酆鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常乐于时傅皮卞齐康伍余元卜顾孟平黄和穆萧尹姚邵湛汪祁毛禹狄米贝明臧计伏"
    "成戴谈宋茅庞熊纪舒屈项祝董梁杜阮蓝闵席季麻强贾路娄危江童颜郭梅盛林刁钟徐邱骆高夏蔡田樊胡凌霍虞万支柯昝管卢莫经房裘"
    "缪干解应宗丁宣贲邓郁单杭洪包诸左石崔吉钮龚程嵇邢滑裴陆荣翁荀羊於惠甄曲家封芮羿储靳汲邴糜松井段富巫乌焦巴弓牧隗山谷"
    "车侯宓蓬全郗班仰秋仲伊宫宁仇栾暴甘钭厉戎祖武符刘景詹束龙叶幸司韶郜黎蓟薄印宿白怀蒲邰从鄂索咸籍赖卓蔺屠蒙池乔阴胥能"
    "苍双闻莘党翟谭贡劳逄姬申扶堵冉宰郦雍却璩桑桂濮牛寿通边扈燕冀郏浦尚农温别庄晏柴瞿阎充慕连茹习宦艾鱼容向古易慎戈廖庾"
    "终暨居衡步都耿满弘匡国文寇广禄阙东欧殳沃利蔚越夔隆师巩厍聂晁勾敖融冷訾辛阚那简饶空曾毋沙乜养鞠须丰巢关蒯相查后荆红"
    "游竺权逯盖益桓公付肖覃兰揭练粟佘蹇冼闫涂岳")

#: endings no person's name has: a name ending so (and longer than the ending) is a unit
_UNIT_ENDINGS = ("公司", "有限", "学校", "小学", "中学", "初中", "高中", "大学", "学院", "幼儿园", "委员会", "协会", "商会",
                 "学会", "基金会", "慈善会", "联合会", "研究会", "集团", "银行", "支行", "分行", "信用社", "医院", "卫生院",
                 "妇联", "团委", "工会", "党委", "支部", "总支", "村委", "村委会", "居委会", "政府", "办公室", "办事处",
                 "合作社", "超市", "全体", "师生", "教职工", "全体党员", "全体学生", "全体教师", "全体员工", "全体职工", "少先队", "企业", "机关", "事务所", "研究所",
                 "派出所", "工作室", "服务站", "服务中心", "门市部", "营业部", "车间", "教育局", "财政局", "人社局",
                 "扶贫办", "管委会", "街道", "社区", "居委", "村民小组", "车队", "商店", "商行", "药店", "酒店", "饭店",
                 "宾馆", "工厂", "农场", "林场", "茶场", "养殖场", "专业户", "中心校", "完小", "教学点", "附中", "附小",
                 "职中", "职校", "技校", "实验学校", "家委会", "同学会", "校友会", "爱心团队", "志愿者协会", "志愿队",
                 "志愿服务队", "俱乐部", "联谊会", "同乡会", "股份", "有限责任公司")
#: endings a unit's name often has, but a person's given name may too (科, 行, 校 …): a unit only when the name
#: is too long for a person's, or does not start with a surname
_WEAK_ENDINGS = tuple("局委办院所社站厂店馆处科股部队村镇乡县区市会行校班组室司园场团庄屯寨铺坊中庭舍") + (
    "一中", "二中", "三中", "四中", "五中", "六中", "七中", "八中", "九中", "十中", "中心", "职工", "党员", "年级",
    "员工", "班子", "支队", "大队", "中队", "小队")
#: a note after a name: 张三（高一1班）
_NOTE = re.compile(r"[（(【\[][^）)】\]]*[\u4e00-\u9fff][^）)】\]]*[）)】\]]$")


class Decided(NamedTuple):
    type: str  # unit | person | anonymous
    basis: str  # column | plan | label | guess


def guess_type(name: str) -> str:
    """A name's type from its form alone, failing safe: ``unit`` only for a name that cannot be a person's."""
    text = _NOTE.sub("", unicodedata.normalize("NFKC", name)).replace(" ", "").strip() or name.strip()
    if text in ANONYMOUS_LABELS:
        return "anonymous"
    if len(text) >= 3 and text.endswith(_UNIT_ENDINGS) and text not in _UNIT_ENDINGS:
        return "unit"
    if text.endswith(_WEAK_ENDINGS) and len(text) >= 2 and (len(text) >= 5 or text[0] not in SURNAMES):
        return "unit"
    if len(text) == 4 and text.endswith(_WEAK_ENDINGS) and not _compound(text):
        return "unit"
    return "person"


def _compound(text: str) -> bool:
    return text[:2] in COMPOUND_SURNAMES


class DonorTypes:
    """Decides each donor's type (see the module docstring); remembers each decision."""

    def __init__(self, units: Iterable[str] = (), persons: Iterable[str] = ()):
        self.units = frozenset(units)
        self.persons = frozenset(persons)
        self.cache: dict[tuple[str, str], Decided] = {}

    def __call__(self, name: str, cell: str = "") -> Decided:
        key = (name, cell)
        d = self.cache.get(key)
        if d is None:
            d = self.cache[key] = self._decide(name, cell)
        return d

    def _decide(self, name: str, cell: str) -> Decided:
        if cell:
            t = TYPE_WORDS.get(cell.strip()) or TYPE_WORDS.get(cell.strip().lower())
            if t:
                return Decided(t, "column")
        if name in self.units:
            return Decided("unit", "plan")
        if name in self.persons:
            return Decided("person", "plan")
        t = guess_type(name)
        return Decided(t, "label" if t == "anonymous" else "guess")
