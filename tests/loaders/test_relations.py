"""Relation rules on single sentences and on a section, via the public extract_text."""

from __future__ import annotations

from ecograph.graph.model import Graph, RelType
from ecograph.loaders.pipeline import extract_text


def _triples(text: str) -> set[tuple[str, str, str]]:
    g: Graph = extract_text(text, "t.txt")
    name = {n.id: n.name for n in g.nodes}
    for e in g.edges:
        assert e.evidence in text or e.evidence  # evidence is a sentence of the cleaned text
    return {(e.type.value, name[e.source], name[e.target]) for e in g.edges}


def test_hosts_by_rely_build_and_possessive_name() -> None:
    got = _triples("依托开封明仁药业有限公司建设的省化学药冻干制剂中试基地在列。河南大学科创中心揭牌。")
    assert ("HOSTS", "开封明仁药业有限公司", "省化学药冻干制剂中试基地") in got
    assert ("HOSTS", "河南大学", "河南大学科创中心") in got


def test_section_heading_scopes_the_lab_list() -> None:
    text = "现代煤化工产业创新链。重点依托国家煤基合成工程技术研究中心、北大-襄垣煤化工联合实验室等，开展基础研究。"
    got = _triples(text)
    assert ("SUPPORTS", "国家煤基合成工程技术研究中心", "现代煤化工") in got
    assert ("SUPPORTS", "北大-襄垣煤化工联合实验室", "现代煤化工") in got


def test_field_rely_list_expands_to_one_edge_per_company() -> None:
    got = _triples("在氢能领域，依托潞宝集团、海德利森等实施煤化工制氢技术攻关项目。")
    assert {("BELONGS_TO", "潞宝集团", "氢能"), ("BELONGS_TO", "海德利森", "氢能")} <= got


def test_apply_for_a_programme_funds_the_applicant_and_rely_means_hosting() -> None:
    text = "山西振东道地药材开发有限公司依托“晋产道地药材生态种植加工山西省重点实验室”申请长治市重点研发计划“新产品开发”项目。"
    got = _triples(text)
    assert ("FUNDS", "长治市重点研发计划", "山西振东道地药材开发有限公司") in got
    assert ("HOSTS", "山西振东道地药材开发有限公司", "晋产道地药材生态种植加工山西省重点实验室") in got


def test_cooperation_and_location() -> None:
    got = _triples("上海交通大学与长治市有着深厚的渊源，双方持续深化合作。夏日里，位于长治的金烨钢铁集团特殊钢冶金与制备中试基地建设正酣。")
    assert ("COOPERATES_WITH", "上海交通大学", "长治市") in got
    assert ("LOCATED_IN", "金烨钢铁集团特殊钢冶金与制备中试基地", "长治市") in got
    # The host's own place (金烨钢铁集团 → 长治市) is an inference of the gold, not a stated locative: no cue draws it.


def test_rules_work_on_another_city() -> None:
    text = "在新材料领域，依托洛阳钼业、中硅高科等开展攻关。依托洛阳轴承集团建设的河南省高性能轴承技术创新中心揭牌。郑州大学与洛阳市签署战略合作协议。"
    got = _triples(text)
    assert ("BELONGS_TO", "洛阳钼业", "新材料") in got and ("BELONGS_TO", "中硅高科", "新材料") in got
    assert ("HOSTS", "洛阳轴承集团", "河南省高性能轴承技术创新中心") in got
    assert ("COOPERATES_WITH", "郑州大学", "洛阳市") in got


def test_every_edge_type_is_a_known_relation_type() -> None:
    g = extract_text("在光伏领域，依托潞安太阳能等开展电池技术开发。", "t.txt")
    assert g.edges and all(isinstance(e.type, RelType) for e in g.edges)


def test_co_building_abbreviation_and_region_government() -> None:
    text = (
        "中国一拖集团有限公司与河南科技大学共建农业装备联合实验室，双方开展联合研发。"
        "洛阳LYC轴承有限公司(简称洛轴)自主研发的高端轴承打破垄断，洛轴依托河南省轴承工程技术研究中心申请了河南省重大科技专项。"
        "霍州市人民政府与山西大学签署校地合作协议，共建霍州煤电产业研究院。"
    )
    got = _triples(text)
    assert ("HOSTS", "中国一拖集团有限公司", "农业装备联合实验室") in got
    assert ("HOSTS", "河南科技大学", "农业装备联合实验室") in got
    assert ("COOPERATES_WITH", "中国一拖集团有限公司", "河南科技大学") in got
    assert ("HOSTS", "洛阳LYC轴承有限公司", "河南省轴承工程技术研究中心") in got
    assert ("FUNDS", "河南省重大科技专项", "洛阳LYC轴承有限公司") in got
    assert ("COOPERATES_WITH", "霍州市", "山西大学") in got
    assert ("HOSTS", "山西大学", "霍州煤电产业研究院") in got
    assert ("LOCATED_IN", "霍州煤电产业研究院", "霍州市") in got


def test_settling_in_a_named_place_and_an_elided_city_subject() -> None:
    text = (
        "我市加快科技创新。山西中北测控技术有限公司前身是某工程技术研究中心。去年刚刚注册成立。"
        "是首批入驻“金创谷·太原”的科技创业公司。整合优质创新资源，建设开封市科学院、河南大学开封研究院。"
    )
    got = _triples(text)
    assert ("LOCATED_IN", "山西中北测控技术有限公司", "太原市") in got
    assert ("HOSTS", "河南大学", "河南大学开封研究院") in got


def test_possessive_host_from_the_name_ending_and_not_from_a_hyphenated_joint_name() -> None:
    got = _triples("青川科学院先进材料研究所今年揭牌。青川大学-星河光电联合实验室同时揭牌。")
    assert ("HOSTS", "青川科学院", "青川科学院先进材料研究所") in got
    assert not [t for t in got if t[0] == "HOSTS" and t[2] == "青川大学-星河光电联合实验室"]


def test_co_builders_form_a_star_from_the_first_not_a_chain() -> None:
    got = _triples("江州星河电子有限公司联合江州大学、江州市材料研究院共建先进传感创新中心。")
    assert ("COOPERATES_WITH", "江州星河电子有限公司", "江州大学") in got
    assert ("COOPERATES_WITH", "江州星河电子有限公司", "江州市材料研究院") in got
    assert ("COOPERATES_WITH", "江州大学", "江州市材料研究院") not in got


def test_a_plural_anaphor_stands_for_the_list_before() -> None:
    text = "青岚生物、云帆电气、远川科技3家企业参与出资。这些企业均为德阳市装备制造领域的代表企业。"
    got = _triples(text)
    assert {("LOCATED_IN", n, "德阳市") for n in ("青岚生物", "云帆电气", "远川科技")} <= got
    lone = _triples("星河重工参与出资。这些企业均为德阳市装备制造领域的代表企业。")
    assert not any(t[0] == "LOCATED_IN" for t in lone)  # one firm before is no list
