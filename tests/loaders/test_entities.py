"""Entity mentions on sentences shaped like the corpus, including names from no seed document."""

from __future__ import annotations

from ecograph.graph.model import Label
from ecograph.loaders.entities import Mention, companies_by_context, programs, regions
from ecograph.loaders.names import organisations
from ecograph.loaders.segment import sentences


def _orgs(text: str) -> list[Mention]:
    return organisations(text, sentences(text))


def _names(ms: list[Mention]) -> set[tuple[str, str]]:
    return {(m.label.value, m.name) for m in ms}


def test_suffix_decides_label_and_trigger_words_bound_the_name() -> None:
    text = "步入山西振东五和医养堂股份有限公司组建的药食同源功能食品山西省重点实验室，来自中国科学院山西煤炭化学研究所、太原理工大学等。"
    got = _names(_orgs(text))
    assert ("Company", "山西振东五和医养堂股份有限公司") in got
    assert ("Lab", "药食同源功能食品山西省重点实验室") in got
    assert ("Institute", "中国科学院山西煤炭化学研究所") in got
    assert ("Institute", "中国科学院") in got  # host written at the start of the institute's name
    assert ("University", "太原理工大学") in got


def test_conjunction_inside_a_name_does_not_split_it() -> None:
    got = _names(_orgs("依托国家煤基合成工程技术研究中心和山西省煤基合成润滑油材料研究与应用技术创新中心。"))
    assert got == {("Lab", "国家煤基合成工程技术研究中心"), ("Lab", "山西省煤基合成润滑油材料研究与应用技术创新中心")}


def test_categories_government_and_media_are_not_entities() -> None:
    text = "今年我省批准重组设立21个省级重点实验室，推动企业与高校共建实验室。市科技局和长治日报社联办。该公司研发的设备与国内知名大学合作。"
    assert _orgs(text) == []


def test_names_from_other_cities_are_found_by_general_rules() -> None:
    text = "依托洛阳轴承集团建设的河南省高性能轴承技术创新中心揭牌，郑州大学与洛阳市签署战略合作协议。"
    got = _names(_orgs(text))
    assert ("Company", "洛阳轴承集团") in got
    assert ("Lab", "河南省高性能轴承技术创新中心") in got
    assert ("University", "郑州大学") in got


def test_bare_company_names_from_context() -> None:
    text = "在光电领域，依托中科潞安、高科华烨等，开展技术攻关。铱格斯曼研发生产的保温机库投入使用。打破德国徕卡和美国RMC两家企业技术垄断。"
    ss = sentences(text)
    got = _names(companies_by_context(text, ss, organisations(text, ss)))
    assert got == {("Company", n) for n in ["中科潞安", "高科华烨", "铱格斯曼", "徕卡", "RMC"]}


def test_programs_and_not_plans_in_general() -> None:
    text = "立项了国家重点研发计划“某课题”，申请长治市重大专项项目，“太行英才”计划同步推动，重塑市级科技计划体系，开展专项行动，设立规模2亿元科创基金。"
    ss = sentences(text)
    got = {m.name for m in programs(text, ss, [])}
    assert got == {"国家重点研发计划", "长治市重大专项", "太行英才计划", "科创基金"}


def test_regions_parties_zones_and_government() -> None:
    text = "山西省人民政府\n杞县、禹王台区、顺河回族区等晋位省级高新区。在汴东先进制造业开发区，长治市委书记带队。"
    ss = sentences(text)
    got = {(m.name, m.rule) for m in regions(text, ss, [])}
    assert ("山西省", "region:government") in got
    assert {("杞县", "region:party"), ("禹王台区", "region:party"), ("顺河回族区", "region:party")} <= got
    assert ("汴东先进制造业开发区", "region:zone") in got
    assert not any(name == "长治市" for name, _ in got)  # 长治市委 is a party organ
    assert all(m.label == Label.Region for m in regions(text, ss, []))


def test_predicate_verbs_particles_and_places_end_a_name_on_the_left() -> None:
    got = _names(_orgs("总书记来到江州飞机工业有限公司。标志着西江大学迈上新台阶。他表示湖东医科大学将加强合作。"))
    assert ("Company", "江州飞机工业有限公司") in got
    assert ("University", "西江大学") in got
    assert ("University", "湖东医科大学") in got
    assert not any(n.startswith(("来到", "标志", "表示")) for _, n in got)


def test_a_legal_name_keeps_its_industry_words() -> None:
    got = _names(_orgs("项目由江州市城市建设投资集团有限公司承建。"))
    assert ("Company", "江州市城市建设投资集团有限公司") in got


def test_a_city_before_a_province_is_a_list_prefix() -> None:
    got = _names(_orgs("考察了克拉玛依市新疆天山农机装备有限公司。"))
    assert ("Company", "新疆天山农机装备有限公司") in got


def test_schools_campuses_and_institute_short_names() -> None:
    got = _names(_orgs("西江大学机械工程学院与中国石油大学（北京）合作，兰州兽研所和中科院长春光机所参与。"))
    assert ("University", "西江大学") in got
    assert ("University", "中国石油大学（北京）") in got
    assert ("Institute", "兰州兽研所") in got
    assert ("Institute", "中科院长春光机所") in got
    assert not any(n.endswith("机械工程学院") for _, n in got)


def test_plain_platform_words_need_an_rd_word() -> None:
    got = _names(_orgs("建成江州新材料中试验证平台和市民文体中心、江州工业研究院协同创新基地。"))
    assert ("Lab", "江州新材料中试验证平台") in got
    assert ("Lab", "江州工业研究院协同创新基地") in got
    assert not any(n.endswith("文体中心") for _, n in got)


def test_firms_listed_before_a_firm_head_or_as_brands() -> None:
    text = "产业依托云帆科技、星河智造、蓝海新能等头部企业强链补链。推动天启蓝星、海鸥宇航等扩大产能。"
    got = _names(companies_by_context(text, sentences(text), []))
    assert {("Company", "云帆科技"), ("Company", "星河智造"), ("Company", "蓝海新能")} <= got
    assert {("Company", "天启蓝星"), ("Company", "海鸥宇航")} <= got


def test_lists_of_steps_or_fields_are_no_firms() -> None:
    text = "企业掌握固晶、焊线、点胶等工序，聚焦人工智能、生物医药等领域。"
    assert companies_by_context(text, sentences(text), []) == []


def test_programmes_beyond_plans() -> None:
    text = "省科技厅与江州锡业集团有限公司共同设立基础研究应用基础研究企业联合专项。实施博士科研启动基金项目100项。"
    got = {m.name for m in programs(text, sentences(text), _orgs(text))}
    assert {"基础研究应用基础研究企业联合专项", "博士科研启动基金"} <= got


def test_short_forms_of_a_programme_are_that_programme() -> None:
    from ecograph.loaders.pipeline import extract_text

    text = "江州市自然科学基金-云岭创新联合基金签约设立。云岭创新联合基金首批资助20项，市自然科学基金联合企业共同投入。"
    programmes = {n.name: n.aliases for n in extract_text(text, "doc.txt").nodes if n.label == Label.Program}
    assert "云岭创新联合基金" in programmes["江州市自然科学基金-云岭创新联合基金"]
    assert "云岭创新联合基金" not in programmes


def test_a_conjunction_character_ending_a_word_joins_nothing() -> None:
    got = _names(_orgs("江州市成立碳中和研究院。"))
    assert ("Institute", "碳中和研究院") in got


def test_regions_kept_as_parties_and_dropped_as_scenery() -> None:
    from ecograph.loaders.pipeline import extract_text

    def regions_of(text: str) -> set[str]:
        return {n.name for n in extract_text(text, "doc.txt").nodes if n.label == Label.Region}

    assert "宁夏回族自治区" in regions_of("此外，宁夏回族自治区还通过专家评审，批复组建了2个中心。")
    assert "潍坊市" in regions_of("在潍坊，动力装备产业集群发展迅速。")
    assert "克拉玛依市" in regions_of("考察了克拉玛依市新疆天山石化装备有限公司。")
    assert not regions_of("鞍山入选国家试点，代表团在上海合作组织峰会上发言。")


def test_two_activities_name_one_platform_and_counties_became_districts() -> None:
    got = _names(_orgs("建设一批前沿实验室、数字工程与计算中心、试验与测试中心等。"))
    assert {("Lab", "数字工程与计算中心"), ("Lab", "试验与测试中心")} <= got
    text = "分中心在赣县区揭牌成立。"
    assert "赣县区" in {m.name for m in regions(text, sentences(text), [])}


def test_a_brand_character_is_no_adverb_and_a_named_college_stands_alone() -> None:
    got = _names(_orgs("临川鹤都生物科技有限公司与东越工业学院签约，各企业都在研究院开展合作。"))
    assert ("Company", "临川鹤都生物科技有限公司") in got
    assert ("University", "东越工业学院") in got
    assert not any(n.startswith("企业") for _, n in got)


def test_a_district_named_in_full_is_also_named_by_its_stem() -> None:
    text = "德阳市旌阳区出台新政。2023年，旌阳把装备产业做到千亿，旌阳人说发展很快。"
    found = [(m.name, text[m.start : m.end]) for m in regions(text, sentences(text), [])]
    assert ("旌阳区", "旌阳") in found
    assert sum(1 for _, w in found if w == "旌阳") == 1  # not inside 旌阳人


def test_a_joint_name_starts_at_the_partner_before_the_dash_and_a_device_word_goes_on() -> None:
    got = _names(_orgs("双方就青川大学-云帆智能在线高速可控轴承联合实验室项目签约。获批组建新型药物与节能制药设备国家重点实验室。"))
    assert ("Lab", "青川大学-云帆智能在线高速可控轴承联合实验室") in got
    assert ("Lab", "新型药物与节能制药设备国家重点实验室") in got
    assert not any(n.endswith("制药") for _, n in got)


def test_a_conjunction_after_a_comma_starts_no_name() -> None:
    got = _names(_orgs("遵义市成立遵义绿色能源研究院，与青川大学、澜江大学等高校开展合作。"))
    assert ("University", "青川大学") in got
