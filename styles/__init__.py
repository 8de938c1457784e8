"""The stylesheets of every document, installed as reporter.styles (see reporter/config.py)."""
