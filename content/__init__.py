"""The playbook's content pack, installed as reporter.pack (see reporter/config.py)."""
