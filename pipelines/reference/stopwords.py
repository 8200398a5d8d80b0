"""Capitalised words that are not organisation names.

Sentence-initial function words, months and days, job titles, people in
general ("Analysts", "Experts"), generic acronyms,
countries and a few famous product names: a capitalised run made
only of these is never taken for an organisation.
"""

NON_ORG_WORDS = frozenset("""
a an the this that these those it its he she they we i you his her their our my in on at for with from by of to
as and or but if so then also yet still while when where after before since until during over under about
however meanwhile moreover indeed thus today yesterday tomorrow now here there what who which why how all some
many most more less several other another each every both no not one two three first second last next new
le la les l un une des du de d ce cet cette ces il elle ils elles on nous vous je tu sa son ses leur leurs
notre nos votre vos mon ma mes en au aux dans pour par avec sans sous sur chez vers selon après avant depuis
pendant malgré entre parmi outre toujours quelques plusieurs certains certaines tous toutes tout toute
mais et ou donc or ni car puis ainsi alors enfin soit si quand lorsque comme dont où que qui quoi
toutefois cependant pourtant néanmoins désormais aujourd hier demain déjà encore aussi même
y ici là voici voilà oui non cela ceci ça celui celle ceux celles lequel laquelle
janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre décembre decembre
january february march april may june july august september october november december
janv févr avr juil sept oct nov déc jan feb mar apr jun jul aug sep dec
lundi mardi mercredi jeudi vendredi samedi dimanche monday tuesday wednesday thursday friday saturday sunday
pdg ceo cto cfo coo dg président présidente directeur directrice fondateur fondatrice cofondateur
founder cofounder co-founder chairman president director chief mr mrs ms m mme dr
ia ai api llm llms gpu gpus agi saas ia générative genai ml nlp ocr cloud data tech fintech
source sources photo image illustration lire voir read more share partager
chatgpt gemini claude llama gpt bard copilot grok sora dall-e midjourney-v bedrock
série series seed amorçage tour round
startups start-ups companies entreprises sociétés investors investisseurs fonds funds clients customers
announces announced raises raised secures secured lands closes signs wins acquires launches names taps inks
lève signe annonce décroche remporte
pme eti tpe sme smes startup hq ipo issue issu issus née fondée basée créée founded based
additionally finally meanwhile separately similarly notably currently recently initially previously ultimately
importantly earlier later overall instead still moreover furthermore nonetheless altogether likewise elsewhere
analysts analystes experts observers observateurs executives dirigeants officials responsables critics
awarded awards award won selected selects picked picks chosen contract contracts deal deals agreement agreements
alongside besides beyond despite following amid across against according within without through throughout
towards toward via unlike regarding concerning outre parallèlement hormis
act acts loi règlement directive safe bsa crm erp hr rh drh dsi rse b2b b2c kpi roi esg iot co2 ghg ht ttc
arr mrr ebitda capex opex iso gdpr rgpd s'agissant s’agissant
thousand million millions billion billions milliard milliards
c'est c’est ce-sont voici
""".split()) | frozenset()

# Number words: a name may hold them ("Ten Eleven Ventures", "Eight Roads"), but a run of number words and
# generic words only is a headline ("Ten AI deals this week"), not a name.
NUMBER_WORDS = frozenset("""
four five six seven eight nine ten eleven twelve twenty dozen deux trois quatre cinq sept huit neuf dix onze douze
vingt dizaine
""".split())

# Places and their adjectives: not names on their own, nor together ("North America", "New York"; "a large
# European insurer"), but they end names ("Bell Canada", "Crédit Agricole Ille-et-Vilaine").
PLACE_WORDS = frozenset("""
nord sud usa us uk ue eu europe france allemagne germany chine china inde india japon japan royaume-uni
états-unis etats-unis amérique america canada israël israel qatar émirats silicon valley washington
paris londres london new york san francisco californie california louisiane texas boston lyon berlin
jersey mexico delhi zealand orleans hampshire ohio virginia florida illinois massachusetts colorado arizona
oregon carolina chicago seattle austin denver atlanta toronto montréal montreal vancouver québec quebec
singapour singapore tokyo pékin beijing shanghai séoul seoul bangalore bengaluru dubaï dubai munich
amsterdam madrid barcelone barcelona milan rome stockholm zurich genève geneva bruxelles brussels lisbonne
lisbon marseille toulouse bordeaux nantes rennes grenoble strasbourg montpellier lille
asia africa oceania
european american french british german chinese japanese indian canadian israeli dutch swedish spanish italian
swiss belgian irish korean australian brazilian nordic européen européenne européens américain américaine
américains français française britannique allemand allemande chinois chinoise japonais japonaise canadien
canadienne
scotland écosse wales ireland irlande italy italie espagne spain portugal belgique belgium suisse switzerland
autriche austria pologne poland suède sweden norvège norway danemark denmark finlande finland pays-bas netherlands
brésil brazil australie australia corée korea russie russia ukraine turquie turkey maroc morocco égypte egypt
atlantique atlantic pacifique pacific méditerranée mediterranean manche baltique baltic arctique arctic
midlands highlands
""".split())
# Words that make regions of places ("North America", "Middle East", "Central Europe"), and begin names of firms
# too ("North Sails", "West Monroe"): a run made only of these and places is no name.
REGION_WORDS = frozenset("north south east west middle central latin".split())
