"""Whether a form's consent answer gives consent to publish the name.

Publishing a name its owner refused can put them at risk, so only an answer that clearly
says yes is consent: a word or mark of agreement ("Yes", "I agree to be listed", "J'accepte",
"نعم", "موافق", "بله", "✓"), with no word of refusal, doubt or condition beside it ("No, I do
not agree", "غير موافق", "موافق نیستم", "Kabul etmiyorum", "Yes, but without my name", "أوافق
دون ذكر اسمي", "anonymously"). Anything else (empty, "❌", "Nope", "Maybe", an answer in a
language not listed here) is not consent: in doubt, nobody is published. "No objection"
("لا مانع", "Kein Problem", "не возражаю") says yes with two negations, and is consent.

The words cover the languages the form titles are read in (English, French, Spanish,
Portuguese, Italian, German, Turkish, Arabic, Persian) and Russian and Ukrainian.
"""

from __future__ import annotations

import re
import unicodedata

from letterpress.signatories.spelling import bare

# Arabic words may carry "and" / "so" (و, ف) in front: "ولا أوافق", "فلا"
_AR = r"(?<!\w)[وف]?"
_W = r"(?<!\w)"  # a word's start (\b also matches between a letter and a mark)
_E = r"(?!\w)"  # a word's end

# yes said with two negations: read as a plain yes before refusals are looked for
_NO_OBJECTION = re.compile(
    r"\bno (?:objections?|problem)\b|\bnot a problem\b|\b(?:do not|don't|dont) (?:mind|object)\b"
    r"|\b(?:pas|aucune?) (?:d'|de )?(?:objection|problème|souci|inconvénient)s?\b"
    r"|\bne m'y oppose pas\b|\bne m'oppose pas\b"
    r"|\bn'y vois (?:aucune?|pas d') ?(?:objection|problème|souci|inconvénient)s?\b"
    r"|\b(?:sin|ningún|ningun|no hay) (?:problemas?|inconvenientes?|objeción)\b"
    r"|\b(?:sem|nenhum) (?:problemas?|objeção)\b|\b(?:não|nao) me oponho\b"
    r"|\bnessun problema\b|\bnessuna obiezione\b|\bnon mi oppongo\b"
    r"|\bkein problem\b|\bkeine (?:einwände|bedenken)\b|\bnichts dagegen\b"
    r"|\b(?:sorun|problem|itiraz\w*|sakınca\w*|mahzur\w*) yok\b"
    r"|\bне (?:возражаю|против|заперечую|проти)\b|\bнет возражений\b|\bбез проблем\b"
    rf"|{_AR}(?:لا|بلا|ما عندي|ما في|ماعندي|ليس لدي|ليس عندي|ليس هناك|لا يوجد)\s*(?:أي |اي )?"
    r"(?:مانع|اعتراض|مشكلة|مشكله)"
    rf"|{_AR}(?:لا|ما) ?[أا]مانع{_E}"
    r"|(?:مانعی|اشکالی|مشکلی|اشکال|مشکل) (?:ندارد|ندارم|نیست|نيست)")

# a refusal, a doubt or a condition: any of them and the name is not published
_REFUSAL = re.compile(
    # English, French, Spanish, Portuguese, Italian, German
    r"\b(?:no|not|nope|nah|nay|never|none|dont|didnt|doesnt|wont|cant|disagree\w*|declin\w*"
    r"|refus\w*|reject\w*|withdraw\w*|object(?:s|ed|ions?)?|opt(?:ed)? out|unsubscribe\w*"
    r"|without|anonym\w*|pseudonym\w*|initials?|only|but|except|unless|maybe|perhaps|unsure"
    r"|non|ne|pas|jamais|désaccord|sans|anonyme\w*|seulement|uniquement|mais|peut-être|sauf"
    r"|nunca|jamás|rechaz\w*|desacuerdo|ni|sin|anónim\w*|solo|sólo|solamente|pero|quizás"
    r"|quizas|tal vez|excepto"
    r"|não|nao|discordo|recuso|rejeito|sem|anônim\w*|somente|apenas|mas|talvez"
    r"|rifiut\w*|contrari[oa]|senza|anonim\w*|soltanto|forse|tranne"  # (not French "ma", "mai")
    r"|nein|nicht|kein\w*|nie|niemals|ablehn\w*|lehne|widersprech\w*|widerspreche|ohne"
    r"|nur|aber|vielleicht|außer)\b"
    r"|n't\b|\bn'|\bopt-out\b"
    # Turkish: a negative verb (katılmıyorum, istemiyorum, kabul etmiyorum)
    r"|\b(?:hayır|hayir|değil\w*|degil\w*|yok|istemem|reddedi\w*|isimsiz|olmadan|sadece"
    r"|yalnızca|ama|fakat|ancak|belki)\b|\b\w+m[ıiuü]yor\w*"
    # Russian, Ukrainian
    r"|\b(?:нет|не|ни|ні|никогда|ніколи|отказ\w*|відмов\w*|против|проти|без|аноним\w*"
    r"|анонім\w*|только|лише|тільки|но|але|может|можливо)\b"
    # Arabic (with Levantine, Egyptian, Gulf and Iraqi negations)
    rf"|{_AR}(?:لا|لم|لن|ليس|ليست|لست|لسنا|كلا|مش|مو|مب|ماني|مانيش|بلا|بدون|دون|لكن|بس"
    rf"|فقط|ربما|إلا|الا){_E}"
    rf"|{_AR}(?:بال|ال)?(?:غير|عدم|ممانع|[أا]مانع|[أا]رفض|نرفض|رافض|مرفوض|رفض|[أا]عترض"
    r"|معترض|اعتراض|[أا]عارض|معارض|مخالف|مجهول|[أا]تحفظ|متحفظ|تحفظ|مترد)"
    rf"|{_AR}لا ?[أا]?(?:وافق|رغب|ريد|قبل|سمح|حب|ود)|{_AR}ما ?(?:ب|[أا])?(?:وافق|بد|ريد|قبل"
    r"|بغى|حب)"
    # Persian
    rf"|{_W}(?:نه|خیر|خير|نخیر|ولی|ولي|اما|شاید|فقط|بی|بدون){_E}"
    rf"|{_W}(?:نیست|نيست|ندار|نمی|نمي|نخواه|نکن|نكن|نده|نپذیر|ناشناس|بینام|بی نام|مخالف)")

# a whole answer that is a ticked box: "x", "1", "on" (an HTML checkbox's own value)
_TICKED = {"y", "x", "1", "١", "۱", "true", "on", "checked", "ticked", "selected"}
# a word or mark of agreement
_CONSENT = re.compile(
    r"\b(?:yes|yeah|yep|yup|y|ok|okay|sure|of course|agree\w*|consent\w*|accept\w*|approv\w*"
    r"|authori[sz]\w*|confirm\w*|publish\w*|includ\w*|list me|add me|add my|sign\w*"
    r"|absolutely|certainly|definitely"
    r"|oui|ouais|d'accord|accord|j'accepte|consens|autoris\w*|publi\w*|bien sûr|volontiers"
    r"|sí|si|acepto|aceptar|de acuerdo|conforme|autoriz\w*|consiento|claro|por supuesto"
    r"|sim|concordo|aceito|de acordo|consinto|sì|accetto|acconsento|autorizz\w*|certo"
    r"|va bene|ja|einverstanden|stimme zu|zustimm\w*|akzeptier\w*|genehmig\w*|gern|gerne"
    r"|klar|selbstverständlich|willige ein|evet|kabul\w*|onay\w*|katılıyorum|katiliyorum|olur"
    r"|tamam|izin veriyorum|да|согласен|согласна|согласны|соглас\w*|так|згоден|згодна|згода"
    r"|принимаю|конечно)\b"
    r"|[✓✔☑✅👍🗸]"
    rf"|{_AR}(?:نعم|أجل|اجل|بلى|أقبل|اقبل|قبول|مقبول|[أا]ؤيد|أكيد|اكيد|طبعا|حسنا|تمام|ايوه"
    rf"|أيوه|ايوا|أيوا){_E}|{_AR}(?:بال|ال)?(?:موافق|[أا]وافق|نوافق|[أا]قبل|[أا]ؤكد)"
    rf"|{_W}(?:بله|بلی|بلي|آره|آری|حتما|رضایت|رضايت|قبول)")


def consented(text: str) -> bool:
    """Whether a consent box's answer clearly gives consent (see the module's rule)."""
    folded = " ".join(bare(unicodedata.normalize("NFKC", text)).casefold()
                      .replace("’", "'").replace("ʼ", "'").replace("\u0307", "").split())
    if folded in _TICKED:
        return True
    folded = _NO_OBJECTION.sub(" yes ", folded)
    return not _REFUSAL.search(folded) and bool(_CONSENT.search(folded))
