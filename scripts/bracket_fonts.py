"""Make the shipped "Letterpress Brackets" fonts: the brackets of Noto Serif and Noto Sans
under a family name of their own (OFL: Noto reserves no font name), for right-to-left text.

Why: Noto Naskh Arabic has no brackets, so Arabic (and Hebrew) text takes them from the
body font, where HarfBuzz draws "(" in right-to-left text with the glyph of ")". A PDF maps
each glyph to one character, so the first use decided, and English text elsewhere in the
letter copied out as "Some text )in brackets( here". Brackets of their own give right-to-
left text its own glyph ids. They have the space too, as wide as Arabic's in Arabic text:
without one, Pango set a space between a bracket and a word of another font in the
brackets font's missing glyph, twice as wide as a space. Run once; the output is committed:

    .venv/bin/python scripts/bracket_fonts.py
"""

from __future__ import annotations

from pathlib import Path

from fontTools import subset
from fontTools.otlLib import builder
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables import otTables

FONTS = Path(__file__).resolve().parent.parent / "src" / "letterpress" / "fonts"
# every bidi-mirrored character the body fonts have a glyph for that letters use
BRACKETS = "()[]{}<>«»‹›"
SPACES = " \u00a0"  # a space beside a bracket can fall in the brackets' font (see README)


def make(source: str, family: str, style: str) -> None:
    font = TTFont(FONTS / f"{source}-{style}.ttf")
    options = subset.Options()
    options.name_IDs = ["*"]
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=BRACKETS + SPACES)
    subsetter.subset(font)
    _arabic_spaces(font, TTFont(FONTS / f"NotoNaskhArabic-{style}.ttf"))
    full = f"{family} {style}".replace("Regular", "").strip()
    for record in font["name"].names:
        if record.nameID in (1, 16):
            record.string = family
        elif record.nameID == 4:
            record.string = full
        elif record.nameID == 6:
            record.string = full.replace(" ", "")
        elif record.nameID == 3:
            record.string = f"letterpress:{full.replace(' ', '')}"
    font.save(FONTS / f"{family.replace(' ', '')}-{style}.ttf")


def _arabic_spaces(font: TTFont, naskh: TTFont) -> None:
    """Spaces as wide as Naskh's in Arabic text, the Latin font's elsewhere (Hebrew, an
    English name in an Arabic list): a positioning feature of the Arabic script ('dist',
    which HarfBuzz always applies) narrows them. Pango puts a space between a bracket and
    a Latin-font character, such as a dash, in the brackets' font, so a fixed width would
    be wrong beside one of them."""
    gpos, cmap = font["GPOS"].table, font.getBestCmap()
    spaces = sorted({cmap[ord(char)] for char in SPACES})
    narrower = naskh["hmtx"][naskh.getBestCmap()[32]][0] - font["hmtx"][cmap[32]][0]
    value = builder.buildValue({"XAdvance": narrower})
    gpos.LookupList.Lookup.append(builder.buildLookup([builder.buildSinglePosSubtable(
        dict.fromkeys(spaces, value), font.getReverseGlyphMap())]))
    gpos.LookupList.LookupCount = len(gpos.LookupList.Lookup)
    feature = otTables.FeatureRecord()
    feature.FeatureTag, feature.Feature = "dist", otTables.Feature()
    feature.Feature.FeatureParams, feature.Feature.LookupListIndex = None, [
        gpos.LookupList.LookupCount - 1]
    feature.Feature.LookupCount = 1
    gpos.FeatureList.FeatureRecord.append(feature)
    gpos.FeatureList.FeatureCount = len(gpos.FeatureList.FeatureRecord)
    default = gpos.ScriptList.ScriptRecord[0].Script.DefaultLangSys  # DFLT: every feature
    arabic = otTables.ScriptRecord()
    arabic.ScriptTag, arabic.Script = "arab", otTables.Script()
    arabic.Script.LangSysRecord, arabic.Script.LangSysCount = [], 0
    arabic.Script.DefaultLangSys = otTables.LangSys()
    arabic.Script.DefaultLangSys.LookupOrder, arabic.Script.DefaultLangSys.ReqFeatureIndex = \
        None, default.ReqFeatureIndex
    arabic.Script.DefaultLangSys.FeatureIndex = [*default.FeatureIndex,
                                                 gpos.FeatureList.FeatureCount - 1]
    arabic.Script.DefaultLangSys.FeatureCount = len(arabic.Script.DefaultLangSys.FeatureIndex)
    gpos.ScriptList.ScriptRecord.insert(1, arabic)  # sorted by tag: DFLT, arab, cyrl, ...
    gpos.ScriptList.ScriptCount = len(gpos.ScriptList.ScriptRecord)


if __name__ == "__main__":
    for source, family in (("NotoSerif", "Letterpress Brackets Serif"),
                           ("NotoSans", "Letterpress Brackets Sans")):
        for style in ("Regular", "Bold"):
            make(source, family, style)
