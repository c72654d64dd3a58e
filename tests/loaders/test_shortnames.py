"""Short names on the whole pipeline: declared, abbreviated, universities' common short forms."""

from __future__ import annotations

from ecograph.graph.model import Label
from ecograph.loaders.pipeline import extract_text


def _nodes(text: str) -> dict[tuple[str, str], list[str]]:
    return {(n.label.value, n.name): n.aliases for n in extract_text(text, "doc.txt").nodes}


def test_a_university_known_by_its_common_short_form() -> None:
    got = _nodes("江州市与哈工大签署合作协议，共建江州智能装备研究院。")
    assert "哈工大" in got[("University", "哈尔滨工业大学")]


def test_an_abbreviation_of_a_full_name_in_the_document_is_one_entity() -> None:
    text = "中国科学院与西江大学签署协议。此后中科院还在西江设立分支。西江工业大学的团队参与，西工大负责测试。"
    got = _nodes(text)
    assert "中科院" in got[("Institute", "中国科学院")]
    assert "西工大" in got[("University", "西江工业大学")]


def test_declared_short_name() -> None:
    got = _nodes("江州云帆智能装备有限公司（以下简称“云帆智能”）成立。云帆智能自主研制的设备投产。")
    assert "云帆智能" in got[("Company", "江州云帆智能装备有限公司")]
    assert not any(k == ("Company", "云帆智能") for k in got)


def test_a_short_company_name_abbreviating_a_legal_name() -> None:
    got = _nodes("云南锡业集团(控股)有限责任公司与云南大学合作。云锡公司研发锡铟新材料。")
    assert "云锡公司" in got[("Company", "云南锡业集团(控股)有限责任公司")]


def test_academy_short_prefix_hosts_its_institute() -> None:
    g = extract_text("中科院长春光机所作为依托单位建设精密制造工程实验室。", "doc.txt")
    names = {(n.label, n.name) for n in g.nodes}
    assert (Label.Institute, "中国科学院") in names
    assert (Label.Institute, "中科院长春光机所") in names


def test_short_forms_only_on_word_boundaries() -> None:
    got = _nodes("海南农垦报报道，江州种业企业发展迅速。")
    assert ("University", "南京农业大学") not in got
