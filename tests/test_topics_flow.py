"""Topics, stories and quote keys in the warehouse: first model fitted by a run, refit
keeps topic ids, wire copies share a story across outlets, quotes share a key."""

from __future__ import annotations

import pytest
from conftest import corpus_records, write_config, write_jsonl

from akhbar.query import connect

pytestmark = pytest.mark.usefixtures("prefect_harness")

WIRE = ("قال وزير الخارجية إن بلاده ستشارك في المؤتمر الدولي للسلام الذي يعقد الشهر المقبل في جنيف، "
        "مؤكدا أن الحل السياسي هو الطريق الوحيد لإنهاء الأزمة. وأضاف الوزير في مؤتمر صحفي: "
        "«لن نقبل بأي حل يفرض علينا من الخارج، ونريد سلاما عادلا يحفظ حقوق الجميع». "
        "وأشار إلى أن الوفد سيضم خبراء في القانون الدولي وممثلين عن المجتمع المدني. "
        "ومن المقرر أن تستمر المحادثات ثلاثة أيام بمشاركة ممثلين عن خمس عشرة دولة.")


def test_first_run_fits_topics_refit_keeps_ids_and_labels_read(tmp_path):
    from flows.etl import etl
    from flows.topics import refit

    first = corpus_records(420, step=13)
    data = write_jsonl(tmp_path / "in.jsonl", first)
    cfg = write_config(tmp_path / "c.yaml", [{"name": "corpus", "kind": "jsonl", "path": str(data)}],
                       topics={"n_topics": 6, "auto_fit_min_articles": 200})
    wh = tmp_path / "wh"
    summary = etl(config=str(cfg), warehouse=str(wh))
    assert summary["topics_fitted"]["model_version"] == 1
    con = connect(str(wh))
    n_articles = con.execute("select count(*) from articles").fetchone()[0]
    assert con.execute("select count(distinct article_id) from article_topics "
                       "where model_version = 1").fetchone()[0] == n_articles
    topics = con.execute("select topic_id, label, terms from topics where model_version = 1").fetchall()
    assert len(topics) == 6
    # Labels are surface words that articles actually contain, not stems.
    for _, label, terms in topics:
        for word in terms[:5]:
            hits = con.execute("select count(*) from articles where contains(text, ?) or contains(title, ?)",
                               [word, word]).fetchone()[0]
            assert hits > 0, (label, word)
    second = refit(config=str(cfg), warehouse=str(wh))
    assert second["model_version"] == 2 and len(second["kept_topic_ids"]) >= 5
    con = connect(str(wh))
    versions = con.execute("select model_version, count(distinct article_id) from article_topics "
                           "group by 1 order by 1").fetchall()
    assert versions == [(1, n_articles), (2, n_articles)]  # old assignments keep their version
    # New articles in a later run get the current model's topics.
    seen = {r["id"] for r in first}
    more = [r for r in corpus_records(600, step=13) if r["id"] not in seen][:30]
    write_jsonl(data, more)
    etl(config=str(cfg), warehouse=str(wh))
    con = connect(str(wh))
    new_ids = [r["id"] for r in more]
    got = con.execute("select distinct t.model_version from article_topics t join articles a using "
                      "(article_id) where a.external_id in (select unnest(?))", [new_ids]).fetchall()
    assert got == [(2,)]


def test_wire_copies_share_a_story_and_quotes_share_a_key(tmp_path):
    from flows.etl import etl

    records = [
        {"id": "a1", "source": "Outlet A", "url": "https://a.example/1", "published": "2024-06-01",
         "title": "وزير الخارجية: سنشارك في مؤتمر جنيف", "category": None, "text": WIRE},
        # The same wire copy elsewhere, lightly edited: a byline, one sentence dropped.
        {"id": "b1", "source": "Outlet B", "url": "https://b.example/x", "published": "2024-06-01",
         "title": "بلادنا ستشارك في مؤتمر السلام", "category": None,
         "text": "جنيف - وكالات\n\n" + WIRE.rsplit(" ومن المقرر", 1)[0]},
        {"id": "c1", "source": "Outlet C", "url": "https://c.example/y", "published": "2024-06-02",
         "title": "افتتاح معرض الكتاب", "category": None,
         "text": "افتتح وزير الثقافة معرض الكتاب الدولي بمشاركة أربعمائة دار نشر من ثلاثين دولة، "
                 "وقال إن المعرض «نافذة للقراء والناشرين على حد سواء» في دورته الجديدة هذا العام."},
    ]
    data = write_jsonl(tmp_path / "in.jsonl", records)
    cfg = write_config(tmp_path / "c.yaml", [{"name": "wire", "kind": "jsonl", "path": str(data)}])
    wh = tmp_path / "wh"
    etl(config=str(cfg), warehouse=str(wh))
    con = connect(str(wh))
    stories = dict(con.execute("select external_id, story_id from articles").fetchall())
    assert stories["a1"] == stories["b1"] != stories["c1"]
    # Who said what, reported by how many outlets: one line.
    rows = con.execute("""
        select q.quote_key, any_value(q.speaker), count(distinct a.source) outlets
        from quotes q join articles a using (article_id)
        where q.kind = 'direct' group by 1 order by outlets desc""").fetchall()
    assert rows[0][2] == 2 and "جنيف" not in rows[0][1]
    # A later run with another copy links it to the same story (the index persists).
    write_jsonl(data, [*records, {**records[0], "id": "d1", "source": "Outlet D",
                                  "url": "https://d.example/z", "published": "2024-06-03"}])
    etl(config=str(cfg), warehouse=str(wh))
    stories = dict(connect(str(wh)).execute("select external_id, story_id from articles").fetchall())
    assert stories["d1"] == stories["a1"]
