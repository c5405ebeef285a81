"""Name vocabularies of the demo data set: Han surnames by frequency and Mongolian names.

Surname weights follow the national frequency ranking (per cent of the population, rounded),
nudged towards the north-west where 郭, 贾, 闫, 武, 乔, 郝 and 白 are commoner than in the
south. Given names are drawn from pools by birth cohort (a 1968 judge is 建国 or 秀英, a
2001 clerk 子轩 or 梓涵). Wuhai is in Inner Mongolia: a few per cent of staff carry
Mongolian names, either alone (巴特尔, 其其格) or a Han-style name after a surname common
among Mongols (包, 白, 奇, 韩 ...).
"""

from __future__ import annotations


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Each entry is a one-character surname followed by its weight.
_SURNAME_WEIGHTS = """
    王7.1 李7.0 张6.4 刘5.6 陈3.8 杨3.2 赵2.6 高1.8 郭1.8 马1.6 周1.5 吴1.3 徐1.3 孙1.5
    胡1.2 朱1.1 黄1.2 何0.9 林0.6 罗0.6 梁0.9 宋0.9 郑0.8 谢0.6 韩1.0 唐0.6 冯0.8 于0.8
    董0.8 程0.6 曹0.7 袁0.6 许0.6 邓0.4 傅0.3 沈0.3 彭0.4 吕0.5 苏0.6 卢0.4 蒋0.4 蔡0.3
    贾0.8 丁0.5 魏0.6 薛0.5 叶0.3 闫0.7 余0.3 杜0.6 任0.6 姜0.4 范0.5 石0.5 姚0.4 田0.6
    武0.6 乔0.5 郝0.6 樊0.3 孟0.5 史0.4 康0.3 侯0.4 段0.3 雷0.3 常0.4 秦0.3 尹0.2 牛0.3
    安0.3 崔0.4 白0.5 温0.3 云0.2 訾0.1 霍0.2
"""
SURNAMES: tuple[tuple[str, float], ...] = tuple(
    (entry[0], float(entry[1:])) for entry in _SURNAME_WEIGHTS.split()
)

GIVEN_NAMES: dict[tuple[str, str], tuple[str, ...]] = {
    # (gender, cohort) -> given names; cohort "old" born before 1980, "mid" to 1991, "young" after.
    ("male", "old"): _words(
        """建国 建军 卫东 志强 志刚 国庆 海军 永明 振华 国华 建平 立新 文斌 晓东 红军 保平 宏伟
        俊峰 建忠 少华 明 伟 强 军 勇 刚 斌 平 辉 峰 利民 爱民 忠"""
    ),
    ("female", "old"): _words(
        """秀英 丽华 桂兰 红梅 淑珍 丽娟 玉梅 秀兰 海燕 晓红 春燕 建华 美玲 丽 芳 敏 静 燕 霞 红
        娟 萍 英 淑芬 凤英"""
    ),
    ("male", "mid"): _words(
        """伟 磊 涛 鹏 超 杰 浩 亮 斌 帅 鑫 宇 凯 强 健 波 晓东 志远 俊杰 文杰 海涛 晓峰 建伟 立伟
        振宇 永亮 瑞 飞"""
    ),
    ("female", "mid"): _words(
        """静 丽 娜 敏 婷 燕 颖 倩 琳 雪 洁 晶 蕾 慧 晓丽 丽娜 雅琴 春艳 晓燕 佳 丹 璐 晓婷 艳
        媛媛"""
    ),
    ("male", "young"): _words(
        """浩然 子豪 宇轩 一鸣 博文 俊熙 天宇 子轩 浩宇 晨阳 思远 嘉豪 鹏飞 明轩 宇航 泽宇 昊 凯
        航 帅 旭 鑫 磊 睿"""
    ),
    ("female", "young"): _words(
        """欣怡 梓涵 雨萱 思琪 佳琪 梦瑶 诗涵 晨曦 雅婷 可欣 紫萱 婧 悦 彤 璐 瑶 琪 萌 怡 雨桐
        一诺 佳怡"""
    ),
}

MONGOLIAN_SHARE = 0.06
"""Share of staff with Mongolian names."""

MONGOLIAN_NAMES: dict[str, tuple[str, ...]] = {
    "male": _words(
        """巴特尔 朝鲁 苏和 毕力格 孟和 巴图 呼和 特木尔 乌力吉 那顺 额尔敦 宝音 阿拉坦 布和
        格日勒图 巴雅尔 图门 吉日嘎拉 牧仁 苏力德 阿如汗"""
    ),
    "female": _words(
        """其其格 萨仁 乌日娜 图雅 娜仁 塔娜 高娃 乌云 其木格 苏日娜 斯琴 萨日娜 阿茹娜 敖登
        乌兰 格根 诺敏"""
    ),
}

MONGOLIAN_SURNAMES: tuple[str, ...] = ("包", "白", "奇", "韩", "宝", "云", "鲍", "陶")
"""Surnames common among Mongols who use Han-style names."""

MONGOLIAN_BARE_SHARE = 0.65
"""Among Mongolian names, the share written as the Mongolian name alone (no surname)."""


def cohort(birth_year: int) -> str:
    """The given-name cohort of a birth year: ``old`` before 1980, ``mid`` to 1991, else young."""
    if birth_year < 1980:
        return "old"
    return "mid" if birth_year < 1992 else "young"
