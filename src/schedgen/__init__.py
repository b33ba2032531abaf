"""schedgen: 配档表 to dated milestones, feeds, charts and reports."""

__version__ = "0.1.0"
