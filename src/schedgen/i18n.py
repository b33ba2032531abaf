"""The language of what a user reads on the command line: Chinese where the locale is Chinese, English
(the msgids themselves) otherwise, through the gettext catalog `locale/zh_CN/LC_MESSAGES/schedgen.mo`.

Only the standard library's `gettext` runs here, so `schedgen --help` stays fast. The catalog is made with
Babel (see the README's "Language"): mark a string with `_()`, give it named placeholders filled by
`.format(...)` so that a translation can put them in its own order. What goes into output files is
Chinese already and is not marked.
"""

from __future__ import annotations

import contextlib
import gettext
import os
import sys
import threading
from collections.abc import Iterator, Mapping
from functools import cache

DOMAIN = "schedgen"
LOCALEDIR = os.path.join(os.path.dirname(__file__), "locale")
LANGUAGES = ("zh_CN", "en")
"""The languages there are: the catalog's and the msgids'."""
VARIABLES = ("SCHEDGEN_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
"""Where the language is read, first found first: schedgen's own choice, then gettext's order."""


def language(environ: Mapping[str, str] = os.environ) -> str:
    """`zh_CN` or `en`, chosen as gettext chooses: `SCHEDGEN_LANG` first, then GNU gettext's order, where
    LANGUAGE (a list, `fr:zh_CN`) counts unless the locale (LC_ALL, LC_MESSAGES or LANG, the first set) is
    `C` or `POSIX`. The first entry we have a catalog for wins; a language we have none for (`fr_FR`) is
    English, the msgids' language."""
    own = environ.get("SCHEDGEN_LANG")
    if own:
        return _pick(own)
    locale = next((environ[name] for name in VARIABLES[2:] if environ.get(name)), "")
    if locale.split(".")[0].upper() in ("C", "POSIX"):
        return "en"
    return _pick(environ.get("LANGUAGE") or locale)


def _pick(value: str) -> str:
    for entry in value.split(":"):
        name = entry.strip().lower()
        if name.startswith("zh"):
            return "zh_CN"
        if name.startswith("en"):
            return "en"
    return "en"


@cache
def _translation() -> gettext.NullTranslations:
    """The catalog of the language in force, read once a process (env vars are read at the first message)."""
    if language() == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALEDIR, languages=[language()], fallback=True)


_output = threading.local()
"""Set while a message is made for an output file (a page, a draft), which is Chinese whatever the locale."""


@cache
def _chinese() -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, LOCALEDIR, languages=["zh_CN"], fallback=True)


def _current() -> gettext.NullTranslations:
    return _chinese() if getattr(_output, "chinese", False) else _translation()


@contextlib.contextmanager
def chinese() -> Iterator[None]:
    """Messages made in this block, in this thread, are Chinese: they go into an output file (a broken plan's
    error on its page, why a time is unread in a draft), where everything is Chinese whatever the locale."""
    before = getattr(_output, "chinese", False)
    _output.chinese = True
    try:
        yield
    finally:
        _output.chinese = before


def _(message: str) -> str:
    """`message` in the user's language."""
    return _current().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural of a message with a count, in the user's language."""
    return _current().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a string for the catalog where it is defined; it is translated with `_()` where it is shown."""
    return message


def reset() -> None:
    """Read the language again at the next message (for tests that change it in one process)."""
    _translation.cache_clear()


CLICK_WORDS = (N_("required"),)
"""Words click translates that its source does not mark (`_(extra["required"])`), so that the catalog has them."""


def localize_click() -> None:
    """Have click's own words (Usage:, Options:, "Show this message and exit.", "No such option") come
    from our catalog: click calls `gettext.gettext` of the default domain, which has no Chinese, through
    names each of its modules binds at import. Call before declaring options: click translates some words
    (a type's name, the help option's text) when they are made."""
    for name, module in list(sys.modules.items()):
        if name == "click" or name.startswith("click."):
            if getattr(module, "_", None) is gettext.gettext:
                module._ = _  # type: ignore[attr-defined]
            if getattr(module, "ngettext", None) is gettext.ngettext:
                module.ngettext = ngettext  # type: ignore[attr-defined]
