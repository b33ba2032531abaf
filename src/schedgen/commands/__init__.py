"""One module per CLI verb: the only layer that reads and writes files. Each exposes one function the CLI calls.

The names below are what the CLI offers as choices; they live here, not in the modules that use them,
so that declaring the CLI imports nothing of the pipeline.
"""

OUTPUT_KINDS = ("html", "png", "pdf", "svg", "ics", "csv", "json")
"""What `schedgen build --only` can choose."""
CHART_FORMATS = ("png", "pdf", "svg")
REPORT_FORMATS = ("table", "md", "csv", "json", "html", "docx", "xlsx")
BINARY_FORMATS = ("docx", "xlsx")
"""Formats written only to a file (`-o`), never to the terminal."""
EXPORT_SUFFIXES = (".docx", ".xlsx")
"""What `schedgen export` writes, by the output file's suffix."""
GROUPINGS = ("unit", "date", "schedule")

DEFAULT_SCHEDULES = "schedules"
DEFAULT_OUTPUT = "output"
