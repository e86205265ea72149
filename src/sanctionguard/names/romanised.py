"""Latin names that are romanised Chinese or Korean personal names, and their name parts.

"LI CHENG YU", "MING SUAN ZHANG" and "KIM, Hyon U" print a two-syllable given name as two
words. Read as Western names, the inner or trailing word would be a middle name or an initial,
cheap to leave out, and "Li Yu" (李瑜) or "Kim Do Hyon" would pass for them. Read as what they
are, the second syllable is half of the given name (``NamePart.SYLLABLE``) and a lone vowel is a
syllable (우 "u"), not an initial.

A name qualifies when it has three or four words, every word is one syllable of pinyin or of a
Korean romanisation, and its first word (or the one before a comma, else its last) is a common
Chinese or Korean family name.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Final

from sanctionguard.names import hangul
from sanctionguard.names.tokens import COMMA
from sanctionguard.names.types import NamePart

# Toneless pinyin syllables (the readings ICU gives the CJK Unified Ideographs block), without
# the interjections "m", "n" and "hm".
_PINYIN: Final = """
a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang
cao ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan
chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de den deng di dian
diao die ding diu dong dou du duan dui dun duo e ei en eng er fa fan fang fei fen feng fiao fo
fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo ha hai han
hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie
jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan
kuang kui kun kuo la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo long
lou lu luan lue lun luo ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou
mu na nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu nuan nue
nun nuo o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu qi qia qian
qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren reng ri rong rou ru rua
ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang shao she shei shen sheng
shi shou shu shua shuai shuan shuang shui shun shuo si song sou su suan sui sun suo ta tai tan
tang tao te teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng
wo wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin
ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe
zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun
zuo
"""
# The hundred most common Chinese family names in pinyin (one syllable).
_CHINESE_FAMILY: Final = """
wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang
xie song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su
lu ding ren shen yao cui zhong tan fan jin shi liao jia xia fu fang bai zou meng xiong qin qiu
hou yin xue yan duan lei long tao mao hao gu gong shao wan qian dai mo kong xiang chang kang
niu yi qi hong ou lai lan ni bao zhan ge yue mu
"""


@lru_cache(maxsize=1)
def _pinyin() -> frozenset[str]:
    return frozenset(_PINYIN.split())


def pinyin_syllables() -> frozenset[str]:
    """Every toneless pinyin syllable."""
    return _pinyin()


@lru_cache(maxsize=1)
def chinese_family_names() -> tuple[str, ...]:
    """The hundred most common Chinese family names in pinyin, the commonest first."""
    return tuple(_CHINESE_FAMILY.split())


def is_pinyin(text: str) -> bool:
    """Whether ``text`` is one toneless pinyin syllable ("ping", "gong"; not "kyong")."""
    return text in _pinyin()


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    return _pinyin() | hangul.latin_syllables() | _family_names()


@lru_cache(maxsize=1)
def _family_names() -> frozenset[str]:
    return frozenset(_CHINESE_FAMILY.split()) | hangul.family_spellings()


def east_asian_parts(texts: Sequence[str]) -> list[NamePart] | None:
    """The parts of a Latin name's words (commas included, as ``UNKNOWN``) if it is a
    romanised Chinese or Korean personal name with its given name written apart, else None:
    the family name, then the given name's first syllable and its later syllables."""
    words = [i for i, t in enumerate(texts) if t != COMMA]
    if not 3 <= len(words) <= 4:
        return None
    syllables, families = _syllables(), _family_names()
    if not all(texts[i] in syllables for i in words):
        return None
    commas = [i for i, t in enumerate(texts) if t == COMMA]
    if commas:
        if commas != [1] or texts[0] not in families:
            return None
        family = 0
    elif texts[words[0]] in families:
        family = words[0]
    elif texts[words[-1]] in families:
        family = words[-1]
    else:
        return None
    parts = [NamePart.UNKNOWN] * len(texts)
    parts[family] = NamePart.FAMILY
    given = [i for i in words if i != family]
    parts[given[0]] = NamePart.GIVEN
    for i in given[1:]:
        parts[i] = NamePart.SYLLABLE
    return parts
