"""RSS 0.91/0.92/2.0, RDF and Atom: small hand-written feeds and real captures from the corpus.

Everything goes through `parse_bytes`, the same entry point the CLI and the library use,
and the assertions are about what a reader sees: titles, sections, links that open,
captions under pictures, podcast files, dates, and no leaked or exploded content.
"""

from __future__ import annotations

import csv
import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsterm.core.model import Article, Document, Enclosure, Figure, Paragraph
from newsterm.core.sources import parse_bytes
from tests.conftest import CORPUS

FEEDS = CORPUS / "feeds"


def manifest_first_title(name: str) -> str:
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["file"] == f"feeds/{name}":
                return row["first_title"]
    raise AssertionError(f"{name} is not in MANIFEST.tsv")


def corpus(name: str, url: str | None = None) -> Document:
    return parse_bytes((FEEDS / name).read_bytes(), url=url, name=name)


def rss(items: str, *, version: str = "2.0", channel: str = "", namespaces: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="{version}"{namespaces}>'
        f"<channel><title>Harbour Gazette</title><link>https://gazette.example/</link>"
        f"<description>Local news</description>{channel}{items}</channel></rss>"
    ).encode()


def atom(entries: str, *, feed_attrs: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom"{feed_attrs}>'
        "<title>Atom Harbour</title><id>urn:uuid:feed</id>"
        "<updated>2024-03-01T10:00:00Z</updated>"
        f"{entries}</feed>"
    ).encode()


def only_article(data: bytes, url: str | None = None) -> Article:
    document = parse_bytes(data, url=url)
    assert len(document.articles) == 1
    return document.articles[0]


def text_of(article: Article) -> str:
    return "\n".join(getattr(b, "text", "") for b in article.blocks)


# --- RSS 2.0 -----------------------------------------------------------------------------


RSS2_ITEM = """
<item>
  <title>Bridge vote delayed again</title>
  <link>https://gazette.example/2024/bridge-vote</link>
  <guid isPermaLink="false">gazette-4411</guid>
  <description>&lt;p&gt;The council met on Tuesday.&lt;/p&gt;
    &lt;p&gt;Residents spoke.&lt;/p&gt;</description>
  <category>Politics</category>
  <category domain="https://gazette.example/sections">Local News</category>
  <category>Politics</category>
  <author>editor@gazette.example (Jane Reporter)</author>
  <pubDate>Tue, 02 Jan 2024 12:00:00 +0200</pubDate>
  <enclosure url="https://cdn.gazette.example/audio/bridge.mp3" type="audio/mpeg"
             length="1234567"/>
</item>
"""


def test_rss2_item_reads_as_an_article() -> None:
    document = parse_bytes(rss(RSS2_ITEM))
    assert document.source.kind == "rss"
    assert document.source.title == "Harbour Gazette"
    [article] = document.articles
    assert article.title == "Bridge vote delayed again"
    assert article.url == "https://gazette.example/2024/bridge-vote"
    assert article.source == "Harbour Gazette"
    assert article.guid == "gazette-4411"
    assert [b.text for b in article.blocks if isinstance(b, Paragraph)] == [
        "The council met on Tuesday.",
        "Residents spoke.",
    ]


def test_rss2_categories_become_sections_once_each_in_order() -> None:
    article = only_article(rss(RSS2_ITEM))
    assert article.sections == ("Politics", "Local News")


@pytest.mark.parametrize(
    ("author", "byline"),
    [
        # feedparser's address pattern stops top-level domains at four letters, which left
        # "ple (Ann Lee" and "Ann Lee <ne>"; both parsers must give the person's name.
        ("desk@paper.example (Ann Lee)", ("Ann Lee",)),
        ("Ann Lee &lt;ann@paper.online&gt;", ("Ann Lee",)),
        ("ann@paper.com (Ann Lee)", ("Ann Lee",)),
        ("desk@paper.example", ("desk@paper.example",)),  # no name: the address as written
        ("Ann Lee", ("Ann Lee",)),
    ],
)
@pytest.mark.parametrize("fast", [True, False])
def test_rss2_author_with_an_address_gives_the_name(
    author: str, byline: tuple[str, ...], fast: bool
) -> None:
    from newsterm.core.sources.feeds import parse_feed

    item = f"<item><title>Tides</title><author>{author}</author></item>"
    [article] = parse_feed(rss(item), "https://paper.example/feed", fast=fast).articles
    assert article.authors == byline


def test_rss2_enclosure_keeps_url_type_and_length() -> None:
    article = only_article(rss(RSS2_ITEM))
    assert article.enclosures == [
        Enclosure("https://cdn.gazette.example/audio/bridge.mp3", "audio/mpeg", 1234567)
    ]
    assert article.to_json()["enclosures"] == [
        {
            "url": "https://cdn.gazette.example/audio/bridge.mp3",
            "type": "audio/mpeg",
            "length": 1234567,
            "duration": 0,
        }
    ]


ITUNES = ' xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"'
MEDIA = ' xmlns:media="http://search.yahoo.com/mrss/"'


@pytest.mark.parametrize(
    ("given", "seconds"),
    [("01:54:09", 6849), ("54:09", 3249), ("3249", 3249), ("1:02:03.250", 3723)]
    + [("soon", 0), ("-5", 0), ("99999999", 0), ("", 0)],
)
@pytest.mark.parametrize("fast", [True, False])
def test_an_episode_s_length_goes_to_its_sound(given: str, seconds: int, fast: bool) -> None:
    """`itunes:duration` in its usual forms; one that is not a length is no length."""
    from newsterm.core.sources.feeds import parse_feed

    item = (
        "<item><title>Episode 12</title>"
        '<enclosure url="https://cast.example/12.jpg" type="image/jpeg" length="10"/>'
        '<enclosure url="https://cast.example/12.mp3" length="54919661"/>'
        f"<itunes:duration>{given}</itunes:duration></item>"
    )
    feed = rss(item, namespaces=ITUNES)
    [article] = parse_feed(feed, "https://cast.example/feed", fast=fast).articles
    # The untyped .mp3 is taken as sound from its name, and it is what the length is of.
    assert article.enclosures == [
        Enclosure("https://cast.example/12.jpg", "image/jpeg", 10, 0),
        Enclosure("https://cast.example/12.mp3", "audio/mpeg", 54919661, seconds),
    ]


@pytest.mark.parametrize("fast", [True, False])
def test_media_rss_video_is_an_attachment_with_its_length(fast: bool) -> None:
    from newsterm.core.sources.feeds import parse_feed

    item = (
        "<item><title>Launch</title>"
        '<enclosure url="https://tv.example/a.mp4" type="video/mp4" length="900"/>'
        '<media:content url="https://tv.example/a.mp4" medium="video" duration="95"/>'
        '<media:content url="https://tv.example/b.webm" type="video/webm" fileSize="70"'
        ' duration="61"/>'
        '<media:content url="https://tv.example/still.jpg" medium="image"/></item>'
    )
    feed = rss(item, namespaces=MEDIA)
    [article] = parse_feed(feed, "https://tv.example/feed", fast=fast).articles
    assert article.enclosures == [
        Enclosure("https://tv.example/a.mp4", "video/mp4", 900, 95),
        Enclosure("https://tv.example/b.webm", "video/webm", 70, 61),
    ]


def test_rss2_date_with_offset_is_timezone_aware_and_correct() -> None:
    article = only_article(rss(RSS2_ITEM))
    assert article.published is not None
    assert article.published.tzinfo is not None
    assert article.published == datetime(2024, 1, 2, 10, 0, tzinfo=UTC)
    assert article.to_json()["published"] == "2024-01-02T10:00:00+00:00"


def test_rss2_bad_enclosure_length_is_zero_not_a_crash() -> None:
    item = (
        "<item><title>Episode</title><link>https://p.example/1</link>"
        '<enclosure url="https://p.example/1.mp3" type="audio/mpeg" length="about 5 MB"/>'
        '<enclosure url="https://p.example/1.mp3" type="audio/mpeg" length="99"/></item>'
    )
    article = only_article(rss(item))
    assert article.enclosures == [Enclosure("https://p.example/1.mp3", "audio/mpeg", 0)]


# --- RSS 0.91 / 0.92 ---------------------------------------------------------------------


def test_rss091_handwritten() -> None:
    item = (
        "<item><title>Harbour opens at dawn</title>"
        "<link>https://gazette.example/harbour</link>"
        "<description>The gates open at six.</description></item>"
    )
    document = parse_bytes(rss(item, version="0.91", channel="<language>en-us</language>"))
    assert document.source.kind == "rss"
    [article] = document.articles
    assert article.title == "Harbour opens at dawn"
    assert article.url == "https://gazette.example/harbour"
    assert text_of(article) == "The gates open at six."
    assert article.published is None


def test_rss092_handwritten_category_and_enclosure() -> None:
    item = (
        "<item><title>Tide tables</title><description>Spring tides this week.</description>"
        '<category domain="Syndic8">Weather</category>'
        '<enclosure url="https://gazette.example/tides.pdf" length="2048" '
        'type="application/pdf"/></item>'
    )
    document = parse_bytes(rss(item, version="0.92"))
    assert document.source.kind == "rss"
    [article] = document.articles
    assert article.sections == ("Weather",)
    assert article.enclosures == [
        Enclosure("https://gazette.example/tides.pdf", "application/pdf", 2048)
    ]


@pytest.mark.parametrize(("name", "count"), [("rssp-rss091.rss", 15), ("rssp-heraldsun.rss", 2)])
def test_rss09x_corpus_files(name: str, count: int) -> None:
    document = corpus(name)
    assert document.source.kind == "rss"
    assert len(document.articles) == count
    assert document.articles[0].title == manifest_first_title(name)
    assert all(a.blocks for a in document.articles)


# --- RDF / RSS 1.0 -----------------------------------------------------------------------

RDF = b"""<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://science.example/">
    <title>Science Weekly</title><link>https://science.example/</link>
    <description>Findings</description>
    <items><rdf:Seq><rdf:li rdf:resource="https://science.example/kelp"/></rdf:Seq></items>
  </channel>
  <item rdf:about="https://science.example/kelp">
    <title>Kelp forests recover</title>
    <link>https://science.example/kelp</link>
    <description>Divers counted twice as many fronds.</description>
    <dc:date>2024-03-05T09:30:00+01:00</dc:date>
    <dc:subject>Marine biology</dc:subject>
    <dc:creator>Ada Diver</dc:creator>
  </item>
</rdf:RDF>
"""


def test_rdf_handwritten() -> None:
    document = parse_bytes(RDF)
    assert document.source.kind == "rdf"
    assert document.source.title == "Science Weekly"
    [article] = document.articles
    assert article.title == "Kelp forests recover"
    assert article.url == "https://science.example/kelp"
    assert article.sections == ("Marine biology",)
    assert article.authors == ("Ada Diver",)
    assert article.published == datetime(2024, 3, 5, 8, 30, tzinfo=UTC)
    assert text_of(article) == "Divers counted twice as many fronds."


@pytest.mark.parametrize(("name", "count"), [("rsp-bio.rdf", 30), ("rssp-rss-1.rss", 69)])
def test_rdf_corpus_files(name: str, count: int) -> None:
    document = corpus(name)
    assert document.source.kind == "rdf"
    assert len(document.articles) == count
    assert document.articles[0].title == manifest_first_title(name)
    assert all(a.url and a.url.startswith("http") for a in document.articles)


def test_rdf_dc_subject_becomes_section_in_corpus() -> None:
    first = corpus("rssp-rss-1.rss").articles[0]
    assert first.sections == ("Botany, Microbiology",)


# --- Atom --------------------------------------------------------------------------------

ATOM_ENTRY = """
<entry xml:base="https://atom.example/2024/03/">
  <title>Lantern festival draws crowds</title>
  <id>tag:atom.example,2024:lantern</id>
  <link rel="alternate" type="text/html" href="lantern"/>
  <link rel="replies" href="lantern#comments"/>
  <updated>2024-03-02T23:30:00-05:00</updated>
  <author><name>Sam Writer</name></author>
  <author><name>Kim Photographer</name></author>
  <category term="culture" label="Culture"/>
  <category term="city"/>
  <content type="html">&lt;p&gt;Thousands came. See &lt;a href="photos/"&gt;the photos&lt;/a&gt;
    and &lt;a href="/about"&gt;about us&lt;/a&gt;.&lt;/p&gt;
    &lt;img src="img/lantern.jpg" alt="Lanterns over the river"&gt;</content>
</entry>
"""


def test_atom_entry_handwritten() -> None:
    document = parse_bytes(atom(ATOM_ENTRY))
    assert document.source.kind == "atom"
    assert document.source.title == "Atom Harbour"
    [article] = document.articles
    assert article.title == "Lantern festival draws crowds"
    assert article.guid == "tag:atom.example,2024:lantern"
    assert article.authors == ("Sam Writer", "Kim Photographer")
    assert article.sections == ("Culture", "city")
    assert article.published == datetime(2024, 3, 3, 4, 30, tzinfo=UTC)


def test_atom_xml_base_resolves_link_body_links_and_images() -> None:
    article = only_article(atom(ATOM_ENTRY))
    assert article.url == "https://atom.example/2024/03/lantern"
    assert [(lnk.text, lnk.url) for lnk in article.links] == [
        ("the photos", "https://atom.example/2024/03/photos/"),
        ("about us", "https://atom.example/about"),
    ]
    [figure] = article.figures
    assert figure.image == "https://atom.example/2024/03/img/lantern.jpg"
    assert figure.alt == "Lanterns over the river"


def test_atom_relative_links_resolve_against_given_feed_url_without_base() -> None:
    entry = (
        "<entry><title>Moved</title><id>urn:x:1</id><link href='/blog/moved'/>"
        "<updated>2024-01-01T00:00:00Z</updated>"
        "<content type='html'>&lt;a href='../notes/1'&gt;notes&lt;/a&gt;</content></entry>"
    )
    article = only_article(atom(entry), url="https://blog.example/feeds/main/index.atom")
    assert article.url == "https://blog.example/blog/moved"
    assert [lnk.url for lnk in article.links] == ["https://blog.example/feeds/notes/1"]


def test_ongoing_xml_base_makes_every_link_absolute() -> None:
    document = corpus("nfp-ongoing.atom")
    assert len(document.articles) == 20
    first, second = document.articles[:2]
    # <entry xml:base='When/200x/2006/12/11/'> + <link href='Mingus'/> under the feed base.
    assert second.url == "http://www.tbray.org/ongoing/When/200x/2006/12/11/Mingus"
    assert first.url == "http://www.tbray.org/ongoing/When/200x/2006/12/12/Java-One-CFP"
    # A root-relative link in the body: href='/ongoing/When/200x/2006/01/23/5-Star-Music'
    assert any(
        lnk.url == "http://www.tbray.org/ongoing/When/200x/2006/01/23/5-Star-Music"
        for lnk in second.links
    )
    # <img src="Mingus-playing.png"> in the body, relative to the entry's base.
    assert "http://www.tbray.org/ongoing/When/200x/2006/12/11/Mingus-playing.png" in [
        f.image for f in second.figures
    ]
    for article in document.articles:
        assert article.url and article.url.startswith("http://www.tbray.org/ongoing/When/")
        for link in article.links:
            assert link.url and link.url.startswith(("http://", "https://", "mailto:"))
        for figure in article.figures:
            assert figure.image is None or figure.image.startswith("http")


def test_intertwingly_relative_links_resolve_against_feed_url() -> None:
    document = corpus("nfp-intertwingly.atom", url="http://intertwingly.net/blog/index.atom")
    assert document.source.url == "http://intertwingly.net/blog/index.atom"
    assert len(document.articles) == 20
    first = document.articles[0]
    assert first.title == manifest_first_title("nfp-intertwingly.atom")
    # <link href="/blog/2012/07/16/Inhibiting-Suspend"/> with no xml:base anywhere.
    assert first.url == "http://intertwingly.net/blog/2012/07/16/Inhibiting-Suspend"
    assert all(
        a.url and a.url.startswith("http://intertwingly.net/blog/20") for a in document.articles
    )
    for article in document.articles:
        assert all(lnk.url and "://" in lnk.url for lnk in article.links)


def test_rss_relative_item_links_resolve_against_feed_url() -> None:
    feed_url = "https://www.arcgames.com/en/games/neverwinter/news/rss"
    document = corpus("nfp-rss-with-relative-urls.xml", url=feed_url)
    assert [a.title for a in document.articles][0] == "Neverwinter & Jingle Jam Humble Bundle!"
    assert [a.url for a in document.articles] == [
        "https://www.arcgames.com/en/games/neverwinter/news/detail/"
        "10743874-neverwinter-%26-jingle-jam-humble-bundle%21",
        "https://www.arcgames.com/en/games/neverwinter/news/detail/"
        "10738994-2x-underdark-currency-%26-15%25-off-bags%21",
    ]


# --- Podcasts: enclosures ----------------------------------------------------------------


def test_itunes_podcast_enclosures() -> None:
    document = corpus("nfp-itunes_podcast_ios11.xml")
    assert len(document.articles) == 6
    first = document.articles[0]
    assert first.title == "Knowing Saint, Knowing Harry Ahaaa"
    assert first.enclosures == [
        Enclosure(
            "http://traffic.libsyn.com/celticunderground/"
            "Knowing_Saint__Knowing_Harry_Ahaaa.mp3?dest-id=14318",
            "audio/mpeg",
            56171543,
            58 * 60 + 31,  # <itunes:duration>58:31
        )
    ]
    assert first.sections == ("football", "soccer", "celtic", "spfl")
    for article in document.articles:
        [enclosure] = article.enclosures
        assert enclosure.type == "audio/mpeg"
        assert enclosure.length > 1_000_000
        assert enclosure.url.startswith("http://traffic.libsyn.com/")


def test_atp_podcast_enclosures() -> None:
    document = corpus("rsp-atp.rss")
    assert len(document.articles) == 100
    first = document.articles[0]
    assert first.title == "311: Mutually Assured Destruction"
    assert first.enclosures == [
        Enclosure(
            "http://traffic.libsyn.com/atpfm/atp311.mp3",
            "audio/mpeg",
            54919661,
            1 * 3600 + 54 * 60 + 9,  # <itunes:duration>01:54:09
        )
    ]
    # 99 of its 100 episodes give a length; each reaches its episode's sound.
    assert sum(bool(a.enclosures[0].duration) for a in document.articles) == 99
    assert all(
        len(a.enclosures) == 1 and a.enclosures[0].url.endswith(".mp3") for a in document.articles
    )


# --- Figures and captions ----------------------------------------------------------------


def test_figure_with_figcaption_in_content_encoded() -> None:
    item = (
        "<item><title>Comet over the hill</title><link>https://obs.example/comet</link>"
        "<content:encoded><![CDATA[<p>Seen at dusk.</p>"
        '<figure><img src="/img/comet.jpg" alt="A comet">'
        "<figcaption>The comet above the observatory. Photo: Lee Stargazer</figcaption>"
        "</figure><p>More tonight.</p>]]></content:encoded></item>"
    )
    data = rss(item, namespaces=' xmlns:content="http://purl.org/rss/1.0/modules/content/"')
    article = only_article(data, url="https://obs.example/feed.xml")
    assert article.figures == [
        Figure(
            image="https://obs.example/img/comet.jpg",
            alt="A comet",
            caption="The comet above the observatory.",
            credit="Lee Stargazer",
        )
    ]
    kinds = [b.kind for b in article.blocks]
    assert kinds == ["paragraph", "figure", "paragraph"]
    assert "The comet above the observatory" not in " ".join(
        b.text for b in article.blocks if isinstance(b, Paragraph)
    )


def test_tpm_figcaption_becomes_caption_and_credit() -> None:
    document = corpus("nfp-tpm.atom")
    figures = [f for a in document.articles for f in a.figures if f.caption]
    fairfax = next(f for f in figures if "Justin Fairfax" in f.caption)
    assert fairfax.image == (
        "https://dawm7kda6y2v0.cloudfront.net/uploads/2017/11/justin-fairfax-804x536-2f77c5f.jpg"
    )
    assert fairfax.caption.startswith("Democrat Lt. Gov.-elect Justin Fairfax addresses")
    assert fairfax.caption.endswith("Tuesday, Nov. 7, 2017.")
    assert fairfax.credit == "AP Photo/Cliff Owen"
    jenkins = next(f for f in figures if "Andrea Jenkins" in f.caption)
    assert jenkins.image and jenkins.image.endswith("andrea-jenkins-804x425-6d7b8fa.jpg")


def test_gamersnexus_figures_have_captions_and_absolute_images() -> None:
    document = corpus("ffp-gamersnexus.xml")
    first = document.articles[0]
    captioned = [f for f in first.figures if f.caption]
    assert len(captioned) >= 3
    patreon = captioned[0]
    assert patreon.caption.startswith("Visit our Patreon page to contribute")
    assert patreon.image is not None
    assert patreon.image.startswith("http://gamersnexus.net/u/styles/")
    for article in document.articles:
        for figure in article.figures:
            assert figure.image is None or figure.image.startswith(("http://", "https://"))
    # The caption text is shown under the picture, not repeated as a paragraph.
    paragraphs = [b.text for b in first.blocks if isinstance(b, Paragraph)]
    assert not any(p.startswith("Visit our Patreon page to contribute") for p in paragraphs)


def test_3960_json_blockquote_figures_keep_their_attribution() -> None:
    article = corpus("rsp-3960.json").articles[7]
    assert article.title == "Kalaschnikow-Programmierung"
    # Pull quotes in <figure> are text, not pictures: the attribution stays readable.
    assert "Sergej P. Koroljow" in text_of(article)
    assert "Albert Einstein" in text_of(article)
    assert not [f for f in article.figures if f.image is None and f.caption]


def test_3960_json_quoted_text_inside_figure_is_not_lost() -> None:
    article = corpus("rsp-3960.json").articles[7]
    assert "Die Genialität einer Konstruktion liegt in ihrer Einfachheit." in text_of(article)
    assert "Alles sollte so einfach wie möglich gemacht werden" in text_of(article)


def test_media_content_image_becomes_lead_figure_with_credit() -> None:
    document = corpus("nfp-mediacontent-dupes.xml")
    [article] = document.articles
    image = "http://i.mol.im/i/pix/2013/02/03/article-2272640-174FCEE2000005DC-697_154x115.jpg"
    assert isinstance(article.blocks[0], Figure)
    [figure] = article.figures  # media:thumbnail repeats the same picture: shown once
    assert figure.image == image
    assert figure.credit == "© Bettmann/CORBIS"
    # The <description> is what the story says; it reaches the reader as its text.
    assert text_of(article).strip() == (
        "The shocking murder of Elizabeth Short, known as the Black Dahlia, is one of the "
        "oldest unsolved murder cases in Los Angeles history."
    )
    # <enclosure>s are kept too (the video is only reachable that way), and so is the
    # larger video only a <media:content> names.
    assert [e.type for e in article.enclosures] == ["image/jpeg", "video/mp4", "video/mp4"]
    assert article.enclosures[2].url.endswith("-697.mp4")
    assert article.enclosures[0] == Enclosure(image, "image/jpeg", 4114)


def test_media_content_video_is_not_shown_as_a_picture() -> None:
    item = (
        "<item><title>Clip</title><link>https://v.example/1</link>"
        "<description>Watch.</description>"
        '<media:content url="https://v.example/1.mp4" type="video/mp4"/></item>'
    )
    data = rss(item, namespaces=' xmlns:media="http://search.yahoo.com/mrss/"')
    assert only_article(data).figures == []


@pytest.mark.parametrize("fast", [True, False])
def test_media_description_is_the_figure_caption_not_the_story(fast: bool) -> None:
    from newsterm.core.sources.feeds import parse_feed

    data = (CORPUS / "feeds" / "nfp-mediacontent-dupes.xml").read_bytes()
    [article] = parse_feed(data, "https://www.dailymail.co.uk/feed", fast=fast).articles
    [figure] = article.figures
    assert figure.caption == (
        "Black Dahlia: A head shot of Elizabeth Short who had been an aspiring actress "
        "until her untimely murder"
    )
    paragraphs = [b.text for b in article.blocks if isinstance(b, Paragraph)]
    assert paragraphs[0].startswith("The shocking murder of Elizabeth Short")
    assert not any("head shot" in p for p in paragraphs)  # the caption is not the story


@pytest.mark.parametrize("fast", [True, False])
def test_a_video_whose_only_text_is_its_media_description_keeps_it_as_the_story(
    fast: bool,
) -> None:
    """A video feed (YouTube's shape): the description of the video is all the text."""
    from newsterm.core.sources.feeds import parse_feed

    feed = (
        b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" '
        b'xmlns:media="http://search.yahoo.com/mrss/"><title>Harbour TV</title>'
        b"<entry><id>v1</id><title>Ferry launch</title><updated>2026-11-01T10:00:00Z</updated>"
        b'<link href="https://tv.example/v1"/><media:group><media:title>Ferry launch</media:title>'
        b'<media:thumbnail url="https://tv.example/v1.jpg"/>'
        b"<media:description>The new ferry leaves the yard for its first trial.</media:description>"
        b"</media:group></entry></feed>"
    )
    [article] = parse_feed(feed, "https://tv.example/feed", fast=fast).articles
    paragraphs = [b.text for b in article.blocks if isinstance(b, Paragraph)]
    assert paragraphs == ["The new ferry leaves the yard for its first trial."]


# --- Encodings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "feed_title"),
    [
        ("nfp-iconv.xml", "Новости Оренбурга и области / Раздел Новости"),
        ("rssp-encoding-gb2312.xml", "互联网"),
    ],
)
def test_legacy_encodings_decode_titles(name: str, feed_title: str) -> None:
    document = corpus(name)
    assert document.source.title == feed_title
    assert document.articles[0].title == manifest_first_title(name)
    everything = json.dumps(document.to_json(), ensure_ascii=False)
    assert "\ufffd" not in everything  # no replacement characters: nothing mis-decoded


def test_windows_1251_title_is_cyrillic() -> None:
    title = corpus("nfp-iconv.xml").articles[0].title
    assert title == "В Бузулуке главные стройплощадки – детсад и Ледовый дворец"


def test_handwritten_windows_1251_feed() -> None:
    data = (
        '<?xml version="1.0" encoding="windows-1251"?>'
        "<rss version='2.0'><channel><title>Новости</title>"
        "<item><title>Мост открыт</title><description>Текст статьи.</description></item>"
        "</channel></rss>"
    ).encode("cp1251")
    article = only_article(data)
    assert article.title == "Мост открыт"
    assert text_of(article) == "Текст статьи."


def test_utf8_bom_feed() -> None:
    data = (FEEDS / "rsp-donthitsave.xml").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    document = corpus("rsp-donthitsave.xml")
    assert document.source.kind == "rss"
    assert document.source.title == "Don't Hit Save"
    assert len(document.articles) == 10
    assert document.articles[0].title == manifest_first_title("rsp-donthitsave.xml")
    assert "\ufeff" not in document.articles[0].title


def test_utf16_feed_with_bom_is_read_as_a_feed() -> None:
    data = b"\xff\xfe" + (
        '<?xml version="1.0" encoding="utf-16"?><rss version="2.0"><channel><title>U16</title>'
        "<item><title>Привет, гавань</title><description>Тело.</description></item>"
        "</channel></rss>"
    ).encode("utf-16-le")
    document = parse_bytes(data, name="feed.xml")
    assert document.source.kind == "rss"
    assert [a.title for a in document.articles] == ["Привет, гавань"]


# --- Dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "nfp-iconv.xml",
        "rsp-atp.rss",
        "nfp-ongoing.atom",
        "rsp-bio.rdf",
        "nfp-tpm.atom",
        "rssp-encoding-gb2312.xml",
        "nfp-rss2sample-odddatetime.xml",
        "rsp-3960.json",
    ],
)
def test_dates_are_timezone_aware(name: str) -> None:
    articles = corpus(name).articles
    dated = [a.published for a in articles if a.published is not None]
    if name != "nfp-rss2sample-odddatetime.xml":
        assert len(dated) == len(articles)
    for when in dated:
        assert when.tzinfo is not None and when.utcoffset() is not None
        assert 1990 < when.year < 2100


def test_odd_dates_are_dropped_not_invented() -> None:
    # pubDate "08/02/2013 12:00:00": no reader can know if that is August or February.
    for article in corpus("nfp-rss2sample-odddatetime.xml").articles:
        assert article.published is None or article.published.year == 2013


def test_absurd_dates_are_refused() -> None:
    item = "<item><title>Old</title><pubDate>Mon, 01 Jan 1900 00:00:00 GMT</pubDate></item>"
    assert only_article(rss(item)).published is None


def test_atom_offset_date_converted_to_utc() -> None:
    entry = (
        "<entry><title>T</title><id>urn:t</id>"
        "<published>2024-06-30T23:15:00+05:30</published>"
        "<updated>2024-07-01T00:00:00Z</updated><content>x</content></entry>"
    )
    published = only_article(atom(entry)).published
    assert published == datetime(2024, 6, 30, 17, 45, tzinfo=UTC)
    assert published is not None and published.utcoffset() == timedelta(0)


# --- Titles ------------------------------------------------------------------------------


def test_untitled_item_gets_title_from_its_text() -> None:
    item = (
        "<item><link>https://gazette.example/n/1</link><description>"
        "Ferry services resume tonight after the storm closed the harbour for three whole "
        "days, the port said.</description></item>"
    )
    article = only_article(rss(item))
    assert article.title == (
        "Ferry services resume tonight after the storm closed the harbour for three…"
    )


def test_empty_title_in_corpus_is_replaced_by_text() -> None:
    [article] = corpus("nfp-relative-channel-image-url.xml").articles
    assert manifest_first_title("nfp-relative-channel-image-url.xml") == "(empty title)"
    assert article.title.startswith("The VirtualBox version is actually the 4.2 beta")


def test_item_with_no_text_at_all_is_not_blank() -> None:
    article = only_article(rss("<item><link>https://gazette.example/x</link></item>"))
    assert article.title.strip()


def test_escaped_html_in_rss_title_is_shown_as_text() -> None:
    item = (
        "<item><title>&lt;b&gt;Bold&lt;/b&gt; claims &amp; [red]colour[/red]</title>"
        "<description>x</description></item>"
    )
    article = only_article(rss(item))
    assert article.title == "<b>Bold</b> claims & [red]colour[/red]"


def test_cdata_title_with_script_is_text_and_never_runs() -> None:
    item = "<item><title><![CDATA[<script>alert(1)</script> Tom]]></title></item>"
    article = only_article(rss(item))
    assert article.title == "<script>alert(1)</script> Tom"


def test_control_characters_in_title_are_removed() -> None:
    item = "<item><title>Red&#x1b;[31m alert&#x7; here</title></item>"
    assert only_article(rss(item)).title == "Red alert here"


def test_atom_html_title_shows_its_text_not_markup() -> None:
    entry = (
        '<entry><title type="html">&lt;em&gt;Fish&lt;/em&gt; &amp;amp; chips</title>'
        "<id>urn:f</id><updated>2024-01-01T00:00:00Z</updated><content>x</content></entry>"
    )
    assert only_article(atom(entry)).title == "Fish & chips"


# --- Hostile XML -------------------------------------------------------------------------


def billion_laughs(references: int) -> bytes:
    declarations = '<!ENTITY lol0 "lollollollollollollollollollol">\n'
    for level in range(1, 10):
        declarations += f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">\n'
    return (
        '<?xml version="1.0"?>\n'
        f"<!DOCTYPE rss [\n{declarations}]>\n"
        '<rss version="2.0"><channel><title>Laughs &lol9;</title><item>'
        "<title>Harmless &lol9; headline</title>"
        f"<description>{'&lol9; ' * references}</description>"
        "</item></channel></rss>"
    ).encode()


def test_billion_laughs_is_bounded() -> None:
    data = billion_laughs(14_000)
    assert 90_000 < len(data) < 130_000
    started = time.perf_counter()
    document = parse_bytes(data, name="laughs.xml")
    elapsed = time.perf_counter() - started
    assert elapsed < 5
    [article] = document.articles
    assert len(article.title) < 1000
    assert article.title.startswith("Harmless")
    assert len(document.source.title) < 1000
    output = json.dumps(document.to_json())
    assert "lollollol" not in output  # no entity was expanded, not even once
    assert len(output) < 2 * len(data)


def test_external_entity_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-7f3a9c\n")
    data = (
        '<?xml version="1.0"?>\n'
        "<!DOCTYPE rss [\n"
        '  <!ENTITY passwd SYSTEM "file:///etc/passwd">\n'
        f'  <!ENTITY secret SYSTEM "file://{secret}">\n'
        "]>\n"
        '<rss version="2.0"><channel><title>Feed &passwd;</title>'
        "<item><title>Item &secret; &passwd;</title>"
        "<description>Body &passwd; &secret; end</description>"
        "<link>https://x.example/&secret;</link></item></channel></rss>"
    ).encode()
    output = json.dumps(parse_bytes(data, name="xxe.xml").to_json())
    assert "TOP-SECRET-7f3a9c" not in output
    assert "root:" not in output and "/bin/" not in output and "nologin" not in output


def test_external_dtd_is_not_fetched_and_feed_still_reads() -> None:
    data = (
        b'<?xml version="1.0"?>\n<!DOCTYPE feed SYSTEM "file:///etc/passwd">\n'
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>'
        b"<entry><title>Still here</title><id>urn:1</id><content>c</content></entry></feed>"
    )
    document = parse_bytes(data)
    assert [a.title for a in document.articles] == ["Still here"]
    assert "root:" not in json.dumps(document.to_json())
