"""The chain taxonomy as data: complete, unambiguous, and readable by any surface form."""

from __future__ import annotations

from collections import Counter

from ecograph.graph import taxonomy


def test_every_chain_has_an_english_name_and_a_known_category() -> None:
    cats = set(taxonomy.categories())
    assert len(cats) == 9
    for c in taxonomy.chains():
        assert c.en and all(e.strip() for e in c.en), c.canonical
        assert c.parent is None or c.parent in cats, c.canonical


def test_no_surface_form_names_two_chains() -> None:
    counts = Counter(form for c in taxonomy.chains() for form in c.names)
    assert [f for f, n in counts.items() if n > 1] == []


def test_keywords_and_segment_keywords_resolve_to_their_own_chain() -> None:
    kw = taxonomy.keyword_index()
    for c in taxonomy.chains():
        for k in c.all_keywords:
            assert kw[k] is c, (k, c.canonical, kw[k].canonical)
            named = taxonomy.lookup(k)
            assert named is None or named is c, (k, c.canonical, named.canonical)


def test_main_chains_run_from_upstream_to_downstream() -> None:
    order = {"上游": 0, "中游": 1, "下游": 2}
    for name in ("光伏", "新能源汽车", "氢能", "集成电路", "储能", "动力锂电池", "稀土新材料", "现代煤化工"):
        segs = taxonomy.lookup(name).segments
        stages = [order[s.stage] for s in segs]
        assert len(segs) >= 3 and stages == sorted(stages) and stages[0] == 0 and stages[-1] == 2, name
        assert all(s.keywords for s in segs), name


def test_lookup_merges_synonyms_heads_traditional_script_and_english() -> None:
    assert taxonomy.lookup("医药健康").canonical == "生物医药大健康"
    assert taxonomy.lookup("装备制造产业").canonical == "高端装备制造"
    assert taxonomy.lookup("煤化工产业链").canonical == "现代煤化工"
    assert taxonomy.lookup("氫能產業").canonical == "氢能"
    assert taxonomy.lookup("Photovoltaics").canonical == "光伏"
    assert taxonomy.lookup("数字经济") is None


def test_themes_and_categories_are_not_chains() -> None:
    never = set().union(*taxonomy.not_chains().values())
    assert {"数字经济", "战略性新兴", "未来", "第三"} <= never
    assert not never & set(taxonomy.surface_index())
