"""The corpus converters: small fixtures in each published format, the exact rows they give, and bad input."""
import json
from pathlib import Path

import pytest

from sitrep.evaluation.convert import (ConversionError, convert_geowebnews_xml, convert_gtd_csv, convert_lgl_xml,
                                       gtd_iso3)

GTD_HEADER = ("eventid,iyear,imonth,iday,country_txt,provstate,city,latitude,longitude,summary,attacktype1_txt,"
              "weaptype1_txt,targtype1_txt,target1,gname,nkill,nwound,nkillter")
GTD_ROWS = [
    '201901010001,2019,1,1,Colombia,Antioquia,Medellín,6.25184,-75.56359,"01/01/2019: An explosive device '
    'detonated at a shop in Medellín, Antioquia, Colombia. Two people were killed.",Bombing/Explosion,Explosives,'
    'Business,A shop,National Liberation Army of Colombia (ELN),2,5,0',
    '201902000002,2019,2,0,West Bank and Gaza Strip,Gaza Strip,Gaza City,31.5,34.46667,"02/2019: Assailants '
    'fired on a checkpoint near Gaza City.",Armed Assault,Firearms,Military,Checkpoint,Unknown,,1.0,-99',
    '201903030003,2019,3,3,Iraq,Baghdad,Baghdad,33.3,44.4,,Bombing/Explosion,Explosives,Unknown,,Unknown,1,0,0',
    '201904040004,2019,4,4,Kosovo,Pristina,Pristina,,,"04/04/2019: A grenade was thrown at a café in Pristina.",'
    'Bombing/Explosion,Explosives,Business,Café,Unknown,0,0,0',
]


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def write_gtd(path: Path, encoding: str = "cp1252", rows: list[str] = GTD_ROWS, header: str = GTD_HEADER) -> Path:
    path.write_bytes("\r\n".join([header, *rows, ""]).encode(encoding))
    return path


def gtd_gold(**fields) -> dict:
    record = dict.fromkeys(["id", "eventid", "date", "iyear", "imonth", "iday", "country_txt", "iso3", "provstate",
                            "city", "latitude", "longitude", "attacktype1_txt", "weaptype1_txt", "targtype1_txt",
                            "target1", "gname", "nkill", "nwound", "nkillter"])
    record.update(fields)
    return record


EXPECTED_GTD_GOLD = [
    gtd_gold(id="gtd-201901010001", eventid="201901010001", date="2019-01-01", iyear=2019, imonth=1, iday=1,
             country_txt="Colombia", iso3="COL", provstate="Antioquia", city="Medellín", latitude=6.25184,
             longitude=-75.56359, attacktype1_txt="Bombing/Explosion", weaptype1_txt="Explosives",
             targtype1_txt="Business", target1="A shop", gname="National Liberation Army of Colombia (ELN)",
             nkill=2, nwound=5, nkillter=0),
    gtd_gold(id="gtd-201902000002", eventid="201902000002", date=None, iyear=2019, imonth=2, iday=None,
             country_txt="West Bank and Gaza Strip", iso3="PSE", provstate="Gaza Strip", city="Gaza City",
             latitude=31.5, longitude=34.46667, attacktype1_txt="Armed Assault", weaptype1_txt="Firearms",
             targtype1_txt="Military", target1="Checkpoint", gname="Unknown", nkill=None, nwound=1, nkillter=None),
    gtd_gold(id="gtd-201904040004", eventid="201904040004", date="2019-04-04", iyear=2019, imonth=4, iday=4,
             country_txt="Kosovo", iso3="XKX", provstate="Pristina", city="Pristina",
             attacktype1_txt="Bombing/Explosion", weaptype1_txt="Explosives", targtype1_txt="Business",
             target1="Café", gname="Unknown", nkill=0, nwound=0, nkillter=0),
]


def test_gtd_csv_in_cp1252_gives_one_article_per_summary(tmp_path):
    out = tmp_path / "gtd"
    summary = convert_gtd_csv(write_gtd(tmp_path / "globalterrorismdb.csv"), out)

    assert read_jsonl(out / "gold.jsonl") == EXPECTED_GTD_GOLD
    articles = read_jsonl(out / "articles.jsonl")
    assert [a["id"] for a in articles] == ["gtd-201901010001", "gtd-201902000002", "gtd-201904040004"]
    assert articles[0] == {"id": "gtd-201901010001", "published": "2019-01-01",
                           "text": "01/01/2019: An explosive device detonated at a shop in Medellín, Antioquia, "
                                   "Colombia. Two people were killed."}
    assert "published" not in articles[1]  # the day is unknown
    assert summary.articles == 3
    assert summary.skipped == {"no summary": 1}
    assert summary.counts == {"nkill known": 2, "full date": 2}
    source = (out / "SOURCE.md").read_text(encoding="utf-8")
    assert "`globalterrorismdb.csv`" in source and "3 articles" in source and "1 (no summary)" in source
    assert "cp1252" in source


def test_gtd_csv_in_utf8_with_bom_reads_the_same(tmp_path):
    convert_gtd_csv(write_gtd(tmp_path / "gtd.csv", encoding="utf-8-sig"), tmp_path / "out")
    assert read_jsonl(tmp_path / "out" / "gold.jsonl") == EXPECTED_GTD_GOLD


def test_gtd_limit_caps_the_articles_written(tmp_path):
    summary = convert_gtd_csv(write_gtd(tmp_path / "gtd.csv"), tmp_path / "out", limit=1)
    assert summary.articles == 1
    assert [g["id"] for g in read_jsonl(tmp_path / "out" / "gold.jsonl")] == ["gtd-201901010001"]


def test_gtd_optional_columns_may_be_absent(tmp_path):
    header = "eventid,iyear,imonth,iday,country_txt,summary"
    path = write_gtd(tmp_path / "gtd.csv", header=header, rows=['1,2020,5,6,Turkey,"A bomb exploded."'])
    summary = convert_gtd_csv(path, tmp_path / "out")
    [gold] = read_jsonl(tmp_path / "out" / "gold.jsonl")
    assert gold == gtd_gold(id="gtd-1", eventid="1", date="2020-05-06", iyear=2020, imonth=5, iday=6,
                            country_txt="Turkey", iso3="TUR")
    assert summary.warnings and "nkill" in summary.warnings[0]


def test_gtd_country_names_to_iso3():
    assert gtd_iso3("Iraq") == "IRQ"
    assert gtd_iso3("West Bank and Gaza Strip") == "PSE"
    assert gtd_iso3("Kosovo") == "XKX"
    assert gtd_iso3("Democratic Republic of the Congo") == "COD"
    assert gtd_iso3("Soviet Union") is None
    assert gtd_iso3("") is None


def test_gtd_missing_column_and_missing_file_raise_conversion_error(tmp_path):
    path = write_gtd(tmp_path / "gtd.csv", header=GTD_HEADER.replace(",summary", ""), rows=[])
    with pytest.raises(ConversionError, match=r"gtd\.csv: not a GTD CSV export: missing column\(s\) summary"):
        convert_gtd_csv(path, tmp_path / "out")
    with pytest.raises(ConversionError, match=r"nothing\.csv: no such file"):
        convert_gtd_csv(tmp_path / "nothing.csv", tmp_path / "out")
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(ConversionError, match="empty file"):
        convert_gtd_csv(tmp_path / "empty.csv", tmp_path / "out")


GWN_TEXT_0 = "Floods hit Marlow on Sunday. Residents of the town fled to Reading as British officials watched."
GWN_TEXT_1 = "Police in Valdora said the bridge over the Tessa river reopened."
GWN_XML = f"""<?xml version="1.0" ?>
<articles>
  <!-- GeoWebNews layout as published, then the gazetteer-tag layout -->
  <article file="0">
    <title>Floods in Marlow</title>
    <link>http://example.org/floods</link>
    <text>{GWN_TEXT_0}</text>
    <toponyms>
      <toponym>
        <extractedName>British</extractedName><normalisedName>United Kingdom</normalisedName>
        <type>Non_Literal_Modifier</type><modifierType>Adjective</modifierType><nonLocational>No</nonLocational>
        <start>70</start><end>77</end><geonamesID>2635167</geonamesID>
        <latitude>54.75844</latitude><longitude>-2.69531</longitude>
      </toponym>
      <toponym>
        <extractedName>Marlow</extractedName><normalisedName>Marlow</normalisedName><type>Literal</type>
        <modifierType/><nonLocational>No</nonLocational><start>11</start><end>17</end>
        <geonamesID>2643186</geonamesID><latitude>51.56667</latitude><longitude>-0.77</longitude>
      </toponym>
      <toponym>
        <extractedName>Residents</extractedName><normalisedName/><type>Non_Lit_Expression</type>
        <modifierType/><nonLocational>Yes</nonLocational><start>29</start><end>38</end>
      </toponym>
      <toponym>
        <extractedName>town</extractedName><normalisedName/><type>Literal_Expression</type>
        <modifierType/><nonLocational>No</nonLocational><start>46</start><end>50</end>
      </toponym>
      <toponym>
        <extractedName>Readng</extractedName><normalisedName>Reading</normalisedName><type>Literal</type>
        <modifierType/><nonLocational>No</nonLocational><start>59</start><end>66</end>
        <geonamesID/><latitude>51.45625</latitude><longitude>-0.97113</longitude>
      </toponym>
      <toponym>
        <extractedName>Thames</extractedName><normalisedName/><type>Literal</type>
        <start>200</start><end>206</end>
      </toponym>
    </toponyms>
  </article>
  <article file="12">
    <text>{GWN_TEXT_1}</text>
    <toponyms>
      <toponym modifier_type="Noun" nonLocational="No">
        <start>10</start><end>17</end><extractedName>Valdora</extractedName><type>Literal_Modifier</type>
        <gaztag geonameid="9990001"><lat>45.1</lat><lon>11.2</lon><name>Valdora</name><fcode>PPL</fcode>
          <country>Italy</country></gaztag>
      </toponym>
      <toponym><start>27</start><end>33</end><extractedName>bridge</extractedName>
        <type>Literal_Expression</type></toponym>
      <toponym><start>43</start><end>54</end><extractedName>Tessa river</extractedName><type>Literal</type>
        <gaztag><lat>45.0</lat><lon>11.0</lon><name>Tessa</name><fcode>STM</fcode><country>Italy</country></gaztag>
      </toponym>
    </toponyms>
  </article>
  <article file="20"><title>Empty page</title><text>  </text></article>
</articles>
"""


def gwn_toponym(start, end, text, name=None, lat=None, lon=None, geonameid=None, feature_code=None, country=None,
                type="Literal", modifier_type=None, non_locational=False) -> dict:
    return {"start": start, "end": end, "text": text, "name": name or text, "lat": lat, "lon": lon,
            "geonameid": geonameid, "feature_code": feature_code, "country": country, "type": type,
            "modifier_type": modifier_type, "non_locational": non_locational}


def test_geowebnews_xml_gives_every_toponym_sorted_with_its_type(tmp_path):
    xml_path = tmp_path / "GWN.xml"
    xml_path.write_text(GWN_XML, encoding="utf-8")
    out = tmp_path / "gwn"
    summary = convert_geowebnews_xml(xml_path, out)

    assert read_jsonl(out / "articles.jsonl") == [
        {"id": "gwn-000", "title": "Floods in Marlow", "text": GWN_TEXT_0, "url": "http://example.org/floods"},
        {"id": "gwn-012", "text": GWN_TEXT_1},
    ]
    assert read_jsonl(out / "gold.jsonl") == [
        {"id": "gwn-000", "toponyms": [
            gwn_toponym(11, 17, "Marlow", lat=51.56667, lon=-0.77, geonameid=2643186),
            gwn_toponym(29, 38, "Residents", type="Non_Lit_Expression", non_locational=True),
            gwn_toponym(46, 50, "town", type="Literal_Expression"),
            gwn_toponym(59, 66, "Reading", lat=51.45625, lon=-0.97113),
            gwn_toponym(70, 77, "British", "United Kingdom", 54.75844, -2.69531, 2635167,
                        type="Non_Literal_Modifier", modifier_type="Adjective"),
            gwn_toponym(200, 206, "Thames"),  # offsets outside the text: the annotated name, counted
        ]},
        {"id": "gwn-012", "toponyms": [
            gwn_toponym(10, 17, "Valdora", lat=45.1, lon=11.2, geonameid=9990001, feature_code="PPL",
                        country="Italy", type="Literal_Modifier", modifier_type="Noun"),
            gwn_toponym(27, 33, "bridge", type="Literal_Expression"),
            gwn_toponym(43, 54, "Tessa river", "Tessa", 45.0, 11.0, feature_code="STM", country="Italy"),
        ]},
    ]
    assert summary.articles == 2
    assert summary.skipped == {"no text": 1}
    assert summary.counts == {"toponyms": 9, "toponyms with coordinates": 5,
                              "offset mismatches (text[start:end] is not the annotated name)": 2}
    assert "`GWN.xml`" in (out / "SOURCE.md").read_text(encoding="utf-8")


LGL_TEXT_0 = "Shots fired near Alexandria school. Deputies in Rapides Parish searched Orchard St. after the shots."
LGL_TEXT_1 = "Pineville council meets Monday."
LGL_XML = f"""<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="1001">
    <feedid>138</feedid>
    <title>Shots near school</title>
    <domain>thetowntalk.com</domain>
    <url>http://www.thetowntalk.com/article/1001</url>
    <dltime>2009-03-20 12:24:52.002364-05</dltime>
    <text><![CDATA[{LGL_TEXT_0}]]></text>
    <toponyms count="3">
      <toponym><start>17</start><end>27</end><phrase>Alexandria</phrase>
        <gaztag geonameid="4314550"><name>Alexandria</name><fclass>P</fclass><fcode>PPL</fcode>
          <lat>31.3113</lat><lon>-92.4451</lon><country geonameid="6252001">United States</country>
          <admin1 geonameid="4331987">Louisiana</admin1></gaztag>
      </toponym>
      <toponym><start>72</start><end>83</end><phrase>Orchard St.</phrase></toponym>
      <toponym><start>48</start><end>62</end><phrase>Rapides Parish</phrase>
        <gaztag geonameid="4338356"><name>Rapides Parish</name><fclass>A</fclass><fcode>ADM2</fcode>
          <lat>31.1669</lat><lon>-92.4835</lon><country geonameid="6252001">United States</country>
          <admin1 geonameid="4331987">Louisiana</admin1></gaztag>
      </toponym>
    </toponyms>
  </article>
  <article docid="1002">
    <title>Council</title>
    <text><![CDATA[{LGL_TEXT_1}]]></text>
    <toponyms count="2">
      <toponym><start>0</start><end>9</end><phrase>Pinevile</phrase>
        <gaztag geonameid="4337291"><name>Pineville</name><fcode>PPL</fcode><lat>31.3224</lat><lon>-92.4343</lon>
          <country>United States</country><admin1>Louisiana</admin1></gaztag>
      </toponym>
      <toponym><phrase>Monday</phrase></toponym>
    </toponyms>
  </article>
</articles>
"""


def lgl_toponym(start, end, text, name=None, lat=None, lon=None, geonameid=None, feature_code=None, country=None,
                admin1=None) -> dict:
    return {"start": start, "end": end, "text": text, "name": name or text, "lat": lat, "lon": lon,
            "geonameid": geonameid, "feature_code": feature_code, "country": country, "admin1": admin1,
            "type": None}


def test_lgl_xml_gives_toponyms_with_their_gazetteer_entries(tmp_path):
    xml_path = tmp_path / "lgl.xml"
    xml_path.write_text(LGL_XML, encoding="utf-8")
    out = tmp_path / "lgl"
    summary = convert_lgl_xml(xml_path, out)

    assert read_jsonl(out / "articles.jsonl") == [
        {"id": "lgl-1001", "title": "Shots near school", "text": LGL_TEXT_0, "published": "2009-03-20",
         "source": "thetowntalk.com", "url": "http://www.thetowntalk.com/article/1001"},
        {"id": "lgl-1002", "title": "Council", "text": LGL_TEXT_1},
    ]
    louisiana = {"country": "United States", "admin1": "Louisiana"}
    assert read_jsonl(out / "gold.jsonl") == [
        {"id": "lgl-1001", "toponyms": [
            lgl_toponym(17, 27, "Alexandria", lat=31.3113, lon=-92.4451, geonameid=4314550, feature_code="PPL",
                        **louisiana),
            lgl_toponym(48, 62, "Rapides Parish", lat=31.1669, lon=-92.4835, geonameid=4338356,
                        feature_code="ADM2", **louisiana),
            lgl_toponym(72, 83, "Orchard St."),  # no gazetteer tag: null coordinates
        ]},
        {"id": "lgl-1002", "toponyms": [
            lgl_toponym(0, 9, "Pineville", lat=31.3224, lon=-92.4343, geonameid=4337291, feature_code="PPL",
                        **louisiana),
        ]},
    ]
    assert summary.articles == 2
    assert summary.skipped == {"toponym without offsets": 1}
    assert summary.counts == {"toponyms": 4, "toponyms with coordinates": 3,
                              "offset mismatches (text[start:end] is not the annotated name)": 1}


@pytest.mark.parametrize("convert", [convert_geowebnews_xml, convert_lgl_xml])
def test_xml_converters_reject_missing_files_and_non_xml(tmp_path, convert):
    with pytest.raises(ConversionError, match=r"absent\.xml: no such file"):
        convert(tmp_path / "absent.xml", tmp_path / "out")
    not_xml = tmp_path / "notes.xml"
    not_xml.write_text("id,text\n1,hello\n", encoding="utf-8")
    with pytest.raises(ConversionError, match=r"notes\.xml: not well-formed XML"):
        convert(not_xml, tmp_path / "out")
    wrong_root = tmp_path / "feed.xml"
    wrong_root.write_text("<rss><article/></rss>", encoding="utf-8")
    with pytest.raises(ConversionError, match=r"feed\.xml: expected an <articles> root element, found <rss>"):
        convert(wrong_root, tmp_path / "out")
    assert not (tmp_path / "out").exists()
