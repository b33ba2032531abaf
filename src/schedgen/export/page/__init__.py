"""The HTML pages: a plan's interactive Gantt page and the site's index (`html`, `page_rows`), with the
cut of the CJK font each embeds (`webfont`)."""
