"""The canvas model refuses what a canvas file must not hold, and says where.

A user who hand-edits a canvas needs to learn *which* field is wrong, so every rejection is
checked for the dotted path of the offending field (``channels[0].text``), not just for
"invalid". Parsing goes through ``storage.parse`` the way the CLI and editor do.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pydantic import ValidationError

from bmc_tui.core.catalogue import BLOCKS, BlockId, Language
from bmc_tui.core.model import (
    BASE_FORMAT_VERSION,
    MAX_HEADER_LENGTH,
    MAX_TAG_LENGTH,
    MAX_TAGS,
    MAX_TEXT_LENGTH,
    Canvas,
    CanvasFile,
    Header,
    Item,
    new_item_id,
    tags_problem,
    validate_item,
)
from bmc_tui.core.storage import CanvasError, parse

PATH = Path("canvas.toml")


def messages(text: str) -> list[str]:
    """The problems ``parse`` reports for a file's text; fails the test if it is accepted."""
    with pytest.raises(CanvasError) as caught:
        parse(PATH, text)
    return [problem.message for problem in caught.value.problems]


def only_message(text: str) -> str:
    found = messages(text)
    assert len(found) == 1, found
    return found[0]


def item_file(**fields: str) -> str:
    """A file with one channels item; field values are TOML literals, written as given."""
    body = "".join(f"{key} = {value}\n" for key, value in fields.items())
    return f"[[channels]]\n{body}"


# --- what is accepted -----------------------------------------------------------------------


def test_an_empty_file_is_an_empty_canvas() -> None:
    canvas = parse(PATH, "")
    assert canvas.item_count() == 0
    assert canvas.header == Header()
    assert set(canvas.blocks) == set(BlockId)


def test_a_full_item_is_read_as_written() -> None:
    canvas = parse(
        PATH,
        '[[customer_segments]]\nid = "fam"\ntext = "  Families  "\n'
        'category = "niche"\ntags = ["families", "local"]\nnote = "Two kids.\\nOne dog.\\n"\n',
    )
    (item,) = canvas.items(BlockId.CUSTOMER_SEGMENTS)
    assert item == Item(
        id="fam",
        text="Families",
        category="niche",
        tags=("families", "local"),
        note="Two kids.\nOne dog.\n",
    )
    assert canvas.segment_tags() == {"families": 0, "local": 0}


def test_header_fields_are_read() -> None:
    canvas = parse(
        PATH,
        '[canvas]\ntitle = "Bakery"\ndesigned_for = "Us"\ndesigned_by = "Me"\n'
        'date = 2025-01-31\nversion = "2"\nlanguage = "da"\ndescription = "Hi"\n',
    )
    assert canvas.header == Header(
        title="Bakery",
        designed_for="Us",
        designed_by="Me",
        date=dt.date(2025, 1, 31),
        version="2",
        language="da",
        description="Hi",
    )


@pytest.mark.parametrize("note", ["a\r\nb\r\n", "a\rb\r"])
def test_windows_and_old_mac_line_ends_in_notes_become_newlines(note: str) -> None:
    assert Item(text="x", note=note).note == "a\nb\n"
    assert Header(description=note).description == "a\nb\n"


def test_crlf_file_is_read_with_lf_notes() -> None:
    text = '[[channels]]\r\ntext = "x"\r\nnote = """\r\none\r\ntwo"""\r\n'
    (item,) = parse(PATH, text).items(BlockId.CHANNELS)
    assert item.note == "one\ntwo"


def test_danish_emoji_and_cjk_text_is_fine() -> None:
    item = Item(text="Bageri på Østerbro 🥖 面包", tags=("æblekage", "面包"))
    assert item.text == "Bageri på Østerbro 🥖 面包"


# --- rejections, each naming its field ----------------------------------------------------------


def test_unknown_top_level_key() -> None:
    assert only_message('colour = "red"\n') == "colour: unknown block or table"


def test_unknown_block() -> None:
    assert only_message('[[key_partner]]\ntext = "x"\n') == "key_partner: unknown block or table"


def test_unknown_field_in_an_item() -> None:
    assert (
        only_message(item_file(text='"x"', colour='"red"')) == "channels[0].colour: unknown field"
    )


def test_unknown_field_in_the_header() -> None:
    assert only_message('[canvas]\nauthor = "me"\n') == "canvas.author: unknown field"


def test_unknown_category_names_the_known_ones() -> None:
    message = only_message('[[customer_segments]]\ntext = "x"\ncategory = "nitch"\n')
    assert message.startswith("customer_segments[0].category: unknown category 'nitch'")
    assert "niche" in message


def test_category_on_a_block_without_categories() -> None:
    message = only_message(item_file(text='"x"', category='"niche"'))
    assert message.startswith("channels[0].category: unknown category 'niche'")


def test_category_from_another_block_is_refused() -> None:
    message = only_message('[[key_resources]]\ntext = "x"\ncategory = "niche"\n')
    assert message.startswith("key_resources[0].category:")


def test_validate_item_checks_the_category_against_its_block() -> None:
    assert validate_item(BlockId.CUSTOMER_SEGMENTS, text="x", category="niche").category == "niche"
    with pytest.raises(ValueError, match="channels"):
        validate_item(BlockId.CHANNELS, text="x", category="niche")


def test_an_edit_and_a_file_refuse_a_category_in_the_same_words() -> None:
    """One rule, one wording: the editor's refusal names the known categories as the file
    check does."""
    with pytest.raises(ValueError, match="unknown category") as caught:
        validate_item(BlockId.CUSTOMER_SEGMENTS, text="x", category="nitch")
    from_file = only_message('[[customer_segments]]\ntext = "x"\ncategory = "nitch"\n')
    assert from_file == f"customer_segments[0].category: {caught.value}"
    assert "niche" in str(caught.value)


@pytest.mark.parametrize("text", ['""', '"   "', '"\\t"', '"\\u3000"'])
def test_empty_or_blank_text(text: str) -> None:
    assert only_message(item_file(text=text)) == "channels[0].text: must not be empty"


def test_missing_text() -> None:
    assert only_message(item_file(note='"n"')).startswith("channels[0].text: is required")


def test_text_is_stripped() -> None:
    assert Item(text="  spaced  ").text == "spaced"


def test_over_long_text() -> None:
    message = only_message(item_file(text=f'"{"x" * (MAX_TEXT_LENGTH + 1)}"'))
    assert message.startswith("channels[0].text:")
    assert f"at most {MAX_TEXT_LENGTH} characters" in message
    # Exactly the limit is fine, and so is the limit plus surrounding spaces.
    Item(text=" " + "x" * MAX_TEXT_LENGTH + " ")


def test_over_long_header_field() -> None:
    message = only_message(f'[canvas]\ntitle = "{"x" * (MAX_HEADER_LENGTH + 1)}"\n')
    assert message.startswith("canvas.title:")
    assert "characters" in message


def test_newline_in_text() -> None:
    message = only_message(item_file(text='"one\\ntwo"'))
    assert message == "channels[0].text: contains the control character U+000A"


@pytest.mark.parametrize(
    ("escape", "code_point"),
    [
        ("\\u001b[31m", "U+001B"),  # an ANSI colour escape
        ("\\u0007", "U+0007"),  # bell
        ("\\u007f", "U+007F"),  # delete
        ("\\u0085", "U+0085"),  # C1 next line
        ("\\u009b31m", "U+009B"),  # C1 control sequence introducer
        ("\\r", "U+000D"),
        ("\\u202e", "U+202E"),  # right-to-left override
        ("\\u2066", "U+2066"),  # left-to-right isolate
    ],
)
@pytest.mark.parametrize(
    ("table", "field", "path"),
    [
        ('[[channels]]\ntext = "ok"\n', "text", "channels[0].text"),
        ('[[channels]]\ntext = "ok"\n', "note", "channels[0].note"),
        ("[canvas]\n", "title", "canvas.title"),
        ("[canvas]\n", "designed_by", "canvas.designed_by"),
        ("[canvas]\n", "description", "canvas.description"),
    ],
)
def test_control_characters_and_bidi_overrides_are_refused(
    escape: str, code_point: str, table: str, field: str, path: str
) -> None:
    if field == "text":
        table = "[[channels]]\n"
    if field in ("note", "description") and escape == "\\r":
        # In multi-line text a lone CR is an old Mac line end: normalised, not refused.
        canvas = parse(PATH, f'{table}{field} = "a{escape}b"\n')
        assert "a\nb" in (
            canvas.header.description + "".join(i.note for _, _, i in canvas.all_items())
        )
        return
    message = only_message(f'{table}{field} = "a{escape}b"\n')
    assert message == f"{path}: contains the control character {code_point}"


@pytest.mark.parametrize("escape", ["\\u001b[31m", "\\u202e"])
def test_lint_disable_refuses_control_characters(escape: str) -> None:
    """Rule ids are printed by ``diff`` and ``check``; an escape there would reach the terminal."""
    message = only_message(f'[canvas]\nlint_disable = ["empty-block", "x{escape}"]\n')
    assert message.startswith("canvas.lint_disable[1]: contains the control character U+")


def test_the_refusal_never_echoes_the_control_character() -> None:
    with pytest.raises(CanvasError) as caught:
        parse(PATH, item_file(text='"\\u001b]0;pwned\\u0007"'))
    assert "\x1b" not in str(caught.value)
    assert "\x07" not in str(caught.value)


def test_newlines_are_allowed_in_notes_and_description() -> None:
    assert Item(text="x", note="a\n\nb\n").note == "a\n\nb\n"
    assert Header(description="a\nb").description == "a\nb"


def test_duplicate_ids_across_blocks() -> None:
    text = '[[channels]]\nid = "abc"\ntext = "x"\n\n[[customer_segments]]\nid = "abc"\ntext = "y"\n'
    message = only_message(text)
    assert message == "customer_segments[0].id: duplicate item id 'abc' (first used at channels[0])"


def test_duplicate_ids_within_a_block() -> None:
    text = '[[channels]]\nid = "abc"\ntext = "x"\n\n[[channels]]\nid = "abc"\ntext = "y"\n'
    assert only_message(text).startswith("channels[1].id: duplicate item id 'abc'")


@pytest.mark.parametrize("bad_id", ['"ABC"', '"-abc"', '"a b"', '"a.b"', f'"{"a" * 33}"', '"æ"'])
def test_bad_id_pattern(bad_id: str) -> None:
    # Said in words: what an id may contain, never the regular expression.
    message = only_message(item_file(id=bad_id, text='"x"'))
    assert message.startswith("channels[0].id: an id may contain only small letters")
    assert "^" not in message


def test_empty_id_is_refused_rather_than_replaced() -> None:
    assert "id: must not be empty" in only_message(item_file(id='""', text='"x"'))


@pytest.mark.parametrize(
    ("text", "path"),
    [
        (item_file(text="3"), "channels[0].text"),
        (item_file(text='"x"', tags='"solo"'), "channels[0].tags"),
        (item_file(text='"x"', tags="[1]"), "channels[0].tags[0]"),
        (item_file(text='"x"', note="true"), "channels[0].note"),
        (item_file(id="7", text='"x"'), "channels[0].id"),
        ('channels = "x"\n', "channels"),
        ("channels = [1]\n", "channels[0]"),
        ('canvas = "x"\n', "canvas"),
        ('[canvas]\ndate = "last tuesday"\n', "canvas.date"),
        # TOML itself refuses month 13 ("Expected newline"); the error says why instead.
        ("[canvas]\ndate = 2025-13-01\n", "date"),
        ('[canvas]\nlanguage = "sv"\n', "canvas.language"),
        ('[canvas]\ntitle = ["a"]\n', "canvas.title"),
        ('format_version = "1"\n', "format_version"),
        # A lax "2" must not slip past the newer-version check as a string or a float.
        ('format_version = "2"\n', "format_version"),
        ("format_version = 2.0\n", "format_version"),
        ("format_version = true\n", "format_version"),
        ("format_version = 0\n", "format_version"),
    ],
)
def test_wrong_types_name_the_field(text: str, path: str | None) -> None:
    found = messages(text)
    if path is None:
        assert found[0].startswith("invalid TOML")
    else:
        assert any(message.startswith(f"{path}: ") for message in found), found


def test_duplicate_tags() -> None:
    message = only_message(item_file(text='"x"', tags='["a", "b", "a"]'))
    assert message == "channels[0].tags: tag 'a' is given twice"


def test_tags_are_stripped_before_the_duplicate_check() -> None:
    assert "given twice" in only_message(item_file(text='"x"', tags='["a", " a "]'))


@pytest.mark.parametrize(
    "tag", ['""', '"two words"', '".dot"', '"-dash"', '"a/b"', '"a#b"', f'"{"t" * 33}"']
)
def test_bad_tag(tag: str) -> None:
    message = only_message(item_file(text='"x"', tags=f"[{tag}]"))
    assert message.startswith("channels[0].tags[0]: "), message


def test_too_many_tags() -> None:
    tags = ", ".join(f'"t{n}"' for n in range(MAX_TAGS + 1))
    assert only_message(item_file(text='"x"', tags=f"[{tags}]")).startswith("channels[0].tags: ")
    assert len(Item(text="x", tags=tuple(f"t{n}" for n in range(MAX_TAGS))).tags) == MAX_TAGS


def test_longest_tag_is_allowed() -> None:
    assert Item(text="x", tags=("t" * MAX_TAG_LENGTH,)).tags == ("t" * MAX_TAG_LENGTH,)


def test_every_problem_in_a_file_is_reported_with_its_place() -> None:
    text = '[[channels]]\ntext = "x"\nbogus = 1\n\n[[channels]]\ntext = 3\n'
    with pytest.raises(CanvasError) as caught:
        parse(PATH, text)
    places = [(p.message.split(":")[0], p.line) for p in caught.value.problems]
    assert places == [("channels[0].bogus", 3), ("channels[1].text", 6)]


def test_models_are_frozen() -> None:
    item = Item(text="x")
    with pytest.raises(ValidationError):
        item.text = "y"  # type: ignore[misc]


# --- ids ----------------------------------------------------------------------------------------

IDLESS = (
    '[[key_partners]]\ntext = "Mill"\n\n'
    '[[channels]]\ntext = "Shop"\n\n'
    '[[channels]]\ntext = "Shop"\n\n'
    '[[customer_segments]]\ntext = "Mill"\n'
)


def test_missing_ids_are_derived_deterministically() -> None:
    first = parse(PATH, IDLESS)
    second = parse(Path("elsewhere.toml"), IDLESS)
    ids = [item.id for _, _, item in first.all_items()]
    assert ids == [item.id for _, _, item in second.all_items()]
    assert len(set(ids)) == len(ids) == 4, "same text in the same or another block still differs"
    assert all(item_id for item_id in ids)


def test_derived_ids_do_not_depend_on_other_blocks() -> None:
    """Adding an item elsewhere must not renumber the items people already have."""
    before = parse(PATH, '[[channels]]\ntext = "Shop"\n')
    after = parse(PATH, '[[key_partners]]\ntext = "Mill"\n\n[[channels]]\ntext = "Shop"\n')
    assert before.items(BlockId.CHANNELS)[0].id == after.items(BlockId.CHANNELS)[0].id


def test_derived_ids_avoid_ids_written_in_the_file() -> None:
    derived = parse(PATH, '[[channels]]\ntext = "Shop"\n').items(BlockId.CHANNELS)[0].id
    text = f'[[key_partners]]\nid = "{derived}"\ntext = "Mill"\n\n[[channels]]\ntext = "Shop"\n'
    canvas = parse(PATH, text)
    assert canvas.items(BlockId.KEY_PARTNERS)[0].id == derived
    other = canvas.items(BlockId.CHANNELS)[0].id
    assert other != derived
    assert other.startswith(derived)


def test_written_ids_are_kept() -> None:
    canvas = parse(PATH, item_file(id='"my-id_1"', text='"x"'))
    assert canvas.items(BlockId.CHANNELS)[0].id == "my-id_1"


def test_new_item_ids_are_valid_and_fresh() -> None:
    taken = {new_item_id() for _ in range(50)}
    fresh = new_item_id(taken)
    assert fresh not in taken
    Item(id=fresh, text="x")
    assert not fresh.isdigit()


# --- the canvas as data -------------------------------------------------------------------------


def test_file_data_leaves_out_empty_fields_and_blocks() -> None:
    canvas = Canvas().with_item_inserted(BlockId.CHANNELS, 0, Item(id="a1", text="x"))
    data = canvas.to_file_data()
    assert data == {
        "format_version": BASE_FORMAT_VERSION,
        "canvas": {"language": "en"},
        "channels": [{"id": "a1", "text": "x"}],
    }


def test_file_data_validates_back_to_the_same_canvas() -> None:
    canvas = Canvas(header=Header(title="T", date=dt.date(2024, 2, 29)))
    for number, entry in enumerate(BLOCKS):
        canvas = canvas.with_item_inserted(entry.id, 0, Item(id=f"i{number}", text=entry.title.en))
    again = Canvas.from_file(CanvasFile.model_validate(canvas.to_file_data()))
    assert again == canvas


def test_edits_return_new_canvases_and_leave_the_old_alone() -> None:
    empty = Canvas()
    one = empty.with_item_inserted(BlockId.CHANNELS, 0, Item(id="a", text="x"))
    two = one.with_item_replaced(BlockId.CHANNELS, 0, Item(id="a", text="y"))
    gone = two.with_item_removed(BlockId.CHANNELS, 0)
    assert empty.item_count() == 0
    assert one.items(BlockId.CHANNELS)[0].text == "x"
    assert two.items(BlockId.CHANNELS)[0].text == "y"
    assert gone.item_count() == 0
    assert one.find("a") == (BlockId.CHANNELS, 0)
    assert gone.find("a") is None


def test_segment_tags_link_items_to_segments() -> None:
    canvas = parse(
        PATH,
        '[[customer_segments]]\ntext = "A"\ntags = ["a"]\n\n'
        '[[customer_segments]]\ntext = "B"\ntags = ["b", "a"]\n\n'
        '[[channels]]\ntext = "Shop"\ntags = ["b", "other"]\n',
    )
    assert canvas.segment_tags() == {"a": 0, "b": 1}


def test_no_forbidden_character_passes_as_printable() -> None:
    # The control-character check skips texts that are printable (nearly all) without
    # looking at each character; that is only sound while no character it forbids is
    # printable, in this Python's Unicode tables.
    from bmc_tui.core.textsafe import is_forbidden

    slipping = [
        f"U+{code:04X}"
        for code in range(0x110000)
        if is_forbidden(chr(code)) and chr(code).isprintable()
    ]
    assert slipping == []


def test_diff_and_merge_compare_the_fields_the_model_declares() -> None:
    """A field added to Item is diffed and merged without a second list to update."""
    from bmc_tui.core import diffing, merging
    from bmc_tui.core.model import ITEM_FIELDS

    assert tuple(name for name in Item.model_fields if name != "id") == ITEM_FIELDS
    assert diffing.ITEM_FIELDS is ITEM_FIELDS
    assert merging.ITEM_FIELDS is ITEM_FIELDS


def test_a_derived_id_is_never_all_digits_like_every_made_up_id() -> None:
    """One rule for made-up ids: the one derived for "Shop 31" would start 729282."""
    from bmc_tui.core.model import hashed_item_id

    derived = parse(PATH, '[[channels]]\ntext = "Shop 31"\n').items(BlockId.CHANNELS)[0].id
    assert derived == "729282b"
    assert hashed_item_id("channels\0Shop 31\0" + "1", set()) == derived


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_refused_tag_is_told_every_character_a_tag_may_hold(language: Language) -> None:
    # The example canvases tag with underscores (hobby_bakers): the refusal names them too,
    # or a user reads that the tags already in use are not allowed.
    assert tags_problem(("hobby_bakers", "b2b", "x.y", "a+b", "a-b"), language) is None
    problem = tags_problem(("no/slash",), language)
    assert problem is not None
    assert ("underscore" if language == "en" else "understreg") in problem


def test_items_read_from_a_file_that_share_fields_still_change_apart() -> None:
    # Items with the same fields share one set of their names (memory); a changed copy of
    # one must not change what another says was set.
    text = """
[[key_partners]]
id = "a1"
text = "Mill"

[[key_partners]]
id = "b2"
text = "Bakery"

[[key_partners]]
id = "c3"
text = "Dairy"
tags = ["local"]
"""
    loaded = parse(Path("shared.toml"), text)
    first, second, third = loaded.items(BlockId.KEY_PARTNERS)
    assert first.model_fields_set == second.model_fields_set == {"id", "text"}
    assert first.model_fields_set is second.model_fields_set  # one set for both
    assert Item(id="d4", text="Oven").model_fields_set is first.model_fields_set
    assert third.model_fields_set == {"id", "text", "tags"}
    changed = first.model_copy(update={"note": "Organic flour"})
    assert changed.model_fields_set == {"id", "text", "note"}
    assert first.model_fields_set == second.model_fields_set == {"id", "text"}
    assert changed != first
    assert first == Item(id="a1", text="Mill")
    assert first.model_dump(exclude_unset=True) == {"id": "a1", "text": "Mill"}
