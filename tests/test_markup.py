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
