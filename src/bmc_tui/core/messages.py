"""Every sentence the product says to a person, in Danish and in English.

Code asks for a message by key (``say("saved", language, path=...)``) and never builds an
English sentence inline, so a Danish canvas gets a Danish interface and a test can prove
every message exists in both languages with the same placeholders. Kept as data in Python,
not gettext ``.po`` files: two languages, a catalogue that mypy and the tests read directly,
and no compile step in the build.
"""

from __future__ import annotations

from string import Formatter
from typing import Final

from bmc_tui.core.language import Language

#: The language names as each language writes its own.
LANGUAGE_NAMES: Final[dict[Language, str]] = {"da": "Dansk", "en": "English"}

#: key -> language -> text with ``{placeholders}`` (str.format syntax).
MESSAGES: Final[dict[str, dict[Language, str]]] = {
    # --- presentation and export (issue 12: one presentation, text that reads whole) ---
    "export-unknown-suffix": {
        "da": "kan ikke skrive {suffix}-filer; export skriver {formats} (eller angiv --format)",
        "en": "cannot write {suffix} files; export writes {formats} (or give --format)",
    },
    # --- one language: dialogs, notices, marks, lint and the command line (issue 12) -------
    # The dialogs' titles, fields and hints.
    "dialog-tags-placeholder": {"da": "fx familier engros", "en": "e.g. families wholesale"},
    "dialog-tags-known": {"da": "På lærredet: {tags}", "en": "In this canvas: {tags}"},
    "dialog-tags-none-yet": {"da": "ingen endnu", "en": "none yet"},
    "dialog-tags-segment-hint": {
        "da": "Et tag, som et kundesegment har, knytter punktet til det segment.",
        "en": "A tag that a customer segment carries links the item to that segment.",
    },
    "dialog-note-title": {"da": "Note til: {item}", "en": "Note for: {item}"},
    "dialog-note-help": {
        "da": "ctrl+s gemmer noten · ctrl+a vælger alt · escape annullerer",
        "en": "ctrl+s keeps the note · ctrl+a selects all · escape cancels",
    },
    "dialog-header-title": {"da": "Lærredets oplysninger", "en": "Canvas header"},
    "dialog-header-title-field": {"da": "Titel", "en": "Title"},
    "dialog-header-designed-for": {"da": "Designet til", "en": "Designed for"},
    "dialog-header-designed-by": {"da": "Designet af", "en": "Designed by"},
    "dialog-header-date": {"da": "Dato (ÅÅÅÅ-MM-DD)", "en": "Date (YYYY-MM-DD)"},
    "dialog-header-version": {"da": "Version", "en": "Version"},
    "dialog-header-language": {"da": "Sprog", "en": "Language"},
    "dialog-header-description": {"da": "Beskrivelse", "en": "Description"},
    "dialog-header-help": {
        "da": "tab skifter felt · ctrl+s gemmer · escape annullerer",
        "en": "tab moves between fields · ctrl+s keeps · escape cancels",
    },
    "dialog-header-date-problem": {"da": "Dato", "en": "Date"},
    "dialog-header-problem": {"da": "Lærredets oplysninger", "en": "Header"},
    "dialog-prompt-empty": {
        "da": "Skriv noget, eller tryk escape for at annullere",
        "en": "Type something, or escape to cancel",
    },
    "dialog-open-title": {"da": "Åbn lærred", "en": "Open canvas"},
    "dialog-open-none": {
        "da": "Ingen .toml-filer her eller i canvases/.",
        "en": "No .toml files here or in canvases/.",
    },
    "dialog-open-help": {
        "da": "enter åbner · escape annullerer",
        "en": "enter opens · escape cancels",
    },
    "dialog-compare-title": {
        "da": "Sammenlign med en git-revision",
        "en": "Compare with git revision",
    },
    "dialog-compare-help": {
        "da": "en commit, en gren eller et tag · enter sammenligner · escape annullerer",
        "en": "a commit, branch or tag · enter compares · escape cancels",
    },
    # Notices on the canvas.
    "notice-item-deleted": {
        "da": "Punktet er slettet — u fortryder",
        "en": "Item deleted — u to undo",
    },
    "notice-no-categories": {
        "da": "{block} har ingen kategorier",
        "en": "{block} has no categories",
    },
    "notice-not-changed": {"da": "Ikke ændret", "en": "Not changed"},
    "notice-compare-needs-file": {
        "da": "Gem lærredet i et git-repository for at sammenligne det",
        "en": "Save the canvas in a git repository to compare it",
    },
    "notice-revision-unreadable": {
        "da": "{revision} kan ikke læses",
        "en": "{revision} is unreadable",
    },
    "notice-exported": {"da": "Eksporteret til {path}", "en": "Exported {path}"},
    "notice-not-exported": {"da": "Ikke eksporteret", "en": "Not exported"},
    "editor-no-terminal": {
        "da": "Denne terminal kan ikke overlade skærmen til $EDITOR (n skriver her)",
        "en": "This terminal cannot hand over to $EDITOR (n edits here)",
    },
    "editor-cannot-run": {
        "da": "Kunne ikke køre {command}: {error}",
        "en": "Could not run {command}: {error}",
    },
    "editor-exit-status": {
        "da": "{command} sluttede med {status}; noten er uændret",
        "en": "{command} exited with {status}; note unchanged",
    },
    "editor-cannot-read": {
        "da": "Kunne ikke læse den redigerede note: {error}",
        "en": "Could not read the edited note: {error}",
    },
    # Marks on the canvas (core/annotations.py).
    "mark-new": {"da": "ny", "en": "new"},
    "mark-moved-from": {"da": "fra {block}", "en": "from {block}"},
    "mark-reordered": {"da": "flyttet i blokken", "en": "reordered"},
    "marks-changes-since": {
        "da": "Ændringer siden {against}: {summary}",
        "en": "Changes since {against}: {summary}",
    },
    "marks-header-fields": {"da": "; oplysninger: {fields}", "en": "; header: {fields}"},
    "marks-check-none": {"da": "Tjek: intet fundet", "en": "Check: no findings"},
    "marks-check-one": {"da": "Tjek: 1 fund — {findings}", "en": "Check: 1 finding — {findings}"},
    "marks-check-many": {
        "da": "Tjek: {count} fund — {findings}",
        "en": "Check: {count} findings — {findings}",
    },
    # Lint findings (core/lint.py): "lint-<rule id>" says a finding, "lint-rule-<rule id>" what
    # the rule looks for. {block} is the block's title in the reader's language.
    "lint-empty-block": {"da": "{block} har ingen punkter", "en": "{block} has no items"},
    "lint-duplicate-item": {
        "da": "{text} står allerede i {block} (punkt {first})",
        "en": "{text} is already in {block} (item {first})",
    },
    "lint-unresolved-conflict": {
        "da": "{text} er stadig mærket {tag} fra en fletning: behold én udgave og fjern tagget",
        "en": "{text} is still tagged {tag} from a merge: keep one version and remove the tag",
    },
    "lint-unknown-segment-tag": {
        "da": "{text} har tags {tags}, men intet kundesegment har nogen af dem "
        "(segmenternes tags: {segments})",
        "en": "{text} is tagged {tags}, but no customer segment carries any of these "
        "(segment tags: {segments})",
    },
    "lint-unserved-segment-untagged": {
        "da": "segmentet {text} har intet tag, så intet værditilbud kan nævne det",
        "en": "segment {text} has no tag, so no value proposition can name it",
    },
    "lint-unserved-segment": {
        "da": "segmentet {text}: intet værditilbud har dets tag ({tags})",
        "en": "segment {text}: no value proposition carries its tag ({tags})",
    },
    "lint-unpaid-segment-untagged": {
        "da": "segmentet {text} har intet tag, så ingen indtægt kan nævne det",
        "en": "segment {text} has no tag, so no revenue stream can name it",
    },
    "lint-unpaid-segment": {
        "da": "segmentet {text}: ingen indtægt har dets tag ({tags})",
        "en": "segment {text}: no revenue stream carries its tag ({tags})",
    },
    "lint-revenue-without-segment": {
        "da": "indtægten {text} har intet segment-tag, så intet segment betaler den",
        "en": "revenue stream {text} carries no segment tag, so no segment pays it",
    },
    "lint-rule-empty-block": {
        "da": "En blok har endnu ingen punkter.",
        "en": "A block has no items yet.",
    },
    "lint-rule-duplicate-item": {
        "da": "To punkter i samme blok har samme tekst (uden hensyn til store bogstaver og "
        "mellemrum).",
        "en": "Two items in one block have the same text (ignoring case and spacing).",
    },
    "lint-rule-unresolved-conflict": {
        "da": "Et punkt er stadig mærket {tag} af en fletning (bmc-tui merge beholder begge "
        "udgaver).",
        "en": "An item still tagged {tag} by a merge (bmc-tui merge keeps both versions).",
    },
    "lint-rule-unknown-segment-tag": {
        "da": "Et værditilbud, en kanal, en kunderelation eller en indtægt har tags, men ingen "
        "af dem er et kundesegments tag.",
        "en": "A value proposition, channel, customer relationship or revenue stream has tags, "
        "but none is a customer segment's tag.",
    },
    "lint-rule-unserved-segment": {
        "da": "Et kundesegment, hvis tag intet værditilbud har.",
        "en": "A customer segment whose tag no value proposition carries.",
    },
    "lint-rule-unpaid-segment": {
        "da": "Et kundesegment, hvis tag ingen indtægt har (fint for en gratis side af en "
        "platform: slå reglen fra dér).",
        "en": "A customer segment whose tag no revenue stream carries (fine for a free side of "
        "a platform: disable it there).",
    },
    "lint-rule-revenue-without-segment": {
        "da": "En indtægt uden tag, så den nævner intet betalende segment.",
        "en": "A revenue stream with no tag, so it names no paying segment.",
    },
    # The command line's own lines (cli.py).
    "cli-needs-terminal": {
        "da": "editoren skal bruge en terminal; en enkel visning får du med: bmc-tui show FIL",
        "en": "the editor needs a terminal; for a plain view use: bmc-tui show FILE",
    },
    "cli-exists": {
        "da": "{path}: findes allerede; overskriver den ikke",
        "en": "{path}: already exists; not overwriting it",
    },
    "cli-wrote": {"da": "Skrev {path}", "en": "Wrote {path}"},
    "cli-valid": {"da": "{path}: ok ({count} punkter)", "en": "{path}: ok ({count} items)"},
    "cli-would-reformat": {
        "da": "{path}: ville blive omformateret",
        "en": "{path}: would reformat",
    },
    "cli-reformatted": {"da": "{path}: omformateret", "en": "{path}: reformatted"},
    "cli-diff-textconv-args": {
        "da": "diff --textconv tager præcis én FIL og ingen --rev",
        "en": "diff --textconv takes exactly one FILE and no --rev",
    },
    "cli-diff-rev-args": {
        "da": "diff --rev tager præcis én FIL",
        "en": "diff --rev takes exactly one FILE",
    },
    "cli-diff-args": {
        "da": "diff tager GAMMEL og NY, eller én FIL med --rev",
        "en": "diff takes OLD and NEW, or one FILE with --rev",
    },
    "cli-conflict": {"da": "{label}: konflikt: {conflict}", "en": "{label}: conflict: {conflict}"},
    "cli-check-needs-file": {
        "da": "check skal have mindst én FIL (eller --list-rules)",
        "en": "check needs at least one FILE (or --list-rules)",
    },
    "cli-unknown-rule": {
        "da": "--disable: ukendt regel {rule} (se bmc-tui check --list-rules)",
        "en": "--disable: unknown rule {rule} (see bmc-tui check --list-rules)",
    },
    # The core's errors about a canvas file (storage.py), in the command line's language.
    "file-too-big": {
        "da": "er over {limit} bytes; en canvas-fil er højst det",
        "en": "is more than {limit} bytes; a canvas file is at most that",
    },
    "file-size": {
        "da": "er {size} bytes; en canvas-fil er højst {limit}",
        "en": "is {size} bytes; a canvas file is at most {limit}",
    },
    "file-missing": {"da": "filen findes ikke", "en": "no such file"},
    "file-permission": {"da": "adgang nægtet", "en": "permission denied"},
    "file-binary": {
        "da": "er en binær fil, ikke et TOML-lærred",
        "en": "is a binary file, not a TOML canvas",
    },
    "file-not-utf8": {"da": "er ikke UTF-8-tekst", "en": "is not UTF-8 text"},
    "file-invalid-toml": {"da": "ugyldig TOML: {message}", "en": "invalid TOML: {message}"},
    "file-toml-too-deep": {
        "da": "ugyldig TOML: for dybt indlejret",
        "en": "invalid TOML: nested too deeply",
    },
    "file-newer-format": {
        "da": "format_version {version} er nyere end denne bmc-tui kan læse ({known}); "
        "opgradér bmc-tui for at åbne den",
        "en": "format_version {version} is newer than this bmc-tui reads ({known}); "
        "upgrade bmc-tui to open it",
    },
    "file-unknown-field": {"da": "ukendt felt", "en": "unknown field"},
    "file-unknown-table": {"da": "ukendt blok eller tabel", "en": "unknown block or table"},
    # Each command's help in `bmc-tui COMMAND --help`: its first paragraph is the command's
    # one-line summary in `bmc-tui --help`.
    "cli-help-open": {
        "da": "Åbn FIL i editoren (standardkommandoen).",
        "en": "Open FILE in the editor (the default command).",
    },
    "cli-help-new": {
        "da": "Skriv et nyt, tomt lærred til FIL.\n\n"
        'Aldrig over en fil, der findes. FIL får ".toml" tilføjet, medmindre navnet '
        'allerede ender sådan, som editorens "gem som" gør.',
        "en": "Write a new, empty canvas to FILE.\n\n"
        'Never over an existing file. FILE gets ".toml" added unless it ends so, as the '
        'editor\'s "save as" does.',
    },
    "cli-help-validate": {
        "da": "Kontrollér, at hver FIL er et gyldigt lærred.\n\n"
        "Hvert problem er en linje FIL:LINJE:KOLONNE. Slutkode 0, når alle filer er "
        "gyldige, 1, når en af dem ikke er.",
        "en": "Check that each FILE is a valid canvas.\n\n"
        "Each problem is a FILE:LINE:COL line. Exit 0 when every file is valid, 1 when "
        "any is not.",
    },
    "cli-help-fmt": {
        "da": "Skriv hver FIL om i kanonisk form.\n\n"
        "Id'er tildeles, og rækkefølgen lægges fast, som en kodeformatter gør. En "
        "skrivebeskyttet FIL meldes og skrives ikke om, medmindre --force er givet.",
        "en": "Rewrite each FILE in canonical form.\n\n"
        "Ids are assigned and the order is fixed, as a code formatter does. A read-only "
        "FILE is reported, not rewritten, unless --force is given.",
    },
    "cli-help-schema": {
        "da": "Udskriv JSON-skemaet for canvas-filer.",
        "en": "Print the JSON Schema of the canvas file format.",
    },
    "cli-help-diff": {
        "da": "Vis, hvad der er ændret mellem to lærreder.\n\n"
        "Punkt for punkt: GAMMEL NY, eller FIL --rev REV. Slutkode 0, når lærrederne er "
        "ens, 1, når de er forskellige, 2 ved en fejl.",
        "en": "Show what changed between two canvases.\n\n"
        "Item by item: OLD NEW, or FILE --rev REV. Exit 0 when the canvases are the same, "
        "1 when they differ, 2 on an error.",
    },
    "cli-help-show": {
        "da": "Vis FIL som lærredets ni blokke.\n\n"
        "Under 80 kolonner står blokkene under hinanden. I farver i en terminal; ren "
        "tekst, når uddata sendes videre, eller når NO_COLOR er sat. Med --summary i stedet "
        "en ren tabel: for hver blok, hvor mange punkter der har hver status (utestet, "
        "under test, bekræftet, afkræftet).",
        "en": "Print FILE as the nine-block canvas grid.\n\n"
        "Blocks are stacked below 80 columns. Coloured on a terminal; plain text when "
        "piped or when NO_COLOR is set. With --summary, a plain table instead: per block, "
        "how many items are in each status (untested, testing, validated, invalidated).",
    },
    "cli-help-export": {
        "da": "Eksportér FIL som Markdown, HTML, JSON eller SVG.\n\n"
        "Markdown, en selvstændig A4-plakat i HTML, JSON eller et SVG-billede af "
        "lærredet.",
        "en": "Export FILE as Markdown, HTML, JSON or SVG.\n\n"
        "Markdown, a self-contained A4 HTML poster, JSON, or an SVG picture of the grid.",
    },
    "cli-help-merge": {
        "da": "Flet to ændrede lærreder punkt for punkt.\n\n"
        "DERES flettes ind i VORES, begge ændret fra BASIS; gits merge-driver. En "
        "konflikt beholder begge udgaver, tagget `conflict` med en note, der siger, "
        "hvilken der er hvilken. Slutkode 0, når fletningen gik rent, 1, når der blev "
        "konflikter tilbage (en linje for hver), 2 ved en fejl, og så skrives intet.",
        "en": "Merge two changed canvases item by item.\n\n"
        "THEIRS is merged into OURS, both changed from BASE; git's merge driver. "
        "Conflicts keep both versions, tagged `conflict` with a note saying which is "
        "which. Exit 0 when clean, 1 when conflicts were left (one line each), 2 on an "
        "error, in which case nothing is written.",
    },
    "cli-help-check": {
        "da": "Tjek hvert lærred for, hvad det kan mangle.\n\n"
        "Hvert fund er en linje `FIL:LINJE:KOLONNE: regel-id besked`. Et lærred kan selv "
        "slå regler fra med `lint_disable = [...]` i sin [canvas]-tabel. Slutkode 0, når "
        "intet er fundet, 1 ved fund, 2, når en fil ikke kan læses.",
        "en": "Lint each canvas FILE for what it may miss.\n\n"
        "Each finding is a `FILE:LINE:COL: rule-id message` line. A canvas can switch "
        "rules off itself with `lint_disable = [...]` in its [canvas] table. Exit 0 when "
        "clean, 1 on findings, 2 when a file cannot be read.",
    },
    "cli-help-init": {
        "da": "Gør dette git-repository klar til lærreder.\n\n"
        "Én gang pr. klon; det er sikkert at køre den igen. Git sammenligner og fletter "
        "lærreder punkt for punkt (`MØNSTER diff=bmc merge=bmc` i .gitattributes, "
        "driverne i repositoryets egen git-konfiguration); låsefiler holdes uden for git "
        "(.gitignore); canvas.schema.json og en regel i .taplo.toml lader TOML-editorer "
        "(Taplo, Even Better TOML) tjekke lærreder og formatere dem, som bmc-tui gør. "
        "Filer, der findes, får tilføjet, men erstattes aldrig. Commit filerne; alle, der "
        "kloner, kører `bmc-tui init` for konfigurationens skyld. Slutkode 1, når en "
        "regel i .taplo.toml, som brugeren selv har skrevet, er i vejen.",
        "en": "Set up this git repository for canvases.\n\n"
        "Once per clone; safe to run again. Git diffs and merges canvases item by item "
        "(`PATTERN diff=bmc merge=bmc` in .gitattributes, the drivers in the repository's "
        "own git config); lock files stay out of git (.gitignore); canvas.schema.json and "
        "a .taplo.toml rule let TOML editors (Taplo, Even Better TOML) check canvases and "
        "format them as bmc-tui does. Existing files are added to, never replaced. Commit "
        "the files; everyone who clones runs `bmc-tui init` for the config. Exit 1 when a "
        ".taplo.toml rule of the user's own is in the way.",
    },
    "cli-help-git-setup": {
        "da": "Det gamle navn for `init`; gør præcis det samme.",
        "en": "The old name of `init`; does exactly the same.",
    },
    "cli-help-recover": {
        "da": "Vis eller gendan lærreder, der aldrig blev gemt.\n\n"
        "Lærreder, hvis editor forsvandt, før de blev gemt. `bmc-tui recover` viser dem, "
        "nyeste først; `bmc-tui recover N -o FIL` skriver nummer N til FIL som et "
        "almindeligt lærred og fjerner dets gendannelsesfil. Aldrig over en FIL, der "
        "findes, uden --force.",
        "en": "List or restore canvases never saved.\n\n"
        "Canvases whose editor has gone before they were saved. `bmc-tui recover` lists "
        "them, newest first; `bmc-tui recover N -o FILE` writes number N to FILE as an "
        "ordinary canvas and removes its recovery file. Never over an existing FILE "
        "without --force.",
    },
    "cli-help-main": {
        "da": "Tænk en forretning igennem på et Business Model Canvas, i terminalen.\n\n"
        "Kør `bmc-tui FIL` for at åbne et lærred i editoren (et nyt, hvis FIL ikke findes "
        "endnu), eller `bmc-tui` for et nyt lærred uden navn. De andre kommandoer virker uden "
        "editoren. Sproget følger BMC_TUI_LANG (da eller en), ellers din locale.",
        "en": "Think through a business on a Business Model Canvas, in the terminal.\n\n"
        "Run `bmc-tui FILE` to open a canvas in the editor (a new one if FILE does not exist "
        "yet), or `bmc-tui` for a new untitled canvas. The other commands work without the "
        "editor. The language follows BMC_TUI_LANG (da or en), else your locale.",
    },
    # bmc-tui diff and the editor's "show differences" (core/diffing.py; not --textconv).
    "diff-count-added": {"da": "{count} tilføjet", "en": "{count} added"},
    "diff-count-removed": {"da": "{count} fjernet", "en": "{count} removed"},
    "diff-count-edited": {"da": "{count} rettet", "en": "{count} edited"},
    "diff-count-moved": {"da": "{count} flyttet", "en": "{count} moved"},
    "diff-count-reordered": {"da": "{count} ny rækkefølge", "en": "{count} reordered"},
    "diff-header-field": {
        "da": "{count} felt i oplysningerne ændret",
        "en": "{count} header field changed",
    },
    "diff-header-fields": {
        "da": "{count} felter i oplysningerne ændret",
        "en": "{count} header fields changed",
    },
    "diff-no-changes": {"da": "ingen ændringer", "en": "no changes"},
    "diff-none": {"da": "(ingen)", "en": "(none)"},
    "diff-field-reordered": {
        "da": "{field} i ny rækkefølge: {value}",
        "en": "{field} reordered: {value}",
    },
    "diff-field-added": {"da": "{field} tilføjet", "en": "{field} added"},
    "diff-field-removed": {"da": "{field} fjernet", "en": "{field} removed"},
    "diff-field-changed": {"da": "{field} ændret", "en": "{field} changed"},
    "diff-moved-from": {"da": "flyttet fra {block}", "en": "moved from {block}"},
    "diff-reordered-position": {
        "da": "ny plads: {old} → {new}",
        "en": "reordered: position {old} → {new}",
    },
    "diff-canvas-header": {"da": "Lærredets oplysninger", "en": "Canvas header"},
    "diff-markdown-title": {
        "da": "Ændringer i lærredet: {old} → {new}",
        "en": "Canvas changes: {old} → {new}",
    },
    "diff-kind-added": {"da": "Tilføjet", "en": "Added"},
    "diff-kind-removed": {"da": "Fjernet", "en": "Removed"},
    "diff-kind-changed": {"da": "Ændret", "en": "Changed"},
    # The options' help in `bmc-tui COMMAND --help`.
    "cli-option-open-lang": {
        "da": "Sproget i et nyt lærred (standard: $BMC_TUI_LANG, ellers din locale).",
        "en": "Language of a new canvas (default: $BMC_TUI_LANG, else the locale).",
    },
    "cli-option-open-ui-lang": {
        "da": "Sproget i editorens taster, hjælp og beskeder (standard: $BMC_TUI_LANG, ellers "
        "lærredets eget).",
        "en": "Language of the editor's keys, help and messages (default: $BMC_TUI_LANG, else "
        "the canvas's own).",
    },
    "cli-option-new-title": {
        "da": "Lærredets titel.",
        "en": "The canvas title.",
    },
    "cli-option-new-lang": {
        "da": "Lærredets sprog (standard: $BMC_TUI_LANG, ellers din locale).",
        "en": "The canvas language (default: $BMC_TUI_LANG, else the locale).",
    },
    "cli-option-validate-quiet": {
        "da": "Vis kun problemer, ikke de filer, der er i orden.",
        "en": "Print problems only, not the files that pass.",
    },
    "cli-option-fmt-check": {
        "da": "Ændr intet; afslut med 1, hvis en fil ville blive ændret.",
        "en": "Change nothing; exit 1 if a file would change.",
    },
    "cli-option-fmt-force": {
        "da": "Skriv også skrivebeskyttede filer om.",
        "en": "Rewrite read-only files too.",
    },
    "cli-option-diff-rev": {
        "da": "Sammenlign FIL ved git-revision REV med arbejdskopien, eller ved A med B.",
        "en": "Compare FILE at git revision REV with the work tree, or at A with B.",
    },
    "cli-option-diff-format": {
        "da": "Tekst til terminalen, Markdown eller JSON (standard: text).",
        "en": "Terminal text, Markdown or JSON (default: text).",
    },
    "cli-option-diff-textconv": {
        "da": "Skriv én canvas-FIL som enkle linjer (gits diff.bmc.textconv bruger det).",
        "en": "Print one canvas FILE as plain lines (git's diff.bmc.textconv uses this).",
    },
    "cli-option-show-width": {
        "da": "Antal kolonner (standard: terminalens bredde; 80 i et rør).",
        "en": "Columns to fit (default: the terminal's width; 80 when piped).",
    },
    "cli-option-titles-lang": {
        "da": "Sproget i titlerne (standard: lærredets).",
        "en": "Language of titles (default: the canvas's).",
    },
    "cli-option-export-format": {
        "da": "Markdown, en A4-plakat i HTML til udskrift, JSON eller et SVG-billede af "
        "lærredet (standard: endelsen på UDFIL, ellers md).",
        "en": "Markdown, a printable A4 HTML poster, JSON, or an SVG picture of the grid "
        "(default: OUT's suffix, else md).",
    },
    "cli-option-export-output": {
        "da": "Skriv til UDFIL i stedet for stdout (en enhed, FIFO eller socket afvises).",
        "en": "Write to OUT, not stdout (a device, FIFO or socket is refused).",
    },
    "cli-option-merge-output": {
        "da": "Hvor der skrives (standard: VORES).",
        "en": "Where to write (default: OURS).",
    },
    "cli-option-merge-name": {
        "da": "Filens navn i beskederne (git giver %P).",
        "en": "The file's name in messages (git passes %P).",
    },
    "cli-option-check-disable": {
        "da": "Spring REGEL over (kan gentages).",
        "en": "Skip RULE (repeatable).",
    },
    "cli-option-check-list-rules": {
        "da": "Vis reglerne og hvad hver af dem leder efter.",
        "en": "List the rules and what each looks for.",
    },
    "cli-option-init-pattern": {
        "da": "Hvilke filer der er lærreder, som et .gitattributes-mønster (fx '*.canvas.toml'; "
        "standard: {default}).",
        "en": "Which files are canvases, as a .gitattributes pattern (e.g. '*.canvas.toml'; "
        "default: {default}).",
    },
    "cli-option-init-dry-run": {
        "da": "Fortæl, hvad der ville blive ændret; skriv intet.",
        "en": "Say what would change; write nothing.",
    },
    "cli-option-recover-output": {
        "da": "Filen, lærredet skrives til.",
        "en": "The file to write the canvas to.",
    },
    "cli-option-recover-force": {
        "da": "Overskriv FIL, hvis den findes.",
        "en": "Overwrite FILE if it exists.",
    },
    "cli-option-recover-lang": {
        "da": "Sproget i beskederne (standard: $BMC_TUI_LANG, ellers din locale).",
        "en": "Language of the messages (default: $BMC_TUI_LANG, else the locale).",
    },
    # --- files: odd names, special files, permissions (issue 11) ---------------------------
    "not-a-regular-file-to-read": {
        "da": "er ikke en almindelig fil (men en enhed, FIFO eller socket); læser den ikke",
        "en": "is not a regular file (a device, FIFO or socket); not reading it",
    },
    "not-a-regular-file-to-write": {
        "da": "er ikke en almindelig fil (men en enhed, FIFO eller socket); skriver ikke til den",
        "en": "is not a regular file (a device, FIFO or socket); not writing to it",
    },
    "read-only-file": {
        "da": "er skrivebeskyttet (tilstand {mode}); omskriver den ikke",
        "en": "is read-only (mode {mode}); not rewriting it",
    },
    "merge-not-a-canvas": {
        "da": "er ikke et lærred; flettet linje for linje som git fletter tekst (se mærkerne)",
        "en": "is not a canvas; merged line by line as git merges text (see the marks)",
    },
    "git-pattern-comment": {
        "da": "{pattern}: et mønster, der begynder med # eller !, er en kommentar eller en "
        "negation i .gitattributes og rammer ingen filer",
        "en": "{pattern}: a pattern starting with # or ! is a comment or a negation in "
        ".gitattributes and matches no file",
    },
    "git-pattern-too-wide": {
        "da": "advarsel: {pattern} rammer også {files}, som ikke er lærreder; de flettes linje "
        "for linje, men et smallere mønster (fx canvases/**/*.toml) er bedre",
        "en": "warning: {pattern} also catches {files}, which are not canvases; they are "
        "merged line by line, but a narrower pattern (e.g. canvases/**/*.toml) is better",
    },
    "merge-beyond-a-canvas": {
        "da": "kan ikke flettes punkt for punkt ({reason}); begge versioner står i filen "
        "mellem gits mærker",
        "en": "cannot be merged item by item ({reason}); both versions are in the file "
        "between git's marks",
    },
    # --- the interface language: keys, help, palette, chrome, validation (issue 12) --------
    # Every key's name (the key bar, the palette) and, where it has one, its longer help
    # sentence: "key-<keymap id>" and "keyhelp-<keymap id>".
    # Lower case, as Textual names its own palette key in the bar.
    "key-command-palette": {"da": "kommandoer", "en": "palette"},
    "keyhelp-command-palette": {
        "da": "Kommandopaletten: alle handlinger, gå til blok, eksport, sprog, tema",
        "en": "Command palette: every action, go to block, export, language, theme",
    },
    "key-app-quit": {"da": "Afslut", "en": "Quit"},
    "keyhelp-app-quit": {
        "da": "Afslut (spørger, om ændringerne skal gemmes)",
        "en": "Quit (asks Save / Discard / Cancel when modified)",
    },
    "key-go-to-block": {"da": "Gå til blok", "en": "Go to block"},
    "keyhelp-go-to-block": {
        "da": "Gå til blok 1–9 (numrene som på lærredet)",
        "en": "Go to block 1–9 (numbers as on the canvas)",
    },
    "key-next-block": {"da": "Næste blok", "en": "Next block"},
    "keyhelp-next-block": {"da": "Næste blok, i nummerorden", "en": "Next block, in number order"},
    "key-previous-block": {"da": "Forrige blok", "en": "Previous block"},
    "keyhelp-previous-block": {
        "da": "Forrige blok, i nummerorden",
        "en": "Previous block, in number order",
    },
    "key-undo-ctrl": {"da": "Fortryd", "en": "Undo"},
    "key-redo": {"da": "Gentag", "en": "Redo"},
    "keyhelp-redo": {"da": "Gentag det, der blev fortrudt", "en": "Redo what was undone"},
    "key-save": {"da": "Gem", "en": "Save"},
    "keyhelp-save": {
        "da": "Gem (et nyt lærred spørger om et filnavn)",
        "en": "Save (a new canvas asks for a file name)",
    },
    "key-help-f1": {"da": "Hjælp", "en": "Help"},
    "key-quit-anywhere": {"da": "Afslut", "en": "Quit"},
    "key-add": {"da": "Tilføj", "en": "Add"},
    "keyhelp-add": {
        "da": "Tilføj et punkt efter det valgte: skriv, enter tilføjer, escape annullerer",
        "en": "Add an item after the selected one: type, enter keeps, escape cancels",
    },
    "key-brainstorm": {"da": "Brainstorm", "en": "Brainstorm"},
    "keyhelp-brainstorm": {
        "da": "Brainstorm: hvert enter gemmer idéen og åbner den næste, escape stopper",
        "en": "Brainstorm: every enter keeps the idea and opens the next, escape stops",
    },
    "key-edit": {"da": "Ret", "en": "Edit"},
    "keyhelp-edit": {
        "da": "Ret teksten i det valgte punkt",
        "en": "Edit the selected item's text",
    },
    "key-note": {"da": "Note", "en": "Note"},
    "keyhelp-note": {
        "da": "Skriv en note til det valgte punkt (flere linjer)",
        "en": "Write the selected item's note (several lines)",
    },
    "key-note-editor": {"da": "Note i din editor", "en": "Note in your editor"},
    "keyhelp-note-editor": {
        "da": "Skriv noten i din egen editor: $VISUAL, ellers $EDITOR, ellers vi",
        "en": "Write the note in your own editor: $VISUAL, else $EDITOR, else vi",
    },
    "key-delete": {"da": "Slet", "en": "Delete"},
    "keyhelp-delete": {
        "da": "Slet det valgte punkt (u fortryder)",
        "en": "Delete the selected item (u undoes it)",
    },
    "key-move-up": {"da": "Flyt op", "en": "Move up"},
    "keyhelp-move-up": {
        "da": "Flyt det valgte punkt op i blokken",
        "en": "Move the selected item up in its block",
    },
    "key-move-down": {"da": "Flyt ned", "en": "Move down"},
    "keyhelp-move-down": {
        "da": "Flyt det valgte punkt ned i blokken",
        "en": "Move the selected item down in its block",
    },
    "key-move-to-block": {"da": "Flyt til blok…", "en": "Move to block…"},
    "keyhelp-move-to-block": {
        "da": "Flyt det valgte punkt til en anden blok: m og så blokkens nummer",
        "en": "Move the selected item to another block: m, then the block's number",
    },
    "key-category": {"da": "Kategori", "en": "Category"},
    "keyhelp-category": {
        "da": "Vælg punktets kategori blandt dem, blokken har",
        "en": "Set the item's category, from the kinds its block lists",
    },
    "key-tags": {"da": "Tags", "en": "Tags"},
    "keyhelp-tags": {
        "da": "Sæt punktets tags; et kundesegments tag knytter andre punkter til segmentet",
        "en": "Set the item's tags; a customer segment's tag links items to it",
    },
    "key-compare": {"da": "Sammenlign med…", "en": "Compare with…"},
    "keyhelp-compare": {
        "da": "Markér, hvad der er ændret siden sidste commit (eller en revision, du angiver)",
        "en": "Mark what changed since the last commit (or a revision you name)",
    },
    "key-zoom": {"da": "Zoom", "en": "Zoom"},
    "keyhelp-zoom": {
        "da": "Vis blokken på hele skærmen: alle spørgsmål, punkter og noter",
        "en": "Zoom the block to the whole screen: all questions, items and notes",
    },
    "key-undo": {"da": "Fortryd", "en": "Undo"},
    "keyhelp-undo": {
        "da": "Fortryd den seneste ændring (alle slags, også i lærredets oplysninger)",
        "en": "Undo the last change (any change, header edits too)",
    },
    "key-filter": {"da": "Filtrér", "en": "Filter"},
    "keyhelp-filter": {
        "da": "Filtrér: fremhæv de punkter, der passer, og dæmp resten; status:bekræftet "
        "(eller status:bek) vælger efter status; escape rydder",
        "en": "Filter: highlight items that match, dim the rest; status:validated (or "
        "status:val) selects by status; escape clears",
    },
    "key-toggle-questions": {"da": "Spørgsmål til/fra", "en": "Questions on/off"},
    "keyhelp-toggle-questions": {
        "da": "Vis eller skjul de vejledende spørgsmål i blokkene",
        "en": "Show or hide the guiding questions in the panes",
    },
    "key-edit-header": {"da": "Lærredets oplysninger", "en": "Canvas header"},
    "keyhelp-edit-header": {
        "da": "Ret lærredets oplysninger: titel, designet til/af, dato, version, sprog",
        "en": "Edit the canvas header: title, designed for/by, date, version, language",
    },
    "key-open": {"da": "Åbn lærred", "en": "Open canvas"},
    "keyhelp-open": {
        "da": "Åbn et andet lærred fra denne mappe eller canvases/",
        "en": "Open another canvas from this folder or canvases/",
    },
    "key-help": {"da": "Hjælp", "en": "Help"},
    "keyhelp-help": {"da": "Denne hjælp", "en": "This help"},
    "key-quit": {"da": "Afslut", "en": "Quit"},
    "key-redraw": {"da": "Tegn skærmen igen", "en": "Redraw the screen"},
    "keyhelp-redraw": {
        "da": "Tegn hele skærmen igen, hvis noget andet har skrevet i terminalen",
        "en": "Draw the whole screen again, when something else wrote to the terminal",
    },
    "keyhelp-quit": {
        "da": "Afslut; spørger, om ændringerne skal gemmes, når der er nogen",
        "en": "Quit; asks Save / Discard / Cancel when there are unsaved changes",
    },
    "key-cursor-up": {"da": "Op", "en": "Up"},
    "keyhelp-cursor-up": {
        "da": "Forrige punkt; før det første, blokken ovenover",
        "en": "Previous item; past the first, the pane above",
    },
    "key-cursor-down": {"da": "Ned", "en": "Down"},
    "keyhelp-cursor-down": {
        "da": "Næste punkt; efter det sidste, blokken nedenunder",
        "en": "Next item; past the last, the pane below",
    },
    "key-pane-left": {"da": "Venstre", "en": "Left"},
    "keyhelp-pane-left": {"da": "Blokken til venstre", "en": "The pane to the left"},
    "key-pane-right": {"da": "Højre", "en": "Right"},
    "keyhelp-pane-right": {"da": "Blokken til højre", "en": "The pane to the right"},
    "key-first-item": {"da": "Første punkt", "en": "First item"},
    "key-last-item": {"da": "Sidste punkt", "en": "Last item"},
    "key-page-up": {"da": "Side op", "en": "Page up"},
    "key-page-down": {"da": "Side ned", "en": "Page down"},
    "key-keep-edit": {"da": "Behold", "en": "Keep"},
    "keyhelp-keep-edit": {
        "da": "Behold teksten (brainstorm: og begynd på den næste)",
        "en": "Keep the text (brainstorm: and start the next)",
    },
    "key-cancel-edit": {"da": "Annuller", "en": "Cancel"},
    "key-move-to-number": {"da": "Flyt til blok", "en": "Move to block"},
    "key-move-pick": {"da": "Flyt dertil", "en": "Move there"},
    "keyhelp-move-to-number": {
        "da": "Flyt det valgte punkt til blok N",
        "en": "Move the selected item to block N",
    },
    "key-unzoom": {"da": "Tilbage til lærredet", "en": "Back to canvas"},
    "key-close-help": {"da": "Tilbage til lærredet", "en": "Back to canvas"},
    "key-load-error-open": {"da": "Åbn et andet lærred", "en": "Open another canvas"},
    "key-load-error-new": {"da": "Nyt lærred", "en": "New canvas"},
    "key-load-error-quit": {"da": "Afslut", "en": "Quit"},
    # --- issue 13a: the key bar, read-only, palette, filter, questions, help --------------
    "key-dialog-quit": {"da": "Afslut", "en": "Quit"},
    "key-help-down": {"da": "Rul ned", "en": "Scroll down"},
    "key-help-up": {"da": "Rul op", "en": "Scroll up"},
    "key-palette-close": {"da": "Luk", "en": "Close"},
    "key-palette-quit": {"da": "Afslut", "en": "Quit"},
    # The item editor's hint where its sentence does not fit the pane (issue 13a).
    "editor-add-short": {"da": "Nyt: enter tilføjer", "en": "New: enter adds"},
    "editor-brainstorm-short": {"da": "Brainstorm: esc stopper", "en": "Brainstorm: esc stops"},
    "editor-edit-short": {"da": "Ret: enter beholder", "en": "Edit: enter keeps"},
    "key-next-match": {"da": "Næste fund", "en": "Next match"},
    "keyhelp-next-match": {
        "da": "Mens et filter er slået til: det næste punkt, der passer, i lærredets rækkefølge",
        "en": "While a filter is on: the next matching item, in canvas order",
    },
    "key-previous-match": {"da": "Forrige fund", "en": "Previous match"},
    "keyhelp-previous-match": {
        "da": "Mens et filter er slået til: det forrige punkt, der passer",
        "en": "While a filter is on: the previous matching item",
    },
    "filter-count-one": {
        "da": "1 fund for “{text}”: n næste",
        "en": "1 match for “{text}”: n next",
    },
    "filter-count": {
        "da": "{count} fund for “{text}”: n næste, N forrige",
        "en": "{count} matches for “{text}”: n next, N previous",
    },
    "filter-none": {"da": "ingen fund for “{text}”", "en": "no matches for “{text}”"},
    "header-questions-hidden": {
        "da": "spørgsmål skjult: g viser dem",
        "en": "questions hidden: g shows them",
    },
    "read-only-refused": {
        "da": "{key}: lærredet er åbnet skrivebeskyttet",
        "en": "{key}: the canvas is open read-only",
    },
    "key-dialog-cancel": {"da": "Annuller", "en": "Cancel"},
    "key-note-done": {"da": "Behold noten", "en": "Keep note"},
    "key-note-clean": {"da": "Rens", "en": "Clean"},
    # --- issue 13 sign-off: the note's select-all and the filter bar's keys ----------------
    "key-note-select-all": {"da": "Vælg alt", "en": "Select all"},
    "keyhelp-note-select-all": {
        "da": "Vælg hele noten: det næste, der tastes, erstatter den (backspace rydder den)",
        "en": "Select the whole note: what is typed next replaces it (backspace clears it)",
    },
    "key-filter-go": {"da": "Gå til fund", "en": "Go to matches"},
    "key-filter-clear": {"da": "Ryd filter", "en": "Clear filter"},
    "key-dialog-keep": {"da": "Behold", "en": "Keep"},
    "key-dialog-choose": {"da": "Vælg", "en": "Choose"},
    "keyhelp-note-clean": {
        "da": "Gør tabulatorer til mellemrum og fjerner tegn, en note ikke må have",
        "en": "Turn tabs into spaces and drop the characters a note may not hold",
    },
    "key-header-done": {"da": "Behold oplysningerne", "en": "Keep header"},
    # The help screen.
    "help-title": {"da": "bmc-tui — hjælp", "en": "bmc-tui — help"},
    "help-section-canvas": {"da": "På lærredet", "en": "On the canvas"},
    "help-section-items": {"da": "I en bloks punkter", "en": "On a block's items"},
    "help-section-typing": {"da": "Mens du skriver et punkt", "en": "While typing an item"},
    "help-section-move": {
        "da": "Flyt et punkt til en anden blok",
        "en": "Moving an item to another block",
    },
    "help-blocks": {"da": "De ni blokke", "en": "The nine blocks"},
    # The command palette.
    "palette-placeholder": {"da": "Søg efter kommandoer…", "en": "Search for commands…"},
    "palette-theme-placeholder": {"da": "Søg efter temaer…", "en": "Search for themes…"},
    # issue 13 sign-off: Textual's "No matches found" (commands, themes) in the interface's words
    "palette-no-matches": {"da": "Intet fundet", "en": "Nothing found"},
    # issue 13 sign-off: Textual's answer to ctrl+c, in the interface language
    "help-quit-title": {"da": "Vil du afslutte?", "en": "Do you want to quit?"},
    "help-quit": {"da": "Tryk {key} for at afslutte", "en": "Press {key} to quit"},
    "palette-key": {"da": "tast {key}", "en": "key {key}"},
    "palette-go-to-block": {
        "da": "Gå til blok {number}: {title}",
        "en": "Go to block {number}: {title}",
    },
    "palette-canvas-language": {"da": "Lærredets sprog: {name}", "en": "Canvas language: {name}"},
    "palette-canvas-language-help": {
        "da": "sproget i lærredets titler og spørgsmål",
        "en": "the language of the canvas's titles and questions",
    },
    "palette-ui-language": {
        "da": "Brugerfladens sprog: {name}",
        "en": "Interface language: {name}",
    },
    "palette-ui-language-help": {
        "da": "taster, hjælp og beskeder (også: BMC_TUI_LANG, --ui-lang)",
        "en": "keys, help and messages (also: BMC_TUI_LANG, --ui-lang)",
    },
    "palette-ui-language-follow": {"da": "følg lærredet", "en": "follow canvas"},
    "palette-check": {"da": "Tjek lærredet", "en": "Check canvas"},
    "palette-check-help": {
        "da": "markér, hvad tjekreglerne finder (bmc-tui check)",
        "en": "mark what the lint rules find (bmc-tui check)",
    },
    "palette-clear-marks": {"da": "Fjern markeringer", "en": "Clear marks"},
    "palette-clear-marks-help": {
        "da": "fjern sammenlignings- og tjekmarkeringer (escape)",
        "en": "remove compare/check marks (escape)",
    },
    "palette-export": {"da": "Eksportér som {format}", "en": "Export as {format}"},
    "palette-export-help": {
        "da": "skrives ved siden af lærredet",
        "en": "writes beside the canvas",
    },
    "palette-theme": {"da": "Tema", "en": "Theme"},
    "palette-theme-help": {"da": "Skift farvetema", "en": "Change the colour theme"},
    # The canvas screen, its header line, panes and the zoomed block.
    "too-small": {
        "da": "Terminalen er for lille: bmc-tui skal bruge mindst {width}x{height}.\n"
        "Gør vinduet større, eller tryk q for at afslutte.",
        "en": "Terminal too small: bmc-tui needs at least {width}x{height}.\n"
        "Enlarge the window, or press q to quit.",
    },
    "marks-escape-clears": {"da": "(escape rydder)", "en": "(escape clears)"},
    "filter-placeholder": {
        "da": "Filtrér punkter (eller status:bekræftet) — escape rydder",
        "en": "Filter items (or status:validated) — escape clears",
    },
    "editor-add": {
        "da": "Nyt punkt — enter tilføjer, escape annullerer",
        "en": "New item — enter adds, escape cancels",
    },
    "editor-brainstorm": {
        "da": "Brainstorm — enter tilføjer og fortsætter, escape stopper",
        "en": "Brainstorm — enter adds and continues, escape stops",
    },
    "editor-edit": {
        "da": "Ret — enter beholder, escape annullerer",
        "en": "Edit — enter keeps, escape cancels",
    },
    "header-for": {"da": "til", "en": "for"},
    "header-by": {"da": "af", "en": "by"},
    "header-version": {"da": "v", "en": "v"},
    "header-untitled": {"da": "uden titel", "en": "untitled"},
    "header-new": {"da": "ikke gemt", "en": "not saved yet"},
    "header-modified": {"da": "ændret", "en": "modified"},
    "header-read-only": {"da": "skrivebeskyttet", "en": "read-only"},
    "pane-removed": {"da": "(fjernet)", "en": "(removed)"},
    "load-error-title": {
        "da": "Lærredet kunne ikke åbnes",
        "en": "This canvas could not be opened",
    },
    "load-error-help": {
        "da": "Intet er ændret på disken. Ret filen (bmc-tui validate viser alle problemer), "
        "åbn et andet lærred, eller begynd på et nyt.",
        "en": "Nothing was changed on disk. Fix the file (bmc-tui validate shows every "
        "problem), open another canvas, or start a new one.",
    },
    # Validation problems, in words (core/problems.py): never a regular expression.
    "problem-empty": {"da": "må ikke være tom", "en": "must not be empty"},
    "problem-empty-id": {
        "da": "må ikke være tom (udelad nøglen for at få et id tildelt)",
        "en": "must not be empty (leave the key out to have one assigned)",
    },
    "problem-required": {"da": "skal udfyldes", "en": "is required"},
    "problem-control-character": {
        "da": "indeholder kontroltegnet {code}",
        "en": "contains the control character {code}",
    },
    "problem-tag-twice": {"da": "tagget {tag} står der to gange", "en": "tag {tag} is given twice"},
    "problem-tag-characters": {
        "da": "et tag må kun indeholde bogstaver, tal og tegnene _ . + - (ingen mellemrum) "
        "og skal begynde med et bogstav, et tal eller _",
        "en": "a tag may contain only letters, digits and the signs _ . + - (no spaces), "
        "and must start with a letter, a digit or _",
    },
    "problem-id-characters": {
        "da": "et id må kun indeholde små bogstaver a–z, tal, _ og - (højst 32 tegn) "
        "og skal begynde med et bogstav eller et tal",
        "en": "an id may contain only small letters a–z, digits, _ and - (at most 32), "
        "and must start with a letter or a digit",
    },
    "problem-characters": {
        "da": "indeholder tegn, der ikke er tilladt her",
        "en": "contains characters that are not allowed here",
    },
    "problem-too-long": {
        "da": "må højst have {max} tegn",
        "en": "may have at most {max} characters",
    },
    "problem-too-many": {
        "da": "må højst have {max} elementer",
        "en": "may have at most {max} entries",
    },
    "problem-date-format": {
        "da": "skal være en dato skrevet år-måned-dag, fx 2026-11-27",
        "en": "must be a date written year-month-day, like 2026-11-27",
    },
    "problem-date-month": {
        "da": "{date} findes ikke: der er ingen måned {month}",
        "en": "{date} does not exist: there is no month {month}",
    },
    "problem-date-day": {
        "da": "{date} findes ikke: måned {month} i {year} har {days} dage",
        "en": "{date} does not exist: month {month} of {year} has {days} days",
    },
    # --- bmc-tui init (alias git-setup): setting a repository up for canvases -------------
    "init-line-add": {"da": "{file}: tilføjede {line}", "en": "{file}: added {line}"},
    "init-line-add-dry": {"da": "{file}: ville tilføje {line}", "en": "{file}: would add {line}"},
    "init-line-keep": {"da": "{file}: har allerede {line}", "en": "{file}: already has {line}"},
    "init-schema-write": {
        "da": "{file}: skrev JSON-skemaet for en canvas-fil",
        "en": "{file}: wrote the JSON Schema of a canvas file",
    },
    "init-schema-write-dry": {
        "da": "{file}: ville skrive JSON-skemaet for en canvas-fil",
        "en": "{file}: would write the JSON Schema of a canvas file",
    },
    "init-schema-update": {
        "da": "{file}: opdaterede til skemaet fra denne bmc-tui",
        "en": "{file}: updated to this bmc-tui's schema",
    },
    "init-schema-update-dry": {
        "da": "{file}: ville opdatere til skemaet fra denne bmc-tui",
        "en": "{file}: would update to this bmc-tui's schema",
    },
    "init-schema-keep": {
        "da": "{file}: er allerede skemaet fra denne bmc-tui",
        "en": "{file}: already holds this bmc-tui's schema",
    },
    "init-taplo-add": {
        "da": "{file}: tilføjede en regel for {pattern}: canvas-skemaet og en formatering, "
        "der lader kanoniske filer være, som de er",
        "en": "{file}: added a rule for {pattern}: the canvas schema, and formatting that "
        "leaves canonical files as they are",
    },
    "init-taplo-add-dry": {
        "da": "{file}: ville tilføje en regel for {pattern}: canvas-skemaet og en formatering, "
        "der lader kanoniske filer være, som de er",
        "en": "{file}: would add a rule for {pattern}: the canvas schema, and formatting that "
        "leaves canonical files as they are",
    },
    "init-taplo-keep": {
        "da": "{file}: har allerede reglen for {pattern}",
        "en": "{file}: already has the rule for {pattern}",
    },
    "init-taplo-conflict": {
        "da": "{file}: har en anden regel for {pattern} og blev ikke rørt; giv den "
        "schema.path = {schema} og formateringen fra README, eller slet den og kør init igen",
        "en": "{file}: has a different rule for {pattern}, left as it is; give it "
        "schema.path = {schema} and the formatting from the README, or delete it and run "
        "init again",
    },
    "init-config-set": {
        "da": "git config {key}: sat til {value}",
        "en": "git config {key}: set to {value}",
    },
    "init-config-set-dry": {
        "da": "git config {key}: ville blive sat til {value}",
        "en": "git config {key}: would be set to {value}",
    },
    "init-config-keep": {
        "da": "git config {key}: er allerede {value}",
        "en": "git config {key}: already {value}",
    },
    "init-nothing": {
        "da": "Intet at ændre: dette repository er sat op til canvasser.",
        "en": "Nothing to change: this repository is set up for canvases.",
    },
    "init-dry-run": {
        "da": "Prøvekørsel: intet blev skrevet.",
        "en": "Dry run: nothing was written.",
    },
    "init-commit": {
        "da": "Commit {files}. Alle, der kloner, kører `bmc-tui init` én gang for git-config.",
        "en": "Commit {files}. Everyone who clones runs `bmc-tui init` once for the git config.",
    },
    "init-error-read": {
        "da": "{file}: kan ikke læses: {reason}",
        "en": "{file}: cannot read: {reason}",
    },
    "init-error-write": {
        "da": "{file}: kan ikke skrives: {reason}",
        "en": "{file}: cannot write: {reason}",
    },
    "init-error-taplo-invalid": {
        "da": "{file}: ikke gyldig TOML, så der kan ikke tilføjes en regel ({reason})",
        "en": "{file}: not valid TOML, so no rule can be added to it ({reason})",
    },
    # --- the canvas session: files, locks, recovery, changes on disk (issue 10) ---------------
    "session-lock-busy": {
        "da": "{lock_file}: lærredet er åbent hos {owner}.\n"
        "To redigeringer af ét lærred overskriver hinandens arbejde.",
        "en": "{lock_file}: this canvas is open in {owner}.\n"
        "Two editors on one canvas overwrite each other's work.",
    },
    "session-answer-read-only": {"da": "Åbn skrivebeskyttet", "en": "Open read-only"},
    "session-answer-anyway": {"da": "Åbn alligevel", "en": "Open anyway"},
    "session-answer-quit": {"da": "Afslut", "en": "Quit"},
    "session-lock-taken-over": {
        "da": "Overtog en efterladt lås fra {owner} (den redigering er væk)",
        "en": "Took over a lock left behind by {owner} (that editor is gone)",
    },
    "session-no-lock": {"da": "Ingen lås taget: {reason}", "en": "No lock taken: {reason}"},
    "session-new-file": {
        "da": "{path} findes ikke endnu; den skrives ved første gem",
        "en": "{path} does not exist yet; it is written on the first save",
    },
    "session-recovery-offer": {
        "da": "Ugemte ændringer fra {when} (pid {pid} på {host}) blev gemt væk, da den "
        "redigering stoppede: {summary}.\nGendannelsesfil: {file}",
        "en": "Unsaved changes from {when} (pid {pid} on {host}) were kept when that editor "
        "stopped: {summary}.\nRecovery file: {file}",
    },
    "session-answer-restore": {"da": "Gendan", "en": "Restore"},
    "session-answer-discard": {"da": "Kassér", "en": "Discard"},
    "session-answer-later": {"da": "Senere", "en": "Later"},
    "session-recovery-unreadable": {
        "da": "Gendannelsesfilen kan ikke læses (beholdt)",
        "en": "Recovery file unreadable (kept)",
    },
    "session-restored": {
        "da": "Gendannede ændringer sat ind; ctrl+s gemmer dem",
        "en": "Recovered changes restored; ctrl+s saves them",
    },
    "session-keep-failed": {
        "da": "Gendannelsesfilen blev ikke skrevet",
        "en": "Recovery file not written",
    },
    "session-disk-problem": {
        "da": "{message}; ctrl+s skriver lærredet igen",
        "en": "{message}; ctrl+s writes the canvas again",
    },
    "session-reloaded-quietly": {
        "da": "Genindlæst: filen blev ændret på disken",
        "en": "Reloaded: the file changed on disk",
    },
    "session-reloaded": {
        "da": "Genindlæst fra disken; u henter din udgave tilbage",
        "en": "Reloaded from disk; u brings your version back",
    },
    "session-merged": {
        "da": "Ændringerne på disken er flettet ind; ctrl+s gemmer, u fortryder fletningen",
        "en": "Merged the changes on disk; ctrl+s saves, u undoes the merge",
    },
    "session-merged-conflicts": {
        "da": "Flettet med {count} konflikter, mærket 'conflict' med en note; "
        "ctrl+s gemmer, u fortryder",
        "en": "Merged with {count} conflicts, tagged 'conflict' with a note; "
        "ctrl+s saves, u undoes",
    },
    "session-merged-conflicts-one": {
        "da": "Flettet med 1 konflikt, mærket 'conflict' med en note; ctrl+s gemmer, u fortryder",
        "en": "Merged with 1 conflict, tagged 'conflict' with a note; ctrl+s saves, u undoes",
    },
    "session-disk-changed": {
        "da": "{path} er ændret på disken, og lærredet har ugemte ændringer.",
        "en": "{path} changed on disk, and this canvas has unsaved changes.",
    },
    "session-disk-differences": {
        "da": "Forskelle (markeret på lærredet): {summary}",
        "en": "Differences (marked on the canvas): {summary}",
    },
    "session-answer-merge": {"da": "Flet", "en": "Merge"},
    "session-answer-keep-mine": {"da": "Behold mine", "en": "Keep mine"},
    "session-answer-reload": {"da": "Genindlæs (drop mine)", "en": "Reload (drop mine)"},
    "session-answer-show": {"da": "Vis forskelle", "en": "Show differences"},
    "session-the-file-on-disk": {"da": "filen på disken", "en": "the file on disk"},
    "session-this-canvas": {"da": "dette lærred", "en": "this canvas"},
    "session-cannot-compare": {"da": "Kan ikke sammenligne", "en": "Cannot compare"},
    "session-saved": {"da": "Gemt {path}", "en": "Saved {path}"},
    "session-up-to-date": {"da": "{path} er opdateret", "en": "{path} is up to date"},
    "session-not-saved": {"da": "Ikke gemt", "en": "Not saved"},
    "session-read-only": {
        "da": "Åbnet skrivebeskyttet: en anden redigering har lærredet",
        "en": "Opened read-only: another editor has this canvas",
    },
    "session-lock-lost": {
        "da": "En anden redigering har overtaget lærredet: {owner}.\n"
        "Gemmer du nu, overskriver du dens arbejde.",
        "en": "Another editor took this canvas over: {owner}.\n"
        "Saving now would overwrite their work.",
    },
    "session-lock-gone": {
        "da": "Lærredets låsefil er fjernet af en anden.",
        "en": "Someone removed this canvas's lock file.",
    },
    "session-answer-take-back": {"da": "Tag den tilbage og gem", "en": "Take it back and save"},
    "session-answer-save-as": {"da": "Gem som", "en": "Save as"},
    "session-answer-cancel": {"da": "Annuller", "en": "Cancel"},
    "session-target-locked": {
        "da": "{path} er åben hos {owner}.",
        "en": "{path} is open in {owner}.",
    },
    "session-answer-save-anyway": {"da": "Gem alligevel", "en": "Save anyway"},
    "session-target-exists": {"da": "{path} findes allerede.", "en": "{path} already exists."},
    "session-answer-overwrite": {"da": "Overskriv", "en": "Overwrite"},
    "session-save-as-title": {"da": "Gem lærredet som", "en": "Save canvas as"},
    "session-save-as-help": {
        "da": "enter gemmer · escape annullerer",
        "en": "enter saves · escape cancels",
    },
    "session-untitled-offer": {
        "da": "Lærreder, der aldrig blev gemt, blev gemt væk, da deres redigering stoppede. "
        "Enter gendanner det valgte; escape starter et nyt.",
        "en": "Canvases that were never saved were kept when their editor stopped. "
        "Enter restores the one selected; escape starts a new one.",
    },
    "session-untitled-entry": {
        "da": "{when} · {count} punkter · {summary}",
        "en": "{when} · {count} items · {summary}",
    },
    "session-untitled-restored": {
        "da": "Ugemt lærred fra {when} gendannet; ctrl+s gemmer det",
        "en": "Unsaved canvas from {when} restored; ctrl+s saves it",
    },
    "session-recover-none": {
        "da": "Ingen gendannelsesfiler fra ugemte lærreder.",
        "en": "No recovery files of untitled canvases.",
    },
    "session-recover-hint": {
        "da": "Gendan et med: bmc-tui recover N -o FIL",
        "en": "Restore one with: bmc-tui recover N -o FILE",
    },
    "session-recover-no-such": {
        "da": "der er ingen gendannelsesfil nummer {number} (bmc-tui recover viser dem)",
        "en": "there is no recovery file number {number} (bmc-tui recover lists them)",
    },
    "session-recover-needs-output": {
        "da": "recover N skal have -o FIL: filen det gendannede lærred skrives til",
        "en": "recover N needs -o FILE: the file to write the recovered canvas to",
    },
    "session-recover-wrote": {"da": "Skrev {path}", "en": "Wrote {path}"},
    "session-unsaved": {
        "da": "Lærredet har ugemte ændringer.",
        "en": "This canvas has unsaved changes.",
    },
    "session-answer-save": {"da": "Gem", "en": "Save"},
    # --- typed input: what is refused, and why (issue 11: editor input) -------------------
    "text-too-long": {
        "da": "Teksten er {length} tegn lang; højst {limit} kan gemmes.",
        "en": "The text is {length} characters long; at most {limit} can be kept.",
    },
    "text-has-tab": {
        "da": "Teksten indeholder et tabulatortegn.",
        "en": "The text contains a tab.",
    },
    "text-has-newline": {
        "da": "Teksten skal stå på én linje.",
        "en": "The text must be on one line.",
    },
    "text-has-bidi": {
        "da": "Teksten indeholder et usynligt retningstegn ({code}), som kan få den til at "
        "læses i en anden rækkefølge, end den står.",
        "en": "The text contains an invisible direction mark ({code}) that can make it read "
        "in another order than it is written.",
    },
    "text-has-control": {
        "da": "Teksten indeholder et styretegn ({code}), som ikke kan vises.",
        "en": "The text contains a control character ({code}) that cannot be shown.",
    },
    "tags-too-many": {
        "da": "{count} tags; et punkt kan have højst {limit}.",
        "en": "{count} tags; an item can have at most {limit}.",
    },
    "tag-too-long": {
        "da": "Tagget “{tag}” er for langt; højst {limit} tegn.",
        "en": "The tag “{tag}” is too long; at most {limit} characters.",
    },
    "tag-not-a-word": {
        "da": "Tagget “{tag}” skal være ét ord: bogstaver, tal og understreg, og efter det "
        "første tegn også punktum, plus og bindestreg.",
        "en": "The tag “{tag}” must be one word: letters, digits and underscores, and after "
        "the first character also dots, plus signs and hyphens.",
    },
    "tag-twice": {
        "da": "Tagget “{tag}” står der to gange.",
        "en": "The tag “{tag}” is given twice.",
    },
    "not-kept": {"da": "Ikke gemt", "en": "Not kept"},
    "paste-cleaned": {
        "da": "Det indsatte havde tegn, et punkt ikke kan rumme: tabulatorer blev til "
        "mellemrum, styretegn blev fjernet.",
        "en": "The paste had characters an item cannot hold: tabs became spaces, control "
        "characters were removed.",
    },
    "clean-offer": {
        "da": "ctrl+l retter det: tabulatorer bliver til mellemrum, styretegn fjernes.",
        "en": "ctrl+l cleans it: tabs become spaces, control characters are removed.",
    },
    "external-note-refused": {
        "da": "Noten fra $EDITOR blev ikke gemt, men er åbnet her, så du kan rette den.",
        "en": "The note from $EDITOR was not kept; it is open here for you to fix.",
    },
    # --- issue 13b: zoom, note preview, moves, undo words, conflicts, dialogs ---------------
    "undone": {"da": "Fortrudt: {what}", "en": "Undone: {what}"},
    "redone": {"da": "Gentaget: {what}", "en": "Redone: {what}"},
    "nothing-to-undo": {"da": "Intet at fortryde", "en": "Nothing to undo"},
    "nothing-to-redo": {"da": "Intet at gentage", "en": "Nothing to redo"},
    "change-add item": {"da": "tilføj punkt", "en": "add item"},
    "change-edit item": {"da": "ret punkt", "en": "edit item"},
    "change-delete item": {"da": "slet punkt", "en": "delete item"},
    "change-move item": {"da": "flyt punkt", "en": "move item"},
    "change-move item to another block": {
        "da": "flyt punkt til en anden blok",
        "en": "move item to another block",
    },
    "change-edit note": {"da": "ret note", "en": "edit note"},
    "change-set category": {"da": "vælg kategori", "en": "set category"},
    "change-set tags": {"da": "sæt tags", "en": "set tags"},
    "change-edit canvas header": {"da": "ret lærredets oplysninger", "en": "edit canvas header"},
    "change-reload from disk": {"da": "genindlæs fra disken", "en": "reload from disk"},
    "change-merge with the file on disk": {
        "da": "flet med filen på disken",
        "en": "merge with the file on disk",
    },
    "change-restore recovered canvas": {
        "da": "gendan det reddede lærred",
        "en": "restore recovered canvas",
    },
    "change-restore recovered changes": {
        "da": "gendan de reddede ændringer",
        "en": "restore recovered changes",
    },
    "change-resolve conflict": {"da": "løs konflikt", "en": "resolve conflict"},
    "move-dropped-category": {
        "da": "{block} har ikke kategorien {category}; den blev udeladt (u bringer den tilbage).",
        "en": "{block} has no category {category}; it was left out (u brings it back).",
    },
    "conflicts-on-open": {
        "da": "Lærredet har {count} flettekonflikter at løse: vælg et punkt mærket #conflict "
        "og tryk r.",
        "en": "This canvas has {count} merge conflicts to resolve: select an item tagged "
        "#conflict and press r.",
    },
    "conflicts-on-open-one": {
        "da": "Lærredet har 1 flettekonflikt at løse: vælg et punkt mærket #conflict og tryk r.",
        "en": "This canvas has 1 merge conflict to resolve: select an item tagged #conflict "
        "and press r.",
    },
    "not-a-conflict": {
        "da": "Punktet har ingen flettekonflikt at løse.",
        "en": "This item has no merge conflict to resolve.",
    },
    "resolve-title": {"da": "Løs konflikten om: {item}", "en": "Resolve the conflict on: {item}"},
    "resolve-detail-pair": {
        "da": "Vores: {ours}\nDeres: {theirs}",
        "en": "Ours: {ours}\nTheirs: {theirs}",
    },
    "resolve-detail-single": {
        "da": "Den ene side ændrede punktet, den anden slettede det.",
        "en": "One side changed this item and the other deleted it.",
    },
    "resolve-ours": {"da": "Behold vores", "en": "Keep ours"},
    "resolve-theirs": {"da": "Behold deres", "en": "Keep theirs"},
    "resolve-both": {"da": "Behold begge", "en": "Keep both"},
    "resolve-keep": {"da": "Behold det", "en": "Keep it"},
    "resolve-delete": {"da": "Slet det", "en": "Delete it"},
    "resolved": {"da": "Konflikten er løst (u fortryder).", "en": "Conflict resolved (u undoes)."},
    "note-preview": {"da": "Note: ", "en": "Note: "},
    "move-title": {
        "da": "Flyt {item} til blok… (tryk 1–9)",
        "en": "Move {item} to block… (press 1–9)",
    },
    "move-here": {"da": "(her)", "en": "(here)"},
    "move-help": {"da": "1–9 flytter · escape annullerer", "en": "1–9 moves · escape cancels"},
    "tags-title": {"da": "Tags til: {item}", "en": "Tags for: {item}"},
    "tags-help": {
        "da": "enter gemmer · mellemrum skiller tags · escape annullerer",
        "en": "enter keeps · space separates tags · escape cancels",
    },
    "category-title": {"da": "{heading} for: {item}", "en": "{heading} for: {item}"},
    "category-none": {"da": "(ingen)", "en": "(none)"},
    "category-help": {
        "da": "enter eller et tal vælger · escape annullerer",
        "en": "enter or a number chooses · escape cancels",
    },
    "zoom-editing": {
        "da": "Zoom: alle punktets taster virker her · z eller escape går tilbage",
        "en": "Zoom: every item key works here · z or escape goes back",
    },
    # --- issue 14: the guided session ------------------------------------------------------
    "key-guide": {"da": "Guidet gennemgang", "en": "Guided session"},
    "keyhelp-guide": {
        "da": "Guidet gennemgang: de ni blokke ét spørgsmål ad gangen (fortsætter hvor du slap)",
        "en": "Guided session: the nine blocks one question at a time "
        "(picks up where you left off)",
    },
    "key-guide-keep": {"da": "Behold", "en": "Keep"},
    "keyhelp-guide-keep": {
        "da": "Enter gemmer svaret som et punkt og åbner det næste; tom enter: næste spørgsmål",
        "en": "Enter keeps the answer as an item and opens the next; empty enter: next question",
    },
    "key-guide-next": {"da": "Næste", "en": "Next question"},
    "keyhelp-guide-next": {
        "da": "Næste spørgsmål (det skrevne gemmes først)",
        "en": "Next question (what is typed is kept first)",
    },
    "key-guide-back": {"da": "Tilbage", "en": "Back"},
    "key-guide-next-block": {"da": "Næste blok", "en": "Next block"},
    "keyhelp-guide-next-block": {
        "da": "Spring resten af blokkens spørgsmål over: videre til næste blok",
        "en": "Skip the rest of the block's questions: on to the next block",
    },
    "keyhelp-guide-back": {
        "da": "Tilbage til det forrige spørgsmål",
        "en": "Back to the previous question",
    },
    "key-guide-leave": {"da": "Forlad", "en": "Leave"},
    "keyhelp-guide-leave": {
        "da": "Forlad guiden; den husker spørgsmålet til næste gang",
        "en": "Leave the guide; it remembers the question for next time",
    },
    "help-section-guide": {"da": "I den guidede gennemgang", "en": "In the guided session"},
    "guide-where": {
        "da": "Guide · blok {block} af {blocks}: {title} · spørgsmål {question} af {questions}",
        "en": "Guide · block {block} of {blocks}: {title} · question {question} of {questions}",
    },
    "guide-builds-on": {"da": "Byg videre på", "en": "Build on"},
    "guide-name-segment": {
        "da": "Slut et svar med #navn for at navngive segmentet, så senere svar kan pege på det",
        "en": "End an answer with #name to name the segment, so later answers can point to it",
    },
    "guide-tag-for": {
        "da": "Hvem er det for? Slut svaret med {tags}",
        "en": "Who is it for? End the answer with {tags}",
    },
    "guide-tag-pays": {
        "da": "Hvilket segment betaler? Slut svaret med {tags}",
        "en": "Which segment pays? End the answer with {tags}",
    },
    "guide-no-segment-tags": {
        "da": "Ingen segmenter har et #navn endnu, så svar kan ikke pege på dem",
        "en": "No segment has a #name yet, so answers cannot point to one",
    },
    "guide-more": {"da": "… og {count} mere", "en": "… and {count} more"},
    "editor-guide": {
        "da": "Dit svar — enter gemmer, tom enter: næste spørgsmål",
        "en": "Your answer — enter keeps it, empty enter: next question",
    },
    "editor-guide-short": {"da": "Svar…", "en": "Answer…"},
    "guide-resumed": {
        "da": "Guiden fortsætter ved blok {block} af {blocks}, spørgsmål {question}",
        "en": "The guide picks up at block {block} of {blocks}, question {question}",
    },
    "guide-left": {
        "da": "Guiden er forladt ved blok {block}, spørgsmål {question}: {key} fortsætter",
        "en": "Guide left at block {block}, question {question}: {key} picks it up",
    },
    "guide-left-untitled": {
        "da": "Guiden er forladt; gem lærredet, så kan den fortsætte ved samme spørgsmål",
        "en": "Guide left; save the canvas so it can pick up at the same question",
    },
    "guide-first-question": {
        "da": "Dette er det første spørgsmål",
        "en": "This is the first question",
    },
    "guide-done-title": {
        "da": "Guiden er færdig. Det kan du se på nu:",
        "en": "The guide is done. What to look at next:",
    },
    "guide-done-help": {
        "da": "Tryk et fundets tast for at gå til det · escape lukker (mærkerne bliver stående)",
        "en": "Press a finding's key to go to it · escape closes (the marks stay)",
    },
    "guide-done-nothing": {
        "da": "Guiden er færdig, og check finder intet at se på: lærredet hænger sammen.",
        "en": "The guide is done, and check finds nothing to look at: the canvas hangs together.",
    },
    "guide-done-more": {
        "da": "… og {count} fund mere: mærkerne på lærredet viser dem alle",
        "en": "… and {count} more findings: the marks on the canvas show them all",
    },
    "cli-help-guide": {
        "da": "Gå FIL igennem ét spørgsmål ad gangen (ny eller eksisterende).\n\n"
        "FIL åbnes, som bmc-tui FIL åbner den (en ny fil laves ved første gemning). "
        "Gennemgangen fortsætter, hvor den slap på dette lærred, og slutter med det, "
        "check finder.",
        "en": "Walk through FILE one question at a time (new or existing).\n\n"
        "FILE is opened as bmc-tui FILE opens it (a new one is made on the first save). "
        "The guide picks up where it was left on this canvas, and ends with what check "
        "finds.",
    },
    "key-resolve-conflict": {"da": "Løs konflikt", "en": "Resolve conflict"},
    "keyhelp-resolve-conflict": {
        "da": "Løs en flettekonflikt: behold vores, deres eller begge",
        "en": "Resolve a merge conflict: keep ours, theirs or both",
    },
    # --- issue 14: assumptions with a status (the statuses' own words are in the catalogue)
    "key-status": {"da": "Status", "en": "Status"},
    "keyhelp-status": {
        "da": "Sæt punktets status med et tal: {statuses}; noten holder beviset",
        "en": "Set the item's status by a number: {statuses}; the note holds the evidence",
    },
    "status-title": {"da": "Status for: {item}", "en": "Status for: {item}"},
    "status-help": {
        "da": "1–4 eller enter vælger · escape annullerer · punktets note holder beviset",
        "en": "1–4 or enter chooses · escape cancels · the item's note holds the evidence",
    },
    "change-set status": {"da": "sæt status", "en": "set status"},
    "status-set": {"da": "Status: {status} (u fortryder)", "en": "Status: {status} (u undoes)"},
    "words-or": {"da": "{first} eller {last}", "en": "{first} or {last}"},
    "problem-unknown-status": {
        "da": "ukendt status {status}; en status er {allowed}",
        "en": "unknown status {status}; a status is {allowed}",
    },
    # The filter's word for a status: "status:validated" (or the start of a status's name).
    "filter-unknown-status": {
        "da": "ingen status hedder {text}; der er {statuses}",
        "en": "no status is called {text}; there are {statuses}",
    },
    "summary-block": {"da": "Blok", "en": "Block"},
    "summary-total": {"da": "I alt", "en": "Total"},
    "cli-option-show-summary": {
        "da": "Udskriv i stedet en tabel: pr. blok, hvor mange punkter der har hver status.",
        "en": "Print a table instead: per block, how many items are in each status.",
    },
    "lint-validated-on-unproven-segment": {
        "da": "{text} er bekræftet, men bygger på segmentet {segment} (tag {tag}), som er {status}",
        "en": "{text} is validated, but depends on the segment {segment} (tag {tag}), "
        "which is {status}",
    },
    "lint-rule-validated-on-unproven-segment": {
        "da": "Et bekræftet punkt, der har tag til fælles med et kundesegment, som er utestet "
        "eller afkræftet: beviset hviler på et gæt.",
        "en": "A validated item that shares a tag with a customer segment that is untested or "
        "invalidated: the evidence rests on a guess.",
    },
    "lint-unproven-revenue": {
        "da": "ingen af de {count} indtægter er bekræftet eller under test",
        "en": "none of the {count} revenue streams is validated or being tested",
    },
    "lint-rule-unproven-revenue": {
        "da": "Et lærred med status, hvor alle indtægter er utestede eller afkræftede: ingen ved "
        "endnu, om nogen vil betale.",
        "en": "A canvas that uses statuses whose revenue streams are all untested or "
        "invalidated: nobody knows yet whether anyone will pay.",
    },
    # --- one language, finished (issue 12): refusals, merges, TOML errors, help texts -------
    "problem-unknown-category": {
        "da": "ukendt kategori {category} (kendte i {block}: {known})",
        "en": "unknown category {category} (known for {block}: {known})",
    },
    "problem-no-categories": {
        "da": "ukendt kategori {category} ({block} har ingen kategorier)",
        "en": "unknown category {category} ({block} has no categories)",
    },
    "problem-duplicate-id": {
        "da": "id'et {id} er brugt to gange (første gang i {first})",
        "en": "duplicate item id {id} (first used at {first})",
    },
    # The frame click draws around a command's help, and the names of its arguments and
    # option values (click's own words are English; these follow the command line).
    "cli-usage": {"da": "Brug:", "en": "Usage:"},
    "cli-options": {"da": "Tilvalg", "en": "Options"},
    "cli-commands": {"da": "Kommandoer", "en": "Commands"},
    "cli-options-metavar": {"da": "[TILVALG]", "en": "[OPTIONS]"},
    "cli-subcommand-metavar": {"da": "[KOMMANDO] [ARGUMENTER]...", "en": "[COMMAND] [ARGS]..."},
    "cli-option-help": {"da": "Vis denne hjælp og afslut.", "en": "Show this message and exit."},
    "cli-option-version": {"da": "Vis versionen og afslut.", "en": "Show the version and exit."},
    "cli-name-file": {"da": "FIL", "en": "FILE"},
    "cli-name-files": {"da": "FILER", "en": "FILES"},
    "cli-name-out": {"da": "UDFIL", "en": "OUT"},
    "cli-name-base": {"da": "BASIS", "en": "BASE"},
    "cli-name-ours": {"da": "VORES", "en": "OURS"},
    "cli-name-theirs": {"da": "DERES", "en": "THEIRS"},
    "cli-name-where": {"da": "MAPPE", "en": "WHERE"},
    "cli-name-number": {"da": "NUMMER", "en": "NUMBER"},
    "cli-name-text": {"da": "TEKST", "en": "TEXT"},
    "cli-name-pattern": {"da": "MØNSTER", "en": "PATTERN"},
    "cli-name-name": {"da": "NAVN", "en": "NAME"},
    "cli-name-rule": {"da": "REGEL", "en": "RULE"},
    "cli-name-columns": {"da": "KOLONNER", "en": "COLUMNS"},
    # Merging (core/merging.py, core/session.py): a merge whose result is no valid canvas.
    "session-cannot-merge": {
        "da": "{path}: kan ikke flette: {problem}",
        "en": "{path}: cannot merge: {problem}",
    },
    "merge-header-invalid": {
        "da": "lærredets oplysninger: {problem}",
        "en": "canvas header: {problem}",
    },
    "merge-item-invalid": {"da": "punkt {id}: {problem}", "en": "item {id}: {problem}"},
    # What tomllib finds wrong in a file, after "invalid TOML:" (core/problems.py).
    "toml-invalid-statement": {
        "da": "her forventes nøgle = værdi, en [tabel] eller en kommentar",
        "en": "expected key = value, a [table] or a comment here",
    },
    "toml-expected-newline": {
        "da": "der står mere efter værdien; en ny linje var ventet",
        "en": "more follows the value; a new line was expected",
    },
    "toml-expected-equals": {
        "da": "der mangler et = efter nøglen",
        "en": "an = is missing after the key",
    },
    "toml-table-unclosed": {
        "da": "tabellens navn mangler sit afsluttende ]",
        "en": "the table name lacks its closing ]",
    },
    "toml-array-table-unclosed": {
        "da": "tabellens navn mangler sit afsluttende ]]",
        "en": "the table name lacks its closing ]]",
    },
    "toml-expected": {"da": "her mangler {expected}", "en": "{expected} is missing here"},
    "toml-invalid-character": {
        "da": "tegnet {char} er ikke tilladt her",
        "en": "the character {char} is not allowed here",
    },
    "toml-illegal-character": {
        "da": "tegnet {char} er ikke tilladt i en streng",
        "en": "the character {char} is not allowed in a string",
    },
    "toml-declared-twice": {
        "da": "tabellen [{table}] står der to gange",
        "en": "the table [{table}] is given twice",
    },
    "toml-overwrite": {
        "da": "en værdi med det navn er allerede givet",
        "en": "a value of that name is given already",
    },
    "toml-immutable": {
        "da": "{table} er skrevet på én linje og kan ikke udvides her",
        "en": "{table} is written inline and cannot be added to here",
    },
    "toml-redefine": {
        "da": "{table} kan ikke defineres igen",
        "en": "{table} cannot be defined again",
    },
    "toml-key-start": {
        "da": "en nøgle kan ikke begynde med dette tegn",
        "en": "a key cannot begin with this character",
    },
    "toml-unclosed-array": {
        "da": "en liste mangler sit afsluttende ]",
        "en": "a list lacks its closing ]",
    },
    "toml-unclosed-inline-table": {
        "da": "en tabel på én linje mangler sit afsluttende }}",
        "en": "an inline table lacks its closing }}",
    },
    "toml-duplicate-inline-key": {
        "da": "nøglen {key} står der to gange",
        "en": "the key {key} is given twice",
    },
    "toml-bad-escape": {
        "da": "en \\ i en streng skal efterfølges af et gyldigt tegn (skriv \\\\ for en \\)",
        "en": "a \\ in a string must be followed by a valid character (write \\\\ for a \\)",
    },
    "toml-bad-hex": {
        "da": "ugyldige hexcifre efter \\u eller \\U",
        "en": "invalid hex digits after \\u or \\U",
    },
    "toml-bad-unicode": {
        "da": "\\u eller \\U giver ikke et gyldigt Unicode-tegn",
        "en": "the \\u or \\U escape is no valid Unicode character",
    },
    "toml-unterminated-string": {
        "da": "en streng mangler sit afsluttende anførselstegn",
        "en": "a string lacks its closing quote",
    },
    "toml-bad-date": {
        "da": "ugyldig dato eller tid",
        "en": "invalid date or time",
    },
    "toml-invalid-value": {
        "da": "ugyldig værdi (står teksten i anførselstegn?)",
        "en": "invalid value (is the text in quotes?)",
    },
    # Files, exports, recovery and git (core/storage.py, export.py, session.py, recovery.py,
    # gitintegration.py): what the core refuses or cannot do, in the reader's language. The
    # os-* reasons are what the system says (its strerror, which English keeps as it is).
    "os-permission": {"da": "adgang nægtet", "en": "permission denied"},
    "os-missing": {"da": "findes ikke", "en": "no such file or folder"},
    "os-no-space": {"da": "der er ikke mere plads på disken", "en": "no space left on the disk"},
    "os-read-only": {"da": "filsystemet er skrivebeskyttet", "en": "the file system is read-only"},
    "os-is-folder": {"da": "er en mappe", "en": "is a folder"},
    "os-not-a-folder": {
        "da": "en del af stien er ikke en mappe",
        "en": "part of the path is no folder",
    },
    "os-name-too-long": {"da": "navnet er for langt", "en": "the name is too long"},
    "os-exists": {"da": "findes allerede", "en": "exists already"},
    "save-failed": {"da": "kan ikke gemme: {reason}", "en": "cannot save: {reason}"},
    "save-no-folder": {
        "da": "mappen {folder} findes ikke",
        "en": "the folder {folder} does not exist",
    },
    "save-is-folder": {
        "da": "er en mappe, ikke en lærredsfil",
        "en": "is a folder, not a canvas file",
    },
    "export-onto-source": {
        "da": "er det lærred, der eksporteres; overskriver det ikke",
        "en": "is the canvas being exported; not overwriting it",
    },
    "export-is-folder": {
        "da": "er en mappe; angiv et filnavn at skrive til",
        "en": "is a folder; give a file name to write",
    },
    "recover-exists": {
        "da": "findes allerede; overskriver den ikke (--force gør)",
        "en": "already exists; not overwriting it (--force does)",
    },
    "recover-target-open": {
        "da": "er åben i en editor: {owner}",
        "en": "is open in an editor: {owner}",
    },
    "recovery-not-the-canvas": {
        "da": "en gendannelsesfil må ikke erstatte selve lærredet",
        "en": "a recovery file must not replace the canvas itself",
    },
    "recovery-cannot-keep": {
        "da": "kan ikke gemme gendannelsesfiler: {reason}",
        "en": "cannot keep recovery files: {reason}",
    },
    "git-missing": {
        "da": "git er ikke installeret (eller ikke på PATH)",
        "en": "git is not installed (or not on PATH)",
    },
    "git-cannot-run": {"da": "kan ikke køre git: {reason}", "en": "cannot run git: {reason}"},
    "git-no-folder": {"da": "{folder}: mappen findes ikke", "en": "{folder}: no such folder"},
    "git-not-a-repository": {
        "da": "{path}: ligger ikke i et git-repository",
        "en": "{path}: not in a git repository",
    },
    "git-unknown-revision": {"da": "ukendt revision {rev}", "en": "unknown revision {rev}"},
    "git-not-in-revision": {
        "da": "{path}: findes ikke i revision {rev}",
        "en": "{path}: not in revision {rev}",
    },
    "git-three-dots": {
        "da": "{spec}: skriv A..B (tre prikker understøttes ikke)",
        "en": "{spec}: use A..B (three dots are not supported)",
    },
    "git-config-failed": {"da": "git config {key}: {reason}", "en": "git config {key}: {reason}"},
    "git-pattern-spaces": {
        "da": "{pattern}: et .gitattributes-mønster kan ikke være tomt eller have mellemrum",
        "en": "{pattern}: a .gitattributes pattern cannot be empty or hold spaces",
    },
    # The help's key column: the word between the keys of a sequence ("m then 1-9").
    "help-key-then": {"da": "og så", "en": "then"},
    # click's usage errors, in our words (bmc_tui/usage_errors.py).
    "cli-error": {"da": "Fejl: {message}", "en": "Error: {message}"},
    "cli-error-hint": {
        "da": "Se '{command} --help' for hjælp.",
        "en": "Try '{command} --help' for help.",
    },
    "cli-error-missing-argument": {
        "da": "Mangler argumentet {name}.",
        "en": "Missing argument {name}.",
    },
    "cli-error-missing-option": {"da": "Mangler tilvalget {name}.", "en": "Missing option {name}."},
    "cli-error-no-such-option": {
        "da": "Tilvalget {option} findes ikke.",
        "en": "No such option {option}.",
    },
    "cli-error-did-you-mean": {"da": "Mente du {options}?", "en": "Did you mean {options}?"},
    "cli-error-needs-value": {
        "da": "Tilvalget {option} skal have en værdi.",
        "en": "Option {option} requires a value.",
    },
    "cli-error-takes-no-value": {
        "da": "Tilvalget {option} tager ingen værdi.",
        "en": "Option {option} does not take a value.",
    },
    "cli-error-bad-value": {
        "da": "Ugyldig værdi for {name}: {what}",
        "en": "Invalid value for {name}: {what}",
    },
    "cli-error-choose": {"da": "vælg en af {choices}.", "en": "choose one of {choices}."},
    "cli-error-range": {
        "da": "et helt tal fra {low} til {high}.",
        "en": "a whole number from {low} to {high}.",
    },
    "cli-error-integer": {"da": "et helt tal.", "en": "a whole number."},
    "cli-aborted": {"da": "Afbrudt!", "en": "Aborted!"},
    # The merge's report of its conflicts (core/merging.py), in the reader's language.
    "merge-where-header": {"da": "lærredets oplysninger", "en": "canvas header"},
    "merge-side-ours": {"da": "vores", "en": "ours"},
    "merge-side-theirs": {"da": "deres", "en": "theirs"},
    "merge-both-added": {"da": " (begge tilføjede punktet)", "en": " (both added this item)"},
    "merge-both-changed": {
        "da": "punkt {id} {text}: begge sider ændrede {what}; beholdt begge (deres som punkt "
        "{copy})",
        "en": "item {id} {text}: both sides changed {what}; kept both (theirs as item {copy})",
    },
    "merge-changed-deleted": {
        "da": "punkt {id} {text}: ændret af {kept}, slettet af {other}; beholdt det",
        "en": "item {id} {text}: changed by {kept}, deleted by {other}; kept it",
    },
    "merge-category-dropped": {
        "da": "punkt {id} {text}: kategorien {category} findes ikke i {block} efter flytningen; "
        "udeladt",
        "en": "item {id} {text}: category {category} does not exist in {block} after the move; "
        "left it out",
    },
    "merge-both-values": {
        "da": ": vores {ours}, deres {theirs}",
        "en": ": ours {ours}, theirs {theirs}",
    },
    "merge-header-changed": {
        "da": "{name} ændret forskelligt på de to sider{shown}; beholdt vores, deres står i "
        "beskrivelsen",
        "en": "{name} changed differently on both sides{shown}; kept ours, theirs is written in "
        "the description",
    },
    # git diff's reading of a canvas (``bmc-tui diff --textconv``, core/diffing.textconv).
    "textconv-canvas": {"da": "Lærred: {title}", "en": "Canvas: {title}"},
    "textconv-language": {"da": "Sprog: {language}", "en": "Language: {language}"},
    "textconv-lint-disabled": {
        "da": "Slåede lint-regler fra: {rules}",
        "en": "Lint disabled: {rules}",
    },
    "textconv-description": {"da": "Beskrivelse:", "en": "Description:"},
    # The notes the merge writes into the canvas, in the canvas's language (core/merging.py).
    # core/conflicts.py reads them back to resolve a conflict: its patterns are built from
    # these texts, so a word changed here is still understood there; the English ones are
    # also what canvases merged by older versions hold.
    "merge-note-label": {"da": "konflikt", "en": "conflict"},
    "merge-note-both-changed": {
        "da": "{label}: begge sider ændrede {what}. {which}{base}",
        "en": "{label}: ours and theirs both changed {what}. {which}{base}",
    },
    "merge-note-short": {"da": "{label}: {which}", "en": "{label}: {which}"},
    "merge-note-ours": {
        "da": "Dette er vores; deres er punkt {id}.",
        "en": "This is ours; theirs is item {id}.",
    },
    "merge-note-theirs": {
        "da": "Dette er deres; vores er punkt {id}.",
        "en": "This is theirs; ours is item {id}.",
    },
    "merge-note-base-text": {"da": " Udgangspunktets tekst: {text}.", "en": " Base text: {text}."},
    "merge-note-changed-deleted": {
        "da": "{label}: {kept} ændrede punktet og {other} slettede det; denne udgave er beholdt.",
        "en": "{label}: {kept} changed this item and {other} deleted it; kept this version.",
    },
    "merge-note-deleted": {
        "da": "{label}: {other} slettede punktet.",
        "en": "{label}: {other} deleted this item.",
    },
    "merge-note-category-moved": {
        "da": "{label}: den ene side gav punktet kategorien {category}, og den anden flyttede "
        "det til {block}, som ikke har den kategori.",
        "en": "{label}: one side gave this item the category {category} and the other moved "
        "it to {block}, which has no such category.",
    },
    "merge-note-tag-set-aside": {
        "da": " Tagget {tag} er lagt til side for at give plads til 'conflict'; sæt det på "
        "igen, når konflikten er løst.",
        "en": " Tag {tag} was set aside to make room for 'conflict'; put it back when resolving.",
    },
    "merge-note-category-left-out": {
        "da": " (kategorien {category} udeladt: {block} har ingen sådan)",
        "en": " (category {category} left out: {block} has none such)",
    },
    "merge-note-description": {
        "da": "{label}: deres beskrivelse var:\n{theirs}",
        "en": "{label}: theirs' description was:\n{theirs}",
    },
    "merge-note-header-field": {
        "da": "{label}: {name}: vores {ours}, deres {theirs} (vores beholdt)",
        "en": "{label}: {name}: ours {ours}, theirs {theirs} (kept ours)",
    },
    "merge-note-none": {"da": "(ingen)", "en": "(none)"},
    # A merge of files that are no canvases, line by line (core/linemerge.py).
    "linemerge-no-git": {
        "da": "git er ikke installeret (eller ikke på PATH); kan ikke flette linje for linje",
        "en": "git is not installed (or not on PATH); cannot merge line by line",
    },
    "linemerge-cannot-run": {
        "da": "kan ikke køre git merge-file: {reason}",
        "en": "cannot run git merge-file: {reason}",
    },
    "linemerge-failed": {
        "da": "git merge-file mislykkedes: {reason}",
        "en": "git merge-file failed: {reason}",
    },
}


def say(key: str, language: Language, /, **fields: object) -> str:
    """The message ``key`` in ``language`` with its placeholders filled in."""
    return MESSAGES[key][language].format(**fields)


def change_words(description: str, language: Language) -> str:
    """An edit's description (``document.Change.description``) in words of ``language``, for
    undo and redo to say what they did; a description without words is shown as it is."""
    key = f"change-{description}"
    return say(key, language) if key in MESSAGES else description


def placeholders(text: str) -> frozenset[str]:
    """The names a message's text expects (for the test that both languages agree)."""
    return frozenset(name for _, name, _, _ in Formatter().parse(text) if name)
