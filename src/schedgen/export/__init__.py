"""Pure renderers: Timeline -> bytes or text."""
