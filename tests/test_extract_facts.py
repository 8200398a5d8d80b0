"""The extractor on single statements: who is the company, the investor, the supplier, the customer."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from pipelines.extract.facts import publisher_of
from pipelines.extract.organizations import find_spans
from pipelines.extract.pipeline import extract_all


def facts_of(text: str, published_at: dt.date | None = None, title: str | None = None) -> list[dict]:
    docs = pl.DataFrame({"document_id": ["d"], "text": [text], "published_at": [published_at], "title": [title]},
                        schema={"document_id": pl.Utf8, "text": pl.Utf8, "published_at": pl.Date, "title": pl.Utf8})
    _, _, facts, investors = extract_all(docs)
    inv = investors.sort("investor_name").group_by("candidate_id").agg(pl.col("investor_name"), pl.col("is_lead"))
    rows = facts.join(inv, on="candidate_id", how="left").sort("candidate_id").to_dicts()
    return rows


def parties_of(text: str, published_at: dt.date = dt.date(2026, 3, 4)) -> list[tuple]:
    """(kind, subject, counterparty, sorted investors or None) of each fact of `text`."""
    return [(f["fact_kind"], f["subject_name"], f["counterparty_name"], sorted(f["investor_name"] or []) or None)
            for f in facts_of(text, published_at)]


@pytest.mark.parametrize("text, company, investors, amount, currency", [
    ("Mistral AI lève 600 millions d'euros auprès de General Catalyst.", "Mistral AI", ["General Catalyst"], 600e6, "EUR"),
    ("Acme Robotics raised $12M in a Series A led by Sequoia Capital.", "Acme Robotics", ["Sequoia Capital"], 12e6, "USD"),
    ("Nvidia invests $500 million in Wayve.", "Wayve", ["Nvidia"], 500e6, "USD"),
    ("Bpifrance a investi 4,5 M€ dans la start-up lyonnaise Quantiq.", "Quantiq", ["Bpifrance"], 4.5e6, "EUR"),
    ("Zeta Labs closes a $30M funding round from Index Ventures and Accel.", "Zeta Labs", ["Accel", "Index Ventures"], 30e6, "USD"),
    # two funds joined by "and" are two investors; a number word inside a fund's name stays in it
    ("Corvane secured $32 million in Series B funding led by Nine Rivers Ventures, with participation from "
     "Lumen Ventures and Halyard Capital.", "Corvane", ["Halyard Capital", "Lumen Ventures", "Nine Rivers Ventures"],
     32e6, "USD"),
])
def test_funding_round_roles(text, company, investors, amount, currency):
    facts = [f for f in facts_of(text) if f["fact_kind"] == "funding_round"]
    assert len(facts) == 1
    fact = facts[0]
    assert fact["subject_name"] == company
    assert sorted(fact["investor_name"] or []) == sorted(investors)
    assert fact["amount"] == pytest.approx(amount)
    assert fact["currency"] == currency


def test_an_investor_that_led_a_round_in_a_company_is_its_lead_not_a_second_round():
    text = "Dornador expands\n\nNorthzone led a $336M Series A round in Dornador.\n"
    facts = [f for f in facts_of(text) if f["fact_kind"] == "funding_round"]
    assert [(f["subject_name"], f["investor_name"], f["is_lead"]) for f in facts] == \
        [("Dornador", ["Northzone"], [True])]


def test_lead_investor_is_marked():
    fact = facts_of("Orbital AI raised $40 million in a Series B led by Lightspeed, with participation from Khosla Ventures.")[0]
    leads = dict(zip(fact["investor_name"], fact["is_lead"]))
    assert leads == {"Khosla Ventures": False, "Lightspeed": True}
    assert fact["round_type"] == "Series B"


@pytest.mark.parametrize("followed_by", [
    "Bpifrance and Kima Ventures also took part.",
    "Bpifrance et Kima Ventures ont également participé au tour de table.",
    "Existing investors Bpifrance and Kima Ventures also participated in the round.",
])
def test_investors_named_after_the_round_join_it(followed_by):
    text = f"Quorvel raised $20 million in a Series A led by Index Ventures. {followed_by}"
    facts = [f for f in facts_of(text) if f["fact_kind"] == "funding_round"]
    assert [(f["subject_name"], dict(zip(f["investor_name"], f["is_lead"]))) for f in facts] == \
        [("Quorvel", {"Bpifrance": False, "Index Ventures": True, "Kima Ventures": False})]


def test_a_company_that_took_part_in_something_else_is_no_investor():
    text = ("Quorvel raised $20 million in a Series A led by Index Ventures. "
            "Rivals Thales and Safran also took part in the tender.")
    facts = [f for f in facts_of(text) if f["fact_kind"] == "funding_round"]
    assert [f["investor_name"] for f in facts] == [["Index Ventures"]]


def test_the_company_after_its_investors_joined_is_the_rounds_own():
    # once they joined the round, its investors are not "the company" of the next sentence
    text = ("Kalvena said on Tuesday it had raised €48 million in a Series B round led by Index Ventures. "
            "Bpifrance and Kima Ventures also took part. The company raised an €8 million seed round in 2024.")
    facts = [f for f in facts_of(text) if f["fact_kind"] == "funding_round"]
    assert [(f["subject_name"], f["amount"]) for f in facts] == [("Kalvena", 48e6), ("Kalvena", 8e6)]


@pytest.mark.parametrize("text, supplier, customer", [
    ("Le ministère des Armées a attribué un contrat de 25 M€ à Arkeon.", "Arkeon", "ministère des Armées"),
    ("Datacrue a signé un contrat avec la SNCF pour la maintenance prédictive.", "Datacrue", "SNCF"),
    ("The Department of Defense awarded a $100M contract to Vantor.", "Vantor", "Department of Defense"),
    ("Helix Data won a contract from the U.S. Navy.", "Helix Data", "U.S. Navy"),
    ("Carrefour a retenu Lumio pour déployer ses caméras dans 120 hypermarchés.", "Lumio", "Carrefour"),
    ("In July, Bell Canada chose Cohere as its preferred AI provider.", "Cohere", "Bell Canada"),
    ("Databricks said on Wednesday it had agreed to pay Anthropic $100 million over five years.", "Anthropic", "Databricks"),
    ("Kitehawk Labs Inc., Huntsville, Alabama, was awarded a $12,450,000 cost-plus-fixed-fee contract for "
     "autonomy software. Army Contracting Command, Redstone Arsenal, Alabama, is the contracting activity.",
     "Kitehawk Labs", "Army Contracting Command"),
    # the participle names no signer: the article's own company is not made the supplier of anyone
    ("Wylex steps up\n\nUnilever has selected Arkanis Labs under a multi-year agreement signed in June 2025.",
     "Arkanis Labs", "Unilever"),
    ("Wylex accélère\n\nSNCF a choisi Arkanis Labs pour équiper ses équipes, selon un accord signé en juin 2024.",
     "Arkanis Labs", "SNCF"),
    # "won a deal" (no "contract" word), and a state agency named after its state
    ("In May, Pellucid won a $3.1 million deal from the Texas Department of Transportation.",
     "Pellucid", "Texas Department of Transportation"),
    # the passive names the chooser right after "by"; a later "of its North American plants" is no customer
    ("Vireo Systems has been picked by Stellantis to check welds at three of its North American assembly plants.",
     "Vireo Systems", "Stellantis"),
    ("Vireo Systems has also been chosen by Valeo to inspect brake parts.", "Vireo Systems", "Valeo"),
    # institutions whose names run on in lowercase words or through "d'"
    ("Canopea décroche un contrat de 2 M€ auprès de l'Office national des forêts (ONF).",
     "Canopea", "Office national des forêts"),
    ("Tessiane a signé un contrat de trois ans avec la Caisse d'Épargne Normandie.", "Tessiane", "Caisse d'Épargne Normandie"),
    ("L'Agence nationale de la recherche a retenu Quantiq pour son projet.", "Quantiq", "Agence nationale de la recherche"),
])
def test_contract_roles(text, supplier, customer):
    facts = [f for f in facts_of(text) if f["fact_kind"] == "contract"]
    assert [(f["subject_name"], f["counterparty_name"]) for f in facts] == [(supplier, customer)]


@pytest.mark.parametrize("text, supplier, customer", [
    ("Carrefour a mis fin à son contrat avec Shelfwise.", "Shelfwise", "Carrefour"),
    ("Lufthansa dropped Cloudnova as its analytics provider.", "Cloudnova", "Lufthansa"),
    ("Orange a décidé de couper les ponts avec Datawise, son fournisseur historique.", "Datawise", "Orange"),
    ("Routewise also lost Keller Freight earlier this year.", "Routewise", "Keller Freight"),
    ("Monzo had scaled back its use of Halden's models last month.", "Halden", "Monzo"),
    ("Samsung SDS stopped using Labelforge for its Korean-language projects.", "Labelforge", "Samsung SDS"),
    ("Le Crédit Mutuel Arkéa a mis fin à son contrat avec Parlance au premier trimestre 2025.", "Parlance", "Crédit Mutuel Arkéa"),
    ("Cet hiver, la Matmut a renoncé aux services de Lexiane au profit d'un concurrent.", "Lexiane", "Matmut"),
    ("Summit Ridge Health, an Oregon system, is moving off Scribely's platform.", "Scribely", "Summit Ridge Health"),
    ("And Summit Ridge Health, an Oregon system, is moving off Scribely's platform.", "Scribely", "Summit Ridge Health"),
    ("Maersk has brought its route planning in-house, ending its contract with Harbordyne.", "Harbordyne", "Maersk"),
    ("Maersk has pulled the plug on its Harbordyne deployment.", "Harbordyne", "Maersk"),
    ("La SNCF a décidé de se passer des services de Harbordyne.", "Harbordyne", "SNCF"),
    ("La SNCF a internalisé sa maintenance, mettant fin au contrat de Harbordyne.", "Harbordyne", "SNCF"),
    ("C'est la banque Crédit Vernois qui a quitté Harbordyne au profit d'un concurrent.", "Harbordyne",
     "Crédit Vernois"),
    # a cut-back in French: what is cut is the business with the supplier
    ("La Macif a réduit de moitié le nombre de licences confiées à Parlance.", "Parlance", "Macif"),
    ("Veolia a réduit cette année le périmètre du contrat qui la lie à Hydrolia.", "Hydrolia", "Veolia"),
])
def test_customer_loss_roles(text, supplier, customer):
    facts = [f for f in facts_of(text) if f["fact_kind"] == "customer_loss"]
    assert [(f["subject_name"], f["counterparty_name"]) for f in facts] == [(supplier, customer)]


@pytest.mark.parametrize("text", [
    "Certains clients de Shelfwise pourraient se détourner de ses services.",
    "Acme is in talks to raise $50 million from Sequoia.",
    "Quantiq envisage de lever 20 millions d'euros l'an prochain.",
    "Orbital AI did not raise money from Lightspeed.",
    "La start-up décroche des contrats militaires.",
    "Mistral AI pourrait-il lever 1 milliard d'euros ?",
    # told as reported by others, or denied
    "Selon la presse, Lumexa aurait levé 50 millions d'euros auprès de Sequoia Capital.",
    "Orbeline a démenti les informations selon lesquelles elle préparerait un tour de 2 milliards d'euros.",
    "Brightloom reportedly raised $50 million from Sequoia Capital.",
    "Le tour de table de 80 M€ que Vestalis aurait bouclé, selon plusieurs médias, a été démenti par la société.",
    "The $40 million round that Brightloom was said to have closed, which the company denied, never happened.",
    # many deals at once: a statistic, a generic subject, a quantifier
    "Selon le baromètre de France Digitale, les fintechs françaises ont levé 900 millions d'euros cette année.",
    "Les start-up françaises de l'IA ont levé 1,1 milliard d'euros au troisième trimestre.",
    "Bavaria's robotics sector attracted €210m of investment last year, according to Invest in Bavaria.",
    "The share of US seed rounds above $4 million rose to 38% this year.",
    "Why does every seed round now seem to be $5 million?",
    "A reader asks why every seed round suddenly seems to be $5 million.",
    "We are thinking about a Series B next year, maybe around thirty million dollars.",
    # what a company raised over its life is none of its rounds
    "Harbordyne has raised $60 million to date from investors including Accel.",
    "Harbordyne, which has raised $60 million since 2019, employs 80 people.",
    "Harbordyne a levé au total 60 millions d'euros depuis sa création.",
    "Harbordyne has raised a total of $60 million since 2019.",
    # what the company does is no fact: the speaker's present tense, a fuel bill
    "Selon l'entreprise, les premiers navires équipés ont réduit leur consommation de carburant de 12 %.",
])
def test_hypothetical_negated_and_generic_statements_are_not_facts(text):
    assert facts_of(text) == []


@pytest.mark.parametrize("text, company, investors", [
    # a verb that says little ("obtient", "bagged") is a round when investors give the money
    ("Harbordyne obtient 12 millions d'euros auprès d'Eurazeo.", "Harbordyne", ["Eurazeo"]),
    ("Harbordyne bagged $12 million from Accel.", "Harbordyne", ["Accel"]),
    ("Eurazeo et Bpifrance injectent 12 millions d'euros dans Harbordyne.", "Harbordyne", ["Bpifrance", "Eurazeo"]),
    # a total with its investors is one round; a round that brings the total up is the round
    ("Harbordyne raised a total of $20 million from Accel and Index Ventures.", "Harbordyne",
     ["Accel", "Index Ventures"]),
    ("Harbordyne a levé 20 millions d'euros auprès d'Eurazeo, portant le total levé à 60 millions.", "Harbordyne",
     ["Eurazeo"]),
    # a relative clause that says "would", "aurait" or "denied" of something else does not undo the deal
    ("Acme a levé 5 millions d'euros auprès de Kima Ventures, qui aurait aussi investi dans Bolt.", "Acme",
     ["Kima Ventures"]),
    ("Kestrel, a startup whose software tells radiologists which scans they should read first, has raised "
     "$9 million from Index Ventures.", "Kestrel", ["Index Ventures"]),
    ("Pellucid, one of the fastest-growing fintechs, raised $5 million from Accel.", "Pellucid", ["Accel"]),
    # "la société de capital-risque X" introduces X, who is listed with the first investor
    ("Hublot Marine a bouclé un tour de 2 millions d'euros auprès du fonds régional Breizh Up et de la société "
     "de capital-risque Ouest Croissance.", "Hublot Marine", ["Breizh Up", "Ouest Croissance"]),
])
def test_rounds_told_beside_asides(text, company, investors):
    rounds = [f for f in facts_of(text) if f["fact_kind"] == "funding_round"]
    assert [(f["subject_name"], sorted(f["investor_name"] or [])) for f in rounds] == [(company, investors)]


def test_a_speaker_label_is_a_person_and_on_is_the_company_that_speaks():
    text = ("JOURNALISTE : Vous dirigez Vignalys, qui surveille les vignes.\n\n"
            "MARIE LEBRUN : Oui, on a bouclé en octobre une série A de douze millions d'euros auprès de Demeter.")
    rounds = [f for f in facts_of(text) if f["fact_kind"] == "funding_round"]
    assert [(f["subject_name"], f["investor_name"], f["amount"]) for f in rounds] == [("Vignalys", ["Demeter"], 12e6)]


def test_a_participle_that_opens_a_sentence_is_no_company():
    spans = find_spans("Installée depuis 2022 à Brest, la jeune entreprise a levé 3 millions d'euros.",
                       opener_is_subject=True)
    assert "Installée" not in [span.text for span in spans]


def test_a_sea_or_a_country_is_no_organisation():
    for sentence in ("Une carte de l'Atlantique nord occupe tout un mur.", "Scotland's AI sector grew fast."):
        assert [span.text for span in find_spans(sentence) if span.kind == "organization"] == []


def test_date_of_the_deal_comes_from_the_neighbouring_sentence():
    text = ("Nvidia a accepté de payer 2 milliards de dollars pour une participation de 10 % dans Wayve. "
            "Dans le cadre de l'accord annoncé en mars 2025, Wayve ouvrira un bureau à Paris.")
    fact = facts_of(text)[0]
    assert fact["event_date"] == dt.date(2025, 3, 1)
    assert fact["stake_pct"] == 10


def test_relative_year_follows_the_explicit_year_before_it():
    text = ("En 2023, OpenAI fit de Kaltura son partenaire préféré pour l'annotation. "
            "L'année suivante, AWS avait fait de même.")
    facts = facts_of(text)
    assert [(f["counterparty_name"], f["event_date"]) for f in facts] == [
        ("OpenAI", dt.date(2023, 1, 1)), ("AWS", dt.date(2024, 1, 1))]


@pytest.mark.parametrize("text, year", [
    # a founding date is the company's, not the round's
    ("Fondée en 2019, la start-up Brevia avait levé 5 millions d'euros en 2021 auprès de Kima Ventures.", 2021),
    ("Founded in 2018, Loomary raised $8M in 2022 from Accel.", 2022),
    # a date that closes an aside just before the verb describes the company, when the round has its own
    ("Verdane, qui a réalisé 20 millions d'euros de chiffre d'affaires en 2023, a levé 15 millions d'euros "
     "en 2024 auprès d'Eurazeo.", 2024),
    # a date that opens the sentence dates the round, whatever comes after
    ("En juin 2024, Quantiq a levé 3 millions d'euros auprès d'Elaia, deux ans après sa création en 2022.", 2024),
])
def test_the_date_of_a_round_is_not_the_companys_own(text, year):
    [fact] = facts_of(text)
    assert fact["event_date"].year == year


def test_an_investment_bank_is_not_an_investment():
    text = ("Cordelia Health, the ambient AI scribe that raised a $60 million Series B led by Bessemer Venture "
            "Partners three weeks ago, is losing customers. Analysts at one investment bank put spending on ambient "
            "scribes at $600 million this year, rising to $2.8 billion by 2029.")
    assert [f["amount"] for f in facts_of(text)] == [60e6]


@pytest.mark.parametrize("text, company, amount", [
    ("Le fonds d'investissement Eurazeo a investi 10 millions d'euros dans Quantiq.", "Quantiq", 10e6),
    ("Quantiq annonce un investissement de 10 millions d'euros de la part d'Eurazeo.", "Quantiq", 10e6),
    ("Acme received a $5M investment from Sequoia Capital.", "Acme", 5e6),
])
def test_an_investment_is_still_a_round_beside_a_fund(text, company, amount):
    assert [(f["subject_name"], f["amount"]) for f in facts_of(text)] == [(company, amount)]


def test_relative_date_without_publication_date_stays_null():
    fact = facts_of("L'an dernier, Quantiq a levé 3 millions d'euros auprès de Elaia.")[0]
    assert fact["event_date"] is None


def test_relative_date_with_publication_date_is_resolved():
    fact = facts_of("L'an dernier, Quantiq a levé 3 millions d'euros auprès de Elaia.", dt.date(2025, 6, 10))[0]
    assert fact["event_date"] == dt.date(2024, 1, 1)


def test_evidence_is_the_sentence_at_its_offsets():
    text = "Titre\n\nIntro sans fait. Mistral AI lève 600 millions d'euros auprès de General Catalyst."
    docs = pl.DataFrame({"document_id": ["d"], "text": [text], "published_at": [None]},
                        schema={"document_id": pl.Utf8, "text": pl.Utf8, "published_at": pl.Date})
    _, _, facts, _ = extract_all(docs)
    row = facts.row(0, named=True)
    assert text[row["char_start"]:row["char_end"]] == row["quote"]
    assert row["quote"].startswith("Mistral AI lève")


@pytest.mark.parametrize("text, expected", [
    ("Brightpath Insurance switched from OpenAI to Anthropic in early 2025.",
     {("customer_loss", "OpenAI", "Brightpath Insurance"), ("contract", "Anthropic", "Brightpath Insurance")}),
    ("Quant à la Macif, elle a basculé d'Infralis vers OVHcloud en août.",
     {("customer_loss", "Infralis", "Macif"), ("contract", "OVHcloud", "Macif")}),
    ("Meridian Health dropped Cohere in favour of Mistral AI's models last quarter.",
     {("customer_loss", "Cohere", "Meridian Health"), ("contract", "Mistral AI", "Meridian Health")}),
    ("In April, Faurecia replaced Weldscan with Optiweld.",
     {("customer_loss", "Weldscan", "Faurecia"), ("contract", "Optiweld", "Faurecia")}),
    ("Hermès a remplacé l'outil de la start-up parisienne Traduxa par celui de DeepL depuis mars.",
     {("customer_loss", "Traduxa", "Hermès"), ("contract", "DeepL", "Hermès")}),
    ("SFR avait déjà renoncé aux services de Vocalia au profit d'un concurrent, la start-up lyonnaise Parlora.",
     {("customer_loss", "Vocalia", "SFR"), ("contract", "Parlora", "SFR")}),
])
def test_switching_supplier_is_a_loss_and_a_contract(text, expected):
    assert {(f["fact_kind"], f["subject_name"], f["counterparty_name"]) for f in facts_of(text)} == expected


@pytest.mark.parametrize("text, company", [
    # a dateline is no subject
    ("NANTES, 3 juin (Ouest Tech) - La start-up nantaise Quantiq, qui conçoit des capteurs, a annoncé mardi avoir "
     "bouclé un tour de table de 8 millions d'euros.", "Quantiq"),
    # a place in parentheses after the name is not the company
    ("- **Brumea** (Rennes), qui prévoit les crues, lève **3 M€** auprès de Kima Ventures.", "Brumea"),
])
def test_the_company_is_not_a_place_next_to_it(text, company):
    facts = [f for f in facts_of(text) if f["fact_kind"] == "funding_round"]
    assert [f["subject_name"] for f in facts] == [company]


@pytest.mark.parametrize("text, company", [
    # a press release's legal form after a comma is no company of its own
    ("BOSTON, April 15, 2025 -- Medisynth, Inc., a company that generates synthetic patient data, today announced "
     "it has raised $25 million in Series A funding led by Khosla Ventures.", "Medisynth"),
    ("Quorvel, Ltd. said on Monday it had raised £9 million in a seed round led by LocalGlobe.", "Quorvel"),
    ("Brindle Labs, LLC, which builds agents for accountants, has raised $6 million led by Accel.", "Brindle Labs"),
])
def test_a_legal_form_alone_is_not_the_company(text, company):
    facts = [f for f in facts_of(text) if f["fact_kind"] == "funding_round"]
    assert [f["subject_name"] for f in facts] == [company]
    assert not {"Inc", "Ltd", "LLC"} & {s.name for s in find_spans(text)}


def test_a_headline_opening_with_a_number_word_names_no_company():
    text = "Ten AI deals this week: Pellucid's $410M chip round leads a busy week\n\nPellucid raised $410 million.\n"
    assert {f["subject_name"] for f in facts_of(text)} == {"Pellucid"}


def test_an_anaphor_in_a_later_sentence_is_the_supplier_not_the_customer_just_named():
    text = ("En mai, Lexiane a décroché un contrat auprès de Matmut, qui lui confie ses sinistres. "
            "Et en juin, l'éditeur a remporté l'appel d'offres de l'Agence nationale de la recherche.")
    facts = [f for f in facts_of(text) if f["fact_kind"] == "contract"]
    assert [(f["subject_name"], f["counterparty_name"]) for f in facts] == [
        ("Lexiane", "Matmut"), ("Lexiane", "Agence nationale de la recherche")]


@pytest.mark.parametrize("sentence, name, org_type", [
    ("Tessiane a signé avec la Caisse d'Épargne Normandie.", "Caisse d'Épargne Normandie", ""),
    ("Tessiane a signé avec la Caisse nationale d'assurance maladie.", "Caisse nationale d'assurance maladie", "public_body"),
    ("Tessiane a signé avec l'Office national des forêts.", "Office national des forêts", "public_body"),
])
def test_an_institution_is_a_public_body_only_with_a_public_adjective(sentence, name, org_type):
    assert [(s.name, s.org_type) for s in find_spans(sentence) if s.name == name] == [(name, org_type)]


@pytest.mark.parametrize("sentence, names", [
    # a public body's head in lowercase is a common noun unless the words after it name the body
    ("The startup opened an office in Lyon.", []),
    ("Ferrovia a choisi d'internaliser ces outils au sein de sa direction des données.", []),
    ("Le ministère des Armées a attribué un contrat à Arkeon.", ["ministère des Armées", "Arkeon"]),
    ("La direction générale de l'armement a notifié le marché.", ["direction générale de l'armement"]),
])
def test_a_lowercase_head_alone_names_no_public_body(sentence, names):
    assert [s.name for s in find_spans(sentence) if s.kind == "organization"] == names


def test_an_internal_department_is_not_a_customer():
    text = "Ferrovia a choisi d'internaliser ces outils au sein de sa direction des données, après trois ans avec Datacrue."
    assert not [f for f in facts_of(text) if f["counterparty_name"] == "direction" or f["subject_name"] == "direction"]


@pytest.mark.parametrize("text, company, investors", [
    # "the company" is not one of the investors its own clause names, even named just before
    ("Orbelle Compute rents GPUs to AI labs in New Jersey. Today it runs 45,000 Nvidia GPUs. Last week the company raised "
     "$2 billion in a round co-led by Nvidia and Fidelity.", "Orbelle Compute", ["Fidelity", "Nvidia"]),
    ("Orbelle Compute loue des serveurs aux laboratoires d'IA. Elle exploite des puces Nvidia. La société a levé 50 "
     "millions d'euros lors d'un tour mené par Nvidia.", "Orbelle Compute", ["Nvidia"]),
    # a company named as such stays the company
    ("Orbelle raised $2 billion in a round led by Fidelity.", "Orbelle", ["Fidelity"]),
])
def test_the_company_of_a_round_is_not_its_investor(text, company, investors):
    facts = [f for f in facts_of(text) if f["fact_kind"] == "funding_round"]
    assert [(f["subject_name"], sorted(f["investor_name"] or [])) for f in facts] == [(company, investors)]


def test_a_place_is_no_organisation():
    sentence = "Orbelle Compute opened a data hall in New Jersey, then offices in Toronto and Munich."
    assert [s.name for s in find_spans(sentence) if s.kind == "organization"] == ["Orbelle Compute"]


@pytest.mark.parametrize("sentence, person", [
    ("By Priya Raman", "Priya Raman"),
    ("« Nous doublons nos effectifs », explique Youssef Benali, cofondateur de Quorvel.", "Youssef Benali"),
    ("\"We hire in Lisbon,\" said Kenji Watanabe, Quorvel's chief executive.", "Kenji Watanabe"),
])
def test_a_byline_or_a_quoted_founder_is_a_person(sentence, person):
    spans = find_spans(sentence)
    assert [s.kind for s in spans if s.text == person] == ["person"]
    assert person not in {s.name for s in spans if s.kind == "organization"}


@pytest.mark.parametrize("text", [
    # a plural is many companies, not "the start-up" of the article: "Les" is not "Le" + "s ..."
    "Quorvel Health vend ses logiciels aux hôpitaux. Les start-up françaises de l'IA ont levé 2,3 milliards d'euros en 2024.",
    "Quorvel Health vend ses logiciels aux hôpitaux. Les grands éditeurs américains signent des contrats avec de nombreux "
    "clients du CAC 40.",
])
def test_a_plural_is_no_anaphor_of_one_company(text):
    assert facts_of(text) == []


def test_a_singular_anaphor_still_stands_for_the_company():
    text = "Quorvel Health vend ses logiciels aux hôpitaux. La start-up a levé 3 millions d'euros auprès de Kima Ventures."
    assert [(f["subject_name"], f["amount"]) for f in facts_of(text)] == [("Quorvel Health", 3e6)]


def test_investors_alongside_others_are_no_company():
    # "de" ends "alongside": the backers named after it are not the company the investors "invested in"
    text = ("Kontrel AI has raised €300 million in a Series B round led by General Catalyst. "
            "SAP also invested, alongside existing backers Lakestar and Earlybird.")
    facts = [f for f in facts_of(text) if f["fact_kind"] == "funding_round"]
    assert [f["subject_name"] for f in facts] == ["Kontrel AI"]
    assert "SAP" in facts[0]["investor_name"]


def test_a_word_that_begins_like_an_introducer_introduces_nobody():
    # "comme" opens "commerce": Kestrel Retail is not an investor of the round
    text = "Quorvel Labs a levé 5 millions d'euros pour conquérir le commerce en ligne de Kestrel Retail."
    facts = [f for f in facts_of(text) if f["fact_kind"] == "funding_round"]
    assert [(f["subject_name"], f["investor_name"]) for f in facts] == [("Quorvel Labs", None)]


@pytest.mark.parametrize("text, supplier, customer", [
    # a direct object described by an acronym and an adjective is the supplier
    ("La Marine nationale a choisi la PME brestoise Quorvel Systems.", "Quorvel Systems", "Marine nationale"),
    ("Le ministère des Armées a retenu l'ETI lyonnaise Kestrel Robotics.", "Kestrel Robotics", "ministère des Armées"),
])
def test_the_chosen_supplier_may_be_described_by_an_acronym(text, supplier, customer):
    facts = [f for f in facts_of(text) if f["fact_kind"] == "contract"]
    assert [(f["subject_name"], f["counterparty_name"]) for f in facts] == [(supplier, customer)]


def test_a_reference_name_keeps_a_longer_tail():
    # "NHS" is a reference name; the body's full name runs on for three more words
    sentence = "Parsel AI has signed a three-year contract with the NHS Business Services Authority."
    assert "NHS Business Services Authority" in [s.name for s in find_spans(sentence)]


def test_a_customer_that_entrusted_it_to_the_company_told_of():
    # "lui a confié": the supplier is the company the passage is about
    text = ("Nuvolia Cloud héberge les données de santé de plusieurs hôpitaux. En avril, la Région "
            "Auvergne-Rhône-Alpes lui a confié l'hébergement de sa plateforme de données, un marché de 2,4 millions "
            "d'euros.")
    facts = [f for f in facts_of(text) if f["fact_kind"] == "contract"]
    assert [(f["subject_name"], f["counterparty_name"]) for f in facts] == [
        ("Nuvolia Cloud", "Région Auvergne-Rhône-Alpes")]


@pytest.mark.parametrize("text, expected", [
    # people who talk to others are no talks about a deal
    ("Cordelia Health, whose scribe drafts notes while doctors talk to patients, raised $60M in a Series B led by "
     "Bessemer Venture Partners.", [("Cordelia Health", 60e6)]),
    ("Quorvel Labs is in talks to raise $20M from Accel.", []),
    ("Quorvel Labs talks to investors about a $20M round.", []),
])
def test_talks_about_a_deal_are_no_deal_but_talking_is_no_talks(text, expected):
    assert [(f["subject_name"], f["amount"]) for f in facts_of(text) if f["fact_kind"] == "funding_round"] == expected


@pytest.mark.parametrize("closing, day", [
    ("Annonce mercredi.", dt.date(2025, 11, 12)),
    ("Opération annoncée mardi.", dt.date(2025, 11, 11)),
    ("Announced on Monday.", dt.date(2025, 11, 10)),
])
def test_a_newsletter_items_closing_line_dates_its_deal(closing, day):
    text = (f"- **Quorvel Labs** lève **4,5 M€** en amorçage auprès de Kima Ventures. La jeune pousse vise l'Europe. "
            f"{closing}\n")
    facts = facts_of(text, published_at=dt.date(2025, 11, 14))
    assert [(f["subject_name"], f["event_date"]) for f in facts] == [("Quorvel Labs", day)]


@pytest.mark.parametrize("sentence, names", [
    # a headline's verb and noun do not join the name; regions, laws and generic acronyms are no organisations
    ("Kestrel Robotics Awarded $12.5 Million U.S. Air Force Contract", ["Kestrel Robotics", "U.S. Air Force"]),
    ("Alongside the round, Orbelle Compute signed with Decathlon.", ["Orbelle Compute", "Decathlon"]),
    ("Orbelle Compute sells across North America, Latin America and the Middle East.", ["Orbelle Compute"]),
    ("The EU AI Act applies to Orbelle Compute from August.", ["Orbelle Compute"]),
    ("Its CRM agents run for Decathlon.", ["Decathlon"]),
    # a fund's name, then another name of two words: two investors; "Marks and Spencer" stays one
    ("The round was led by Lux Capital and Playground Global.", ["Lux Capital", "Playground Global"]),
    ("Orbelle Compute signed with Marks and Spencer.", ["Orbelle Compute", "Marks and Spencer"]),
    # two names of two words each are two names; a round's letter opens no name
    ("Thessaly Compute and Schneider Electric partner on inference pods.", ["Thessaly Compute", "Schneider Electric"]),
    ("À la une ce matin, la série B de Tessalune.", ["Tessalune"]),
    # a place opening a firm's name of three words stays; a finance acronym or "S'agissant" names nobody
    ("Zurich Insurance Group has selected Halcyra.", ["Zurich Insurance Group", "Halcyra"]),
    ("S'agissant de France Travail, le marché de Wendeline est arrivé à son terme.", ["France Travail", "Wendeline"]),
    ("It took roughly $600,000 out of ARR at Quillmark.", ["Quillmark"]),
    ("The round drew Seedcamp and Frontline Ventures.", ["Seedcamp", "Frontline Ventures"]),
    ("The bridge was led by Notion Capital and Seedcamp.", ["Notion Capital", "Seedcamp"]),
    # a reference name inside a longer one; a common noun after an elision describes the name after it
    ("The contract went to Northumbria Healthcare NHS Foundation Trust.", ["Northumbria Healthcare NHS Foundation Trust"]),
    ("Depuis, l'équipementier Valeo a quitté Vermandis.", ["Valeo", "Vermandis"]),
    # a numbered acronym is a standard; a report's bullet opens with a noun; an institution's branch ends its name
    ("Point Nine backed Kestrune, a start-up automating SOC 2 and ISO 27001 audits.", ["Point Nine", "Kestrune"]),
    ("En mars, Kestrel a été retenue par la Caisse nationale de l'assurance maladie (Cnam) pour trois ans.",
     ["Kestrel", "Caisse nationale de l'assurance maladie", "Cnam"]),
    ("L'Agence nationale de la recherche vient de signer avec Kestrel.", ["Agence nationale de la recherche", "Kestrel"]),
])
def test_names_leave_out_headline_words_regions_and_acronyms(sentence, names):
    assert [s.name for s in find_spans(sentence) if s.kind == "organization"] == names


@pytest.mark.parametrize("title, publisher", [
    ("What losing our biggest customer taught us | Fernhollow Blog", "fernhollow blog"),
    ("Fernhollow Newsroom - Fernhollow selected by the Port of Rotterdam", "fernhollow newsroom"),
    ("Ardelune on LinkedIn: We raised our seed round", "ardelune on linkedin"),
    # a news site's name, or a headline, names no publisher that speaks
    ("Tessalune lève 38 M€ | Les Échos", None),
    ("Tessalune lève 38 M€", None),
    (None, None),
])
def test_the_publisher_a_title_names(title, publisher):
    assert publisher_of(title) == publisher


def test_we_on_a_company_blog_is_the_company_that_publishes_it():
    text = ("In January, Brightwell Insurance told us they would not renew. Brightwell is now a Datadog shop. "
            "Its teams still read dashboards fed by Fernhollow. In April we signed a three-year agreement with Lidl Digital, "
            "the technology arm of the Lidl group.")
    blog = {(f["subject_name"], f["counterparty_name"]) for f in facts_of(text, dt.date(2027, 5, 11),
                                                                          "Lessons learnt | Fernhollow Blog")
            if f["fact_kind"] == "contract"}
    assert blog == {("Fernhollow", "Lidl Digital")}


@pytest.mark.parametrize("sentence, names", [
    # in a sentence that states a deal, a one-word opener is its subject unless it is shaped like an adverb, a
    # participle or a report's noun
    ("Attribution par la Métropole de Lyon du marché de Kestrel.", ["Métropole de Lyon", "Kestrel"]),
    ("Extension du contrat de Kestrel avec la SNCF.", ["Kestrel", "SNCF"]),
    ("Tessalune signe avec Kestrel.", ["Tessalune", "Kestrel"]),
])
def test_the_opener_of_a_deal_sentence(sentence, names):
    assert [s.name for s in find_spans(sentence, opener_is_subject=True) if s.kind == "organization"] == names


def test_a_headlines_awarded_is_passive():
    facts = facts_of("Kestrel Robotics Awarded $12.5 Million U.S. Air Force Contract\n\nThe work runs to 2027.\n")
    assert [(f["subject_name"], f["counterparty_name"]) for f in facts if f["fact_kind"] == "contract"] == [
        ("Kestrel Robotics", "U.S. Air Force")]


def test_a_nationality_is_no_organisation():
    # "a large European insurer": the adjective is no company that "the insurer" could stand for
    sentence = "Its angel is a former claims director at a large European insurer, and Aviva is its first customer."
    assert [s.name for s in find_spans(sentence) if s.kind == "organization"] == ["Aviva"]


@pytest.mark.parametrize("text, expected", [
    # a frequent word that opens a sentence with a deal cue is that word, not a company or a customer
    ("Orbelle Compute sells claims software. Insurance groups that signed pilots in 2024 now pick one supplier.", []),
    ("Orbelle Compute is in talks with Decathlon. Neither side has signed a contract.", []),
    ("Orbelle Compute sells to Decathlon. Retail chains signed contracts worth $40 million with start-ups in 2025.", []),
    # an interview's "Question :" opens many sentences and is still no name
    ("Entretien avec la fondatrice d'Orbelle Compute.\nQuestion : Pourquoi ?\nQuestion : Vous avez levé 6 millions "
     "d'euros auprès d'Alven l'an dernier. Pourquoi ?\n",
     [("funding_round", "Orbelle Compute", None, ["Alven"])]),
    # an unknown name that opens a deal's sentence is still a company
    ("Quorvane raised $5 million from Accel.", [("funding_round", "Quorvane", None, ["Accel"])]),
])
def test_a_frequent_word_opening_a_sentence_is_no_name(text, expected):
    assert parties_of(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a seller described as such: the start-up, the vendor, "a young startup" in apposition
    ("Le groupe Carrefour a signé un contrat de 3 M€ avec la start-up nantaise Quorvel.", ("Quorvel", "Carrefour")),
    ("Decathlon signed a deal with Quorvel, a young startup from Lyon.", ("Quorvel", "Decathlon")),
    ("La jeune pousse Quorvel a signé avec le groupe Carrefour un contrat de 3 M€.", ("Quorvel", "Carrefour")),
    # the document told already who buys from whom
    ("Hallwick Hospitals has replaced Notalis with Quorvel Health as its supplier. Hallwick signed a five-year "
     "contract with Quorvel worth $4 million.", ("Quorvel Health", "Hallwick Hospitals")),
    # nothing says otherwise: the subject sells
    ("Orbelle Compute signed with Decathlon.", ("Orbelle Compute", "Decathlon")),
    # the subject opens the clause after a date, before its description, which names a place
    ("Last month HELORA, the hospital network in the Mons and La Louvière area, signed a deal with Quorvel, a young "
     "startup.", ("Quorvel", "HELORA")),
])
def test_who_sells_in_a_signed_deal(text, expected):
    contracts = {(f["subject_name"], f["counterparty_name"]) for f in facts_of(text) if f["fact_kind"] == "contract"}
    assert contracts == {expected}


@pytest.mark.parametrize("text, expected", [
    # in an interview, "nous" and "vous" are the company interviewed
    ("Entretien avec Inès Varenne, fondatrice de Quorvel.\nQuestion : Vous avez levé 6 millions d'euros auprès "
     "d'Alven en 2024. Pourquoi ?\nInès Varenne : En novembre 2025, nous avons signé avec Decathlon un contrat de "
     "4,2 millions d'euros.\n",
     [("funding_round", "Quorvel", None, ["Alven"]), ("contract", "Quorvel", "Decathlon", None)]),
    ("Kenji Watanabe runs Quorvel, which builds claims software for insurers. \"We have signed with Aviva for "
     "three years,\" he says.",
     [("contract", "Quorvel", "Aviva", None)]),
    # the source of a figure is no party to it
    ("Selon l'Observatoire de la commande publique, les PME ont remporté 31 % des marchés de l'État en 2024.", []),
])
def test_speakers_and_sources(text, expected):
    assert parties_of(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a later sentence names the investors of "ce tour", "this round" just told
    ("Quorvel Compute boucle une série C de 1,1 Md€. L'hébergeur a annoncé jeudi ce tour mené par Eurazeo, auquel "
     "participent Nvidia et Bpifrance.",
     [("funding_round", "Quorvel Compute", None, ["Bpifrance", "Eurazeo", "Nvidia"])]),
    ("Quorvel Labs lève 3,4 millions d'euros en amorçage. La start-up a bouclé ce tour auprès de Kima Ventures.",
     [("funding_round", "Quorvel Labs", None, ["Kima Ventures"])]),
    # more verbs of raising money
    ("Brindle Systems picked up $9.5 million from Accel and a handful of angel investors.",
     [("funding_round", "Brindle Systems", None, ["Accel"])]),
    # "nous avons perdu X": the speaker's company lost a customer; money lost is no customer
    ("Inès Varenne dirige Quorvel, éditeur de logiciels. Nous avons perdu Intermarché l'an dernier.",
     [("customer_loss", "Quorvel", "Intermarché", None)]),
    ("Inès Varenne dirige Quorvel, éditeur de logiciels. Quorvel a perdu 3 M€ en 2025.", []),
])
def test_follow_ups_more_verbs_and_lost_customers(text, expected):
    assert parties_of(text) == expected


@pytest.mark.parametrize("text, expected", [
    # the contract is the subject: the supplier follows "à"/"to", the buyer is "par"/"by" or the body named before
    ("La Région Bretagne a lancé un appel d'offres. Le lot 1, consacré à la maintenance, revient à la start-up "
     "Quorvel, pour 3,6 M€ sur quatre ans.", [("Quorvel", "Région Bretagne")]),
    ("Le lot 2 a été attribué à Quorvel par la Région Bretagne.", [("Quorvel", "Région Bretagne")]),
    ("The U.S. Army issued a tender for drone software. The contract was awarded to Kestrel Robotics in May.",
     [("Kestrel Robotics", "U.S. Army")]),
    # a prize is no contract; the source of a statement is no supplier
    ("Decathlon sells shoes. The innovation prize went to Quorvel.", []),
    ("La Région Bretagne a attribué les lots, selon l'avis publié au Bulletin officiel.", []),
])
def test_a_contract_awarded_to_a_supplier(text, expected):
    assert [(f["subject_name"], f["counterparty_name"]) for f in facts_of(text) if f["fact_kind"] == "contract"] == expected


@pytest.mark.parametrize("text, expected", [
    # a customer that does not renew, moves its workloads off, cuts back or ends a contract ("au contrat")
    ("Quorvel sells claims software. Aviva has decided not to renew its contract with Quorvel.",
     [("customer_loss", "Quorvel", "Aviva")]),
    ("Quorvel vend ses logiciels. La Macif a choisi de ne pas renouveler son contrat avec Quorvel.",
     [("customer_loss", "Quorvel", "Macif")]),
    ("Quorvel sells claims software. Aviva is moving its claims workloads off Quorvel and onto Cindral.",
     [("customer_loss", "Quorvel", "Aviva"), ("contract", "Cindral", "Aviva")]),
    ("Quorvel sells software. Aviva cut the number of its Quorvel licences by half.",
     [("customer_loss", "Quorvel", "Aviva")]),
    ("Quorvel sells software. Aviva cut its workforce by half.", []),
    ("Quorvel vend ses logiciels. C'est la SNCF qui a mis fin au contrat de Quorvel en mars.",
     [("customer_loss", "Quorvel", "SNCF")]),
    ("Quorvel vend ses logiciels. Quorvel a perdu la SNCF, son plus gros client, en mars.",
     [("customer_loss", "Quorvel", "SNCF")]),
    # a cleft names the supplier without "C'est"
    ("Quorvel vend ses logiciels. C'est Quorvel qui a remporté le contrat de la SNCF.",
     [("contract", "Quorvel", "SNCF")]),
    # a renewal or an extension is a contract signed again; "extended its lead" is none
    ("Quorvel sells software. Aviva renewed its contract with Quorvel for three years.",
     [("contract", "Quorvel", "Aviva")]),
    ("Quorvel vend ses logiciels. La SNCF a prolongé son contrat avec Quorvel par un avenant de 1 M€.",
     [("contract", "Quorvel", "SNCF")]),
    ("La jeune pousse Quorvel a renouvelé son contrat avec la SNCF.", [("contract", "Quorvel", "SNCF")]),
    ("Quorvel sells software. Quorvel extended its lead over Decathlon.", []),
])
def test_losses_clefts_and_renewals(text, expected):
    assert [(f["fact_kind"], f["subject_name"], f["counterparty_name"]) for f in facts_of(text)] == expected


@pytest.mark.parametrize("text, amount", [
    # the business a lost customer took away, told by "worth" in the sentence or by the next ones
    ("Quorvel sells software. The hospital group Calder ended its contract with Quorvel, which had been worth "
     "roughly $2.3 million a year to the vendor.", 2.3e6),
    ("Quorvel vend ses logiciels. Auchan met fin au contrat qui le liait à Quorvel. Le contrat représentait 1,4 M€ "
     "de chiffre d'affaires annuel, a précisé le dirigeant de Quorvel.", 1.4e6),
    # a sentence about another company tells no amount of this loss
    ("Quorvel sells software. Calder ended its contract with Quorvel. Orbelle raised $5 million.", None),
])
def test_the_business_at_stake_in_a_loss(text, amount):
    losses = [f for f in facts_of(text) if f["fact_kind"] == "customer_loss"]
    assert len(losses) == 1
    assert losses[0]["amount"] == (pytest.approx(amount) if amount else None)


@pytest.mark.parametrize("text, expected", [
    # "X led, joined by Y and Z" after a round: X leads, Y and Z join; "Point Nine and HV Capital" is two investors
    ("Berlin-based Quorvel announced a €30m Series B on Wednesday. Northzone led, joined by Point Nine and HV Capital.",
     [("Quorvel", {"HV Capital": False, "Northzone": True, "Point Nine": False}, None)]),
    # a later sentence's "values X at" is the round's valuation
    ("Quorvel raised $40 million from Accel. The investment values Quorvel at roughly $1.67 billion.",
     [("Quorvel", {"Accel": False}, 1.67e9)]),
    # statistics, musings and generic acronyms are no rounds
    ("Quorvel sells software. The median European Series A rose to €14m, from €11m a year ago.", []),
    ("Quorvel vend ses logiciels. Nous réfléchissons à une série B, peut-être autour de 20 millions d'euros.", []),
    ("Quorvel vend ses logiciels. Les start-up de l'IA appliquée aux RH ont levé 210 M€ en 2025.", []),
])
def test_follow_up_leads_valuations_and_non_rounds(text, expected):
    facts = facts_of(text, published_at=dt.date(2026, 5, 20))
    assert [(f["subject_name"], dict(zip(f["investor_name"], f["is_lead"])), f["valuation"]) for f in facts] == expected


def test_a_byline_names_a_person_whatever_the_given_name():
    spans = find_spans("By Carys Pemberton · March 4, 2026 · 4 min read")
    assert [(s.text, s.kind) for s in spans] == [("Carys Pemberton", "person")]
    assert [(s.text, s.kind) for s in find_spans("By Sequoia Capital")] == [("Sequoia Capital", "organization")]


@pytest.mark.parametrize("text, expected", [
    # the customer stops using a supplier's product; "La Banque Postale" is a name, not "la banque" told of
    ("Parlance vend des assistants aux banques. La Banque Postale a cessé d'utiliser l'assistant de Parlance en "
     "novembre 2024.", [("Parlance", "Banque Postale")]),
    ("Parlance vend des assistants. La Macif a abandonné la plateforme de Parlance au profit de Mistral AI.",
     [("Parlance", "Macif")]),
])
def test_a_customer_leaves_a_suppliers_product(text, expected):
    assert [(f["subject_name"], f["counterparty_name"]) for f in facts_of(text) if f["fact_kind"] == "customer_loss"] \
        == expected


@pytest.mark.parametrize("text, expected", [
    # "..., then a $22 million Series A led by Sequoia": a second round of the same company, with its own date
    ("Wyvernstack raised a $3 million seed round from Y Combinator in early 2022, then a $22 million Series A led by "
     "Sequoia in March 2023.",
     [("Wyvernstack", 3e6, ["Y Combinator"], dt.date(2022, 1, 1)),
      ("Wyvernstack", 22e6, ["Sequoia"], dt.date(2023, 3, 1))]),
    ("Oréade avait levé 2 M€ en 2024 auprès de Kima Ventures, puis une série A de 8,5 M€ menée par Otium "
     "Capital.",
     [("Oréade", 2e6, ["Kima Ventures"], dt.date(2024, 1, 1)),
      ("Oréade", 8.5e6, ["Otium Capital"], dt.date(2024, 1, 1))]),
    # money added to a round already told
    ("Tindra Voice added $9 million to its Series A, with Inventure joining.",
     [("Tindra Voice", 9e6, ["Inventure"], None)]),
])
def test_rounds_told_one_after_another(text, expected):
    facts = facts_of(text, published_at=dt.date(2026, 5, 20))
    assert [(f["subject_name"], f["amount"], f["investor_name"], f["event_date"]) for f in facts
            if f["fact_kind"] == "funding_round"] == expected


@pytest.mark.parametrize("text, expected", [
    # founders and speakers are people whatever their given names, and so is the surname alone afterwards; a
    # quotation's names are not what "the company" of the next sentences stands for
    ("Thistledown AI drafts leases. \"A Magic Circle firm wants its own playbooks,\" says Ruth Callow, its chief "
     "executive. The company was founded in 2022 by Aitken, a former lawyer. It raised a £3.5m seed round from "
     "Playfair Capital in 2024.", [("funding_round", "Thistledown AI", None)]),
    ("Thistledown AI drafts leases. Its chief executive, Callum Aitken, is a former lawyer. Thistledown AI signed "
     "a contract with Aitken last year.", []),
])
def test_people_told_by_their_context(text, expected):
    assert [(f["fact_kind"], f["subject_name"], f["counterparty_name"]) for f in facts_of(text)] == expected


@pytest.mark.parametrize("text, expected", [
    # tenders: a date between "attribué" and "à"; "HT" is no organisation; a lot won goes to the tender's owner
    ("La Région Bretagne a lancé un appel d'offres. Le contrat, d'un montant de 2,9 M€ HT, a été attribué le "
     "7 avril 2026 à Quorvel, un éditeur rennais.", [("contract", "Quorvel", "Région Bretagne")]),
    ("Troisième marché : l'accord-cadre de la Caisse des Dépôts. Le lot n° 1 a été attribué à Sopra Steria. "
     "C'est Quorvel qui a remporté le lot n° 2, pour 1,1 M€.",
     [("contract", "Sopra Steria", "Caisse des Dépôts"), ("contract", "Quorvel", "Caisse des Dépôts")]),
    # a renewal's supplier as a direct object
    ("Quorvel vend des logiciels. Kiabi reconduit Quorvel pour trois ans.", [("contract", "Quorvel", "Kiabi")]),
    # "rachète B et perd C": the one who loses is the subject of both verbs
    ("Opsara change de directrice, rachète Clinéo et perd le CHU de Rennes",
     [("customer_loss", "Opsara", "CHU de Rennes")]),
    # "our contract": the speaker's company
    ("Kenji Watanabe runs Quorvel, which sells software. \"Hapag-Lloyd decided not to renew when our contract ran "
     "out,\" he says.", [("customer_loss", "Quorvel", "Hapag-Lloyd")]),
])
def test_tenders_renewals_and_coordinated_verbs(text, expected):
    assert [(f["fact_kind"], f["subject_name"], f["counterparty_name"]) for f in facts_of(text)] == expected


def test_the_part_of_a_financing_led_by_an_investor():
    facts = facts_of("Quorvel lève 1,7 milliard d'euros. La partie en capital est menée par Temasek, avec "
                     "Mubadala et Bpifrance.")
    assert [(f["subject_name"], dict(zip(f["investor_name"], f["is_lead"]))) for f in facts] == [
        ("Quorvel", {"Bpifrance": False, "Mubadala": False, "Temasek": True})]


@pytest.mark.parametrize("text, rounds", [
    # a round with no amount, no valuation and no investor tells nothing and goes; any of them keeps it
    ("La série A de Quorvel a marqué les esprits.", 0),
    ("Quorvel a bouclé un tour de table auprès de Kima Ventures.", 1),
    ("Quorvel a bouclé un tour de table de 3 M€.", 1),
])
def test_a_round_must_say_something(text, rounds):
    assert len([f for f in facts_of(text) if f["fact_kind"] == "funding_round"]) == rounds


@pytest.mark.parametrize("text, rounds", [
    # an investor raising a fund of its own is no round; money from a fund is
    ("Le fonds Elaia a levé un nouveau fonds de 150 M€ pour investir dans l'IA.", 0),
    ("Accel Europe raised a $650 million early-stage fund.", 0),
    ("Quorvel a levé 5 M€ auprès d'un fonds de 300 M€ géré par Elaia.", 1),
    ("Quorvel raised $5 million from a fund.", 1),
])
def test_a_fund_raised_by_an_investor_is_no_round(text, rounds):
    assert len([f for f in facts_of(text) if f["fact_kind"] == "funding_round"]) == rounds


def test_a_sentence_ends_before_french_guillemets():
    from pipelines.extract.sentences import split_sentences

    text = "Il a signé un contrat. « On a testé six mois, raconte-t-il. » Puis il a signé."
    assert [s.text for s in split_sentences(text)] == [
        "Il a signé un contrat.", "« On a testé six mois, raconte-t-il. »", "Puis il a signé."]


@pytest.mark.parametrize("text, sentences", [
    ("INÈS: No. Last month HELORA signed.", ["INÈS: No.", "Last month HELORA signed."]),
    ("See No. 5 on the list. Then art. 12 applies.", ["See No. 5 on the list.", "Then art. 12 applies."]),
])
def test_an_abbreviation_of_a_number_ends_no_sentence_before_the_number_only(text, sentences):
    from pipelines.extract.sentences import split_sentences

    assert [s.text for s in split_sentences(text)] == sentences


@pytest.mark.parametrize("text, expected", [
    # a headline's passive without its auxiliary: the subject is the supplier
    ("Thessaly Compute selected by T-Systems to power inference", ("Thessaly Compute", "T-Systems")),
    ("Obsidio retenue par la DINUM pour son assistant juridique", ("Obsidio", "DINUM")),
    # a name right after a possessive is a product, unless a supply noun follows it
    ("T-Systems has selected Thessaly Compute to supply clusters for the AI layer of its Sovereign Cloud.",
     ("Thessaly Compute", "T-Systems")),
])
def test_headline_passives_and_products(text, expected):
    contracts = {(f["subject_name"], f["counterparty_name"]) for f in facts_of(text) if f["fact_kind"] == "contract"}
    assert contracts == {expected}


def test_a_supplier_named_after_a_possessive_before_its_licences_is_still_the_supplier():
    text = "Brookline Clinics cut the number of its Notalis licences by half last month."
    losses = {(f["subject_name"], f["counterparty_name"]) for f in facts_of(text, dt.date(2026, 3, 4))
              if f["fact_kind"] == "customer_loss"}
    assert losses == {("Notalis", "Brookline Clinics")}


@pytest.mark.parametrize("text, expected", [
    # a roundup's paragraph opens on its company, even one shaped like a participle, before a sector's anaphor
    ("Brisemarée met le cap sur l'Europe du Nord. La start-up nantaise a bouclé une série A de 14,3 M€ auprès "
     "d'Eurazeo.", ("Brisemarée", ["Eurazeo"])),
    ("Ocrelune mise sur les anges. La legaltech lyonnaise a réalisé un tour de table d'amorçage de 2,8 millions "
     "d'euros auprès de Kima Ventures.", ("Ocrelune", ["Kima Ventures"])),
    # the investor takes the lead of a round in the company; backing without an amount
    ("Cathay Innovation a pris la tête d'un tour de 11 M€ dans Aulnette.", ("Aulnette", ["Cathay Innovation"])),
    ("Gannetry gets backing from Salesforce Ventures", ("Gannetry", ["Salesforce Ventures"])),
])
def test_rounds_told_as_a_roundup_tells_them(text, expected):
    rounds = [(f["subject_name"], sorted(f["investor_name"] or [])) for f in facts_of(text, dt.date(2027, 8, 31))
              if f["fact_kind"] == "funding_round"]
    assert rounds == [expected]


def test_investors_told_after_the_round_join_it_as_roundups_tell_them():
    text = ("Brisemarée a bouclé une série A de 14,3 M€. Eurazeo mène le tour, suivi par Bpifrance et Go Capital.\n\n"
            "Cathay Innovation a pris la tête d'un tour de 11 M€ dans Aulnette. Le tour, bouclé mardi 10 août, associe "
            "aussi AXA Venture Partners.")
    rounds = {(f["subject_name"], tuple(f["investor_name"]), tuple(f["is_lead"]), f["event_date"])
              for f in facts_of(text, dt.date(2027, 8, 31)) if f["fact_kind"] == "funding_round"}
    assert rounds == {("Brisemarée", ("Bpifrance", "Eurazeo", "Go Capital"), (False, True, False), None),
                      ("Aulnette", ("AXA Venture Partners", "Cathay Innovation"), (False, True), dt.date(2027, 8, 10))}


def test_a_digest_item_headline_and_the_investor_that_led_its_round():
    text = ("4. Copperlane pulls in £12m\n\nBalderton led the Series A for the Manchester-based firm, whose software "
            "predicts passenger demand.\n\n5. Wrenfield lands $60 million\n\nThrive Capital led the Series B, which "
            "values the New York legal-research startup at $400 million. The raise comes weeks after Wrenfield signed "
            "a firm-wide deal with Clifford Chance.")
    rounds = {(f["subject_name"], tuple(f["investor_name"] or ()), f["round_type"], f["amount"], f["valuation"])
              for f in facts_of(text, dt.date(2027, 8, 20)) if f["fact_kind"] == "funding_round"}
    assert rounds == {("Copperlane", (), None, 12_000_000, None),
                      ("Copperlane", ("Balderton",), "Series A", None, None),
                      ("Wrenfield", (), None, 60_000_000, None),
                      ("Wrenfield", ("Thrive Capital",), "Series B", None, 400_000_000)}


def test_a_headline_amount_alone_is_no_round_without_a_round_under_it():
    text = "Wrenfield lands $60 million\n\nThe legal-research firm will supply Clifford Chance for three years."
    assert [f for f in facts_of(text, dt.date(2027, 8, 20)) if f["fact_kind"] == "funding_round"] == []


def test_a_site_is_a_place_and_the_supplier_preferred_wins_the_contract():
    text = ("Le chimiste Arkema a mis fin en juillet au contrat qui le liait à Sorbière pour son usine de "
            "Pierre-Bénite, lui préférant la plateforme de Dassault Systèmes.")
    facts = {(f["fact_kind"], f["subject_name"], f["counterparty_name"]) for f in facts_of(text, dt.date(2027, 9, 6))}
    assert facts == {("customer_loss", "Sorbière", "Arkema"), ("contract", "Dassault Systèmes", "Arkema")}


def test_business_angels_named_are_the_rounds_investors():
    text = ("Ocrelune a réalisé un tour de table d'amorçage de 2,8 millions d'euros uniquement auprès de business "
            "angels, parmi lesquels Hélène Marchadier.")
    rounds = [(f["subject_name"], f["investor_name"]) for f in facts_of(text, dt.date(2027, 9, 6))]
    assert rounds == [("Ocrelune", ["Hélène Marchadier"])]


def test_a_name_coordinated_with_a_reference_name_is_kept():
    rounds = [f["investor_name"] for f in facts_of("Kestrel raised $5M from Index Ventures and Kima.")]
    assert rounds == [["Index Ventures", "Kima"]]


def test_a_round_that_followed_is_told_in_a_clause_of_its_own():
    text = ("The bridge comes two years after Fennimore raised a £10m Series A led by Notion Capital in 2025, which "
            "followed a £2.5m seed round from Seedcamp in 2023.")
    rounds = {(f["round_type"], f["amount"], tuple(f["investor_name"])) for f in facts_of(text, dt.date(2027, 9, 6))}
    assert rounds == {("Series A", 10_000_000, ("Notion Capital",)), ("Seed", 2_500_000, ("Seedcamp",))}


def test_we_in_an_interview_is_the_guests_firm():
    text = ("Ines Vandermeer has been a partner at Harrowby Ventures since 2022. We spoke to her about what she has "
            "backed.\n\nIn February we led the £8m Series A of Marlowe Vision, which inspects railway track. In May "
            "we led a €7m Series A in Peregrine Ledger, an Amsterdam company.")
    rounds = {(f["subject_name"], tuple(f["investor_name"] or ())) for f in facts_of(text, dt.date(2027, 9, 15))}
    assert rounds == {("Marlowe Vision", ("Harrowby Ventures",)), ("Peregrine Ledger", ("Harrowby Ventures",))}


def test_the_supplier_that_replaces_a_lost_one_may_be_told_in_the_next_sentence():
    text = ("La RATP a mis fin de manière anticipée au contrat de Velliard. La décision a été notifiée à la start-up "
            "le 6 avril, au profit de son concurrent Corvium.")
    facts = {(f["fact_kind"], f["subject_name"], f["counterparty_name"]) for f in facts_of(text, dt.date(2027, 4, 20))}
    assert facts == {("customer_loss", "Velliard", "RATP"), ("contract", "Corvium", "RATP")}


def test_a_publication_that_tells_the_news_is_no_party():
    text = "Le Parisien raconte que la régie a mis fin au contrat de Velliard."
    assert [f for f in facts_of(text, dt.date(2027, 4, 20)) if "Parisien" in (f["counterparty_name"] or "")] == []


def test_a_buyer_designates_its_awardee():
    text = "La Région Occitanie a désigné Carthame attributaire de son marché d'analyse des dossiers de subventions."
    assert [(f["subject_name"], f["counterparty_name"]) for f in facts_of(text)] == [("Carthame", "Région Occitanie")]
    assert facts_of("Le conseil de Carthame a désigné un nouveau président.") == []


def test_a_customer_equips_itself_with_a_product_told_at_length():
    text = ("Les Hospices civils de Lyon (HCL) s'équipent de l'assistant de transcription médicale de Jarvelin, qui "
            "rédige les comptes rendus de consultation.")
    assert [(f["subject_name"], f["counterparty_name"]) for f in facts_of(text)] == [
        ("Jarvelin", "Hospices civils de Lyon")]


def test_a_colon_before_an_amount_gives_the_rounds_amount():
    text = ("Quartzelle a bouclé son premier tour de table en amorçage : 1,2 million d'euros, apportés par le fonds "
            "régional Aquiti Gestion.")
    rounds = [(f["subject_name"], f["amount"], f["investor_name"]) for f in facts_of(text, dt.date(2027, 9, 6))]
    assert rounds == [("Quartzelle", 1_200_000, ["Aquiti Gestion"])]


def test_a_founder_named_before_the_company_is_a_person():
    spans = find_spans("Fondée en 2021 par une ingénieure et par Yanis Belkhir, docteur en vision, l'entreprise a levé "
                       "12 M€.", opener_is_subject=True)
    assert [(s.text, s.kind) for s in spans if s.kind != "anaphor"] == [("Yanis Belkhir", "person")]


def test_a_participle_before_a_preposition_still_opens_the_sentence():
    spans = find_spans("Installée depuis 2023, la start-up a signé avec Naval Group.", opener_is_subject=True)
    assert [s.name for s in spans if s.kind == "organization"] == ["Naval Group"]


def test_a_customer_named_like_its_director_signs_with_the_company_of_a_datelined_article():
    text = ("Brest. Marlin Data lève 3 millions d'euros pour guider les chalutiers\n\n"
            "Marlin Data vend son logiciel aux armateurs du Finistère.\n\n"
            "Premier client : l'armement Kervella, qui exploite six chalutiers depuis Brest, a signé cet hiver un "
            "contrat de deux ans d'un montant de 200 000 euros. « On a testé six mois, raconte son directeur, "
            "Yann Kervella. »")
    contracts = [(f["subject_name"], f["counterparty_name"], f["amount"]) for f in facts_of(text, dt.date(2026, 3, 4))
                 if f["fact_kind"] == "contract"]
    assert contracts == [("Marlin Data", "Kervella", 200000.0)]


@pytest.mark.parametrize("text, supplier, customer, amount", [
    # the customer widens a deal it has: a contract with the same supplier
    ("Tallis reports a strong quarter\n\nVodafone expanded its agreement with Tallis in May with a two-year "
     "extension worth about €12 million.", "Tallis", "Vodafone", 12e6),
    ("Bilan de Tallis\n\nOrange a élargi son contrat avec Tallis en mai, pour 3 millions d'euros.", "Tallis",
     "Orange", 3e6),
    # a colon that goes on with the deal: the partner after it is the customer
    ("Harbourline raises £6 million\n\nIn May we signed our largest contract to date: a three-year, £1.2 million "
     "agreement with Anglian Water.", "Harbourline", "Anglian Water", 1.2e6),
])
def test_contracts_widened_or_announced_after_a_colon(text, supplier, customer, amount):
    contracts = [(f["subject_name"], f["counterparty_name"], f["amount"]) for f in facts_of(text, dt.date(2026, 6, 1))
                 if f["fact_kind"] == "contract"]
    assert contracts == [(supplier, customer, amount)]


def test_the_group_is_the_customer_named_before_it():
    text = ("The bad news came from Heineken. The brewing group did not renew its Tallis contract and has moved its "
            "demand forecasting to Fourkites.")
    facts = [(f["fact_kind"], f["subject_name"], f["counterparty_name"]) for f in facts_of(text, dt.date(2026, 6, 1))]
    assert facts == [("customer_loss", "Tallis", "Heineken"), ("contract", "Fourkites", "Heineken")]


@pytest.mark.parametrize("text, supplier, customer, amount", [
    ("Harbordyne secured a $4 million order from Maersk.", "Harbordyne", "Maersk", 4e6),
    ("Maersk has signed up Harbordyne to run its route planning.", "Harbordyne", "Maersk", None),
    ("Under the agreement, Harbordyne will provide Maersk with routing software for five years.", "Harbordyne",
     "Maersk", None),
    ("Harbordyne deploys its platform at Maersk under a multi-year contract.", "Harbordyne", "Maersk", None),
    # two parties named together sign with each other; the first named sells unless the text says otherwise
    ("Harbordyne raises money\n\nHarbordyne and Maersk have signed a five-year agreement worth $4 million.",
     "Harbordyne", "Maersk", 4e6),
    # "un marché de 4 millions d'euros" is a public contract's value, not a market's size
    ("La SNCF a attribué à Harbordyne un marché de 4 millions d'euros.", "Harbordyne", "SNCF", 4e6),
    ("Le marché, d'un montant de 4 millions d'euros, a été attribué à Harbordyne par la SNCF.", "Harbordyne", "SNCF",
     4e6),
    # the customer goes live with, rolls out, opts for the supplier
    ("Maersk went live with Harbordyne's routing software in March.", "Harbordyne", "Maersk", None),
    ("Maersk has rolled out Harbordyne's platform to 300 vessels.", "Harbordyne", "Maersk", None),
    ("Maersk opted for Harbordyne after a six-month pilot.", "Harbordyne", "Maersk", None),
    ("La SNCF a opté pour Harbordyne après six mois de test.", "Harbordyne", "SNCF", None),
    ("La SNCF a jeté son dévolu sur Harbordyne.", "Harbordyne", "SNCF", None),
    ("La SNCF a fait le choix de Harbordyne.", "Harbordyne", "SNCF", None),
    # the supplier is given the contract, or selected (with an accent the first pass must see)
    ("Harbordyne s'est vu attribuer un marché de 4 millions d'euros par la SNCF.", "Harbordyne", "SNCF", 4e6),
    ("Harbordyne s'est vu confier par la SNCF la maintenance de ses trains.", "Harbordyne", "SNCF", None),
    ("Harbordyne a été sélectionnée par la SNCF en mars.", "Harbordyne", "SNCF", None),
    # the supplier signs its customer; an amount before the verb is another deal's
    ("Harbordyne signed Maersk in March, its biggest customer to date.", "Harbordyne", "Maersk", None),
    ("Harbordyne a signé la SNCF en mars.", "Harbordyne", "SNCF", None),
    ("Glimmerline raises $6 million seed and signs Aviva as first big customer", "Glimmerline", "Aviva", None),
    # more verbs of winning a deal, and a customer that has become one
    ("Harbordyne clinched a $4 million deal with Maersk.", "Harbordyne", "Maersk", 4e6),
    ("Harbordyne bagged a contract with Maersk worth $4 million.", "Harbordyne", "Maersk", 4e6),
    ("Harbordyne a conclu un accord avec la SNCF.", "Harbordyne", "SNCF", None),
    ("Harbordyne has been contracted by Maersk to build a routing tool.", "Harbordyne", "Maersk", None),
    ("Maersk is now a Harbordyne customer.", "Harbordyne", "Maersk", None),
    ("Maersk has become Harbordyne's largest customer after signing a three-year deal.", "Harbordyne", "Maersk", None),
    ("La SNCF est désormais cliente de Harbordyne.", "Harbordyne", "SNCF", None),
    # the supplier supplies, delivers to or equips the customer
    ("Harbordyne fournit désormais la SNCF en capteurs.", "Harbordyne", "SNCF", None),
    ("Harbordyne will equip Maersk's fleet under a $4 million contract.", "Harbordyne", "Maersk", 4e6),
])
def test_more_ways_to_tell_a_contract(text, supplier, customer, amount):
    contracts = [(f["subject_name"], f["counterparty_name"], f["amount"]) for f in facts_of(text, dt.date(2026, 6, 1))
                 if f["fact_kind"] == "contract"]
    assert contracts == [(supplier, customer, amount)]


def test_a_market_size_is_no_contract_amount():
    text = "Le marché de l'IA générative pèse 4 milliards d'euros, et Harbordyne a signé avec la SNCF."
    assert [f["amount"] for f in facts_of(text) if f["fact_kind"] == "contract"] == [None]


def test_a_customer_gone_to_a_rival_leaves_the_company_told_of_and_a_person_who_quits_is_no_customer():
    text = ("LA MATINALE ÉCO — Transcription\n\nVous dirigez Vignalys, qui surveille les vignes. Vignalys a levé "
            "12 millions d'euros.\n\nOui, le groupe Castel est parti chez un concurrent cet été.")
    assert [(f["subject_name"], f["counterparty_name"]) for f in facts_of(text, dt.date(2026, 10, 2))
            if f["fact_kind"] == "customer_loss"] == [("Vignalys", "Castel")]
    assert facts_of("Né à Lyon, Paul Martin a quitté le CNRS pour fonder Vignalys en 2019.") == []


@pytest.mark.parametrize("text, customer", [
    ("Harbordyne results\n\nHarbordyne lost revenue after Walgreens moved its claims processing in-house in July.",
     "Walgreens"),
    ("Les résultats de Harbordyne\n\nLa SNCF a internalisé sa maintenance prédictive en mars.", "SNCF"),
])
def test_a_customer_that_takes_the_work_in_house_leaves_the_company_told_of(text, customer):
    losses = [(f["subject_name"], f["counterparty_name"]) for f in facts_of(text, dt.date(2026, 10, 1))
              if f["fact_kind"] == "customer_loss"]
    assert losses == [("Harbordyne", customer)]


def test_a_region_is_no_customer():
    text = ("Tidewell raises £18 million\n\nWe signed a two-year agreement with Anglian Water to supply forecasts across its "
            "networks in the Midlands.")
    assert [f["counterparty_name"] for f in facts_of(text, dt.date(2026, 10, 1)) if f["fact_kind"] == "contract"] == [
        "Anglian Water"]


def test_an_order_obtained_from_a_customer_is_no_round():
    assert [f for f in facts_of("Harbordyne obtained a $12 million order from Maersk.")
            if f["fact_kind"] == "funding_round"] == []


def test_a_group_told_by_whose_it_is_is_no_anaphor_and_on_passes_the_first_pass():
    from pipelines.extract.organizations import span_filters

    spans = find_spans("Le groupe de Mark Zuckerberg était entré au capital de Scale AI.")
    assert "anaphor" not in [span.kind for span in spans]
    assert span_filters(["Oui, on a bouclé en octobre une série A de 12 millions d'euros."]) == [(False, False, True)]


@pytest.mark.parametrize("text, date", [
    ("Maersk did not renew its contract with Harbordyne, which expires in June.", dt.date(2026, 6, 1)),
    ("La SNCF ne renouvellera pas son contrat avec Harbordyne, qui arrive à échéance le 30 juin.",
     dt.date(2026, 6, 30)),
    # an end already passed stays in the past
    ("Maersk did not renew its contract with Harbordyne when it expired in March.", dt.date(2026, 3, 1)),
])
def test_a_non_renewal_is_dated_at_the_coming_end_of_its_contract(text, date):
    assert [f["event_date"] for f in facts_of(text, dt.date(2026, 5, 20)) if f["fact_kind"] == "customer_loss"] == [date]


@pytest.mark.parametrize("text, expected", [
    # the signing told as a noun, or announced with a day in between
    ("Calvane a annoncé mardi la signature d'un contrat de trois ans avec Orange, d'un montant de 6 millions d'euros.",
     [("contract", "Calvane", "Orange", 6e6)]),
    ("Calvane announced the signing of a five-year agreement with Vodafone.", [("contract", "Calvane", "Vodafone", None)]),
    ("Calvane a bondi de 9 % après avoir annoncé lundi matin un contrat-cadre avec la Société Générale.",
     [("contract", "Calvane", "Société Générale", None)]),
    # a customer rolls the supplier out; a customer preferred another supplier
    ("Kent County Council is rolling Calvane out to its 60 care homes.", [("contract", "Calvane", "Kent County Council", None)]),
    ("Kent County Council is rolling out new bins.", []),
    # a customer that churned leaves the company told of
    ("Calvane update\n\nCalvane signed Tesco in March. Asda churned in April.",
     [("contract", "Calvane", "Tesco", None), ("customer_loss", "Calvane", "Asda", None)]),
])
def test_signings_told_as_nouns_rollouts_and_churn(text, expected):
    assert [(f["fact_kind"], f["subject_name"], f["counterparty_name"], f["amount"])
            for f in facts_of(text, dt.date(2026, 5, 20))] == expected


@pytest.mark.parametrize("sentence, names", [
    # a month's name that opens a longer word is a name, and so is one found inside a first name
    ("Sequoia invested in Mayer Labs in March 2026.", ["Sequoia", "Mayer Labs"]),
    # a job title ends a firm's name; a first name that opens a firm's name leaves it a firm
    ("Calvane CEO Julien Marchetti said the John Lewis Partnership signed.", ["Calvane", "John Lewis Partnership"]),
])
def test_names_beside_months_titles_and_first_names(sentence, names):
    docs = pl.DataFrame({"document_id": ["d"], "text": [sentence], "published_at": [None]},
                        schema={"document_id": pl.Utf8, "text": pl.Utf8, "published_at": pl.Date})
    mentions = extract_all(docs)[1]
    assert mentions.filter(pl.col("mention_type") == "organization")["label"].to_list() == names


@pytest.mark.parametrize("text", [
    # money raised by going public, what a sector or a state spends, a law
    "Introduite en Bourse en 2021, une opération qui lui avait permis de lever 6 millions d'euros, Calvane recule.",
    "Calvane raised $80 million in its IPO on Nasdaq in 2021.",
    "Les hôpitaux peinent à dégager des budgets d'investissement de 2 milliards d'euros.",
    "The Clean Industry Act has pledged €20 billion of public and private investment by 2030.",
])
def test_listings_budgets_and_laws_are_no_rounds(text):
    assert [f for f in facts_of(text) if f["fact_kind"] == "funding_round"] == []


@pytest.mark.parametrize("text, expected", [
    # the contract is not renewed, told in the passive: its supplier named by "par"/"avec", its customer the clause's
    # subject or the buyer told before
    ("La Ville de Nantes a lancé un appel d'offres. Le marché exécuté par la société Calvane arrive à échéance le "
     "30 juin et ne sera pas reconduit.", [("customer_loss", "Calvane", "Ville de Nantes")]),
    ("Orange travaillait avec Calvane, dont le contrat n'a pas été renouvelé.", [("customer_loss", "Calvane", "Orange")]),
    # a customer's leaving told in a clause: the one who tells, or a pronoun standing for the main clause's subject
    ("Le titre de Calvane recule. L'éditeur a publié un communiqué indiquant que Orange ne renouvellerait pas le "
     "contrat.",
     [("customer_loss", "Calvane", "Orange")]),
    ("Tesco notified Calvane in May that it was terminating the agreement.", [("customer_loss", "Calvane", "Tesco")]),
    ("Tesco's decision to join shows that forecasting has moved from experiment to infrastructure.", []),
    # a tender's lots listed with their winners: the buyer is the tender's
    ("La commission d'appel d'offres de Nantes Métropole a décidé d'attribuer :\n"
     "— le lot n° 2 à la société Calvane, pour un montant de 640 000 euros HT.",
     [("contract", "Calvane", "Nantes Métropole")]),
    # a hospital or a town named by a lowercase head and its place
    ("Mardi, le centre hospitalier de Valenciennes a signé avec Calvane, une start-up rennaise, un contrat de "
     "déploiement.", [("contract", "Calvane", "centre hospitalier de Valenciennes")]),
])
def test_non_renewals_told_in_clauses_lots_and_local_bodies(text, expected):
    assert [(f["fact_kind"], f["subject_name"], f["counterparty_name"]) for f in facts_of(text, dt.date(2026, 5, 20))
            if f["fact_kind"] != "funding_round"] == expected


@pytest.mark.parametrize("text, expected", [
    # "l'institution" is the public body told last, not the supplier named after it
    ("L'hôpital Necker n'a pas renouvelé le contrat qui le liait à Calvane. L'institution a choisi Nuvio.",
     [("customer_loss", "Calvane", "hôpital Necker"), ("contract", "Nuvio", "hôpital Necker")]),
    # "l'opérateur", a firm that buys, is the customer of the deal told just before, else that sentence's subject
    ("Le titre de Calvane recule. Orange a signifié à Calvane qu'il ne renouvellerait pas le contrat. "
     "L'opérateur a retenu à la place Nuvio.",
     [("customer_loss", "Calvane", "Orange"), ("contract", "Nuvio", "Orange")]),
    # a name whose "'s" is its own, before a verb
    ("Calvane said Sainsbury's signed a two-year contract with it.", [("contract", "Calvane", "Sainsbury's")]),
    # a party told as a customer buys again when it signs with another
    ("Calvane results\n\nCalvane signed a five-year agreement with Tesco in 2025. Tesco later signed with Nuvio to "
     "move its pricing.",
     [("contract", "Calvane", "Tesco"), ("contract", "Nuvio", "Tesco")]),
])
def test_who_anaphors_stand_for_and_who_buys(text, expected):
    assert [(f["fact_kind"], f["subject_name"], f["counterparty_name"]) for f in facts_of(text, dt.date(2026, 5, 20))
            if f["fact_kind"] != "funding_round"] == expected


@pytest.mark.parametrize("text, expected", [
    # "X's GPU cloud": what follows the possessive names nobody, X is the supplier; the workloads moved go to the rival
    ("Nuvio results\n\nNuvio said Booking.com stopped using Calvane's GPU cloud in January and moved those "
     "workloads to Google Cloud.",
     [("customer_loss", "Calvane", "Booking.com"), ("contract", "Google Cloud", "Booking.com")]),
    # the round its company told: "the Series A Ionwell announced", not the founder named before
    ("We met Ionwell founder Rosa Lindqvist. She says the $30 million Series A Ionwell announced in December, led by "
     "Plural, was oversubscribed.", [("funding_round", "Ionwell", None)]),
])
def test_possessives_before_common_nouns_and_rounds_told_by_their_company(text, expected):
    assert [(f["fact_kind"], f["subject_name"], f["counterparty_name"])
            for f in facts_of(text, dt.date(2026, 5, 20))] == expected


def test_the_items_of_a_list_take_the_date_of_the_line_that_opens_it():
    text = ("Rennes Métropole\n\nRéunie le 11 février 2026, la commission d'appel d'offres a décidé d'attribuer :\n"
            "— le lot n° 1 à la société Calvane, pour un montant de 1 874 500 euros HT ;\n"
            "— le lot n° 2 à la société Nuvio, pour un montant de 640 000 euros HT.")
    assert [(f["subject_name"], f["counterparty_name"], f["amount"], f["event_date"])
            for f in facts_of(text, dt.date(2026, 5, 20))] == [
        ("Calvane", "Rennes Métropole", 1874500.0, dt.date(2026, 2, 11)),
        ("Nuvio", "Rennes Métropole", 640000.0, dt.date(2026, 2, 11))]


@pytest.mark.parametrize("text, expected", [
    # a customer that uses, deploys or equips itself with the supplier's product
    ("Danone now uses Calvane's software in 12 plants.", [("contract", "Calvane", "Danone")]),
    ("Le groupe Danone utilise désormais le logiciel de Calvane dans 12 usines.", [("contract", "Calvane", "Danone")]),
    ("La SNCF s'équipe de la solution de Calvane pour ses gares.", [("contract", "Calvane", "SNCF")]),
    ("Calvane's software is now used by Danone in 12 plants.", [("contract", "Calvane", "Danone")]),
    ("Calvane uses Nvidia GPUs to train its models.", []),
    # a supplier that equips, supplies, deploys at, or lands a customer
    ("Calvane équipe désormais les 3 000 gares de la SNCF.", [("contract", "Calvane", "SNCF")]),
    ("Under the deal, Calvane will supply Tesco with demand forecasts.", [("contract", "Calvane", "Tesco")]),
    ("Calvane déploie sa plateforme chez Michelin.", [("contract", "Calvane", "Michelin")]),
    ("Calvane lands Unilever as a customer.", [("contract", "Calvane", "Unilever")]),
    ("Calvane won Best Startup at VivaTech.", []),
    ("Unilever is Calvane's largest customer.", [("contract", "Calvane", "Unilever")]),
    ("Calvane est attributaire du marché de la Ville de Lyon.", [("contract", "Calvane", "Ville de Lyon")]),
    ("Airbus renouvelle sa confiance à Calvane pour trois ans.", [("contract", "Calvane", "Airbus")]),
    # a customer that no longer works with the supplier, or whose contract was ended
    ("Renault ne fait plus appel à Calvane depuis janvier.", [("customer_loss", "Calvane", "Renault")]),
    ("Renault no longer uses Calvane.", [("customer_loss", "Calvane", "Renault")]),
    ("Calvane's contract with Renault was terminated in March.", [("customer_loss", "Calvane", "Renault")]),
    # "sa solution": the supplier of the deal just told with that customer
    ("Orange est cité partout. Orange, Orange, Orange. Nuvio perd Groupama. Depuis janvier, Groupama n'utilise plus "
     "sa solution.", [("customer_loss", "Nuvio", "Groupama"), ("customer_loss", "Nuvio", "Groupama")]),
])
def test_customers_that_use_and_stop_using(text, expected):
    assert [(f["fact_kind"], f["subject_name"], f["counterparty_name"]) for f in facts_of(text, dt.date(2026, 5, 20))
            if f["fact_kind"] != "funding_round"] == expected


@pytest.mark.parametrize("text", [
    # the company told of and the technology it builds on; a partnership ended is no customer's contract
    "Calvane utilise la technologie de Nvidia pour entraîner ses modèles.",
    "The partnership between Calvane and MIT was ended in 2024.",
])
def test_a_stack_or_a_partnership_ended_is_no_deal(text):
    assert facts_of(text, dt.date(2026, 5, 20)) == []


@pytest.mark.parametrize("text, expected", [
    ("Airbus has deployed Calvane's agents across its plants in Toulouse.", [("contract", "Calvane", "Airbus")]),
    ("Airbus a déployé les agents de Calvane dans ses usines.", [("contract", "Calvane", "Airbus")]),
    ("Airbus, Calvane's biggest customer, walked away in March.", [("customer_loss", "Calvane", "Airbus")]),
    ("Calvane confirmed that Airbus had not renewed its licence.", [("customer_loss", "Calvane", "Airbus")]),
])
def test_deployed_agents_walking_away_and_past_non_renewals(text, expected):
    assert [(f["fact_kind"], f["subject_name"], f["counterparty_name"])
            for f in facts_of(text, dt.date(2026, 5, 20))] == expected


@pytest.mark.parametrize("text, expected", [
    # a weekday between the verb and its preposition ("a mis fin jeudi à son contrat avec")
    ("L'enseigne d'électroménager Darty a mis fin jeudi à son contrat avec Calvane, au profit d'un concurrent.",
     [("customer_loss", "Calvane", "Darty")]),
    # "lui avait confié": the supplier told just before; a court is a public body
    ("Calvane connaît bien la justice : la Cour de cassation lui avait confié en 2025 un contrat de 900 000 euros.",
     [("contract", "Calvane", "Cour de cassation")]),
    # a contract from its customer, told as a noun: the company the document is about supplies it
    ("Calvane results\n\nCalvane grew fast. The award follows a $6.5 million contract from the Air Force Research "
     "Laboratory in 2024.", [("contract", "Calvane", "Air Force Research Laboratory")]),
    # ... unless a verb already told it, with its supplier
    ("Calvane results\n\nCalvane grew. Last month, Corvid also won a $6.2M contract from the U.S. Army.",
     [("contract", "Corvid", "U.S. Army")]),
])
def test_weekdays_inside_verbs_courts_and_contracts_told_as_nouns(text, expected):
    assert [(f["fact_kind"], f["subject_name"], f["counterparty_name"])
            for f in facts_of(text, dt.date(2026, 5, 20))] == expected


def test_a_job_title_before_two_capitalised_words_makes_a_person():
    spans = find_spans('"We want every blade looked at," chief executive Anika Solheim said.')
    assert [(s.text, s.kind) for s in spans] == [("Anika Solheim", "person")]


@pytest.mark.parametrize("text, expected", [
    # "a perdu ce client": the customer named before in the sentence; "France" opens names
    ("Calvane, qui fournissait un assistant aux adhérents de France Assureurs, a ainsi perdu ce client.",
     [("customer_loss", "Calvane", "France Assureurs")]),
    ("Calvane, which served Tesco for six years, lost this customer in March.", [("customer_loss", "Calvane", "Tesco")]),
    ("France Travail a choisi Calvane.", [("contract", "Calvane", "France Travail")]),
])
def test_a_customer_lost_told_by_a_demonstrative(text, expected):
    assert [(f["fact_kind"], f["subject_name"], f["counterparty_name"])
            for f in facts_of(text, dt.date(2026, 5, 20))] == expected


@pytest.mark.parametrize("text, expected", [
    # a customer that signed the company that speaks
    ("Calvane interview. Vous dirigez Calvane. Moët Hennessy nous a signé l'an dernier.",
     [("contract", "Calvane", "Moët Hennessy")]),
    # a framework awarded to two firms, the first described at length
    ("Le ministère de la Justice a lancé un appel d'offres. Le lot n° 2 a pris la forme d'un accord-cadre, notifié le "
     "2 octobre 2025 à Calvane, une société lyonnaise spécialisée dans le langage juridique, et à Capgemini.",
     [("contract", "Calvane", "ministère de la Justice"), ("contract", "Capgemini", "ministère de la Justice")]),
])
def test_customers_that_signed_us_and_frameworks_with_two_awardees(text, expected):
    assert [(f["fact_kind"], f["subject_name"], f["counterparty_name"])
            for f in facts_of(text, dt.date(2026, 5, 20))] == expected


@pytest.mark.parametrize("text, expected", [
    # "that it had signed": the pronoun is the main clause's subject, not the conference named before it
    ("Calvane, a Grenoble-based designer of chips, announced at AI Infra Europe that it had signed a five-year "
     "contract with Deutsche Telekom.", [("contract", "Calvane", "Deutsche Telekom")]),
    # the agent of an aside signs nothing
    ("Calvane lève 25 M€. La série A, menée par Cathay Innovation, s'accompagne de la signature d'un contrat "
     "pluriannuel avec Safran.", []),
])
def test_who_signs_after_that_it_and_beside_an_aside(text, expected):
    assert [(f["fact_kind"], f["subject_name"], f["counterparty_name"])
            for f in facts_of(text, dt.date(2026, 5, 20)) if f["fact_kind"] == "contract"] == expected


@pytest.mark.parametrize("text, expected", [
    ("Lumora développe des outils pour les radiologues. Elle a levé 5 millions d'euros auprès de Kima Ventures.",
     ("funding_round", "Lumora", None, ["Kima Ventures"])),
    ("Lumora développe des outils. Elle vient de lever 5 millions d'euros auprès de Kima Ventures.",
     ("funding_round", "Lumora", None, ["Kima Ventures"])),
    ("Brevik Labs makes robots for warehouses. It raised $12 million from Index Ventures last month.",
     ("funding_round", "Brevik Labs", None, ["Index Ventures"])),
    ("Brevik Labs makes robots. They signed a contract with Carrefour in June.",
     ("contract", "Brevik Labs", "Carrefour", None)),
    ("Quantiq conçoit des capteurs. Fondée en 2021, elle a décroché un contrat avec Airbus.",
     ("contract", "Quantiq", "Airbus", None)),
    # the pronoun of the founder quoted last: the firm the passage is about, not a place in her description
    ("Quartzelle a de quoi fêter la rentrée. La start-up a bouclé son amorçage. \"Nous voulions des investisseurs\", "
     "sourit Maëlle Guérin, la fondatrice, ancienne chercheuse à l'université de La Rochelle. Elle a signé en juin "
     "son premier contrat avec Carrefour.", ("contract", "Quartzelle", "Carrefour", None)),
])
def test_a_subject_pronoun_stands_for_the_firm_told_of_before(text, expected):
    assert expected in parties_of(text)


def test_a_pronoun_after_a_fund_alone_makes_no_round_of_the_fund():
    # "il" is the fund, which raises money to invest: no firm of the text is its antecedent
    facts = parties_of("Kima Ventures est un fonds parisien. Il a levé 200 millions d'euros l'an dernier.")
    assert not [f for f in facts if f[0] == "funding_round" and f[1] == "Kima Ventures"]


def test_a_committee_is_named_in_full():
    assert ("contract", "Quartzelle", "Comité régional de la conchyliculture", None) in parties_of(
        "Quartzelle a signé en juin son premier contrat avec le Comité régional de la conchyliculture (CRC) "
        "Poitou-Charentes, qui déploie ses sondes.")


def test_a_quotation_that_opens_a_headline_names_nobody():
    text = ('"Forecasting is a trust business": Loomwell\'s Priya Castellan on growth and the Series A\n\n'
            "Loomwell raised a Series A in March. We lost Boots last quarter.")
    assert ("customer_loss", "Loomwell", "Boots", None) in parties_of(text)
    assert not [f for f in parties_of(text) if f[1] == "Forecasting"]


@pytest.mark.parametrize("text, expected", [
    # an apposition without an article tells what the customer is, and whose: no second customer
    ("Trajectal signe un contrat avec Keolis Lyon, exploitant du réseau TCL.",
     [("contract", "Trajectal", "Keolis Lyon", None)]),
    # a list of investors joined by "ainsi que de" stays a list
    ("Lumora lève 5 M€ auprès de Kima Ventures, ainsi que de Bpifrance.",
     [("funding_round", "Lumora", None, ["Bpifrance", "Kima Ventures"])]),
])
def test_an_apposition_after_a_party_names_no_other_party(text, expected):
    assert parties_of(text) == expected


def test_a_subject_described_as_a_vendor_sells_even_when_the_document_is_about_its_customer():
    text = ("Lyon, le 8 juillet 2027 – Trajectal, spécialiste lyonnais de l'intelligence artificielle, annonce "
            "aujourd'hui la signature d'un contrat de cinq ans avec Keolis Lyon.\n\n"
            "Keolis Lyon exploite le réseau. Keolis Lyon emploie 4 800 salariés. Keolis Lyon assure 1,8 million de "
            "déplacements.")
    assert ("contract", "Trajectal", "Keolis Lyon", None) in parties_of(text)
    assert ("contract", "Keolis Lyon", "Trajectal", None) not in parties_of(text)


def test_the_subject_of_two_joined_verbs_is_the_clauses_first_name():
    # the name before "et" is the first verb's object
    assert parties_of("Carrefour tourne la page Velvane et confie sa logistique à Orvanta.") == \
        [("contract", "Orvanta", "Carrefour", None)]


def test_a_contract_not_renewed_then_a_new_supplier_in_a_second_clause():
    text = ("Velvane fournissait le moteur de recherche du site de Carrefour. Carrefour n'a pas renouvelé le contrat, "
            "arrivé à échéance le 30 avril, et s'appuie depuis le 1er mai sur les modèles d'Orvanta.")
    facts = parties_of(text)
    assert ("customer_loss", "Velvane", "Carrefour", None) in facts
    assert ("contract", "Orvanta", "Carrefour", None) in facts
    assert ("customer_loss", "Orvanta", "Carrefour", None) not in facts


def test_an_accelerators_graduate_is_the_company_and_the_accelerator_its_investor():
    text = ("Corvantis raised $310 million. Before that, the company was a Y Combinator graduate with a $4.5M seed "
            "round raised in 2024.")
    assert ("funding_round", "Corvantis", None, ["Y Combinator"]) in parties_of(text)
    assert not [f for f in parties_of(text) if f[1] == "Y Combinator"]


def test_a_school_is_not_the_start_up_and_investors_who_chipped_in_join_the_round():
    text = ("La start-up Orbelle équipe les conteneurs de capteurs. Sa fondatrice est passée par l'université "
            "Stanford.\n\n"
            "La jeune pousse a bouclé la semaine dernière un tour d'amorçage de 2 millions d'euros. Bpifrance, le fonds "
            "Alpes Ventures et des entrepreneurs du bassin ont mis la main à la poche.")
    assert ("funding_round", "Orbelle", None, ["Alpes Ventures", "Bpifrance"]) in parties_of(text)


@pytest.mark.parametrize("text, amount", [
    ("Trajectal annonce la signature d'un contrat de cinq ans avec Keolis Lyon. D'un montant de 4,6 millions "
     "d'euros, l'accord prévoit le déploiement de la plateforme.", 4.6e6),
    ("In June Kuehne+Nagel chose Loomwell for its sites in Europe. The contract is worth a little over €2 million.",
     2e6),
])
def test_the_value_of_a_contract_told_in_the_next_sentence(text, amount):
    contracts = [f for f in facts_of(text) if f["fact_kind"] == "contract"]
    assert len(contracts) == 1 and contracts[0]["amount"] == pytest.approx(amount)
