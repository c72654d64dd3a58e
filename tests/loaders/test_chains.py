"""Chain mentions on invented sentences: what the noun phrase before a head names, and what it does not."""

from __future__ import annotations

import pytest

from ecograph.graph.model import Label
from ecograph.loaders.chains import chains, keywords
from ecograph.loaders.entities import Mention
from ecograph.loaders.segment import sentences


def _found(text: str, known: list[Mention] | None = None) -> set[tuple[str, str]]:
    """(surface form, chain name) of every chain mention, echoes included."""
    ms = chains(text, sentences(text), known or [])
    assert all(m.label == Label.IndustryChain for m in ms)
    return {(text[m.start : m.end], m.name) for m in ms}


def _names(text: str) -> set[str]:
    return {name for _, name in _found(text)}


def test_lists_before_a_ranked_head_name_one_chain_each_merged_to_the_taxonomy() -> None:
    got = _found("聚焦培育钢材深加工、新能源汽车、氢能等优势产业。")
    assert {("钢材深加工", "钢铁"), ("新能源汽车", "新能源汽车"), ("氢能", "氢能")} <= got


def test_open_vocabulary_is_cut_from_the_words_before_the_head() -> None:
    assert _names("当地正在发展茶产业，也把陶瓷产业做大做强。") == {"茶", "陶瓷"}
    assert _names("该县发展壮大林业产业、文旅产业和养老产业。") == {"林业", "文旅", "养老"}
    assert _names("聚甲醛新材料、石墨烯负极材料等产业链不断延伸。") == {"聚甲醛新材料", "石墨烯负极材料"}


def test_a_head_inside_another_word_is_no_head() -> None:
    assert _names("银行的资产业务稳步增长。") == set()


def test_joint_pairs_and_conjunctions_give_both_chains() -> None:
    assert _names("旨在赋能化工与新材料产业。") == {"化工", "新材料"}
    assert _names("布局一批新能源新材料产业项目。") == {"新能源", "新材料"}
    assert _names("在某地揭牌，服务钨和稀土产业。") == {"钨", "稀土新材料"}


def test_qualifiers_do_not_make_a_new_chain() -> None:
    assert _names("推动绿色化工产业提质。") == {"化工"}
    assert _names("做强现代特色农业产业。") == {"农业"}


@pytest.mark.parametrize(
    "text",
    [
        "加快战略性新兴产业发展壮大，积极布局未来产业。",
        "推动传统产业改造升级，壮大支柱产业。",
        "大力发展数字经济，做强海洋经济。",
        "推动农村一二三产业融合发展。",
        "第三产业增加值占比提高。",
        "进一步助力产业升级，深化产业链协同。",
        "推动创新链、产业链、资金链、人才链深度融合。",
        "某公司生产的传感器广泛应用于航空航天、船舶等领域。",
        "实验室在低碳新能源、代谢药物研发等领域开展合作。",
        "全省能源领域重点实验室涵盖氢能、储能等领域。",
    ],
)
def test_categories_themes_sectors_and_research_fields_are_no_chains(text: str) -> None:
    assert _names(text) == set()


def test_a_plain_field_names_a_taxonomy_chain_only_where_the_region_works_in_it() -> None:
    assert _names("重点在光伏、生物医药等领域布局建设一批实验室。") == {"光伏", "生物医药大健康"}
    assert _names("在煤化工行业，依托多家龙头企业开展攻关。") == {"现代煤化工"}
    assert _names("在新兴茶饮领域，布局门店。") == set()  # open words never make a chain from a plain 领域


def test_traditional_script_is_read_after_conversion() -> None:
    from ecograph.loaders.normalise import clean

    c = clean("加快發展氫能產業和醫藥健康產業。")
    assert _names(c.text) == {"氢能", "生物医药大健康"}


def test_a_chain_once_named_is_echoed_and_organisations_are_left_alone() -> None:
    text = "打造光伏产业集群。光伏企业纷纷落户。"
    assert [(m.name, m.rule) for m in chains(text, sentences(text), [])] == [("光伏", "chain:产业集群"), ("光伏", "chain:echo")]
    text = "推动某某光伏产业链技术中心建设。"
    lab = Mention(Label.Lab, "某某光伏产业链技术中心", 2, 13, "suffix")
    assert chains(text, sentences(text), [lab]) == []


def test_industry_words_and_models_of_an_industry_are_chains() -> None:
    assert _names("要保障国家糖业安全，推动种业企业落地。") == {"蔗糖", "种业"}
    assert _names("全市装备制造业增加值增长。") == {"高端装备制造"}
    for text in ("农业农村部召开会议。", "市林业和草原局召开会议。", "农业银行发放贷款。", "钨业集团扩产。", "就业形势稳定。"):
        assert _names(text) == set(), text
    assert _names("打造以钛材料为代表的新材料产业集群。") == {"钛", "新材料"}


def test_fields_placed_in_the_region_by_statistics_or_firms() -> None:
    assert _names("船舶、电子专用材料、航空航天行业增加值分别增长。") == {"船舶", "电子专用材料", "航空航天"}
    assert _names("这些企业是本区医药健康、先进能源等领域的代表企业。") == {"生物医药大健康", "先进能源"}
    assert _names("在合成生物领域布局。") == set()  # a narrower field than 生物


def test_links_of_one_chain_are_no_chains() -> None:
    assert _names("带动了上游电解液、下游电池包及附件等产业的发展。") == set()
    assert _names("形成整车、电池、电驱动完整产业链。") == set()


def test_a_product_or_link_before_a_head_names_its_chain() -> None:
    assert _names("打造无人机产业链。") == {"低空经济"}
    assert _names("做大做强新能源电池产业集群。") == {"新能源电池"}


def test_product_keywords_point_to_their_chain() -> None:
    kw = keywords()
    assert kw.chain_of["多晶硅"] == "光伏"
    assert kw.pattern.search("公司量产多晶硅").group() == "多晶硅"
