"""The printable Gantt chart: laid out on pages of shapes (`sheet`, `paper`, `ticks`) in the face of a
font (`fonts`, `face`), and written as PNG, PDF and SVG (`png`, `pdf`, `svg`) by `gantt`."""
