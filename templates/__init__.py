"""The shipped Jinja2 templates (package data); `--templates DIR` puts a folder of your own first."""
