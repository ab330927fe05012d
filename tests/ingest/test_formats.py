"""Reading real-format files: HTML pages with boilerplate, RSS and Atom feeds, WARC archives, stdin.

The samples in `samples/` are invented texts in the formats users save (see samples/README.md).
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sitrep.errors import MalformedWarc, NoArticleText, UnrecognisedContent, UnsupportedFormat
from sitrep.ingest import read_paths
from sitrep.ingest.sniff import Format, sniff_format

SAMPLES = Path(__file__).parent / "samples"


@pytest.mark.parametrize(
    "name,expected",
    [
        ("omar-drones.html", Format.html),
        ("saved-page", Format.html),
        ("outlet-feed.xml", Format.feed),
        ("monitor.atom", Format.feed),
    ],
)
def test_sample_formats_are_recognised_by_content(name, expected):
    path = SAMPLES / name
    assert sniff_format(path.read_bytes()[:65536], "") == expected  # extension withheld: content alone


@pytest.mark.parametrize(
    "head,suffix,expected",
    [
        (b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", ".dat", Format.warc),
        (b'{"id": "a", "text": "Rockets hit the base."}\n', ".txt", Format.jsonl),
        (b"https://a.test/1\n# comment\n\nhttp://b.test/2\n", ".txt", Format.urls),
        (b"Rockets hit the base at dawn.", "", Format.text),
        (b"<?xml version='1.0'?><invoice><total>3</total></invoice>", ".xml", Format.unknown),
        (b"%PDF-1.4 ...", ".txt", Format.unknown),
        (b"<p>Rockets hit the base.</p>", ".txt", Format.html),
        (b"{broken", ".jsonl", Format.jsonl),
    ],
    ids=["warc_as_dat", "jsonl_as_txt", "url_list", "plain", "other_xml", "pdf", "html_fragment", "broken_jsonl"],
)
def test_sniffing_table(head, suffix, expected):
    assert sniff_format(head, suffix) == expected


def test_html_page_keeps_the_article_and_drops_the_boilerplate(read_batch):
    [document], errors = read_batch([SAMPLES / "omar-drones.html"])
    assert errors == []
    assert "Three drones struck the US base at the al-Omar oil field" in document.text
    assert "Islamic Resistance in Iraq claimed the attack" in document.text
    for boilerplate in ("Subscribe now", "newsletter", "Most read", "Football", "Cookie", "Reader123", "gtag"):
        assert boilerplate not in document.text
    assert (document.doc_id, document.title, document.outlet) == (
        "omar-drones", "Drones target US base in eastern Syria", "Example Daily")
    assert document.url == "https://example-daily.test/world/2024/02/05/drones-omar"
    assert (document.published, document.published_basis, document.language) == ("2024-02-05", "page_date", "en")


def test_html_page_without_extension_is_read_in_a_folder(tmp_path, read_batch):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SAMPLES / "saved-page", inbox / "saved-page")
    (inbox / "notes").write_text("just some notes, no extension", encoding="utf-8")
    [document], errors = read_batch([inbox])
    assert "Several rockets were fired at Ain al-Asad air base" in document.text
    assert "Connexion" not in document.text and "Share on social media" not in document.text
    assert (document.title, document.published) == ("Rockets fired at Ain al-Asad air base", "2024-01-20")
    [error] = errors
    assert isinstance(error, UnsupportedFormat) and str(error).startswith(f"E008 {inbox / 'notes'}")


def test_rss_feed_saved_as_xml_gives_one_document_per_item(read_batch):
    path = SAMPLES / "outlet-feed.xml"
    documents, errors = read_batch([path])
    assert [d.doc_id for d in documents] == ["example-wire-1001", "https://example-wire.test/2024/02/12/conoco"]
    tower, conoco = documents
    assert tower.text.startswith("A one-way attack drone struck Tower 22")  # full content, markup gone
    assert "Officials blamed Iran-backed militias" in tower.text and "<b>" not in tower.text
    assert (tower.url, tower.outlet, tower.title) == (
        "https://example-wire.test/2024/01/28/tower-22", "Example Wire", "Drone attack on Tower 22 in Jordan")
    assert (tower.published, tower.published_basis) == ("2024-01-28", "page_date")
    assert conoco.text.startswith("Rockets were fired at the US base at the Conoco gas field")  # summary only
    assert conoco.published == "2024-02-12"
    [error] = errors  # the headline-only video item
    assert isinstance(error, NoArticleText)
    assert str(error).startswith(f"E011 {path} item 3:")


def test_atom_feed_items_with_published_or_updated_dates(read_batch):
    documents, errors = read_batch([SAMPLES / "monitor.atom"])
    assert errors == []
    assert [(d.doc_id, d.published, d.outlet) for d in documents] == [
        ("tag:example-monitor.test,2024:shaddadi-0205", "2024-02-05", "Example Monitor"),
        ("tag:example-monitor.test,2024:erbil-0204", "2024-02-04", "Example Monitor"),
    ]
    assert "No casualties were reported." in documents[0].text


def test_published_option_overrides_page_dates(settings):
    [document] = list(read_paths([str(SAMPLES / "omar-drones.html")], settings, published="2024-02-06"))
    assert (document.published, document.published_basis) == ("2024-02-06", "given")


def _warc_record(writer: WARCWriter, url: str, body: bytes, content_type: str, status: str = "200 OK"):
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    return writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)


def write_warc(path: Path, gzip: bool = True) -> None:
    """A small crawl: warcinfo, a request, two article pages, an image, a 404 page and a text resource."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "sitrep tests"}))
        request = StatusAndHeaders("GET /world/2024/02/05/drones-omar HTTP/1.1", [("Host", "example-daily.test")],
                                   is_http_request=True)
        writer.write_record(writer.create_warc_record("https://example-daily.test/world/2024/02/05/drones-omar",
                                                      "request", payload=io.BytesIO(b""), http_headers=request))
        writer.write_record(_warc_record(writer, "https://example-daily.test/world/2024/02/05/drones-omar",
                                         (SAMPLES / "omar-drones.html").read_bytes(), "text/html; charset=utf-8"))
        writer.write_record(_warc_record(writer, "https://example-daily.test/logo.png", b"\x89PNG\r\n\x1a\n\x00",
                                         "image/png"))
        writer.write_record(_warc_record(writer, "https://example-news.test/missing", b"<html>Not found</html>",
                                         "text/html", status="404 Not Found"))
        writer.write_record(_warc_record(writer, "https://example-news.test/2024/01/20/asad",
                                         (SAMPLES / "saved-page").read_bytes(), "text/html"))
        writer.write_record(writer.create_warc_record(
            "https://example-news.test/wire.txt", "resource",
            payload=io.BytesIO(b"Rockets were fired at the Conoco base in eastern Syria on Monday, a monitor said."),
            warc_content_type="text/plain"))


@pytest.mark.parametrize("gzip,name", [(True, "crawl.warc.gz"), (False, "crawl.dat")], ids=["gzip", "plain_as_dat"])
def test_warc_archive_gives_its_article_records(tmp_path, read_batch, gzip, name):
    path = tmp_path / name
    write_warc(path, gzip=gzip)
    documents, errors = read_batch([path])
    assert errors == []
    assert [d.url for d in documents] == [
        "https://example-daily.test/world/2024/02/05/drones-omar",
        "https://example-news.test/2024/01/20/asad",
        "https://example-news.test/wire.txt",
    ]
    assert [d.doc_id for d in documents] == [d.url for d in documents]
    assert "al-Omar oil field" in documents[0].text and "Most read" not in documents[0].text
    assert documents[0].published == "2024-02-05" and documents[1].title == "Rockets fired at Ain al-Asad air base"
    assert documents[2].text.startswith("Rockets were fired at the Conoco base")
    assert all(d.source_path == str(path) for d in documents)


def test_damaged_warc_keeps_the_records_before_the_damage(tmp_path, read_batch):
    whole = tmp_path / "whole.warc"
    write_warc(whole, gzip=False)
    data = whole.read_bytes()
    cut = data.rfind(b"WARC/1.", 0, data.index(b"example-news.test/2024/01/20/asad"))  # start of the Asad record
    damaged = tmp_path / "damaged.warc"
    damaged.write_bytes(data[:cut] + b"<html>a page pasted in by hand</html>\r\n\r\n" + data[cut:])
    documents, errors = read_batch([damaged])
    assert [d.url for d in documents] == ["https://example-daily.test/world/2024/02/05/drones-omar"]
    [error] = errors
    assert isinstance(error, MalformedWarc) and str(error).startswith(f"E013 {damaged}")


def test_stdin_is_recognised_like_a_file(settings):
    feed = io.BytesIO((SAMPLES / "monitor.atom").read_bytes())
    documents = list(read_paths(["-"], settings, stdin=feed))
    assert [d.outlet for d in documents] == ["Example Monitor", "Example Monitor"]
    assert all(d.source_path == "<stdin>" for d in documents)
    [text] = list(read_paths(["-"], settings, stdin=io.BytesIO(b"Rockets hit the base at dawn on Monday.")))
    assert (text.doc_id, text.language) == ("stdin", "en")


@pytest.mark.parametrize(
    "name,content,reason",
    [
        ("invoice.xml", b"<?xml version='1.0'?><invoice><total>3</total></invoice>", "not an RSS or Atom feed"),
        ("report.txt", b"%PDF-1.4\n%comment\n1 0 obj\n", "a PDF document"),
    ],
    ids=["xml_not_a_feed", "pdf_named_txt"],
)
def test_content_that_is_no_format_is_reported_by_name(tmp_path, good_file, read_batch, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    documents, errors = read_batch([path, good_file])
    [error] = errors
    assert isinstance(error, UnrecognisedContent)
    assert str(error).startswith(f"E010 {path}: content is none of the formats") and reason in str(error)
    assert [d.doc_id for d in documents] == ["good"]
