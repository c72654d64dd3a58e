"""Cleaning: glosses, punctuation runs, commas, script, chrome, and the map back to the raw text."""

from __future__ import annotations

from hypothesis import given, strategies as st

from ecograph.loaders.normalise import clean, is_chrome
from tests.loaders.conftest import seed


def test_pinyin_glosses_are_stripped_and_script_simplified() -> None:
    c = clean("依托成功汽車籌建新能源車輛驅(qū)動系統(tǒng)山西省重點實驗室")
    assert c.text == "依托成功汽车筹建新能源车辆驱动系统山西省重点实验室"


def test_punctuation_runs_keep_the_last_mark() -> None:
    assert clean("企业,、高校").text == "企业、高校"
    assert clean("推动发展,。").text == "推动发展。"
    assert clean("新成效。 。 !").text == "新成效!"


def test_ascii_comma_between_cjk_becomes_full_width_but_not_in_numbers() -> None:
    assert clean("长治,绿意盎然 1,000").text == "长治，绿意盎然 1,000"


def test_raw_and_traditional_forms_of_a_span() -> None:
    raw = "復(fù)制長治市武理工工程技術(shù)研究院模式"
    c = clean(raw)
    i = c.text.index("长治市武理工工程技术研究院")
    j = i + len("长治市武理工工程技术研究院")
    assert c.traditional_form(i, j) == "長治市武理工工程技術研究院"
    assert c.raw_form(i, j) == "長治市武理工工程技術(shù)研究院"


def test_trailing_gloss_belongs_to_the_raw_form() -> None:
    c = clean("高新技術(shù)。")
    assert c.raw_form(0, 4) == "高新技術(shù)"


def test_page_chrome_lines_are_dropped() -> None:
    for line in ["首页 > 热点 > > 正文", "2023-06-25 09:17:50 山西日报", "资料图 全媒体记者 石斐 摄", "【资料图】", "分享到: 我要打印 关闭窗口", "本报记者 徐姗", "责任编辑:王五", "发布日期:2024-04-13 浏览数:641"]:
        assert is_chrome(line), line
    for line in ["长治市科技局", "上海交通大学与长治市有着深厚的渊源，双方持续深化合作。"]:
        assert not is_chrome(line), line


def test_seed_004_cleans_to_simplified_without_glosses() -> None:
    _, raw = seed("004")
    c = clean(raw)
    assert "(shù)" not in c.text and "技術" not in c.text and "，，" not in c.text
    assert "依托成功汽车筹建新能源车辆驱动系统山西省重点实验室" in c.text


@given(st.text(alphabet=st.sampled_from(list("长治技術(shù)企業,、。 \n首页>资料图ab1")), max_size=60))
def test_offsets_always_point_into_the_raw_text(raw: str) -> None:
    c = clean(raw)
    assert len(c.offsets) == len(c.text) == len(c.traditional)
    assert all(0 <= o < len(raw) for o in c.offsets)
    assert list(c.offsets) == sorted(c.offsets)
