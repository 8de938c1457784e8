from reporter.markup import to_html, to_inline_html


def test_raw_html_is_escaped_not_passed_through():
    assert str(to_html("<script>alert(1)</script> **ok**")) == \
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; <strong>ok</strong></p>"
    assert "<img" not in str(to_html("<img src=file:///etc/passwd>"))
    assert "<div" not in str(to_html("<div>\nblock\n</div>"))
    assert "<iframe" not in str(to_html('<iframe src="http://127.0.0.1/"></iframe>'))


def test_images_are_dropped_and_keep_their_alt_text():
    html = str(to_html("see ![the diagram](/etc/passwd) and ![](http://127.0.0.1:8000/x.png)"))
    assert "<img" not in html and "/etc/passwd" not in html and "127.0.0.1" not in html
    assert '<span class="dropped-image">the diagram</span>' in html


def test_links_keep_only_web_and_mail_targets():
    html = str(to_html("[a](file:///etc/passwd) [b](javascript:alert(1)) [c](https://example.com) "
                       "<file:///etc/shadow> [d](mailto:x@example.com) [e](/relative)"))
    assert 'href="https://example.com"' in html and 'href="mailto:x@example.com"' in html
    assert "file:" not in html.split("<span>")[0]
    assert 'href="file' not in html and 'href="javascript' not in html and 'href="/relative"' not in html


def test_long_words_get_break_opportunities_but_urls_stay_intact():
    html = str(to_html("x" * 100 + " [a](https://example.com/" + "y" * 60 + ")"))
    assert "x" * 40 + "\u200b" in html
    assert "https://example.com/" + "y" * 60 in html


def test_inline_drops_the_paragraph():
    assert str(to_inline_html("a *b*")) == "a <em>b</em>"


# Every construct of a Markdown cheat-sheet: written as people write it, printed as what it is, never lost.
CHEAT_SHEET = {
    "heading": ("# Title\n## Part", ["<h1>Title</h1>", "<h2>Part</h2>"]),
    "emphasis": ("*it* **bold** ***both*** _it_ __bold__", ["<em>it</em>", "<strong>bold</strong>",
                                                           "<strong><em>both</em></strong>"]),
    "strikethrough": ("~~gone~~", ["<del>gone</del>"]),
    "list after a line": ("Next steps:\n- one\n- two", ["<p>Next steps:</p>", "<ul>\n<li>one</li>\n<li>two</li>"]),
    "ordered list after a line": ("Order:\n1. first\n2. second", ["<ol>\n<li>first</li>"]),
    "nested list": ("- a\n    - b", ["<li>a<ul>\n<li>b</li>"]),
    "table after a line": ("Mocks:\n| a | b |\n|:--|--:|\n| 1 | 2 |",
                           ["<p>Mocks:</p>", "<table>", '<th align="left">a</th>', '<td align="right">2</td>']),
    "blockquote": ("> quoted\n> more", ["<blockquote>\n<p>quoted\nmore</p>\n</blockquote>"]),
    "link": ("[docs](https://example.com/x)",
             ['<a href="https://example.com/x">docs</a><span class="link-address"> (https://example.com/x)</span>']),
    "link that is its address": ("[https://example.com](https://example.com)",
                                 ['<a href="https://example.com">https://example.com</a></p>']),
    "autolink": ("<https://example.com/y>", ['<a href="https://example.com/y">https://example.com/y</a>']),
    "e-mail autolink": ("<me@example.com>", ['<a href="mailto:me@example.com">me@example.com</a>']),
    "bare e-mail": ("write to me@example.com", ["write to me@example.com"]),
    "mail link": ("[mail me](mailto:me@example.com)", ['mail me</a><span class="link-address"> (me@example.com)']),
    "inline code": ("run `make demo`", ["<code>make demo</code>"]),
    "fenced code": ("```\n- not a list\n```", ["<pre><code>- not a list\n</code></pre>"]),
    "indented code": ("text\n\n    code", ["<pre><code>code\n</code></pre>"]),
    "rule": ("a\n\n---\n\nb", ["<hr>"]),
    "hard break": ("one  \ntwo", ["one<br>"]),
}


import pytest  # noqa: E402


@pytest.mark.parametrize("construct", CHEAT_SHEET)
def test_every_cheat_sheet_construct_prints_as_what_it_is(construct):
    text, wanted = CHEAT_SHEET[construct]
    html = str(to_html(text))
    for piece in wanted:
        assert piece in html, (construct, html)


def test_a_list_inside_a_fence_or_after_a_list_item_is_left_alone():
    assert "<li>" not in str(to_html("```\nintro\n- no\n```"))
    assert str(to_html("- a\n- b")).count("<ul>") == 1


def test_the_safety_of_the_sanitizer_holds_inside_the_new_constructs():
    html = str(to_html("| a |\n|---|\n| <script>x</script> ![i](http://127.0.0.1/x.png) [l](file:///etc/passwd) |"))
    assert "<script" not in html and "<img" not in html and 'href="file' not in html and "127.0.0.1" not in html
    assert "(file:" not in html  # an unsafe link's address is not printed either
