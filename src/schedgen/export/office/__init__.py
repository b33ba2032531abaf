"""Word and Excel files: the 配档表 re-issued and the 督办 list (`docx`, `xlsx`, sharing `office`)."""
