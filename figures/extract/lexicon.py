"""Words around numbers: qualifiers, units, currencies, periods, vague amounts.

The lexicon is data; the readers that use it are :mod:`figures.extract.unit_reader`,
:mod:`figures.extract.qualifiers` and :mod:`figures.extract.filters`.
Unit names are pint names (currencies are ISO 4217 codes, defined in pint as
dimensions of their own by :mod:`figures.units`).
"""

from __future__ import annotations

from dataclasses import dataclass

from figures.model import Qualifier

# Qualifiers written before a number, longest first when matched.
QUALIFIERS_BEFORE: dict[str, Qualifier] = {
    "up to": Qualifier.AT_MOST,
    "as many as": Qualifier.AT_MOST,
    "as much as": Qualifier.AT_MOST,
    "as long as": Qualifier.AT_MOST,
    "as high as": Qualifier.AT_MOST,
    "as few as": Qualifier.AT_LEAST,
    "as little as": Qualifier.AT_LEAST,
    "no more than": Qualifier.AT_MOST,
    "not more than": Qualifier.AT_MOST,
    "at most": Qualifier.AT_MOST,
    "at the most": Qualifier.AT_MOST,
    "a maximum of": Qualifier.AT_MOST,
    "maximum of": Qualifier.AT_MOST,
    **{
        f"{det}maximum {noun} of": Qualifier.AT_MOST
        for det in ("a ", "the ", "")
        for noun in ("sentence", "penalty", "term", "prison term", "prison sentence", "jail term", "fine")
    },
    **{
        f"{det}minimum {noun} of": Qualifier.AT_LEAST
        for det in ("a ", "the ", "")
        for noun in ("sentence", "penalty", "term", "prison term", "prison sentence", "jail term", "fine")
    },
    "a possible": Qualifier.AT_MOST,
    "the possibility of": Qualifier.AT_MOST,
    "a possibility of": Qualifier.AT_MOST,
    "less than": Qualifier.LESS_THAN,
    "sub-": Qualifier.LESS_THAN,
    "fewer than": Qualifier.LESS_THAN,
    "under": Qualifier.LESS_THAN,
    "below": Qualifier.LESS_THAN,
    "just under": Qualifier.LESS_THAN,
    "shy of": Qualifier.LESS_THAN,
    "more than": Qualifier.MORE_THAN,
    "more then": Qualifier.MORE_THAN,
    "over": Qualifier.MORE_THAN,
    "just over": Qualifier.MORE_THAN,
    "above": Qualifier.MORE_THAN,
    "upwards of": Qualifier.MORE_THAN,
    "in excess of": Qualifier.MORE_THAN,
    "exceeding": Qualifier.MORE_THAN,
    "at least": Qualifier.AT_LEAST,
    "no less than": Qualifier.AT_LEAST,
    "not less than": Qualifier.AT_LEAST,
    "no fewer than": Qualifier.AT_LEAST,
    "a minimum of": Qualifier.AT_LEAST,
    "minimum of": Qualifier.AT_LEAST,
    "some": Qualifier.APPROXIMATELY,
    "about": Qualifier.APPROXIMATELY,
    "around": Qualifier.APPROXIMATELY,
    "round about": Qualifier.APPROXIMATELY,
    "nearly": Qualifier.APPROXIMATELY,
    "almost": Qualifier.APPROXIMATELY,
    "roughly": Qualifier.APPROXIMATELY,
    "approximately": Qualifier.APPROXIMATELY,
    "approx.": Qualifier.APPROXIMATELY,
    "approx": Qualifier.APPROXIMATELY,
    "close to": Qualifier.APPROXIMATELY,
    "an estimated": Qualifier.APPROXIMATELY,
    "estimated": Qualifier.APPROXIMATELY,
    "circa": Qualifier.APPROXIMATELY,
    "ca.": Qualifier.APPROXIMATELY,
    "~": Qualifier.APPROXIMATELY,
    "≈": Qualifier.APPROXIMATELY,
    ">": Qualifier.MORE_THAN,
    "<": Qualifier.LESS_THAN,
    "≥": Qualifier.AT_LEAST,
    "≤": Qualifier.AT_MOST,
    ">=": Qualifier.AT_LEAST,
    "=>": Qualifier.AT_LEAST,
    "<=": Qualifier.AT_MOST,
    "=<": Qualifier.AT_MOST,
    "greater than": Qualifier.MORE_THAN,
    "larger than": Qualifier.MORE_THAN,
    "bigger than": Qualifier.MORE_THAN,
    "higher than": Qualifier.MORE_THAN,
    "longer than": Qualifier.MORE_THAN,
    "smaller than": Qualifier.LESS_THAN,
    "lower than": Qualifier.LESS_THAN,
    "shorter than": Qualifier.LESS_THAN,
    "exceed": Qualifier.MORE_THAN,
    "exceeds": Qualifier.MORE_THAN,
    "exceeded": Qualifier.MORE_THAN,
    "surpass": Qualifier.MORE_THAN,
    "surpasses": Qualifier.MORE_THAN,
    "surpassed": Qualifier.MORE_THAN,
    "surpassing": Qualifier.MORE_THAN,
    "topped": Qualifier.MORE_THAN,
    # "or equal" makes a bound inclusive.
    "greater than or equal to": Qualifier.AT_LEAST,
    "more than or equal to": Qualifier.AT_LEAST,
    "higher than or equal to": Qualifier.AT_LEAST,
    "less than or equal to": Qualifier.AT_MOST,
    "fewer than or equal to": Qualifier.AT_MOST,
    "lower than or equal to": Qualifier.AT_MOST,
    "equal to or greater than": Qualifier.AT_LEAST,
    "equal to or more than": Qualifier.AT_LEAST,
    "equal to or less than": Qualifier.AT_MOST,
}

# Qualifiers written after a number (and its unit).
QUALIFIERS_AFTER: dict[str, Qualifier] = {
    "or more": Qualifier.AT_LEAST,
    "or over": Qualifier.AT_LEAST,
    "or above": Qualifier.AT_LEAST,
    "or higher": Qualifier.AT_LEAST,
    "or greater": Qualifier.AT_LEAST,
    "or larger": Qualifier.AT_LEAST,
    "or bigger": Qualifier.AT_LEAST,
    "or longer": Qualifier.AT_LEAST,
    "or lower": Qualifier.AT_MOST,
    "or smaller": Qualifier.AT_MOST,
    "or shorter": Qualifier.AT_MOST,
    "and more": Qualifier.AT_LEAST,
    "and up": Qualifier.AT_LEAST,
    "or less": Qualifier.AT_MOST,
    "or fewer": Qualifier.AT_MOST,
    "or under": Qualifier.AT_MOST,
    "at most": Qualifier.AT_MOST,
    "at the most": Qualifier.AT_MOST,
    "at least": Qualifier.AT_LEAST,
    "or so": Qualifier.APPROXIMATELY,
    "or thereabouts": Qualifier.APPROXIMATELY,
}


@dataclass(frozen=True)
class UnitWord:
    """A unit as written in text, with its canonical pint name and dimension."""

    unit: str
    dimension: str
    guessed: bool = False


# Currency symbols and codes written before the amount.
CURRENCY_PREFIXES: dict[str, str] = {
    "US$": "USD",
    "U.S.$": "USD",
    "$": "USD",
    "USD": "USD",
    "US $": "USD",
    "$US": "USD",
    # Wire copy writes the country after the sign: "$A500m", "$NZ1.2 billion".
    "$A": "AUD",
    "$NZ": "NZD",
    "$C": "CAD",
    "$HK": "HKD",
    "$S": "SGD",
    # Wire copy that lost its pound and yen signs: "PS450,000", "Y=50 billion".
    "PS": "GBP",
    "Y=": "JPY",
    "€": "EUR",
    "EUR": "EUR",
    "£": "GBP",
    "GBP": "GBP",
    "₽": "RUB",
    "RUB": "RUB",
    "руб.": "RUB",
    "¥": "JPY",
    "JPY": "JPY",
    "CNY": "CNY",
    "₹": "INR",
    "Rs": "INR",
    "Rs.": "INR",
    "INR": "INR",
    "₴": "UAH",
    "UAH": "UAH",
    "₸": "KZT",
    "KZT": "KZT",
    "TJS": "TJS",
    "KGS": "KGS",
    "UZS": "UZS",
    "C$": "CAD",
    "CA$": "CAD",
    "A$": "AUD",
    "CHF": "CHF",
    "AMD": "AMD",
    "֏": "AMD",
    "TMT": "TMT",
    "AZN": "AZN",
    "GEL": "GEL",
    "BYN": "BYN",
    "HK$": "HKD",
    "HK $": "HKD",
    "HKD": "HKD",
    "NZ$": "NZD",
    "S$": "SGD",
    "SGD": "SGD",
    "AUD": "AUD",
    "AU$": "AUD",
    "CAD": "CAD",
    "NT$": "TWD",
    "R$": "BRL",
    "RM": "MYR",
    "MYR": "MYR",
    "rmb": "CNY",
    "RMB": "CNY",
    "Rmb": "CNY",
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
    "₡": "CRC",
    "₾": "GEL",
    "₭": "LAK",
    "₿": "BTC",
    "BTC": "BTC",
    "₩": "KRW",
    "₱": "PHP",
    "₦": "NGN",
    "₺": "TRY",
    "₪": "ILS",
    "฿": "THB",
    "₫": "VND",
    "Rp": "IDR",
    "zł": "PLN",
}

# Currency codes written with a scale of their own: "25 MEUR" is 25 million euros.
SCALED_CURRENCIES: dict[str, tuple[str, float]] = {
    "MEUR": ("EUR", 1e6),
    "MUSD": ("USD", 1e6),
    "MGBP": ("GBP", 1e6),
    "MSEK": ("SEK", 1e6),
    "MNOK": ("NOK", 1e6),
    "MDKK": ("DKK", 1e6),
    "MCHF": ("CHF", 1e6),
    "kEUR": ("EUR", 1e3),
    "KEUR": ("EUR", 1e3),
    "kUSD": ("USD", 1e3),
    "KUSD": ("USD", 1e3),
    "BEUR": ("EUR", 1e9),
    "BUSD": ("USD", 1e9),
}

# Unit words written after a number. Keys are lower-case unless the unit is an
# upper-case code or symbol, which must match exactly.
UNITS_AFTER: dict[str, UnitWord] = {}


def _add(dimension: str, unit: str, *surfaces: str, guessed: bool = False) -> None:
    for s in surfaces:
        UNITS_AFTER[s] = UnitWord(unit, dimension, guessed)


_add("currency", "RUB", "rubles", "ruble", "roubles", "rouble", "RUB", "₽", "rub")
_add("currency", "USD", "dollars", "dollar", "us dollars", "u.s. dollars", "USD", "US dollars")
_add("currency", "AUD", "australian dollars", "australian dollar", "AUD")
_add("currency", "CAD", "canadian dollars", "canadian dollar", "CAD")
_add("currency", "NZD", "new zealand dollars", "new zealand dollar", "NZD")
_add("currency", "HKD", "hong kong dollars", "hong kong dollar", "HKD")
_add("currency", "SGD", "singapore dollars", "singapore dollar", "SGD")
_add("currency", "EUR", "euros", "euro", "EUR", "€")
_add("currency", "GBP", "pounds sterling", "pound sterling", "GBP", "£")
_add("currency", "TJS", "somoni", "somonis", "TJS")
_add("currency", "KGS", "som", "soms", "KGS", "kyrgyz som")
_add("currency", "UZS", "sum", "sums", "soum", "soums", "UZS", "uzbek sum")
_add("currency", "KZT", "tenge", "tenges", "KZT", "₸")
_add("currency", "UAH", "hryvnias", "hryvnia", "hryvnas", "hryvnya", "UAH")
_add("currency", "AMD", "drams", "dram", "AMD")
_add("currency", "CNY", "yuan", "renminbi", "CNY")
_add("currency", "JPY", "yen", "JPY")
_add("currency", "INR", "rupees", "rupee", "INR")
_add("currency", "TMT", "manat", "manats", "TMT")
_add("currency", "GEL", "lari", "laris", "GEL")
_add("currency", "CHF", "swiss francs", "CHF")
_add("currency", "ILS", "shekels", "shekel", "new shekels", "NIS", "ILS")
_add("currency", "MYR", "ringgit", "MYR")
_add("currency", "BRL", "reais", "real", "BRL")
_add("currency", "ZAR", "rand", "ZAR")
_add("currency", "KRW", "won", "KRW")
_add("currency", "SEK", "kronor", "swedish krona", "SEK")
_add("currency", "NOK", "norwegian kroner", "NOK")
_add("currency", "DKK", "danish kroner", "DKK")
_add("currency", "PLN", "zloty", "zlotys", "PLN", "zł")
_add("currency", "TRY", "lira", "liras", "turkish lira", "TRY")
_add("currency", "BTC", "bitcoin", "bitcoins", "BTC")
# Lower-case codes after an amount ("500 eur", "80 usd").
_add("currency", "USD", "usd")
_add("currency", "EUR", "eur")
_add("currency", "GBP", "gbp")
_add("currency", "CNY", "rmb", "cny", "RMB")
_add("currency", "USD_cent", "cents", "cent")
_add("currency", "MYR_sen", "sen")
_add("currency", "GBX", "p", "pence")  # "164p" (glued only: a spaced letter is never a unit)
_add("currency", "GBP", "pounds", "pound", guessed=True)
_add("percent", "percent", "%", "percent", "per cent", "pct", "pc", "per-cent", "％")
_add("percentage_point", "percentage_point", "percentage points", "percentage point", "percent points", "pp")
_add("percentage_point", "basis_point", "basis points", "basis point", "bps", "bp")
_add("time", "year", "years", "year", "yrs", "yr")
_add("time", "month", "months", "month", "mos")
_add("time", "week", "weeks", "week", "wks")
_add("time", "day", "days", "day")
_add("time", "hour", "hours", "hour", "hrs", "hr", "h")
_add("time", "minute", "minutes", "minute", "mins", "min")
_add("time", "second", "seconds", "second", "secs", "sec")
_add("time", "decade", "decades", "decade")
_add("time", "century", "centuries", "century")
_add("length", "kilometer", "kilometres", "kilometers", "kilometre", "kilometer", "km", "kms")
_add("length", "meter", "metres", "meters", "metre", "meter")
_add("length", "meter", "m", guessed=True)  # glued only: "the 100m sprint"
_add("length", "centimeter", "centimetres", "centimeters", "cm")
_add("length", "millimeter", "millimetres", "millimeters", "mm")
_add("length", "mile", "miles", "mile", "mi")
_add("length", "foot", "feet", "foot", "ft")
_add("length", "inch", "inches", "inch")
_add("length", "yard", "yards", "yard", "yd")
_add("mass", "kilogram", "kilograms", "kilogram", "kilos", "kilo", "kg")
_add("mass", "gram", "grams", "gram", "g")
_add("mass", "milligram", "milligrams", "milligram", "mg")
_add("mass", "microgram", "micrograms", "microgram", "μg", "µg", "mcg")
_add("mass", "pound", "lb", "lbs", "lb.", "lbs.")
_add("mass", "ounce", "ounces", "ounce", "oz")
_add("frequency", "hertz", "Hz", "hertz")
_add("frequency", "kilohertz", "kHz", "kilohertz")
_add("frequency", "megahertz", "MHz", "megahertz")
_add("frequency", "gigahertz", "GHz", "gigahertz")
_add("volume", "milliliter", "ml", "mL", "millilitres", "milliliters", "millilitre", "milliliter")
_add("volume", "centiliter", "cl", "cL", "centilitres", "centiliters")
_add("volume", "gallon", "gallons", "gallon")
_add("volume", "pint", "pints", "pint")
_add("volume", "teaspoon", "tsp", "tsps", "teaspoons", "teaspoon")
_add("volume", "tablespoon", "tbsp", "tbsps", "tablespoons", "tablespoon")
_add("length", "micrometer", "μm", "µm", "microns", "micron", "micrometres", "micrometers")
_add("length", "inch", "″", "in.", "in")  # "in" glued only: "6ft 5in"
_add("length", "foot", "′")
_add("area", "meter ** 2", "m2", "m²", "sq m", "sqm", "square metres", "square meters", "square metre", "square meter")
_add("area", "meter ** 2", "sq. m", "sq. metres", "sq. meters", "sq metres", "sq meters")
_add("area", "foot ** 2", "sq ft", "sqft", "square feet", "square foot", "sq. ft", "sq ft.", "sq. feet")
_add("area", "mile ** 2", "sq mi", "square miles", "square mile", "sq. mi", "sq miles", "sq. miles")
_add("area", "acre", "acres", "acre")
_add("volume", "meter ** 3", "m3", "m³", "cubic metres", "cubic meters", "cubic metre", "cubic meter")
_add("angle", "degree", "°")
_add("mass", "metric_ton", "tonnes", "tonne", "metric tons", "metric ton", "t")
_add("mass", "ton", "tons", "ton", "short tons", "short ton")  # pint's ton is the short ton of American copy
_add("area", "hectare", "hectares", "hectare", "ha")
_add("area", "kilometer ** 2", "square kilometres", "square kilometers", "sq km", "km²", "km2")
_add("area", "kilometer ** 2", "sq. km", "sq kilometres")
_add("volume", "liter", "litres", "liters", "litre", "liter", "l")
_add("volume", "oil_barrel", "barrels", "barrel", "bbl")
_add(
    "speed",
    "kilometer / hour",
    "km/h",
    "kph",
    "kmh",
    "kmph",
    "km/hr",
    "km/hour",
    "km per hour",
    "kilometres per hour",
    "kilometers per hour",
)
_add("speed", "mile / hour", "mph", "miles per hour", "m.p.h", "m.p.h.", "miles an hour")
_add("temperature", "degree_Celsius", "C", "celsius", "centigrade")  # "C" glued only: "41C"
_add("temperature", "degree_Fahrenheit", "F", "fahrenheit")
_add("temperature", "degree_Celsius", "°c", "degrees celsius", "degrees c")
_add("temperature", "degree_Fahrenheit", "°f", "degrees fahrenheit", "degrees f", "deg f", "deg. f", "degree f")
_add("temperature", "degree_Celsius", "deg c", "deg. c", "degree c", "degrees centigrade")
_add("energy", "kilowatt_hour", "kwh", "kilowatt-hours", "kilowatt hours")
_add("power", "watt", "watts", "watt", "W")
_add("power", "kilowatt", "kilowatts", "kilowatt", "kw", "kW")
_add("power", "megawatt", "mw", "megawatts", "megawatt")
_add("power", "horsepower", "hp", "horsepower", "bhp")
_add("torque", "foot * pound_force", "lb-ft", "lb ft", "lb.-ft.", "pound-feet", "pound-foot", "foot-pounds")
_add("torque", "newton * meter", "nm", "Nm", "newton-meters", "newton metres", "newton-metres")
_add("data", "kilobyte", "kb", "KB", "kilobytes", "kilobyte")
_add("data", "megabyte", "mb", "MB", "megabytes", "megabyte")
_add("data", "gigabyte", "gb", "GB", "gigabytes", "gigabyte")
_add("data", "terabyte", "tb", "TB", "terabytes", "terabyte")
_add("power", "gigawatt", "gw", "gigawatts", "gigawatt")
_add("energy", "megawatt_hour", "mwh", "MWh", "megawatt hours", "megawatt-hours")
_add("energy", "gigawatt_hour", "gwh", "GWh", "gigawatt hours", "gigawatt-hours")
_add("energy", "terawatt_hour", "twh", "TWh", "terawatt hours", "terawatt-hours")
_add("fuel_economy", "mile / gallon", "mpg", "miles per gallon", "miles a gallon")
_add("speed", "kilometer / second", "km/s", "kilometres per second", "kilometers per second", "km per second")
_add("speed", "meter / second", "m/s", "metres per second", "meters per second")
_add("resolution", "megapixel", "megapixels", "megapixel", "mp")

# A single-letter symbol only counts as a unit when glued to the number ("5 h"
# is rare, "5h" is common) or listed here as safe with a space.
SPACED_SHORT_UNITS_OK = frozenset(
    {"km", "kg", "mm", "cm", "mph", "kph", "kwh", "mw", "gw", "ha", "hp", "gb", "mb", "tb", "kb", "%"}
    | {"mg", "ml", "lb", "oz", "μg", "µg", "μm", "µm", "tsp"}
)

TIME_UNITS = frozenset({"year", "month", "week", "day", "hour", "minute", "second", "decade", "century"})

# Words that state a rate period, and the period they name.
PERIOD_ADJECTIVES = {
    "monthly": "month",
    "annual": "year",
    "annually": "year",
    "yearly": "year",
    "weekly": "week",
    "daily": "day",
    "hourly": "hour",
    "per-month": "month",
}
PERIOD_NOUNS = {
    "month": "month",
    "year": "year",
    "annum": "year",
    "week": "week",
    "day": "day",
    "hour": "hour",
    "mo": "month",
    "yr": "year",
    "wk": "week",
    "night": "day",
}

# Things an amount is counted against, other than time, readable after "a"/"an" as
# well as after "per" ("$60 a barrel", "£15 a head"), with the singular each stands for.
DENOMINATORS = {
    "barrel": "barrel",
    "bbl": "barrel",
    "share": "share",
    "head": "head",
    "person": "person",
    "gallon": "gallon",
    "litre": "litre",
    "liter": "litre",
    "tonne": "tonne",
    "ton": "ton",
    "kilo": "kilogram",
    "kg": "kilogram",
    "pound": "pound",
    "lb": "pound",
    "ounce": "ounce",
    "oz": "ounce",
    "unit": "unit",
    "ticket": "ticket",
    "seat": "seat",
    "vote": "vote",
    "mile": "mile",
    "km": "kilometre",
    "kilometre": "kilometre",
    "kilometer": "kilometre",
    "acre": "acre",
    "hectare": "hectare",
    "square metre": "square metre",
    "square meter": "square metre",
    "square foot": "square foot",
    "room": "room",
    "bed": "bed",
    "pupil": "pupil",
    "student": "student",
    "passenger": "passenger",
    "household": "household",
    "capita": "capita",
    "copy": "copy",
    "dose": "dose",
    "cup": "cup",
    "glass": "glass",
    "bottle": "bottle",
    "pint": "pint",
    "bag": "bag",
    "box": "box",
    "pack": "pack",
    "packet": "packet",
    "loaf": "loaf",
    "visit": "visit",
    "game": "game",
    "match": "match",
    "adult": "adult",
    "child": "child",
    "resident": "resident",
    "worker": "worker",
    "employee": "employee",
    "customer": "customer",
    "kwh": "kilowatt hour",
    "megawatt hour": "megawatt hour",
    "mwh": "megawatt hour",
}

# Vague amounts: the interval a reader would grant them; plurals of a power of ten
# span that power to the next ("millions": 1 to 10 million).
VAGUE_AMOUNTS: dict[str, tuple[float, float]] = {
    "dozens": (24, 144),
    "scores": (40, 200),
    "hundreds": (100, 1000),
    "thousands": (1000, 10_000),
    "tens of thousands": (10_000, 100_000),
    "hundreds of thousands": (100_000, 1_000_000),
    "millions": (1e6, 1e7),
    "tens of millions": (1e7, 1e8),
    "hundreds of millions": (1e8, 1e9),
    "billions": (1e9, 1e10),
    "several hundred": (300, 900),
    "a few hundred": (200, 500),
    "several thousand": (3000, 9000),
    "a few thousand": (2000, 5000),
    "several million": (3e6, 9e6),
    "a few million": (2e6, 5e6),
    "several dozen": (36, 108),
    "a few dozen": (24, 60),
    "a couple of hundred": (200, 300),
    "a couple hundred": (200, 300),
}

# Number words that name one thing in a count ("a dozen").
GROUP_WORDS = {"dozen": 12, "score": 20, "couple": 2, "pair": 2}

MONTHS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}

# Words that, written just before a number, make it a label rather than a quantity.
IDENTIFIER_WORDS = {
    "no",
    "no.",
    "nos.",
    "number",
    "num.",
    "#",
    "article",
    "art.",
    "section",
    "sec.",
    "row",
    "room",
    "route",
    "flight",
    "chapter",
    "paragraph",
    "para",
    "clause",
    "resolution",
    "page",
    "p.",
    "pp.",
    "vol.",
    "volume",
    "part",
    "item",
    "level",
    "line",
    "platform",
    "gate",
    "seat",
    "apartment",
    "apt.",
    "building",
    "house",
    "block",
    "unit",
    "ward",
    "district",
    "zone",
    "size",
    "version",
    "v.",
    "channel",
    "episode",
    "season",
    "phase",
    "stage",
    "tier",
    "grade",
    "class",
    "category",
    "figure",
    "fig.",
    "table",
    "model",
    "decree",
    "law",
    "order",
    "case",
    "file",
    "code",
    "station",
    "terminal",
    "lane",
    "highway",
    "bus",
    "train",
    "issue",
    "edition",
    "exit",
    "junction",
    "pier",
    "track",
    "suite",
    "aisle",
    "box",
    "lot",
    "precinct",
    "plot",
    "bay",
}

# Determiners and words after which a capitalised word starts a label.
STOPWORDS = frozenset(
    """a an the of in on at to from for with and or but nor is are was were be been being
    has have had do does did will would could can may might must shall should that which who
    whom whose this these those it its they them their he him his she her we us our you your
    i me my as than then so such there here when where while if because though although into
    onto over under about after before since until during per each every all any some no not
    more less most least very also only just even still yet already both either neither other
    another same own said says say told according by via up down out off again further once
    what how why whether without within across among against toward towards upon amid
    amidst despite beyond behind near inside outside around along throughout versus plus
    minus like unlike except besides instead alone ago later earlier now today yesterday
    tomorrow too quite rather almost nearly""".split()
)
