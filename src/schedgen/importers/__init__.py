"""Importers: 配档表 from Word, Excel, CSV or text (`table`), and drafts from prose plans (`prose`)."""
