"""Display text: the article as written, minus what is not part of it.

Removes control and bidi marks, zero-width characters, HTML remnants, repeated
whitespace and boilerplate lines, and folds Arabic presentation forms to ordinary letters.
Diacritics, tatweel and the original spelling stay: this is the text users read and that
quote offsets point into.

Boilerplate lines are short lines that belong to the page or the wire, not the article:
"اقرأ أيضا" / related-article links (``للمزيد: …``, ``رابط الخبر بصحيفة …``, ``...المزيد``),
share widgets, copyright and opinion disclaimers, wire markers (``// انتهى //``,
``// يتبع //``, ``14:23 ت م``), contact lines (an e-mail address or a Twitter handle
alone, SMS subscription codes) and separator rules (``* *``, ``-----``).

Every step is a C-level pass (``re``, ``str`` methods) that runs only when the text holds
something for it to do: most articles need no translate table at all, and that is what
made the first version slow.
"""

from __future__ import annotations

import html
import re
import unicodedata

# Cc controls except tab/newline, Cf format characters (bidi marks and isolates, ZWSP,
# ZWNJ, ZWJ, BOM, soft hyphen, Arabic letter mark), and the Unicode specials block.
_INVISIBLE = {c: None for c in range(0x20) if c not in (0x09, 0x0A)}
_INVISIBLE.update({c: None for c in range(0x7F, 0xA0)})
_INVISIBLE.update({c: None for c in (0x00AD, 0x061C, 0x180E, 0xFEFF, 0x2028, 0x2029)})
_INVISIBLE.update({c: None for c in range(0x200B, 0x2010)})  # ZWSP..RLM
_INVISIBLE.update({c: None for c in range(0x202A, 0x202F)})  # LRE..RLO
_INVISIBLE.update({c: None for c in range(0x2060, 0x2070)})  # word joiner, isolates
_INVISIBLE.update({c: None for c in range(0xFFF0, 0xFFFC)})
# Spaces of every width become a plain space; line and paragraph breaks a newline.
_SPACES = {c: " " for c in (0xA0, 0x1680, 0x202F, 0x205F, 0x3000, *range(0x2000, 0x200B))}
_SPACES[0x0D] = "\n"
_CLEAN_TABLE = {**_INVISIBLE, **_SPACES, 0x2028: "\n", 0x2029: "\n"}
# Any character the table changes: a regex search finds one in C, while translating with
# a dict table costs a Python lookup per character.
_SPECIAL_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_CLEAN_TABLE)) + "]")

_TAG_RE = re.compile(
    r"<\s*/?\s*(?:p|br|div|span|a|b|i|em|strong|img|iframe|script|style|font|h[1-6]|ul|ol|li|"
    r"table|tr|td|th|figure|figcaption|blockquote|section|article|header|footer|nav|u|sup|sub)"
    r"\b[^<>]{0,500}>",
    re.IGNORECASE,
)
_BLOCK_TAG_RE = re.compile(r"<\s*(?:br|/p|/div|/li|/h[1-6]|/tr|/blockquote)\s*/?\s*>", re.I)
_SCRIPT_RE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_ENTITY_RE = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
_PRESENTATION_RE = re.compile("[\uFB50-\uFDFF\uFE70-\uFEFF]+")
_HSPACE_RE = re.compile(r"[ \t]{2,}|\t")
_LINE_EDGE_RE = re.compile(r"[ \t]*\n[ \t]*")
_BLANKS_RE = re.compile(r"\n{3,}")

# Lines that belong to the page around an article, not to the article. Matched at the
# start of a line (after an optional bullet); only lines up to _MAX_BOILERPLATE_LEN count.
_BOILERPLATE = (
    r"(?:[\-–—•*|]\s*)?(?:"
    r"اقرأ\s+أيضا|اقرأ\s+أيضاً|إقرأ\s+أيضا|إقرأ\s+أيضاً|اقرا\s+ايضا|اقرأ\s+المزيد|إقرأ\s+المزيد|"
    r"شاهد\s+أيضا|شاهد\s+أيضاً|شاهد\s+ايضا|طالع\s+أيضا|طالع\s+أيضاً|مواضيع\s+ذات\s+صلة|أخبار\s+ذات\s+صلة|"
    r"اخبار\s+ذات\s+صلة|المزيد\s+من\s+الأخبار|شارك\s+(?:هذا\s+)?(?:الخبر|المقال|الموضوع)|"
    r"شارك\s+على|مشاركة\s+على|تابعونا\s+على|تابعوا\s+[^\n]{0,30}\s+على|للمزيد\s+تابع|"
    r"اشترك\s+في|اضغط\s+هنا|انقر\s+هنا|طباعة\s*$|أرسل\s+لصديق|ارسل\s+لصديق|"
    r"حقوق\s+(?:النشر|الطبع)|جميع\s+الحقوق\s+محفوظة|"
    r"للمزيد\s*[:،,]|رابط\s+الخبر\s+بصحيفة|\.{2,}\s*المزيد\s*$|"
    r"//\s*(?:انتهى|يتبع)\s*//|\d{1,2}:\d{2}\s*ت\s*م\s*$|"
    r"\**\s*جميع\s+المقالات\s+المنشورة\s+تمثل\s+رأي|للتواصل\s+مع\s+الكاتب|"
    r"\d{4,7}\s*-\s*(?:stc|mobily|zain)\s*$|"
    r"(?:تويتر|twitter|t)\s*:\s*@?\w+\s*$|[\w.+-]+@[\w-]+\.[\w.]+\s*$|"
    r"(?:share|tweet|print|read\s+more|related\s*:|advertisement|subscribe)\b"
    r")"
)
_BOILERPLATE_RE = re.compile(r"^\s*" + _BOILERPLATE, re.IGNORECASE)
_SHARE_WIDGET_RE = re.compile(
    r"^(?:\s*(?:فيسبوك|فيس\s+بوك|تويتر|واتساب|واتس\s+اب|تلغرام|تيليجرام|لينكدإن|إكس|"
    r"facebook|twitter|whatsapp|telegram|linkedin|email|x|مشاركة|شارك)\s*[|،,·•]?)+\s*$",
    re.IGNORECASE,
)
# A line made only of separator characters (rules and asterisks between sections).
_RULE_LINE = r"[-–—_*=~•.·](?:[ \t]*[-–—_*=~•.·])+[ \t]*$"
_RULE_LINE_RE = re.compile(r"(?m)^[ \t]*" + _RULE_LINE)
# Whether any line may be furniture: one search instead of a check per line.
_FURNITURE_ANY_RE = re.compile(
    r"(?mi)^[ \t]*(?:" + _BOILERPLATE + r"|(?:فيسبوك|فيس\s+بوك|تويتر|واتساب|واتس\s+اب|تلغرام|"
    r"تيليجرام|لينكدإن|إكس|facebook|twitter|whatsapp|telegram|linkedin|email|x|مشاركة|شارك)|"
    + _RULE_LINE + ")")
_MAX_BOILERPLATE_LEN = 160


def _fold_presentation(match: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", match.group(0))


def strip_html(text: str) -> str:
    """Remove HTML remnants (tags, scripts, entities) from text that should be plain."""
    if "<" in text:
        text = _SCRIPT_RE.sub(" ", text)
        text = _BLOCK_TAG_RE.sub("\n", text)
        text = _TAG_RE.sub(" ", text)
    if "&" in text:
        text = _ENTITY_RE.sub(lambda m: html.unescape(m.group(0)), text)
    return text


def is_boilerplate_line(line: str) -> bool:
    """True for short lines that are page furniture ("اقرأ أيضا: …", share buttons, wire
    markers, contact lines)."""
    if len(line) > _MAX_BOILERPLATE_LEN:
        return False
    return bool(_BOILERPLATE_RE.match(line) or _SHARE_WIDGET_RE.match(line)
                or _RULE_LINE_RE.fullmatch(line.strip()))


def clean_text(text: str) -> str:
    """Display form of an article body; paragraphs are separated by one blank line."""
    if not text:
        return ""
    text = strip_html(text)
    # The common cases with str.replace; the translate table only for the rare rest.
    if "\xa0" in text:
        text = text.replace("\xa0", " ")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _SPECIAL_RE.search(text):
        text = text.translate(_CLEAN_TABLE)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
        if max(text) >= "\ufb50" and _PRESENTATION_RE.search(text):
            text = _PRESENTATION_RE.sub(_fold_presentation, text)
    # Runs of blanks become one space; blanks around line breaks go.
    if "  " in text or "\t" in text:
        text = _HSPACE_RE.sub(" ", text)
    if " \n" in text or "\n " in text:
        text = _LINE_EDGE_RE.sub("\n", text)
    if _FURNITURE_ANY_RE.search(text):
        text = "\n".join(line for line in text.split("\n") if not (line and is_boilerplate_line(line)))
    if "\n\n\n" in text:
        text = _BLANKS_RE.sub("\n\n", text)
    return text.strip()


def clean_line(text: str | None) -> str | None:
    """Display form of a one-line field (title, author, section); None when empty."""
    if text is None:
        return None
    line = _HSPACE_RE.sub(" ", clean_text(text).replace("\n", " ")).strip()
    return line or None
