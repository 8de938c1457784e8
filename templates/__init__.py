"""The Jinja templates of every document, installed as reporter.templates (see reporter/config.py)."""
