import datetime as dt
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.ingest import InputError, read_inputs
from sitrep.model import Article

ARTICLE_HTML = """<!DOCTYPE html>
<html><head><title>Gunmen attack market in Kano - Daily Example</title>
<meta property="article:published_time" content="2021-02-22T10:00:00Z"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Gunmen attack market in Kano</h1>
<p>Gunmen killed four people at a market in Kano on Monday, police said.</p>
<p>The attackers fled on motorcycles before soldiers arrived at the scene.</p></article>
<footer>Contact us</footer></body></html>"""


def read(*inputs: object, **options) -> list[Article | InputError]:
    return list(read_inputs([str(i) for i in inputs], **options))


def only(items: list[Article | InputError]) -> Article | InputError:
    assert len(items) == 1, items
    return items[0]


def write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_text_file_first_line_is_the_title(tmp_path: Path) -> None:
    path = write(tmp_path / "kano.txt", "\n\nGunmen attack market\n\nGunmen killed four people on Monday.\n")
    article = only(read(path))
    assert isinstance(article, Article)
    assert (article.id, article.title, article.text, article.published) == (
        "kano.txt",
        "Gunmen attack market",
        "Gunmen killed four people on Monday.",
        None,
    )


def test_text_file_of_one_line_is_text_without_title(tmp_path: Path) -> None:
    article = only(read(write(tmp_path / "one.txt", "Gunmen killed four people on Monday.")))
    assert isinstance(article, Article) and article.title is None and article.text == "Gunmen killed four people on Monday."


def test_html_file_gives_main_text_title_and_date(tmp_path: Path) -> None:
    article = only(read(write(tmp_path / "kano.html", ARTICLE_HTML)))
    assert isinstance(article, Article)
    assert article.id == "kano.html"
    assert article.title == "Gunmen attack market in Kano"
    assert article.published == dt.date(2021, 2, 22)
    assert article.text == (
        "Gunmen killed four people at a market in Kano on Monday, police said.\n\n"
        "The attackers fled on motorcycles before soldiers arrived at the scene."
    )


def test_broken_html_that_still_has_text(tmp_path: Path) -> None:
    broken = "<div><p>Gunmen killed four people in Kano on Monday.<p>Police said the attackers fled</span></td> on foot"
    article = only(read(write(tmp_path / "broken.htm", broken)))
    assert isinstance(article, Article)
    assert "Gunmen killed four people in Kano on Monday." in article.text
    assert "attackers fled" in article.text


def test_html_without_article_text(tmp_path: Path) -> None:
    page = "<html><body><nav><a href='/'>Home</a> | <a href='/w'>World</a></nav><script>var x = 1;</script></body></html>"
    error = only(read(write(tmp_path / "menu.html", page)))
    assert isinstance(error, InputError) and error.message == "no article text found"
    assert str(error) == f"{tmp_path / 'menu.html'}: no article text found"


def test_jsonl_records(tmp_path: Path) -> None:
    lines = [
        {"id": "a", "text": "  Two soldiers died.\n", "title": "Attack", "published": "2021-02-22", "url": "http://x", "lang": "en"},
        {"id": "b", "text": "Three died.", "published": "2021-02-22T23:30:00-05:00", "source": "wire"},
        {"id": 7, "html": ARTICLE_HTML},
    ]
    path = write(tmp_path / "in.jsonl", "\n".join(json.dumps(line) for line in lines) + "\n\n")
    a, b, c = read(path)
    assert a == Article(id="a", text="  Two soldiers died.\n", title="Attack", published=dt.date(2021, 2, 22), url="http://x", lang="en")
    assert (b.published, b.source, b.title) == (dt.date(2021, 2, 22), "wire", None)
    assert (c.id, c.title, c.published) == ("7", "Gunmen attack market in Kano", dt.date(2021, 2, 22))
    assert c.text.startswith("Gunmen killed four people")


def test_malformed_jsonl_lines_are_reported_and_the_rest_go_on(tmp_path: Path) -> None:
    lines = [
        '{"id": "ok1", "text": "Two soldiers died."}',
        '{"id": "bad", "text": ',
        '["not", "an", "object"]',
        '{"text": "no id"}',
        '{"id": "empty", "text": "   "}',
        '{"id": "none"}',
        '{"id": "date", "text": "x", "published": "last Tuesday"}',
        '{"id": "type", "text": "x", "title": 5}',
        '{"id": "sur", "text": "\\ud800"}',
        '{"id": "ok2", "text": "Three died."}',
    ]
    items = read(write(tmp_path / "mixed.jsonl", "\n".join(lines)))
    assert [item.id for item in items if isinstance(item, Article)] == ["ok1", "ok2"]
    errors = [item for item in items if isinstance(item, InputError)]
    assert [error.line for error in errors] == [2, 3, 4, 5, 6, 7, 8, 9]
    assert errors[0].message.startswith("not valid JSON")
    assert errors[1].message == "expected a JSON object, got a list"
    assert "'id'" in errors[2].message
    assert errors[3].message == "empty text"
    assert errors[4].message == "record has neither 'text' nor 'html'"
    assert "published" in errors[5].message
    assert errors[6].message == "'title' must be a string, got a number"
    assert "surrogate" in errors[7].message
    assert str(errors[0]).startswith(f"{tmp_path / 'mixed.jsonl'}:2: not valid JSON")


def test_json_file_with_one_object_or_a_list(tmp_path: Path) -> None:
    one = write(tmp_path / "one.json", json.dumps({"id": "a", "text": "Two died."}, indent=2))
    many = write(tmp_path / "many.json", json.dumps([{"id": "b", "text": "Three died."}, {"id": "c"}]))
    a, b, c = read(one, many)
    assert (a.id, b.id) == ("a", "b")
    assert isinstance(c, InputError) and c.message.startswith("record 2: ")


def test_broken_json_file_names_the_line(tmp_path: Path) -> None:
    error = only(read(write(tmp_path / "bad.json", '{\n  "id": "a",\n  "text": \n}')))
    assert isinstance(error, InputError) and error.line == 4


def test_empty_and_blank_files(tmp_path: Path) -> None:
    for name, content in [("empty.txt", b""), ("blank.txt", b"  \n\t\n"), ("empty.jsonl", b"")]:
        error = only(read(write(tmp_path / name, content)))
        assert isinstance(error, InputError) and error.message == "empty input"


def test_binary_file(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    error = only(read(write(tmp_path / "image.txt", png)))
    assert isinstance(error, InputError) and error.message == "binary file, not text"


def test_control_characters_without_nul_are_binary(tmp_path: Path) -> None:
    error = only(read(write(tmp_path / "junk.txt", bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15]) * 50)))
    assert isinstance(error, InputError) and error.message == "binary file, not text"


def test_latin1_text_is_detected(tmp_path: Path) -> None:
    text = "Ataque em São Paulo\n\nA polícia disse que três pessoas morreram após o ataque à estação, informou o jornal."
    article = only(read(write(tmp_path / "latin1.txt", text.encode("latin-1"))))
    assert isinstance(article, Article)
    assert article.title == "Ataque em São Paulo"
    assert "polícia" in article.text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "utf-32"])
def test_text_with_a_byte_order_mark(tmp_path: Path, encoding: str) -> None:
    article = only(read(write(tmp_path / "bom.txt", "Attack in Kano\nFour people died.".encode(encoding))))
    assert isinstance(article, Article) and (article.title, article.text) == ("Attack in Kano", "Four people died.")


def test_broken_utf16_is_reported(tmp_path: Path) -> None:
    error = only(read(write(tmp_path / "bad16.txt", "\ufeffAttack".encode("utf-16-le") + b"\x00\xd8")))
    assert isinstance(error, InputError) and error.message.startswith("not valid UTF-16 text")


def test_oversized_file_and_stdin(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", "Title\n" + "Four people died. " * 20)
    error = only(read(path, max_bytes=100))
    assert isinstance(error, InputError)
    assert error.message == "larger than the 100 bytes limit; raise it with --max-bytes"
    error = only(read("-", max_bytes=100, stdin=io.BytesIO(path.read_bytes())))
    assert isinstance(error, InputError) and error.source == "<stdin>" and "raise it with --max-bytes" in error.message


def test_default_limit_is_10_mb(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(10_000_001)
    error = only(read(path))
    assert str(error) == f"{path}: larger than the 10 MB limit; raise it with --max-bytes"


def test_missing_path(tmp_path: Path) -> None:
    error = only(read(tmp_path / "nope.txt"))
    assert isinstance(error, InputError) and error.message == "no such file or directory" and error.line is None


def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", "Title\nText.")
    path.chmod(0)
    try:
        items = read(path)
    finally:
        path.chmod(0o644)
    if isinstance(items[0], Article):
        pytest.skip("running as root: permissions do not stop reading")
    assert only(items).message.startswith("cannot read: ")


def test_directory_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "B title\nB text.")
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    write(tmp_path / "sub" / "a.jsonl", '{"id": "j1", "text": "J text."}\n')
    write(tmp_path / "sub" / "deeper" / "c.HTML", ARTICLE_HTML)
    write(tmp_path / "a.txt", "A title\nA text.")
    write(tmp_path / "notes.md", "# skipped")
    write(tmp_path / "image.png", b"\x89PNG\x00")
    ids = [item.id for item in read(tmp_path)]
    assert ids == ["a.txt", "b.txt", "j1", "c.HTML"]


def test_file_with_another_suffix_is_sniffed(tmp_path: Path) -> None:
    article = only(read(write(tmp_path / "page.php", ARTICLE_HTML)))
    assert isinstance(article, Article) and article.title == "Gunmen attack market in Kano"


@pytest.mark.parametrize(
    ("content", "expected_ids"),
    [
        (b'{"id": "s1", "text": "One."}\n{"id": "s2", "text": "Two."}\n', ["s1", "s2"]),
        (b'  {\n "id": "pretty",\n "text": "One."\n}\n', ["pretty"]),
        (b'[{"id": "l1", "text": "One."}]', ["l1"]),
        (ARTICLE_HTML.encode(), ["stdin"]),
        (b"Attack in Kano\n\nFour people died.", ["stdin"]),
    ],
)
def test_stdin_is_sniffed(content: bytes, expected_ids: list[str]) -> None:
    items = read("-", stdin=io.BytesIO(content))
    assert all(isinstance(item, Article) for item in items)
    assert [item.id for item in items] == expected_ids


def test_stdin_plain_text_keeps_title() -> None:
    article = only(read("-", stdin=io.BytesIO(b"Attack in Kano\n\nFour people died.")))
    assert (article.title, article.text) == ("Attack in Kano", "Four people died.")


def test_a_bad_input_does_not_stop_the_batch(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", "Title\nText.")
    items = read(tmp_path / "missing.txt", write(tmp_path / "empty.txt", ""), good)
    assert [type(item).__name__ for item in items] == ["InputError", "InputError", "Article"]


def test_seed_inputs(shared_dir: Path) -> None:
    from_text, from_jsonl = read(shared_dir / "seed" / "article.txt", shared_dir / "seed" / "article.jsonl")
    assert from_text.title == from_jsonl.title
    assert from_text.text.strip() == from_jsonl.text.strip()
    assert from_jsonl.published == dt.date(2021, 2, 22)


def test_dev_sets_read_cleanly(shared_dir: Path) -> None:
    items = read(shared_dir / "dev" / "muc4_dev" / "articles.jsonl", shared_dir / "dev" / "gva_dev" / "articles.jsonl")
    assert not [item for item in items if isinstance(item, InputError)]
    assert len(items) == 600


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
RECORDS = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(st.text(max_size=10), st.integers(), st.none()),
        "text": st.one_of(st.text(max_size=80), st.integers()),
        "html": st.one_of(st.text(max_size=80), st.just("<p>Gunmen killed four people in Kano on Monday.</p>")),
        "title": JSON_VALUES,
        "published": st.one_of(st.text(max_size=25), st.dates().map(str), st.integers()),
    },
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400), st.sampled_from(["x.txt", "x.html", "x.jsonl", "x.json", "x.dat", "-"]))
def test_arbitrary_bytes_never_raise(data: bytes, name: str) -> None:
    check_never_raises(data, name)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), st.sampled_from(["x.txt", "x.html", "x.jsonl", "-"]))
def test_arbitrary_text_never_raises(text: str, name: str) -> None:
    check_never_raises(text.encode("utf-8", "surrogatepass"), name)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(RECORDS, JSON_VALUES).map(json.dumps), max_size=6))
def test_arbitrary_json_lines_never_raise(lines: list[str]) -> None:
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    for name in ("x.jsonl", "-"):
        check_never_raises(data, name)


def check_never_raises(data: bytes, name: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as directory:
        if name == "-":
            items = read("-", stdin=io.BytesIO(data), max_bytes=300)
        else:
            items = read(write(Path(directory) / name, data), max_bytes=300)
    for item in items:
        assert isinstance(item, (Article, InputError))
        if isinstance(item, Article):
            assert item.text.strip()
            item.text.encode("utf-8")
        else:
            assert "\n" not in str(item)
