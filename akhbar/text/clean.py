"""Display text: the article as written, minus what is not part of it.

Removes control and bidi marks, zero-width characters, HTML remnants, repeated
whitespace and boilerplate lines ("اقرأ أيضا", share widgets), and folds Arabic
presentation forms to ordinary letters. Diacritics, tatweel and the original spelling
stay: this is the text users read and that quote offsets point into.
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
_HSPACE_RE = re.compile(r"[ \t]+")
_BLANKS_RE = re.compile(r"\n{3,}")

# Lines that belong to the page around an article, not to the article.
_BOILERPLATE_RE = re.compile(
    r"^\s*(?:[\-–—•*|]\s*)?(?:"
    r"اقرأ\s+أيضا|اقرأ\s+أيضاً|إقرأ\s+أيضا|إقرأ\s+أيضاً|اقرا\s+ايضا|اقرأ\s+المزيد|إقرأ\s+المزيد|"
    r"شاهد\s+أيضا|شاهد\s+أيضاً|شاهد\s+ايضا|طالع\s+أيضا|طالع\s+أيضاً|مواضيع\s+ذات\s+صلة|أخبار\s+ذات\s+صلة|"
    r"اخبار\s+ذات\s+صلة|المزيد\s+من\s+الأخبار|شارك\s+(?:هذا\s+)?(?:الخبر|المقال|الموضوع)|"
    r"شارك\s+على|مشاركة\s+على|تابعونا\s+على|تابعوا\s+[^\n]{0,30}\s+على|للمزيد\s+تابع|"
    r"اشترك\s+في|اضغط\s+هنا|انقر\s+هنا|طباعة\s*$|أرسل\s+لصديق|ارسل\s+لصديق|"
    r"حقوق\s+(?:النشر|الطبع)|جميع\s+الحقوق\s+محفوظة|"
    r"(?:share|tweet|print|read\s+more|related\s*:|advertisement|subscribe)\b"
    r")",
    re.IGNORECASE,
)
_SHARE_WIDGET_RE = re.compile(
    r"^(?:\s*(?:فيسبوك|فيس\s+بوك|تويتر|واتساب|واتس\s+اب|تلغرام|تيليجرام|لينكدإن|إكس|"
    r"facebook|twitter|whatsapp|telegram|linkedin|email|x|مشاركة|شارك)\s*[|،,·•]?)+\s*$",
    re.IGNORECASE,
)
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
    """True for short lines that are page furniture ("اقرأ أيضا: …", share buttons)."""
    if len(line) > _MAX_BOILERPLATE_LEN:
        return False
    return bool(_BOILERPLATE_RE.match(line) or _SHARE_WIDGET_RE.match(line))


def clean_text(text: str) -> str:
    """Display form of an article body; paragraphs are separated by one blank line."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", strip_html(text).translate(_CLEAN_TABLE))
    if _PRESENTATION_RE.search(text):
        text = _PRESENTATION_RE.sub(_fold_presentation, text)
    lines = []
    for raw_line in text.split("\n"):
        line = _HSPACE_RE.sub(" ", raw_line).strip()
        if line and is_boilerplate_line(line):
            continue
        lines.append(line)
    return _BLANKS_RE.sub("\n\n", "\n".join(lines)).strip()


def clean_line(text: str | None) -> str | None:
    """Display form of a one-line field (title, author, section); None when empty."""
    if text is None:
        return None
    line = _HSPACE_RE.sub(" ", clean_text(text).replace("\n", " ")).strip()
    return line or None
