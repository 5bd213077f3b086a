"""Latvian grammar of the izdoti line (latvian-drafting.md §1.3), dates, lists."""

import datetime as dt

import pytest

from pamats.drafting.answers import EmpoweringProvision
from pamats.text.latvian import (
    act_dative,
    date_lv,
    issued_under_en,
    izdoti_line,
    join_and,
    months_lv,
    part_word,
    ref_acc,
)


def P(law, section, part=None, clause=None, en=None):
    return EmpoweringProvision(law=law, law_genitive=law, section=section, part=part, clause=clause, law_en=en)


@pytest.mark.parametrize(
    "provs,expected",
    [
        ([P("Valsts pārvaldes iekārtas likuma", "95")], "Izdoti saskaņā ar Valsts pārvaldes iekārtas likuma 95. pantu"),
        ([P("Ceļu satiksmes likuma", "4", 5)], "Izdoti saskaņā ar Ceļu satiksmes likuma 4. panta piekto daļu"),
        (
            [P("Sociālo pakalpojumu un sociālās palīdzības likuma", "13", 1, "7")],
            "Izdoti saskaņā ar Sociālo pakalpojumu un sociālās palīdzības likuma 13. panta pirmās daļas 7. punktu",
        ),
        (
            [P("Farmācijas likuma", "5", None, c) for c in ("3", "13", "23")] + [P("Farmācijas likuma", "52")],
            "Izdoti saskaņā ar Farmācijas likuma 5. panta 3., 13. un 23. punktu un 52. pantu",
        ),
        (
            [P("A likuma", "1", 2), P("B likuma", "3", 10, "4")],
            "Izdoti saskaņā ar A likuma 1. panta otro daļu un B likuma 3. panta desmitās daļas 4. punktu",
        ),
        (
            [P('likuma "Par pašvaldībām"', "15", 1, "7")],
            'Izdoti saskaņā ar likuma "Par pašvaldībām" 15. panta pirmās daļas 7. punktu',
        ),
        ([P("X likuma", "19.³", 2)], "Izdoti saskaņā ar X likuma 19.³ panta otro daļu"),
    ],
)
def test_izdoti_line(provs, expected):
    assert izdoti_line(provs) == expected


def test_izdots_for_order_and_ordinal_cases():
    assert (
        izdoti_line([P("Valsts pārvaldes iekārtas likuma", "72", 1, "1")], "Izdots")
        == "Izdots saskaņā ar Valsts pārvaldes iekārtas likuma 72. panta pirmās daļas 1. punktu"
    )
    assert [part_word(3, c) for c in ("nom", "gen", "acc")] == ["trešā daļa", "trešās daļas", "trešo daļu"]
    with pytest.raises(ValueError):
        part_word(11)


def test_act_dative_after_saskana_ar():
    gen = 'Ministru kabineta 2019. gada 16. jūlija noteikumu Nr. 344 "Noteikumi par kārtību, kādā … noteikumu …"'
    assert (
        act_dative(gen)
        == 'Ministru kabineta 2019. gada 16. jūlija noteikumiem Nr. 344 "Noteikumi par kārtību, kādā … noteikumu …"'
    )
    assert (
        act_dative("Iekšlietu ministrijas instrukcijas Nr. 5")
        == "Iekšlietu ministrijas instrukcijas Nr. 5 [JĀPRECIZĒ: akta nosaukums datīvā]"
    )


def test_english_and_helpers():
    assert (
        issued_under_en([P("SPSPL", "13", 1, "7", en="Social Services and Social Assistance Law")])
        == "Issued under Section 13(1)(7) of the Social Services and Social Assistance Law"
    )
    assert "[TO BE CONFIRMED" in issued_under_en([P("X likuma", "1")])
    assert join_and(["a", "b", "c"]) == "a, b un c" and join_and(["a"]) == "a"
    assert date_lv(dt.date(2019, 7, 16)) == "2019. gada 16. jūlijā"
    assert date_lv(dt.date(2027, 3, 1), "dat") == "2027. gada 1. martam"
    assert date_lv(None) == "__. gada __. ___"
    assert (months_lv(1), months_lv(2), months_lv(11), months_lv(21)) == (
        "1 mēnesi",
        "2 mēnešus",
        "11 mēnešus",
        "21 mēnesi",
    )


def test_ref_acc_declines_the_last_unit_or_says_it_cannot():
    assert ref_acc("SPSPL 13. panta pirmās daļas 7. punkts") == "SPSPL 13. panta pirmās daļas 7. punktu"
    assert ref_acc("VDAR 6. panta 1. punkta e) apakšpunkts") == "VDAR 6. panta 1. punkta e) apakšpunktu"
    assert ref_acc("VPIL 72. panta ceturtā daļa") == "VPIL 72. panta ceturto daļu"
    assert ref_acc("X likuma 3. panta jaunā daļa") is None  # an adjective it cannot decline
    assert ref_acc("Law 5. pants") == "Law 5. pantu"
    assert ref_acc("GDPR Art. 6(1)(e)") is None and ref_acc("punkts") is None
