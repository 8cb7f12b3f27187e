"""Word tables of the number grammar (Italian and English), kept as data.

``verify.numbers`` builds its regular expressions from these tables once, at import. To teach the
grammar a new unit, hedge or month, add a row here; no code changes are needed.
"""

from __future__ import annotations

import re

# --- Cardinal number words --------------------------------------------------------------------
# Italian writes numbers as one word made of pieces ("duecentosessantamila"), so these are the
# *pieces*; the parser joins them. Elided forms ("vent" of "ventuno") are listed as pieces too.
IT_SMALL = {
    "zero": 0, "uno": 1, "un": 1, "una": 1, "due": 2, "tre": 3, "tré": 3, "quattro": 4,
    "cinque": 5, "sei": 6, "sette": 7, "otto": 8, "nove": 9,
    "dieci": 10, "undici": 11, "dodici": 12, "tredici": 13, "quattordici": 14, "quindici": 15,
    "sedici": 16, "diciassette": 17, "diciotto": 18, "diciannove": 19,
    "venti": 20, "vent": 20, "trenta": 30, "trent": 30, "quaranta": 40, "quarant": 40,
    "cinquanta": 50, "cinquant": 50, "sessanta": 60, "sessant": 60, "settanta": 70,
    "settant": 70, "ottanta": 80, "ottant": 80, "novanta": 90, "novant": 90,
}
IT_HUNDRED = {"cento": 100, "cent": 100}
IT_SCALE = {
    "mille": 1000, "mila": 1000, "milione": 10**6, "milioni": 10**6, "miliardo": 10**9,
    "miliardi": 10**9, "bilione": 10**12, "bilioni": 10**12,
}
EN_SMALL = {
    "zero": 0, "nought": 0, "naught": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
EN_HUNDRED = {"hundred": 100}
EN_SCALE = {
    "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12,
    "lakh": 10**5, "crore": 10**7,
}
# An article stands for 1 only before a scale or a fraction ("un milione", "a hundred",
# "a half"); alone it is a determiner, not a number (Recognizers counts it: a known difference).
ARTICLES = {"un": 1, "una": 1, "uno": 1, "un'": 1, "un’": 1, "a": 1, "an": 1}

# Abbreviated scales written after digits: "10k", "$95bn", "2 mln", "1,2 mld".
SUFFIX_SCALE = {
    "k": 1000, "mila": 1000, "mln": 10**6, "mil": 10**6, "mm": 10**6, "m": 10**6,
    "mld": 10**9, "mrd": 10**9, "bn": 10**9, "bln": 10**9, "b": 10**9, "tln": 10**12,
    "t": 10**12, "tn": 10**12,
}

# --- Fractions ---------------------------------------------------------------------------------
# Denominators after a numerator ("due terzi", "three quarters"); "mezzo"/"half" also alone.
FRACTIONS = {
    "mezzo": 2, "mezza": 2, "mezzi": 2, "terzo": 3, "terzi": 3, "quarto": 4, "quarti": 4,
    "quinto": 5, "quinti": 5, "sesto": 6, "sesti": 6, "settimo": 7, "settimi": 7, "ottavo": 8,
    "ottavi": 8, "nono": 9, "noni": 9, "decimo": 10, "decimi": 10, "centesimo": 100,
    "centesimi": 100, "millesimo": 1000, "millesimi": 1000,
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
    "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
    "hundredth": 100, "hundredths": 100, "thousandth": 1000, "thousandths": 1000,
    "millionths": 10**6, "billionths": 10**9, "trillionths": 10**12,
    # only the end of a compound denominator: "three twenty-firsts" is 3/21
    "first": 1, "firsts": 1,
}
HALF_WORDS = {"mezzo", "mezza", "half"}
DOZEN = {"dozzina": 12, "dozzine": 12, "dozen": 12, "dozens": 12, "doz": 12, "dozs": 12, "dzs": 12}
# Their plurals count only after a number ("three dozens"): alone, "dozens" is vague (VAGUE).
DOZENS = {"dozzine", "dozens", "dozs", "dzs"}

# --- Ordinals ----------------------------------------------------------------------------------
IT_ORDINALS = {
    "primo": 1, "prima": 1, "primi": 1, "prime": 1, "secondo": 2, "seconda": 2, "secondi": 2,
    "seconde": 2, "terzo": 3, "terza": 3, "terzi": 3, "terze": 3, "quarto": 4, "quarta": 4,
    "quinto": 5, "quinta": 5, "sesto": 6, "sesta": 6, "settimo": 7, "settima": 7,
    "ottavo": 8, "ottava": 8, "nono": 9, "nona": 9, "decimo": 10, "decima": 10,
}
EN_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
    "thousandth": 1000, "millionth": 10**6, "billionth": 10**9, "trillionth": 10**12,
}
# Ordinals that are part of a name, not a claim: the words that follow them.
ORDINAL_NAMES_AFTER = (
    r"guerra\s+mondiale|world\s+war|ministr[oaie]|minister|lady|repubblica|republic|"
    r"classe\s+(?!di)|class\b|linea|league|lega|division|divisione|emendamento|amendment|"
    r"vatican|vaticano|internazionale|international|person[ae]\s+(?:singolare|plurale)|"
    r"person\s+(?:singular|plural)|mate|lieutenant|tenente|base|serie|piano\b|floor|"
    r"pagina|page|generazione\s+di\s+(?:iphone|ipad)"
)
# Words that make "secondo"/"prima" something else: "secondo l'agenzia" (according to),
# "prima di" (before). An ordinal in Italian needs an article or determiner before it.
IT_ORDINAL_DETERMINERS = (
    r"il|lo|la|l['’]|i|gli|le|un|una|uno|un['’]|del|dello|della|dell['’]|dei|degli|delle|al|"
    r"allo|alla|all['’]|ai|agli|alle|nel|nello|nella|nell['’]|nei|negli|nelle|sul|sulla|"
    r"sui|dal|dalla|dai|col|per\s+la|per\s+il|suo|sua|suoi|sue|mio|mia|tuo|tua|loro|nostro|"
    r"nostra|vostro|vostra|questo|questa|quel|quello|quella|ogni|ciascun|ciascuna"
)

# --- Hedges (qualifiers); the words are part of the mention's span ---------------------------
HEDGES = {
    "more_than": [
        "più di", "oltre", "oltre a", "ben oltre", "sopra i", "sopra le", "superiore a",
        "superiori a", "maggiore di", "più del", "più dei", "più delle", "oltre il", "oltre i",
        "oltre le", "poco più di", "ben più di", "more than", "over", "above", "in excess of",
        "upwards of", "greater than", "larger than", "higher than", "just over",
        "well over", "nearly over", "exceed", "exceeds", "exceeded", "exceeding", "surpass",
        "surpassing", "in eccesso di", "supera", "superano", "superato", "più grande di",
        "più grandi di", "bigger than",
    ],
    "at_least": [
        "almeno", "non meno di", "perlomeno", "come minimo", "at least", "no less than",
        "no fewer than", "not less than", "a minimum of", "greater than or equal to",
        "more than or equal to", "equal to or more than", "equal to or greater than",
        "maggiore o uguale a", "superiore o uguale a", "pari o superiore a",
        "maggiori o uguali a", "più grande o uguale a", "più grandi o uguali a",
        "non inferiore a", "non inferiori a", "non è inferiore a", "greater or equal than",
        "greater or equal to", "higher or equal than", "bigger or equal than",
        "larger or equal than", "at least or equal to",
    ],
    "about": [
        "circa", "quasi", "intorno a", "intorno ai", "intorno alle", "attorno a", "attorno ai",
        "sui", "sulle", "pressappoco", "approssimativamente", "all'incirca", "all’incirca",
        "una trentina", "about", "around", "roughly", "approximately", "nearly", "almost",
        "some", "close to", "just under", "an estimated", "estimated", "circa", "approx.",
        "nell'ordine di", "nell’ordine di", "quasi il", "circa il", "circa i",
    ],
    "less_than": [
        "meno di", "meno del", "meno dei", "inferiore a", "inferiori a", "sotto i", "sotto le",
        "al di sotto di", "minore di", "less than", "fewer than", "under", "below",
        "lower than", "smaller than", "più piccolo di", "più piccoli di", "minori di",
    ],
    "at_most": [
        "fino a", "fino al", "fino ai", "fino alle", "non più di", "al massimo", "al più",
        "massimo", "up to", "at most", "no more than", "not more than", "a maximum of",
        "as many as", "as much as", "less than or equal to", "equal to or less than",
        "fewer than or equal to", "minore o uguale a", "inferiore o uguale a", "pari o inferiore a",
        "minori o uguali a", "più piccolo o uguale a", "più piccoli o uguali a",
        "non superiore a", "non superiori a", "non è superiore a", "less or equal than",
        "less or equal to", "lower or equal than", "smaller or equal than", "fewer or equal than",
    ],
}
# Comparison signs before a number (">30", "≤ 100"), as data tables and some reports write them.
HEDGE_SIGNS = {">": "more_than", ">=": "at_least", "≥": "at_least", "<": "less_than",
               "<=": "at_most", "< =": "at_most", "≤": "at_most"}
# Hedges written after the number ("200 or more", "cinque o più"); part of the mention too.
HEDGES_AFTER = {
    "at_least": ["or more", "or greater", "or higher", "or above", "o più", "o superiore"],
    "at_most": ["or less", "or fewer", "or lower", "or below", "o meno", "o inferiore"],
}
# Hedges that are *not* qualifiers before a year or a date ("fino al 2030" is a time limit).
# Kept simple: hedges apply to counts, quantities, money, percentages and durations only.

# Vague quantity words: "migliaia" (thousands) is more than 1000.
VAGUE = {
    "decine": 10, "dozzine": 12, "centinaia": 100, "migliaia": 1000, "milioni": 10**6,
    "miliardi": 10**9, "tens": 10, "dozens": 12, "hundreds": 100, "thousands": 1000,
    "millions": 10**6, "billions": 10**9,
}
# Of those, the ones that multiply another ("decine di migliaia": more than ten thousand).
VAGUE_SCALES = ("migliaia", "milioni", "miliardi", "thousands", "millions", "billions")
# Approximate numerals: "una decina di feriti" is about ten, "un centinaio" about a hundred.
APPROXIMATE = {
    "decina": 10, "quindicina": 15, "ventina": 20, "trentina": 30,
    "quarantina": 40, "cinquantina": 50, "sessantina": 60, "settantina": 70, "ottantina": 80,
    "novantina": 90, "centinaio": 100, "migliaio": 1000,
}

# --- Units and counted nouns: surface (lower case) -> (unit, kind) ---------------------------
CURRENCY_SYMBOLS = {"€": "euro", "$": "dollar", "us$": "dollar", "£": "pound", "¥": "yen",
                    "usd": "dollar", "eur": "euro", "gbp": "pound", "chf": "franc"}
UNITS = {
    # money
    "euro": ("euro", "money"), "euros": ("euro", "money"), "dollari": ("dollar", "money"),
    "dollaro": ("dollar", "money"), "dollars": ("dollar", "money"), "dollar": ("dollar", "money"),
    "sterline": ("pound", "money"), "sterlina": ("pound", "money"), "pounds": ("pound", "money"),
    "pound": ("pound", "money"), "yen": ("yen", "money"), "yuan": ("yuan", "money"),
    "rubli": ("rouble", "money"), "rublo": ("rouble", "money"), "roubles": ("rouble", "money"),
    "rubles": ("rouble", "money"), "franchi": ("franc", "money"), "francs": ("franc", "money"),
    "won": ("won", "money"), "cents": ("cent", "money"), "centesimi di euro": ("cent", "money"),
    "€": ("euro", "money"), "$": ("dollar", "money"), "£": ("pound", "money"),
    # percent
    "%": ("percent", "percent"), "per cento": ("percent", "percent"),
    "percento": ("percent", "percent"), "percent": ("percent", "percent"),
    "per cent": ("percent", "percent"), "percents": ("percent", "percent"),
    "percentuale": ("percent", "percent"), "percentage": ("percent", "percent"),
    "punti percentuali": ("percentage point", "percent"),
    "punto percentuale": ("percentage point", "percent"),
    "percentage points": ("percentage point", "percent"),
    "percentage point": ("percentage point", "percent"),
    "punti": ("point", "count"), "punto": ("point", "count"), "points": ("point", "count"),
    "point": ("point", "count"),
    # time (duration)
    "anni": ("year", "duration"), "anno": ("year", "duration"), "years": ("year", "duration"),
    "year": ("year", "duration"), "mesi": ("month", "duration"), "mese": ("month", "duration"),
    "months": ("month", "duration"), "month": ("month", "duration"),
    "settimane": ("week", "duration"), "settimana": ("week", "duration"),
    "weeks": ("week", "duration"), "week": ("week", "duration"),
    "giorni": ("day", "duration"), "giorno": ("day", "duration"), "days": ("day", "duration"),
    "day": ("day", "duration"), "ore": ("hour", "duration"), "ora": ("hour", "duration"),
    "hours": ("hour", "duration"), "hour": ("hour", "duration"), "hrs": ("hour", "duration"),
    "minuti": ("minute", "duration"), "minuto": ("minute", "duration"),
    "minutes": ("minute", "duration"), "minute": ("minute", "duration"),
    "secondi": ("second", "duration"), "seconds": ("second", "duration"),
    "decenni": ("decade", "duration"), "decennio": ("decade", "duration"),
    "decades": ("decade", "duration"), "decade": ("decade", "duration"),
    "secoli": ("century", "duration"), "secolo": ("century", "duration"),
    "centuries": ("century", "duration"), "century": ("century", "duration"),
    # measures (quantity)
    "tonnellate": ("tonne", "quantity"), "tonnellata": ("tonne", "quantity"),
    "tonnes": ("tonne", "quantity"), "tonne": ("tonne", "quantity"), "tons": ("tonne", "quantity"),
    "ton": ("tonne", "quantity"), "metric tons": ("tonne", "quantity"), "t": ("tonne", "quantity"),
    "metric tonnes": ("tonne", "quantity"), "metric tonne": ("tonne", "quantity"),
    "metric ton": ("tonne", "quantity"), "tonnellate metriche": ("tonne", "quantity"),
    "kilotonnes": ("kilotonne", "quantity"), "kilotonne": ("kilotonne", "quantity"),
    "kilotons": ("kilotonne", "quantity"), "kiloton": ("kilotonne", "quantity"),
    "chilotoni": ("kilotonne", "quantity"), "chilotone": ("kilotonne", "quantity"),
    "megatonnes": ("megatonne", "quantity"), "megatons": ("megatonne", "quantity"),
    "megatoni": ("megatonne", "quantity"),
    "chilogrammi": ("kilogram", "quantity"), "chili": ("kilogram", "quantity"),
    "chilo": ("kilogram", "quantity"), "kg": ("kilogram", "quantity"),
    "kilograms": ("kilogram", "quantity"), "kilos": ("kilogram", "quantity"),
    "grammi": ("gram", "quantity"), "grams": ("gram", "quantity"), "g": ("gram", "quantity"),
    "mg": ("milligram", "quantity"), "milligrams": ("milligram", "quantity"),
    "chilometri": ("kilometre", "quantity"), "chilometro": ("kilometre", "quantity"),
    "km": ("kilometre", "quantity"), "kilometres": ("kilometre", "quantity"),
    "kilometers": ("kilometre", "quantity"), "kilometre": ("kilometre", "quantity"),
    "kilometer": ("kilometre", "quantity"),
    "metri": ("metre", "quantity"), "metro": ("metre", "quantity"), "m": ("metre", "quantity"),
    "metres": ("metre", "quantity"), "meters": ("metre", "quantity"),
    "metre": ("metre", "quantity"), "meter": ("metre", "quantity"),
    "centimetri": ("centimetre", "quantity"), "cm": ("centimetre", "quantity"),
    "centimetres": ("centimetre", "quantity"), "centimeters": ("centimetre", "quantity"),
    "millimetri": ("millimetre", "quantity"), "mm": ("millimetre", "quantity"),
    "miglia": ("mile", "quantity"), "miles": ("mile", "quantity"), "mile": ("mile", "quantity"),
    "mi": ("mile", "quantity"), "inches": ("inch", "quantity"), "inch": ("inch", "quantity"),
    "feet": ("foot", "quantity"), "foot": ("foot", "quantity"), "ft": ("foot", "quantity"),
    "chilometri quadrati": ("square kilometre", "quantity"),
    "km2": ("square kilometre", "quantity"), "km²": ("square kilometre", "quantity"),
    "square kilometres": ("square kilometre", "quantity"),
    "square kilometers": ("square kilometre", "quantity"),
    "ettari": ("hectare", "quantity"), "hectares": ("hectare", "quantity"),
    "metri quadrati": ("square metre", "quantity"), "metri quadri": ("square metre", "quantity"),
    "metro quadrato": ("square metre", "quantity"), "metro quadro": ("square metre", "quantity"),
    "mq": ("square metre", "quantity"), "m2": ("square metre", "quantity"),
    "m²": ("square metre", "quantity"), "square metres": ("square metre", "quantity"),
    "square meters": ("square metre", "quantity"), "square feet": ("square foot", "quantity"),
    "square miles": ("square mile", "quantity"), "ettaro": ("hectare", "quantity"),
    "litri": ("litre", "quantity"), "litro": ("litre", "quantity"), "l": ("litre", "quantity"),
    "litres": ("litre", "quantity"), "liters": ("litre", "quantity"),
    "ml": ("millilitre", "quantity"), "cl": ("centilitre", "quantity"),
    "galloni": ("gallon", "quantity"), "gallons": ("gallon", "quantity"),
    "gallon": ("gallon", "quantity"), "barili": ("barrel", "quantity"),
    "barrels": ("barrel", "quantity"), "gradi": ("degree", "quantity"),
    "degrees": ("degree", "quantity"), "°c": ("degree Celsius", "quantity"),
    "gradi celsius": ("degree Celsius", "quantity"),
    "degrees celsius": ("degree Celsius", "quantity"),
    "degrees fahrenheit": ("degree fahrenheit", "quantity"),
    "megawatt": ("megawatt", "quantity"), "mw": ("megawatt", "quantity"),
    "gigawatt": ("gigawatt", "quantity"), "gw": ("gigawatt", "quantity"),
    "kwh": ("kilowatt hour", "quantity"), "mwh": ("megawatt hour", "quantity"),
    "wh": ("watt hour", "quantity"), "ev": ("electronvolt", "quantity"),
    "km/h": ("kilometre per hour", "quantity"), "mph": ("mile per hour", "quantity"),
    "nanometers": ("nanometre", "quantity"), "nanometres": ("nanometre", "quantity"),
    "gb": ("gigabyte", "quantity"), "mb": ("megabyte", "quantity"), "ghz": ("gigahertz", "quantity"),
    # counted nouns (count)
    "container": ("container", "count"), "containers": ("container", "count"),
    "missili": ("missile", "count"), "missile": ("missile", "count"),
    "missiles": ("missile", "count"), "razzi": ("rocket", "count"), "rockets": ("rocket", "count"),
    "droni": ("drone", "count"), "drone": ("drone", "count"), "drones": ("drone", "count"),
    "proiettili": ("shell", "count"), "shells": ("shell", "count"),
    "carri armati": ("tank", "count"), "tanks": ("tank", "count"),
    "persone": ("person", "count"), "persona": ("person", "count"),
    "people": ("person", "count"), "persons": ("person", "count"), "person": ("person", "count"),
    "individui": ("person", "count"), "individuals": ("person", "count"),
    "morti": ("death", "count"), "vittime": ("death", "count"), "deaths": ("death", "count"),
    "dead": ("death", "count"), "killed": ("death", "count"), "uccisi": ("death", "count"),
    "feriti": ("injured", "count"), "injured": ("injured", "count"),
    "wounded": ("injured", "count"), "soldati": ("soldier", "count"),
    "soldiers": ("soldier", "count"), "soldier": ("soldier", "count"),
    "militari": ("soldier", "count"), "troops": ("soldier", "count"),
    "truppe": ("soldier", "count"), "abitanti": ("inhabitant", "count"),
    "residents": ("inhabitant", "count"), "residenti": ("inhabitant", "count"),
    "inhabitants": ("inhabitant", "count"), "bambini": ("child", "count"),
    "children": ("child", "count"), "studenti": ("student", "count"),
    "students": ("student", "count"), "lavoratori": ("worker", "count"),
    "workers": ("worker", "count"), "dipendenti": ("employee", "count"),
    "employees": ("employee", "count"), "posti di lavoro": ("job", "count"),
    "jobs": ("job", "count"), "casi": ("case", "count"), "cases": ("case", "count"),
    "contagi": ("case", "count"), "voti": ("vote", "count"), "votes": ("vote", "count"),
    "elettori": ("voter", "count"), "voters": ("voter", "count"),
    "migranti": ("migrant", "count"), "migrants": ("migrant", "count"),
    "rifugiati": ("refugee", "count"), "refugees": ("refugee", "count"),
    "profughi": ("refugee", "count"), "arresti": ("arrest", "count"),
    "arrests": ("arrest", "count"), "paesi": ("country", "count"),
    "countries": ("country", "count"), "stati": ("state", "count"), "states": ("state", "count"),
    "città": ("city", "count"), "cities": ("city", "count"), "aerei": ("aircraft", "count"),
    "aircraft": ("aircraft", "count"), "navi": ("ship", "count"), "ships": ("ship", "count"),
    "veicoli": ("vehicle", "count"), "vehicles": ("vehicle", "count"),
    "auto": ("car", "count"), "cars": ("car", "count"), "case": ("house", "count"),
    "houses": ("house", "count"), "homes": ("home", "count"), "famiglie": ("family", "count"),
    "families": ("family", "count"), "leader": ("leader", "count"),
    "leaders": ("leader", "count"), "ostaggi": ("hostage", "count"),
    "hostages": ("hostage", "count"), "prigionieri": ("prisoner", "count"),
    "prisoners": ("prisoner", "count"), "volte": ("time", "count"), "times": ("time", "count"),
    "armi": ("weapon", "count"), "weapons": ("weapon", "count"), "pills": ("pill", "count"),
    "pillole": ("pill", "count"), "dosi": ("dose", "count"), "doses": ("dose", "count"),
    "vaccini": ("vaccine", "count"), "vaccines": ("vaccine", "count"),
    "pazienti": ("patient", "count"), "patients": ("patient", "count"),
    "medici": ("doctor", "count"), "doctors": ("doctor", "count"),
    "ospedali": ("hospital", "count"), "hospitals": ("hospital", "count"),
    "scuole": ("school", "count"), "schools": ("school", "count"),
    "seggi": ("seat", "count"), "seats": ("seat", "count"), "membri": ("member", "count"),
    "members": ("member", "count"), "utenti": ("user", "count"), "users": ("user", "count"),
    "abbonati": ("subscriber", "count"), "visitatori": ("visitor", "count"),
    "visitors": ("visitor", "count"), "turisti": ("tourist", "count"),
    "tourists": ("tourist", "count"), "firme": ("signature", "count"),
    "signatures": ("signature", "count"), "aziende": ("company", "count"),
    "imprese": ("company", "count"), "companies": ("company", "count"),
    "firms": ("company", "count"), "accordi": ("agreement", "count"),
    "agreements": ("agreement", "count"), "round": ("round", "count"),
    "dozzine": ("dozen", "count"), "pezzi": ("piece", "count"), "pieces": ("piece", "count"),
}
# Unit words that are too ambiguous on their own after a bare number ("2 in", "3 a",
# "5 m"): accepted only right after the digits (no space) or never.
TIGHT_UNITS = {"t", "g", "m", "l", "mi", "ft", "mm", "cm", "km", "kg", "mg", "ml", "cl", "%",
               "°c", "km2", "km²", "mw", "gw", "kwh", "mwh", "wh", "ev", "gb", "mb", "ghz", "€",
               "$", "£", "km/h", "mph"}
# Measures that can be written with no space and also with a space ("4,000 km", "10 kg").
SPACED_ABBREVIATIONS = {"km", "kg", "mg", "ml", "cl", "cm", "mm", "mi", "ft", "mw", "gw", "kwh",
                        "mwh", "wh", "ev", "gb", "mb", "ghz", "km2", "km²", "%", "°c", "€",
                        "km/h", "mph"}

# --- Calendar ----------------------------------------------------------------------------------
MONTHS = {
    "gennaio": 1, "febbraio": 2, "marzo": 3, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7,
    "agosto": 8, "settembre": 9, "ottobre": 10, "novembre": 11, "dicembre": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "gen": 1, "feb": 2, "mar": 3, "apr": 4, "mag": 5, "giu": 6, "lug": 7, "ago": 8, "set": 9,
    "ott": 10, "nov": 11, "dic": 12, "jan": 1, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "dec": 12,
}
# English month names that are also common words: a month only when capitalised.
ENGLISH_MONTH_WORDS = {"march", "may", "august"}
WEEKDAYS = (
    "lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|lunedi|martedi|mercoledi|"
    "giovedi|venerdi|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
)
DECADE_WORDS = {
    "venti": 1920, "trenta": 1930, "quaranta": 1940, "cinquanta": 1950, "sessanta": 1960,
    "settanta": 1970, "ottanta": 1980, "novanta": 1990, "duemila": 2000,
    "twenties": 1920, "thirties": 1930, "forties": 1940, "fifties": 1950, "sixties": 1960,
    "seventies": 1970, "eighties": 1980, "nineties": 1990,
}
# Words before a 4-digit number that make it a year ("nel 1961", "in 2022"); a space in one is
# any run of white space.
YEAR_CUES = (
    "nel", "del", "dal", "al", "dall'", "dall’", "nell'", "nell’", "all'", "all’", "anno",
    "entro il", "fino al", "prima del", "dopo il", "dopo la", "estate del", "inizio del",
    "fine del", "metà del", "tra il", "fra il", "nel corso del", "per il", "il",
    "in", "since", "of", "by", "until", "till", "from", "to", "year", "during", "before", "after",
    "early", "late", "mid", "through", "e", "and", ",", "–", "-", "o", "or",
)
RELATIVE_YEARS = {
    "lo scorso anno": -1, "l'anno scorso": -1, "l’anno scorso": -1, "l'anno passato": -1,
    "l’anno passato": -1, "lo anno scorso": -1, "quest'anno": 0, "quest’anno": 0,
    "l'anno prossimo": 1, "l’anno prossimo": 1, "il prossimo anno": 1, "last year": -1,
    "this year": 0, "next year": 1, "the previous year": -1, "the following year": 1,
}


def alternation(words, *, space: str = r"\s+") -> str:
    """A regex alternation of ``words`` that prefers the longest ("milioni" wins over "mila").

    Built as a trie ("du(?:e|ecento|...)") rather than a flat "a|b|c": Python's regex engine
    tries a flat alternation's words one by one at every word start, and with a few hundred
    number words that was most of the extractor's time. The words matched, and the preference
    for the longer word at each branch, are the same. A space in a word matches ``space``: any
    run of whitespace unless told otherwise (" " for exactly one space).
    """
    trie: dict = {}
    for word in set(words):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie, space)


def _trie_regex(node: dict, space: str) -> str:
    branches = [(space if ch == " " else re.escape(ch)) + _trie_regex(child, space)
                for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:%s)" % "|".join(branches)
    # Longer words first, then the word that ends here: (?:...)? is greedy, so it tries them first.
    return "(?:%s)?" % body if "" in node else body


# --- Searching lower-cased text -------------------------------------------------------------------
# A case-insensitive pattern costs the regex engine a case-folding at every character it tries.
# Where that matters, the extractor runs a pattern case-sensitively over ``text.lower()`` instead,
# or looks for a word in it with a plain substring test. Both find what the IGNORECASE pattern
# finds over ``text``, at the same offsets, because (checked over all of Unicode):
# - a character that case-insensitively matches a lower-case Latin letter (a-z, U+00DF-U+024F)
#   lowers to that letter, except "İ", "ı" and "ſ" (Python's re takes "ı" for "i", "ſ" for "s");
# - ``lower()`` keeps the length of every other character and its membership of \w, \d and \s.
# So ``lowered`` gives no lower-cased copy of a text with one of those three characters, and a
# pattern may run over the copy only when its letters are all in that range (``caseless``); the
# IGNORECASE pattern runs over the text as written otherwise.
_CASE_ODDITIES = ("\u0130", "\u0131", "\u017f")


def caseless(words) -> bool:
    """Whether the lower-case ``words`` (or a pattern's text) may be looked for in ``lowered``
    text: each character is caseless ("'", " ", "|") or a lower-case letter of the checked range."""
    return all(ch == ch.lower() == ch.upper()
               or (ch.islower() and ("a" <= ch <= "z" or "\u00df" <= ch <= "\u024f")
                   and ch not in "ıſ")
               for word in words for ch in word)


def lowered(text: str) -> str | None:
    """``text.lower()``, or None when ``text`` holds a character that lower-casing does not treat
    the way an IGNORECASE pattern does (see above)."""
    if "\u0130" in text or "\u0131" in text or "\u017f" in text:  # _CASE_ODDITIES, unrolled
        return None
    return text.lower()


# In a pattern's text: what names no character to match ("(?P<day>", the classes \W, \D, \S, \B),
# and the escapes that name one by its code (\u00a0).
_NOT_MATCHED_RE = re.compile(r"\(\?P<\w+>|\(\?P=\w+\)|\\[WDSB]")
_CODE_ESCAPE_RE = re.compile(r"\\x([0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})")


def lower_case_twin(pattern: re.Pattern) -> re.Pattern | None:
    """``pattern``, an IGNORECASE pattern, compiled without IGNORECASE to run over ``lowered``
    text, where it matches what ``pattern`` matches in the text, at the same offsets: when every
    character it names is caseless or a lower-case letter of the checked range (``caseless``).
    None otherwise (an upper-case letter, a "\\N{...}" escape)."""
    named = _NOT_MATCHED_RE.sub("", pattern.pattern)
    named = _CODE_ESCAPE_RE.sub(lambda m: chr(int(m.group(m.lastindex), 16)), named)
    if not caseless([named]):
        return None
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


# --- Patterns that open with a class of characters ----------------------------------------------
# A pattern that opens with a class is tried only at the characters of that class: the regex
# engine runs through the text testing each character against the class. A class that names a
# Unicode category (\d, \W) costs a look-up in Unicode's tables for every character, several
# times a test against the 256-bit table that a class of explicit characters below U+0100 gets.
# ``latin1_lead`` writes the class so: its own characters below U+0100, listed, or any other
# character, which the look-behind then tests against the class itself (rare in a text in Latin
# script: curly quotes, dashes). The pattern matches what it did, at the same places.

def latin1_lead(char_class: str, flags: int = 0) -> str:
    """``char_class`` (a class such as ``r"[\\W\\d_]"``, to open a pattern) as a class that is
    cheaper to test: the characters below U+0100 that ``char_class`` matches (with ``flags``), or
    a character at or above U+0100 that a look-behind finds in ``char_class``."""
    member = re.compile(char_class, flags)
    listed = "".join(re.escape(chr(i)) for i in range(256) if member.fullmatch(chr(i)))
    return r"[%s\u0100-\U0010ffff](?<=%s)" % (listed, char_class)
