"""Generated articles for the benchmark: news prose as varied as a real feed, with deals told again and again.

A benchmark corpus that repeats five filler sentences is cheap to clean, compresses a hundred times and
gives the extractor almost nothing to look at, so it flatters every figure. These articles mix:

- deals (funding rounds, contracts, customer losses) in several phrasings per language, each deal told by
  a few articles with the same terms, as a news flow does;
- sentences that look like deals to a cheap filter and are not (hiring, revenue, products, share moves,
  partnerships without money, executives quoted), with numbers, dates, people and places drawn at random;
- web furniture on some pages (menus, "read also" links, share bars, comment forms, cookie notices) and
  short roundups of several deals.

Everything is drawn from a seeded generator: the same seed gives the same files.
"""

from __future__ import annotations

import random

# Company names are made of syllables spread over many first letters, as real names are: a corpus of N
# articles speaks of about N/4 companies. Names carry no digits ("Acme 1234" would be read as "Acme").
_HEADS = ["Quant", "Ark", "Hel", "Orb", "Zet", "Vant", "Kalv", "Shelf", "Dat", "Pill", "Nimb", "Cloud", "Rout",
          "Lum", "Syl", "Vox", "Terr", "Cort", "Flux", "Nov", "Bry", "Gant", "Jov", "Mer", "Pex", "Wyl", "Ys",
          "Brel", "Dorn", "Fal", "Grim", "Ist", "Lor", "Mav", "Neb", "Ost", "Pral", "Rask", "Tov", "Umb"]
_MIDDLES = ["", "el", "an", "or", "ov", "um", "ad", "ir", "es", "ul", "ob", "ak", "et", "im", "ag", "uv"]
_TAILS = ["iq", "eon", "ix", "ital", "ara", "or", "ena", "wise", "acrue", "ar", "ova", "ly", "ium", "ex", "is"]
_SUFFIXES = ["", " AI", " Labs", " Robotics", " Health", " Data"]

INVESTORS = ["Sequoia Capital", "Accel", "Index Ventures", "Lightspeed", "General Catalyst", "Bpifrance",
             "Eurazeo", "Partech", "Khosla Ventures", "Insight Partners", "Balderton Capital", "Atomico",
             "Northzone", "Kima Ventures", "Elaia", "Idinvest", "Andreessen Horowitz", "Tiger Global",
             "SoftBank Vision Fund", "Coatue", "Thrive Capital", "Greylock", "Creandum", "Seedcamp"]
CUSTOMERS = ["SNCF", "Carrefour", "Orange", "Lufthansa", "the U.S. Navy", "Airbus", "BNP Paribas", "Renault",
             "Siemens", "Decathlon", "La Poste", "Allianz", "Michelin", "Safran", "Danone", "Engie",
             "Deutsche Bahn", "Unilever", "Vodafone", "AXA", "TotalEnergies", "Société Générale"]
FIRST_NAMES = ["Claire", "Thomas", "Sophie", "Julien", "Camille", "Nicolas", "Laura", "Antoine", "Emma", "Hugo",
               "Sarah", "David", "Alice", "Mark", "Priya", "James", "Elena", "Omar", "Lucie", "Pierre"]
LAST_NAMES = ["Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Laurent", "Garnier", "Chen", "Patel", "Smith",
              "Rossi", "Müller", "Nguyen", "Fournier", "Girard", "Roux", "Blanc", "Walker", "Kowalski", "Silva"]
CITIES = ["Paris", "Lyon", "Nantes", "Bordeaux", "Lille", "Toulouse", "Grenoble", "Berlin", "London", "Munich",
          "Amsterdam", "Madrid", "Montréal", "Boston", "Austin", "Singapore"]
PRODUCTS_EN = ["a document assistant", "a fraud detection engine", "a code review tool", "a forecasting platform",
               "a speech recognition API", "a predictive maintenance suite", "a medical imaging model"]
PRODUCTS_FR = ["un assistant documentaire", "un moteur de détection de fraude", "un outil de revue de code",
               "une plateforme de prévision", "une API de reconnaissance vocale", "une suite de maintenance "
               "prédictive", "un modèle d'imagerie médicale"]
MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
ROUNDS = ["Series A", "Series B", "Series C", "seed"]


def company_name(k: int) -> str:
    """The k-th company: distinct for every k below 57,600."""
    k, head = divmod(k, len(_HEADS))
    k, tail = divmod(k, len(_TAILS))
    k, suffix = divmod(k, len(_SUFFIXES))
    middle = k % len(_MIDDLES)
    return _HEADS[head] + _MIDDLES[middle] + _TAILS[tail] + _SUFFIXES[suffix]


class _Draw:
    """Random slot values for one article."""

    def __init__(self, rng: random.Random, french: bool):
        self.rng, self.french = rng, french

    def person(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def city(self) -> str:
        return self.rng.choice(CITIES)

    def number(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)

    def month(self) -> str:
        months = MONTHS_FR if self.french else MONTHS_EN
        return f"{self.rng.choice(months)} {self.rng.choice([2023, 2024, 2025])}"

    def product(self) -> str:
        return self.rng.choice(PRODUCTS_FR if self.french else PRODUCTS_EN)

    def rival(self, n_companies: int) -> str:
        return company_name(self.rng.randrange(n_companies))


def _deal_terms(k: int, n_companies: int) -> dict:
    """The terms of company k's deals: the same whoever reports them."""
    return {"company": company_name(k), "investor": INVESTORS[k % len(INVESTORS)],
            "co_investor": INVESTORS[(k * 7 + 3) % len(INVESTORS)], "customer": CUSTOMERS[k % len(CUSTOMERS)],
            "amount": 2 + (k * 37) % 898, "contract": 1 + (k * 13) % 90, "round": ROUNDS[k % len(ROUNDS)],
            "month_index": k % 12, "year": 2023 + k % 3, "lost_to": company_name((k + 1) % n_companies)}


# Each deal in a few phrasings per language, filled from `_deal_terms` (plus the month and, in French, the
# round's French name): funding, contract, customer loss.
DEAL_PHRASINGS = {
    "fr": (
        ["{company} lève {amount} millions d'euros auprès de {investor}.",
         "{company} a bouclé un tour de table de {amount} millions d'euros mené par {investor}, avec la "
         "participation de {co_investor}.",
         "La start-up {company} annonce une levée de fonds de {amount} M€ en {round_fr}, menée par {investor}."],
        ["{company} a signé un contrat avec {customer} en {month}.",
         "{company} a remporté un contrat de {contract} millions d'euros auprès de {customer}.",
         "{customer} a choisi {company} pour équiper ses équipes, selon un accord signé en {month}."],
        ["{customer} a mis fin à son contrat avec {lost_to}.",
         "{customer} a renoncé aux services de {lost_to} au profit d'un concurrent."],
    ),
    "en": (
        ["{company} raised ${amount} million in a {round} led by {investor}.",
         "{company} has closed a ${amount} million {round} round led by {investor}, with participation from "
         "{co_investor}.",
         "{investor} led a ${amount}M {round} round in {company}."],
        ["{company} signed a ${contract} million contract with {customer} in {month}.",
         "{customer} has selected {company} under a multi-year agreement signed in {month}.",
         "{company} won a ${contract} million deal from {customer}."],
        ["{customer} dropped {lost_to} as its analytics provider.",
         "{customer} ended its contract with {lost_to}."],
    ),
}
ROUNDS_FR = {"Series A": "série A", "Series B": "série B", "Series C": "série C", "seed": "amorçage"}


def _deals(terms: dict, rng: random.Random, french: bool) -> list[str]:
    """The funding round, the contract and the customer loss of one company, each in a drawn phrasing."""
    months = MONTHS_FR if french else MONTHS_EN
    values = {**terms, "month": f"{months[terms['month_index']]} {terms['year']}",
              "round_fr": ROUNDS_FR[terms["round"]]}
    return [rng.choice(phrasings).format(**values) for phrasings in DEAL_PHRASINGS["fr" if french else "en"]]


def _context_fr(d: _Draw, company: str, n_companies: int) -> str:
    """One sentence of ordinary news prose, often with a cue word that announces no deal."""
    rng = d.rng
    return rng.choice([
        f"La société emploie aujourd'hui {d.number(20, 900)} personnes à {d.city()} et à {d.city()}.",
        f"Son chiffre d'affaires a progressé de {d.number(5, 180)} % sur un an, selon {d.person()}, son "
        f"directeur financier.",
        f"{company} prévoit de recruter {d.number(10, 300)} ingénieurs d'ici {d.month()}.",
        f"« Nous voulons devenir le leader européen du secteur », explique {d.person()}, cofondateur de "
        f"{company}.",
        f"L'entreprise a lancé {d.product()} en {d.month()}, d'abord réservé à ses clients historiques.",
        f"Fondée en {d.number(2012, 2022)} à {d.city()}, {company} revendique {d.number(30, 4000)} clients.",
        f"Plusieurs concurrents, dont {d.rival(n_companies)}, visent les mêmes clients industriels.",
        f"Le marché de l'intelligence artificielle a progressé de {d.number(10, 60)} % en Europe en "
        f"{d.number(2022, 2025)}.",
        f"Les analystes de {d.city()} restent prudents sur la rentabilité du secteur à horizon "
        f"{d.number(2026, 2030)}.",
        f"{d.person()} rejoint {company} comme directrice des opérations après {d.number(3, 15)} ans chez "
        f"{d.rival(n_companies)}.",
        f"Un partenariat technologique avec {d.rival(n_companies)} doit être présenté lors du salon de "
        f"{d.city()} en {d.month()}.",
        f"Le titre de son principal concurrent coté a reculé de {d.number(1, 12)},{d.number(0, 9)} % à la "
        f"Bourse de Paris.",
        f"L'équipe de {d.number(8, 60)} chercheurs travaille sur des modèles plus sobres en énergie.",
    ])


def _context_en(d: _Draw, company: str, n_companies: int) -> str:
    rng = d.rng
    return rng.choice([
        f"The company now employs about {d.number(20, 900)} people across offices in {d.city()} and "
        f"{d.city()}.",
        f"Revenue grew {d.number(5, 180)}% year over year, according to chief financial officer {d.person()}.",
        f"{company} plans to hire {d.number(10, 300)} engineers by {d.month()}.",
        f"\"We want to be the default platform for regulated industries,\" said {d.person()}, co-founder of "
        f"{company}.",
        f"The firm launched {d.product()} in {d.month()}, first for existing customers.",
        f"Founded in {d.number(2012, 2022)} in {d.city()}, {company} says it serves {d.number(30, 4000)} "
        f"customers.",
        f"Several rivals, including {d.rival(n_companies)}, are chasing the same industrial customers.",
        f"The market for enterprise AI grew {d.number(10, 60)}% in {d.number(2022, 2025)}, analysts in "
        f"{d.city()} estimate.",
        f"Analysts remain cautious about margins in the sector until {d.number(2026, 2030)}.",
        f"{d.person()} joins {company} as chief operating officer after {d.number(3, 15)} years at "
        f"{d.rival(n_companies)}.",
        f"A technology partnership with {d.rival(n_companies)} will be shown at a trade fair in {d.city()} in "
        f"{d.month()}.",
        f"Shares of its largest listed rival fell {d.number(1, 12)}.{d.number(0, 9)}% in New York trading.",
        f"Its team of {d.number(8, 60)} researchers works on models that use less energy.",
    ])


def _furniture(rng: random.Random, french: bool, d: _Draw) -> tuple[list[str], list[str]]:
    """Page furniture before and after the article on about a third of the pages, as a copy of a web
    page brings it."""
    if rng.random() > 0.35:
        return [], []
    if french:
        head = ["Accueil | Tech | Start-up | Financement | Newsletter", "Accueil > Tech > Intelligence artificielle"]
        tail = [f"Lire aussi : {d.rival(2500)} ouvre un bureau à {d.city()}",
                "Partager : Facebook | X | LinkedIn | E-mail",
                "Laisser un commentaire",
                "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *",
                "Ce site utilise des cookies pour améliorer votre expérience. Accepter | Refuser"]
    else:
        head = ["Home | Tech | Startups | Funding | Newsletter", "Home > Tech > Artificial intelligence"]
        tail = [f"Read more: {d.rival(2500)} opens an office in {d.city()}",
                "Share: Facebook | X | LinkedIn | Email",
                "Leave a comment",
                "Your email address will not be published. Required fields are marked *",
                "This site uses cookies to improve your experience. Accept | Decline"]
    return rng.sample(head, 1), rng.sample(tail, rng.randint(2, len(tail)))


def _roundup(rng: random.Random, i: int, n_companies: int, french: bool) -> str:
    """A wire roundup: one line per deal, several companies."""
    lines = []
    for _ in range(rng.randint(5, 9)):
        terms = _deal_terms(rng.randrange(n_companies), n_companies)
        deals = _deals(terms, rng, french)
        lines.append(deals[0] if rng.random() < 0.6 else rng.choice(deals[1:]))
    title = f"En bref : les levées de fonds de la semaine ({i})" if french else f"Funding roundup, week {i}"
    paragraphs = ["\n".join(f"- {line}" for line in lines)]
    d = _Draw(rng, french)
    context = _context_fr if french else _context_en
    while sum(len(p) for p in paragraphs) < 3500:
        paragraphs.append(" ".join(context(d, company_name(rng.randrange(n_companies)), n_companies)
                                   for _ in range(rng.randint(3, 5))))
    return f"{title}\n\n" + "\n\n".join(paragraphs) + "\n"


def article(rng: random.Random, i: int, n_companies: int = 2500) -> str:
    """About 4 KB of news prose in French or English: one company's deals among ordinary sentences, or a
    roundup of several deals (one article in ten)."""
    french = i % 2 == 1
    if rng.random() < 0.1:
        return _roundup(rng, i, n_companies, french)
    k = rng.randrange(n_companies)
    terms = _deal_terms(k, n_companies)
    d = _Draw(rng, french)
    deals = _deals(terms, rng, french)
    told = [deals[0], rng.choice(deals[1:])] if rng.random() < 0.7 else [rng.choice(deals)]
    context = _context_fr if french else _context_en
    company = terms["company"]
    paragraphs: list[str] = []
    while sum(len(p) for p in paragraphs) < 3750:
        paragraphs.append(" ".join(context(d, company, n_companies) for _ in range(rng.randint(2, 5))))
    for offset, deal in enumerate(told):
        paragraphs.insert(1 + 2 * offset, deal)
    if french:
        title = f"{company} : {rng.choice(['nouvelle étape', 'accélère', 'change de dimension', 'se renforce'])}"
        byline = f"Par {d.person()}, à {d.city()}"
    else:
        title = f"{company} {rng.choice(['steps up', 'expands', 'doubles down', 'moves ahead'])}"
        byline = f"By {d.person()} in {d.city()}"
    head, tail = _furniture(rng, french, d)
    return "\n\n".join([*head, title, byline, *paragraphs, *tail]) + "\n"
