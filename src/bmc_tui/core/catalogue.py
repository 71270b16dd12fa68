"""The nine blocks of the Business Model Canvas, as data.

Everything that knows a block's name, number, place on the canvas or guiding text reads it
from here; no widget, exporter or rule spells a block out. The Danish text is the product's
canvas template (``shared/seed/business-model-canvas-da.txt``) kept word for word, with only
the PDF's artefacts mended (``modifi ceret`` → ``modificeret``, words hyphenated across lines
joined). The English text is ours, written to ask the same questions.

This module is headless: it imports nothing from Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

# Re-exported: the languages are defined below the catalogue (core.language), so the message
# catalogue can be keyed by them while the blocks word their refusals with it.
from bmc_tui.core.language import LANGUAGES as LANGUAGES
from bmc_tui.core.language import Language as Language
from bmc_tui.core.problems import Refusal

#: The canvas is ten equal columns wide; each top block spans two, each bottom block five.
GRID_COLUMNS = 10
#: Two rows of top blocks (full-height blocks span both) and one row for the bottom blocks.
GRID_ROWS = 3


class BlockId(StrEnum):
    """The stable id of a block: the key of its array of tables in a canvas file."""

    KEY_PARTNERS = "key_partners"
    KEY_ACTIVITIES = "key_activities"
    KEY_RESOURCES = "key_resources"
    VALUE_PROPOSITIONS = "value_propositions"
    CUSTOMER_RELATIONSHIPS = "customer_relationships"
    CHANNELS = "channels"
    CUSTOMER_SEGMENTS = "customer_segments"
    COST_STRUCTURE = "cost_structure"
    REVENUE_STREAMS = "revenue_streams"


@dataclass(frozen=True, slots=True)
class Text:
    """One piece of canvas text in each language the product speaks."""

    da: str
    en: str

    def __call__(self, language: Language) -> str:
        return self.da if language == "da" else self.en


@dataclass(frozen=True, slots=True)
class Category:
    """A kind the template lists for a block (a segment kind, a cost orientation, ...)."""

    id: str
    label: Text
    #: For a crowded pane, where the template's full wording does not fit.
    short: Text | None = None

    def short_label(self, language: Language) -> str:
        return (self.short or self.label)(language)


@dataclass(frozen=True, slots=True)
class GridPlace:
    """Where a block sits in the canonical ten-column, three-row canvas grid."""

    row: int
    column: int
    row_span: int
    column_span: int


@dataclass(frozen=True, slots=True)
class Block:
    """One block of the canvas and all the text that guides a user through it."""

    id: BlockId
    number: int
    title: Text
    #: Stays distinct in a pane 14 cells wide (five panes across an 80-column terminal).
    short_title: Text
    place: GridPlace
    #: What the block is about, where the template says so before its questions.
    intro: Text | None
    questions: tuple[Text, ...]
    #: The template's advice ("Overvej: ...", "Beskriv: ..."), paragraph by paragraph.
    hints: tuple[Text, ...]
    #: The heading the template gives its list of kinds ("Er de på:"), if any.
    categories_heading: Text | None
    categories: tuple[Category, ...]

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)

    def allows(self, category_id: str | None) -> bool:
        """Whether an item of this block may carry ``category_id``: no category, or one the
        block lists. The one rule the model, storage, editing and merging all ask."""
        return category_id is None or self.category(category_id) is not None

    def unknown_category(self, category_id: str) -> Refusal:
        """Why ``category_id`` is refused here, naming the categories the block knows: a
        ``Refusal``, raised by the model and said in either language by whoever shows it."""
        if not self.categories:
            return Refusal("problem-no-categories", category=repr(category_id), block=self.id.value)
        known = ", ".join(c.id for c in self.categories)
        return Refusal(
            "problem-unknown-category", category=repr(category_id), block=self.id.value, known=known
        )


BLOCKS: tuple[Block, ...] = (
    Block(
        id=BlockId.KEY_PARTNERS,
        number=1,
        title=Text("Nøglepartnere", "Key Partners"),
        short_title=Text("Partnere", "Partners"),
        place=GridPlace(row=0, column=0, row_span=2, column_span=2),
        intro=None,
        questions=(
            Text("Hvem er vores nøglepartnere?", "Who are our key partners?"),
            Text("Hvem er vores nøgleleverandører?", "Who are our key suppliers?"),
            Text(
                "Hvilke nøgleressourcer erhverver vi os fra partnere?",
                "Which key resources do we acquire from partners?",
            ),
            Text(
                "Hvilke nøgleaktiviteter udføres af partnere?",
                "Which key activities do partners perform?",
            ),
        ),
        hints=(
            Text(
                "Motivation for partnerskab: optimering af økonomi, reduktion af risiko og "
                "usikkerhed. Erhvervelse af særlige ressourcer og aktiviteter.",
                "Motivation for partnerships: optimisation and economy, reduction of risk and "
                "uncertainty. Acquisition of particular resources and activities.",
            ),
        ),
        categories_heading=Text("Motivation for partnerskab", "Motivation for partnership"),
        categories=(
            Category(
                "optimization",
                Text("Optimering af økonomi", "Optimisation and economy"),
                Text("Økonomi", "Economy"),
            ),
            Category(
                "risk_reduction",
                Text("Reduktion af risiko og usikkerhed", "Reduction of risk and uncertainty"),
                Text("Risiko", "Risk"),
            ),
            Category(
                "acquisition",
                Text(
                    "Erhvervelse af særlige ressourcer og aktiviteter",
                    "Acquisition of particular resources and activities",
                ),
                Text("Erhvervelse", "Acquisition"),
            ),
        ),
    ),
    Block(
        id=BlockId.KEY_ACTIVITIES,
        number=2,
        title=Text("Nøgleaktiviteter", "Key Activities"),
        short_title=Text("Aktiviteter", "Activities"),
        place=GridPlace(row=0, column=2, row_span=1, column_span=2),
        intro=Text(
            "De aktiviteter der er forudsætningen for at kunne levere værditilbuddet, samt "
            "distributionskanaler, kundepleje og fakturering.",
            "The activities the value proposition cannot be delivered without, along with "
            "distribution channels, customer care and invoicing.",
        ),
        questions=(),
        hints=(),
        categories_heading=None,
        categories=(
            Category("production", Text("Produktion", "Production")),
            Category("problem_solving", Text("Problemløsning", "Problem solving")),
            Category(
                "platform_network",
                Text("Platform / Netværk", "Platform / Network"),
                Text("Platform", "Platform"),
            ),
        ),
    ),
    Block(
        id=BlockId.KEY_RESOURCES,
        number=3,
        title=Text("Nøgleressourcer", "Key Resources"),
        short_title=Text("Ressourcer", "Resources"),
        place=GridPlace(row=1, column=2, row_span=1, column_span=2),
        intro=None,
        questions=(
            Text(
                "Hvilke ressourcer er nødvendige for at kunne tilbyde og levere vores værditilbud?",
                "Which resources do we need to offer and deliver our value proposition?",
            ),
            Text(
                "Samt vores distributionskanaler, kunderelationer og indtægtsskabende aktiviteter?",
                "And our distribution channels, customer relationships and revenue-generating "
                "activities?",
            ),
        ),
        hints=(),
        categories_heading=None,
        categories=(
            Category(
                "physical",
                Text("Fysiske, materielle", "Physical, material"),
                Text("Fysiske", "Physical"),
            ),
            Category(
                "intellectual",
                Text("Immaterielle", "Intellectual, intangible"),
                Text("Immaterielle", "Intellectual"),
            ),
            Category("human", Text("Menneskelige", "Human")),
            Category("financial", Text("Finansielle", "Financial")),
        ),
    ),
    Block(
        id=BlockId.VALUE_PROPOSITIONS,
        number=4,
        title=Text("Værditilbud (Produkt / Service)", "Value Propositions (Product / Service)"),
        short_title=Text("Værditilbud", "Value Props"),
        place=GridPlace(row=0, column=4, row_span=2, column_span=2),
        intro=Text(
            "Værditilbuddet forsøger at løse kundernes problemer og opfylde deres behov.",
            "The value proposition sets out to solve our customers' problems and meet their needs.",
        ),
        questions=(
            Text(
                "Hvilke værdier, produkter og services tilbyder vi vores kunder?",
                "Which values, products and services do we offer our customers?",
            ),
            Text(
                "Hvilket problem hjælper vi kunden med at løse?",
                "Which problem do we help the customer solve?",
            ),
            Text(
                "Hvilket behov tilfredsstiller vi for vores kunder?",
                "Which need do we satisfy for our customers?",
            ),
        ),
        hints=(
            Text(
                "Overvej: Hvilke produkter og services, du tilbyder din kunde, som enten løser "
                "en funktionel, social eller følelsesmæssig opgave, eller hjælper til at "
                "tilfredsstille basale behov?",
                "Consider: which of the products and services you offer your customer either "
                "get a functional, social or emotional job done, or help satisfy basic needs?",
            ),
            Text(
                "Produkter og tjenester kan enten være materielle (fx fremstillede varer, ansigt "
                "til ansigt kundeservice), digitale / virtuelle (fx downloads, online "
                "anbefalinger) eller immaterielle (fx ophavsrettigheder, kvalitetssikring).",
                "Products and services can be tangible (e.g. manufactured goods, face-to-face "
                "customer service), digital / virtual (e.g. downloads, online recommendations) "
                "or intangible (e.g. copyrights, quality assurance).",
            ),
        ),
        categories_heading=None,
        categories=(
            Category("tangible", Text("Materielle", "Tangible")),
            Category("digital", Text("Digitale / virtuelle", "Digital / virtual")),
            Category("intangible", Text("Immaterielle", "Intangible")),
        ),
    ),
    Block(
        id=BlockId.CUSTOMER_RELATIONSHIPS,
        number=5,
        title=Text("Kunderelationer", "Customer Relationships"),
        short_title=Text("Relationer", "Relations"),
        place=GridPlace(row=0, column=6, row_span=1, column_span=2),
        intro=Text(
            "Kunderelationer etableres og vedligeholdes indenfor ethvert kundesegment.",
            "Customer relationships are established and maintained with each customer segment.",
        ),
        questions=(
            Text(
                "Hvilken type forbindelse, relation, eller kontaktflade forventer vores "
                "forskellige kundesegmenter, at vi etablerer og vedligeholder.",
                "What type of connection, relationship or point of contact do each of our "
                "customer segments expect us to establish and maintain?",
            ),
        ),
        hints=(),
        categories_heading=None,
        categories=(
            Category("personal_assistance", Text("Personlig assistance", "Personal assistance")),
            Category("self_service", Text("Selvbetjening", "Self-service")),
            Category("automated_service", Text("Automatisk service", "Automated service")),
            Category(
                "communities",
                Text("Fællesskaber (on-line, fysisk)", "Communities (online, physical)"),
                Text("Fællesskaber", "Communities"),
            ),
            Category("co_creation", Text("Co-creation", "Co-creation")),
        ),
    ),
    Block(
        id=BlockId.CHANNELS,
        number=6,
        title=Text("Kanaler", "Channels"),
        short_title=Text("Kanaler", "Channels"),
        place=GridPlace(row=1, column=6, row_span=1, column_span=2),
        intro=Text(
            "Værditilbuddene leveres til kunderne gennem kommunikations-, distributions- og "
            "salgskanaler.",
            "Value propositions reach the customers through communication, distribution and "
            "sales channels.",
        ),
        questions=(
            Text(
                "Igennem hvilke kanaler ønsker vores kunder, at vi når dem?",
                "Through which channels do our customers want to be reached?",
            ),
            Text("Hvordan når vi dem i dag?", "How do we reach them today?"),
            Text("Hvordan er vores kanaler integreret?", "How are our channels integrated?"),
            Text("Hvilke kanaler fungerer bedst?", "Which channels work best?"),
            Text(
                "Hvilken kanal er den mest omkostningseffektive?",
                "Which channel is the most cost-efficient?",
            ),
            Text(
                "Hvordan integrerer vi bedst kanalerne med vores kunders rutiner?",
                "How do we best integrate the channels with our customers' routines?",
            ),
        ),
        hints=(),
        categories_heading=None,
        categories=(),
    ),
    Block(
        id=BlockId.CUSTOMER_SEGMENTS,
        number=7,
        title=Text("Kundesegmenter", "Customer Segments"),
        short_title=Text("Segmenter", "Segments"),
        place=GridPlace(row=0, column=8, row_span=2, column_span=2),
        intro=None,
        questions=(
            Text("Hvem skaber vi værdi for?", "For whom are we creating value?"),
            Text("Hvem er vores mest værdifulde kunder?", "Who are our most valuable customers?"),
        ),
        hints=(
            Text(
                "Beskriv: Hvad kunderne forsøger at få udført? Hvilke opgaver, problemer eller "
                "behov forsøger de at løse, eller få opfyldt?",
                "Describe: what are the customers trying to get done? Which jobs, problems or "
                "needs are they trying to solve or have met?",
            ),
            Text("Skitser en kundeprofil.", "Sketch a customer profile."),
        ),
        categories_heading=Text("Er de på:", "Are they a:"),
        categories=(
            Category("mass_market", Text("Massemarked", "Mass market")),
            Category("niche", Text("Niche", "Niche market")),
            Category("segmented", Text("Segmenteret", "Segmented")),
            # "Customized" is the Danish template's own word (glossed in Danish in brackets),
            # so it is the Danish label too, short and long: not a word left untranslated.
            Category(
                "customized",
                Text(
                    "Customized (modificeret, tilpasset til bestemt person eller opgave)",
                    "Customised (modified, tailored to a particular person or job)",
                ),
                Text("Customized", "Customised"),
            ),
        ),
    ),
    Block(
        id=BlockId.COST_STRUCTURE,
        number=8,
        title=Text("Omkostninger", "Cost Structure"),
        short_title=Text("Omkostninger", "Costs"),
        place=GridPlace(row=2, column=0, row_span=1, column_span=5),
        intro=None,
        questions=(
            Text(
                "Hvad er de vigtigste udgiftsposter i forretningsmodellen.",
                "What are the most important costs in the business model?",
            ),
            Text(
                "Hvilke nøgleressourcer er de dyreste?", "Which key resources are the most costly?"
            ),
            Text(
                "Hvilke nøgleaktiviteter er de dyreste?",
                "Which key activities are the most costly?",
            ),
        ),
        hints=(),
        categories_heading=Text(
            "Er forretningsmodellen baseret på pris (lav pris, maximal automation, outsourcing) "
            "- eller værdidreven (værdi skabelse og bedste værditilbud) ?",
            "Is the business model driven by cost (low price, maximum automation, outsourcing) "
            "- or by value (value creation and the best value proposition)?",
        ),
        categories=(
            Category(
                "cost_driven",
                Text(
                    "Pris (lav pris, maximal automation, outsourcing)",
                    "Cost-driven (low price, maximum automation, outsourcing)",
                ),
                Text("Pris", "Cost-driven"),
            ),
            Category(
                "value_driven",
                Text(
                    "Værdidreven (værdi skabelse og bedste værditilbud)",
                    "Value-driven (value creation and the best value proposition)",
                ),
                Text("Værdidreven", "Value-driven"),
            ),
        ),
    ),
    Block(
        id=BlockId.REVENUE_STREAMS,
        number=9,
        title=Text("Indtægter", "Revenue Streams"),
        short_title=Text("Indtægter", "Revenue"),
        place=GridPlace(row=2, column=5, row_span=1, column_span=5),
        intro=None,
        questions=(
            Text(
                "Hvor meget er kunden virkelig villig til at betale ?",
                "How much is the customer really willing to pay?",
            ),
            Text("Hvad betaler kunden i dag?", "What does the customer pay today?"),
            Text("Hvordan betales der?", "How do they pay?"),
            Text(
                "Hvordan ville kunden mon foretrække at betale?",
                "How would the customer prefer to pay?",
            ),
            Text(
                "Hvor meget bidrager hvert enkelt salg med til det samlede overskud?",
                "How much does each sale contribute to the overall profit?",
            ),
        ),
        hints=(),
        categories_heading=None,
        categories=(),
    ),
)

BLOCKS_BY_ID: dict[BlockId, Block] = {block.id: block for block in BLOCKS}
BLOCKS_BY_NUMBER: dict[int, Block] = {block.number: block for block in BLOCKS}

# --- issue 14: assumptions with a status ---------------------------------------------------


class StatusId(StrEnum):
    """How far an item has been tested: the value of ``status = "..."`` in a canvas file.

    An item starts as a guess (``untested``, the default, never written to the file); it is
    being tested, or the evidence (kept in its note) has validated or invalidated it.
    """

    UNTESTED = "untested"
    TESTING = "testing"
    VALIDATED = "validated"
    INVALIDATED = "invalidated"


@dataclass(frozen=True, slots=True)
class Status:
    """One status and everything that shows it: its words, its marker and its colour.

    The marker carries the meaning without colour (``NO_COLOR``, a monochrome terminal);
    ``ascii_marker`` stands in where the output cannot encode the marker (``LANG=C``).
    """

    id: StatusId
    #: The digit that chooses it in the editor's status dialog.
    number: int
    label: Text
    marker: str
    ascii_marker: str
    #: An ANSI colour name, for the editor and ``show``; a hex colour for the poster.
    colour: str
    hex_colour: str


#: Every status, in the order an assumption goes through them. The one list: the model, the
#: schema, the editor, ``show``, ``export``, ``diff``, ``check`` and the summary read it.
STATUSES: tuple[Status, ...] = (
    Status(StatusId.UNTESTED, 1, Text("utestet", "untested"), "?", "?", "bright_black", "#6b7280"),
    Status(StatusId.TESTING, 2, Text("under test", "testing"), "~", "~", "yellow", "#a16207"),
    Status(StatusId.VALIDATED, 3, Text("bekræftet", "validated"), "✓", "v", "green", "#15803d"),
    Status(StatusId.INVALIDATED, 4, Text("afkræftet", "invalidated"), "✗", "x", "red", "#b91c1c"),
)
STATUSES_BY_ID: dict[StatusId, Status] = {status.id: status for status in STATUSES}
#: What an item is until someone says otherwise; left out of the file.
DEFAULT_STATUS = StatusId.UNTESTED


#: Attribution the canvas asks for wherever it is shown or exported.
ATTRIBUTION = Text(
    "Business Model Canvas af Strategyzer AG (strategyzer.com), udgivet under CC BY-SA 3.0.",
    "Business Model Canvas by Strategyzer AG (strategyzer.com), licensed under CC BY-SA 3.0.",
)

CANVAS_PURPOSE = Text(
    "Business Model Canvas beskriver, hvordan en virksomhed skaber, leverer og fanger værdi, "
    "i ni byggeklodser på én side.",
    "The Business Model Canvas describes how an organisation creates, delivers and captures "
    "value, in nine building blocks on one page.",
)


def block(block_id: BlockId | str) -> Block:
    """The block with this id; raises ``KeyError`` for an unknown id."""
    return BLOCKS_BY_ID[BlockId(block_id)]
