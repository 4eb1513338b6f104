"""HTML extraction scored against the ground truth of ``../shared/html``.

``python -m akhbar.evaluation.extraction [--shared DIR] [--json] [--pages]``

Main text. For each page with a full-text gold — fundus's LBCI paragraphs, newspaper4k's
CNN Arabic text, and the human ``articleBody`` of the 17 scrapinghub pages — the text akhbar
would store (``clean_text`` of :func:`akhbar.formats.parse_html_page`'s text) is compared
with the gold by token F1: tokens are the word characters of the NFKC form with combining
marks (harakat) and tatweel removed, case-folded, CJK ideographs and kana one per token;
precision and recall are over the bags of tokens. The trafilatura evaluation entry of the
Assabah page is not a full text but snippets that must (``with``) and must not
(``without``) be in the text; it is reported as such. Plain ``trafilatura.extract`` on
the same decoded page is printed alongside as the baseline.

Dates. For the 11 pages of htmldate's Media Cloud gold (8 Arabic, 3 Persian) and the LBCI
page (fundus's ``publishing_date``), the date is the partition date akhbar's pipeline gives
the page (:func:`akhbar.pipeline.transform_records` on a raw ``html`` record with the
page's original URL, the published article's ``date`` or, for the Persian pages that are
quarantined as not Arabic, the quarantine row's ``date``). ``htmldate.find_date`` with its
defaults is the baseline.

Pages are read from disk, never fetched; the numbers depend only on the code and the
shared files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
DEFAULT_SHARED = REPO.parent / "shared"
_TOKEN_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]|[^\W_]+")


@dataclass
class Page:
    path: str  # relative to shared/
    language: str
    url: str | None
    data: bytes
    gold_text: str | None = None
    gold_title: str | None = None
    gold_date: dt.date | None = None
    with_snippets: list[str] = field(default_factory=list)
    without_snippets: list[str] = field(default_factory=list)


@dataclass
class TextScore:
    path: str
    language: str
    precision: float
    recall: float
    f1: float
    baseline_f1: float
    chars: int
    gold_chars: int


@dataclass
class DateScore:
    path: str
    language: str
    gold: str
    predicted: str | None
    date_source: str | None
    ok: bool
    baseline: str | None
    baseline_ok: bool


@dataclass
class Report:
    text: list[TextScore]
    dates: list[DateScore]
    snippets: dict[str, Any]
    titles: list[dict[str, Any]]
    seconds: float

    def summary(self) -> dict[str, Any]:
        def mean(values: list[float]) -> float | None:
            return round(sum(values) / len(values), 4) if values else None

        ar = [t for t in self.text if t.language == "ar"]
        return {
            "text_pages": len(self.text),
            "text_f1_mean": mean([t.f1 for t in self.text]),
            "text_f1_mean_arabic": mean([t.f1 for t in ar]),
            "text_f1_mean_other": mean([t.f1 for t in self.text if t.language != "ar"]),
            "text_precision_mean": mean([t.precision for t in self.text]),
            "text_recall_mean": mean([t.recall for t in self.text]),
            "baseline_text_f1_mean": mean([t.baseline_f1 for t in self.text]),
            "baseline_text_f1_mean_arabic": mean([t.baseline_f1 for t in ar]),
            "date_pages": len(self.dates),
            "date_accuracy": mean([float(d.ok) for d in self.dates]),
            "dates_wrong": sum(1 for d in self.dates if d.predicted and not d.ok),
            "dates_missing": sum(1 for d in self.dates if not d.predicted),
            "date_accuracy_htmldate_gold": mean([float(d.ok) for d in self.dates
                                                 if "htmldate/" in d.path]),
            "date_accuracy_arabic": mean([float(d.ok) for d in self.dates if d.language == "ar"]),
            "baseline_date_accuracy": mean([float(d.baseline_ok) for d in self.dates]),
            "assabah_snippets": self.snippets,
            "titles_exact": f"{sum(t['ok'] for t in self.titles)}/{len(self.titles)}",
            "seconds": round(self.seconds, 2),
        }


def tokens(text: str) -> list[str]:
    """Comparable tokens: NFKC, no combining marks or tatweel, case-folded words."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn" and ch != "\u0640")
    return _TOKEN_RE.findall(text.casefold())


def token_prf(predicted: str, gold: str) -> tuple[float, float, float]:
    p, g = Counter(tokens(predicted)), Counter(tokens(gold))
    common = sum((p & g).values())
    if not common:
        return 0.0, 0.0, 0.0
    precision, recall = common / sum(p.values()), common / sum(g.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def _norm_title(value: str | None) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", value or "")).strip()


def load_pages(shared: Path) -> list[Page]:
    """The pages of ``shared/html`` that have a text, title or date gold."""
    html = shared / "html"
    manifest = json.loads((html / "manifest.json").read_text(encoding="utf-8"))
    mediacloud = json.loads((html / "htmldate" / "eval_mediacloud_2020.json").read_text(encoding="utf-8"))
    by_file = {v["file"]: (url, v["date"]) for url, v in mediacloud.items()}
    scrapinghub = json.loads((html / "scrapinghub" / "ground-truth.json").read_text(encoding="utf-8"))
    pages: list[Page] = []
    for item in manifest["items"]:
        if item.get("kind") != "article_html":
            continue
        raw = (shared / item["path"]).read_bytes()
        data = gzip.decompress(raw) if item["path"].endswith(".gz") else raw
        page = Page(item["path"], item.get("language") or "", item.get("url"), data)
        name = Path(item["path"]).name
        if item["path"].startswith("html/fundus/"):
            gold = json.loads((html / "fundus" / "lb" / "LBCGroup.json").read_text(encoding="utf-8"))["V1"]
            body = gold["body"]
            paragraphs = list(body.get("summary") or [])
            for section in body.get("sections") or []:
                paragraphs += list(section.get("headline") or []) + list(section.get("paragraphs") or [])
            page.gold_text = "\n".join(paragraphs)
            page.gold_title = gold["title"]
            page.gold_date = dt.date.fromisoformat(gold["publishing_date"][:10])
        elif item["path"].startswith("html/newspaper4k/"):
            page.gold_text = (html / "newspaper4k" / "arabic_article.txt").read_text(encoding="utf-8")
            page.gold_title = json.loads((html / "newspaper4k" / "arabic_article.json")
                                         .read_text(encoding="utf-8"))["title"]
        elif item["path"].startswith("html/trafilatura/"):
            entry = next(iter(json.loads((html / "trafilatura" / "evaldata.assabah.com.tn.json")
                                         .read_text(encoding="utf-8")).values()))
            page.gold_title = entry["title"]
            page.with_snippets, page.without_snippets = entry["with"], entry["without"]
        elif item["path"].startswith("html/htmldate/") and name in by_file:
            page.url, gold_date = by_file[name]
            page.gold_date = dt.date.fromisoformat(gold_date)
        elif item["path"].startswith("html/scrapinghub/"):
            entry = scrapinghub.get(name.removesuffix(".html.gz"))
            if entry:
                page.gold_text, page.url = entry["articleBody"], entry.get("url") or page.url
        pages.append(page)
    return pages


def _pipeline_date(page: Page) -> tuple[str | None, str | None]:
    """The partition date (and its rule) akhbar's pipeline gives this page."""
    from akhbar import version
    from akhbar.config import SourceConfig
    from akhbar.pipeline import BatchContext, transform_records
    from akhbar.sources.base import BatchSpec, RawRecord

    now = dt.datetime.now(dt.UTC)
    ctx = BatchContext(run_id="eval", run_date=now.date(), started_at=now,
                       pipeline_version=getattr(version, "__version__", "eval"),
                       sources={"eval": SourceConfig(name="eval", kind="urls", urls=[page.url or ""])})
    record = RawRecord("eval", "html", page.url or page.path, page.data, {"url": page.url})
    result = transform_records([record], BatchSpec("eval", "urls", 0), ctx)
    for table in ("articles", "quarantine"):
        rows = result.tables[table].to_pylist()
        if rows and rows[0].get("date"):
            return rows[0]["date"].isoformat(), rows[0].get("date_source") or f"({rows[0].get('reason')})"
    return None, None


def evaluate(shared: Path = DEFAULT_SHARED) -> Report:
    import trafilatura
    from htmldate import find_date

    from akhbar.formats import decode_html, parse_html_page
    from akhbar.text.clean import clean_line, clean_text

    t0 = time.perf_counter()
    text_scores: list[TextScore] = []
    date_scores: list[DateScore] = []
    titles: list[dict[str, Any]] = []
    snippets: dict[str, Any] = {}
    for page in load_pages(shared):
        if not (page.gold_text or page.gold_date or page.gold_title or page.with_snippets):
            continue
        fields = parse_html_page(page.data, {"url": page.url})
        text = clean_text(fields.text or "")
        if page.gold_text:
            baseline = trafilatura.extract(decode_html(page.data), url=page.url) or ""
            p, r, f = token_prf(text, page.gold_text)
            text_scores.append(TextScore(page.path, page.language, round(p, 4), round(r, 4), round(f, 4),
                                         round(token_prf(baseline, page.gold_text)[2], 4),
                                         len(text), len(page.gold_text)))
        if page.gold_title:
            got = _norm_title(clean_line(fields.title))
            titles.append({"path": page.path, "ok": got == _norm_title(page.gold_title),
                           "title": got, "gold": _norm_title(page.gold_title)})
        if page.with_snippets:
            found = [s for s in page.with_snippets if s in text]
            leaked = [s for s in page.without_snippets if s in text]
            snippets = {"page": page.path, "with_found": f"{len(found)}/{len(page.with_snippets)}",
                        "without_absent": f"{len(page.without_snippets) - len(leaked)}/"
                                          f"{len(page.without_snippets)}"}
        if page.gold_date:
            predicted, rule = _pipeline_date(page)
            base = find_date(decode_html(page.data), url=page.url)
            gold = page.gold_date.isoformat()
            date_scores.append(DateScore(page.path, page.language, gold, predicted, rule,
                                         predicted == gold, base, base == gold))
    return Report(text_scores, date_scores, snippets, titles, time.perf_counter() - t0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m akhbar.evaluation.extraction", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder (../shared)")
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    ap.add_argument("--pages", action="store_true", help="print per-page scores")
    args = ap.parse_args(argv)
    if not (args.shared / "html" / "manifest.json").exists():
        print(f"no {args.shared}/html/manifest.json: pass --shared", file=sys.stderr)
        return 2
    import logging

    logging.disable(logging.WARNING)  # htmldate and trafilatura warn about odd markup
    report = evaluate(args.shared)
    summary = report.summary()
    if args.json:
        print(json.dumps({"summary": summary, "text": [asdict(t) for t in report.text],
                          "dates": [asdict(d) for d in report.dates], "titles": report.titles},
                         ensure_ascii=False, indent=1))
        return 0
    if args.pages:
        print("main text (token F1)                                   lang   P      R      F1   baseline")
        for t in report.text:
            print(f"  {t.path[-50:]:<52} {t.language:<4} {t.precision:.3f}  {t.recall:.3f}  {t.f1:.3f}  "
                  f"{t.baseline_f1:.3f}")
        print("dates                                                  lang  gold        akhbar (rule)"
              "               htmldate")
        for d in report.dates:
            mark = "ok " if d.ok else "BAD"
            print(f"  {d.path[-50:]:<52} {d.language:<4} {d.gold}  {mark} {d.predicted} ({d.date_source})"
                  f"   {d.baseline}")
        for t in report.titles:
            print(f"  title {'ok ' if t['ok'] else 'BAD'} {t['path']}: {t['title']}")
    s = summary
    print(f"main text: mean token F1 {s['text_f1_mean']:.3f} over {s['text_pages']} pages "
          f"(Arabic {s['text_f1_mean_arabic']:.3f}, other {s['text_f1_mean_other']:.3f}; "
          f"P {s['text_precision_mean']:.3f}, R {s['text_recall_mean']:.3f}); "
          f"plain trafilatura {s['baseline_text_f1_mean']:.3f} "
          f"(Arabic {s['baseline_text_f1_mean_arabic']:.3f})")
    print(f"Assabah snippets: with {s['assabah_snippets'].get('with_found')} found, "
          f"without {s['assabah_snippets'].get('without_absent')} absent; titles exact {s['titles_exact']}")
    n_ok = sum(d.ok for d in report.dates)
    print(f"dates: {n_ok}/{s['date_pages']} correct = {s['date_accuracy']:.3f} "
          f"(htmldate gold {s['date_accuracy_htmldate_gold']:.3f}, Arabic {s['date_accuracy_arabic']:.3f}; "
          f"{s['dates_wrong']} wrong, {s['dates_missing']} missing); "
          f"htmldate.find_date {s['baseline_date_accuracy']:.3f}")
    print(f"({s['seconds']:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
