"""``bmc-tui show`` and ``bmc-tui export`` as a user runs them: output, widths, errors."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.cells import cell_len

from bmc_tui.cli import main
from bmc_tui.core.catalogue import ATTRIBUTION, BLOCKS, GRID_COLUMNS
from bmc_tui.core.model import Canvas, CanvasFile
from bmc_tui.core.presentation import (
    NOTE_MARKER,
    markdown_escape,
    segment_mark,
    tag_label,
    title_forms,
)
from bmc_tui.core.storage import load

CANVASES = Path(__file__).resolve().parents[2] / "canvases"
EXAMPLES = sorted(CANVASES.glob("example-*.toml"))

# Escape sequences that set a colour (foreground or background, basic, 256 or true colour).
COLOUR_SGR = re.compile(r"\x1b\[[0-9;]*(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")

HOSTILE = textwrap.dedent(
    """\
    format_version = 1

    [canvas]
    title = "Tricky [bold]canvas[/bold]"
    designed_by = "<b>Mallory</b>"
    language = "en"

    [[key_partners]]
    text = "[bold]not bold[/bold] and [red]not red[/red]"
    note = "<img src=x onerror=alert(1)>"

    [[value_propositions]]
    text = "<script>alert('x')</script> & :smile: [link=https://evil.example]click[/link]"
    tags = ["vip"]

    [[customer_segments]]
    text = "# not a heading"
    tags = ["vip"]
    category = "niche"
    """
)

SMALL = textwrap.dedent(
    """\
    format_version = 1

    [canvas]
    title = "Lemonade stand"
    designed_for = "Kim"
    designed_by = "Alex"
    date = 2024-06-01
    version = "2"
    language = "en"

    [[key_partners]]
    text = "Lemon grower"

    [[key_activities]]
    text = "Squeezing"

    [[key_resources]]
    text = "Table"

    [[value_propositions]]
    text = "Cold drink"
    tags = ["walkers"]

    [[customer_relationships]]
    text = "Smile"

    [[channels]]
    text = "Sidewalk"

    [[customer_segments]]
    text = "Dog walkers"
    tags = ["walkers"]

    [[cost_structure]]
    text = "Lemons"
    note = "Buy in bulk."

    [[revenue_streams]]
    text = "Cup sales"
    """
)


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.toml"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.toml"
    path.write_text(SMALL, encoding="utf-8")
    return path


def flowed(output: str) -> str:
    """The words of a stacked rendering in reading order: frames and bullets dropped."""
    words = []
    for line in output.splitlines():
        line = line.strip().strip("│").strip()
        words.append(line.removeprefix("• "))
    return " ".join(" ".join(words).split())


# --- show ------------------------------------------------------------------------------------


def test_examples_exist() -> None:
    assert [path.name for path in EXAMPLES] == ["example-da.toml", "example-en.toml"]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.stem)
@pytest.mark.parametrize("width", [80, 120, 200])
def test_show_grid_fits_the_width(example: Path, width: int) -> None:
    code, out, err = run("show", str(example), "--width", str(width))
    assert code == 0, err
    lines = out.splitlines()
    assert max(cell_len(line) for line in lines) <= width
    # The grid, not the stack: five boxes side by side on the top rows, two below.
    assert any(line.count("╮╭") == 4 for line in lines)
    assert any(line.count("╮╭") == 1 and line.startswith("╭") for line in lines)
    language = load(example).header.language
    for block in BLOCKS:
        assert any(title in out for title in title_forms(block, language))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.stem)
@pytest.mark.parametrize("width", [40, 60, 79])
def test_show_stacks_blocks_below_80_columns(example: Path, width: int) -> None:
    code, out, _ = run("show", str(example), "--width", str(width))
    assert code == 0
    lines = out.splitlines()
    assert max(cell_len(line) for line in lines) <= width
    assert not any("╮╭" in line for line in lines)
    canvas = load(example)
    language = canvas.header.language
    if width >= 60:  # wide enough for every full title
        positions = [out.index(f"{block.number} {block.title(language)}") for block in BLOCKS]
        assert positions == sorted(positions), "blocks are stacked in catalogue order"
    if width == 79:
        text = flowed(out)
        for _, _, item in canvas.all_items():
            assert item.text in text


def test_show_grid_shows_every_item_and_the_header(small: Path) -> None:
    code, out, _ = run("show", str(small), "--width", "200")
    assert code == 0
    canvas = load(small)
    for _, _, item in canvas.all_items():
        assert item.text in out
    assert "Lemonade stand" in out
    for field in ("Designed for: Kim", "Designed by: Alex", "Date: 2024-06-01", "Version: 2"):
        assert field in out
    assert f"Lemons {NOTE_MARKER}" in out, "an item with a note is marked"
    assert f"Cold drink {segment_mark(0).glyph}walkers" in out, "a segment's tag has its mark"
    assert ATTRIBUTION.en in out


def test_show_puts_blocks_where_the_catalogue_says(small: Path) -> None:
    """Each title starts in the terminal column its grid column maps to."""
    width = 200
    _, out, _ = run("show", str(small), "--width", str(width))
    lines = out.splitlines()
    for block in BLOCKS:
        title = next(title for title in title_forms(block, "en") if title in out)
        row = next(index for index, line in enumerate(lines) if title in line)
        expected = block.place.column * width // GRID_COLUMNS
        assert lines[row].index(title) - len("╭─ ") == expected, block.id
    # Tall blocks end on the same line as the boxes stacked beside them, and so do the two
    # bottom blocks: every band closes with one line of box bottoms.
    assert sum(line.count("╯╰") == 4 for line in lines) == 1
    assert sum(line.count("╯╰") == 1 for line in lines) == 1


def test_show_empty_block_shows_its_guiding_question(tmp_path: Path) -> None:
    path = tmp_path / "empty.toml"
    path.write_text('format_version = 1\n[canvas]\ntitle = "Blank"\n', encoding="utf-8")
    code, out, _ = run("show", str(path), "--width", "79")
    assert code == 0
    text = flowed(out)
    assert "Who are our key partners?" in text
    # Key Activities has no question: its intro stands in.
    assert "The activities the value proposition cannot be delivered without" in text


def test_show_language_follows_the_canvas_unless_asked(small: Path) -> None:
    _, english, _ = run("show", str(small), "--width", "79")
    _, danish, _ = run("show", str(small), "--width", "79", "--lang", "da")
    assert "1 Key Partners" in english
    assert "1 Nøglepartnere" in danish
    assert "Designet til: Kim" in danish
    assert ATTRIBUTION.da.split()[0] in danish


def test_show_prints_markup_in_user_text_literally(hostile: Path) -> None:
    code, out, _ = run("show", str(hostile), "--width", "79")
    assert code == 0
    text = flowed(out)
    assert "[bold]not bold[/bold] and [red]not red[/red]" in text
    assert "Tricky [bold]canvas[/bold]" in out
    assert ":smile:" in text
    assert "[link=https://evil.example]click[/link]" in text
    assert "<script>alert('x')</script>" in text


def test_show_prints_markup_literally_with_colour_on(hostile: Path) -> None:
    code, out, _ = run("show", str(hostile), "--width", "120", env={"FORCE_COLOR": "1"})
    assert code == 0
    assert "\x1b[" in out, "colour is forced on, so styles are written"
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert "[bold]not" in plain
    assert "\x1b]8;" not in out, "no hyperlink escape from [link=...] text"


def test_show_writes_no_escape_codes_when_piped(small: Path) -> None:
    code, out, _ = run("show", str(small))
    assert code == 0
    assert "\x1b" not in out
    assert max(cell_len(line) for line in out.splitlines()) <= 80  # Rich's width for a pipe


def test_show_respects_no_color(small: Path) -> None:
    _, out, _ = run("show", str(small), env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert not COLOUR_SGR.search(out)


@pytest.mark.parametrize("command", ["show", "export"])
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, command: str) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("[canvas\ntitle = 1\n", encoding="utf-8")
    for path in (broken, tmp_path / "missing.toml", tmp_path):
        code, out, err = run(command, str(path))
        assert code == 2
        assert out == ""
        assert err.count("\n") == 1, err
        assert "Traceback" not in err
        assert str(path) in err


def test_show_rejects_a_silly_width(small: Path) -> None:
    code, _, err = run("show", str(small), "--width", "5")
    assert code == 2
    assert "--width" in err


# --- export ----------------------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.stem)
def test_export_markdown(example: Path) -> None:
    code, out, _ = run("export", str(example), "--format", "md")
    assert code == 0
    canvas = load(example)
    language = canvas.header.language
    assert out.startswith(f"# {canvas.header.title}\n")
    headings = [line for line in out.splitlines() if line.startswith("## ")]
    assert headings == [f"## {block.number} {block.title(language)}" for block in BLOCKS]
    bullets = [line for line in out.splitlines() if line.startswith("- ")]
    segments = canvas.segment_tags()
    for _, _, item in canvas.all_items():
        # A customer segment's own item starts with its segment's mark, as in the editor.
        assert any(
            re.match(rf"- (\S+ )?{re.escape(markdown_escape(item.text))}", line) for line in bullets
        )
        for tag in item.tags:
            assert f"`{tag_label(tag, segments)}`" in out
        if item.has_note:
            first_line = item.note.strip().splitlines()[0]
            assert f"\n  {markdown_escape(first_line)}" in out
    assert ATTRIBUTION(language) in out


def test_export_markdown_details(small: Path) -> None:
    _, out, _ = run("export", str(small))  # Markdown is the default
    assert "- **Designed for:** Kim" in out
    assert "- **Date:** 2024-06-01" in out
    assert "- Lemons\n\n  Buy in bulk.\n" in out
    assert f"- Cold drink `{segment_mark(0).glyph}walkers`" in out
    assert "## 8 Cost Structure" in out


def test_export_markdown_escapes_markup(hostile: Path) -> None:
    _, out, _ = run("export", str(hostile), "--format", "md")
    assert not re.search(r"(?<!\\)[<>]", out), "every angle bracket is escaped"
    assert "\\<script\\>" in out
    assert "\\<img src=x onerror=alert(1)\\>" in out
    assert f"- {segment_mark(0).glyph} \\# not a heading _(Niche market)_" in out
    assert "\\[link=https://evil.example\\]" in out


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.stem)
def test_export_json_round_trips(example: Path) -> None:
    code, out, _ = run("export", str(example), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert Canvas.from_file(CanvasFile.model_validate(data)) == load(example)
    assert list(data)[:2] == ["format_version", "canvas"]
    _, again, _ = run("export", str(example), "--format", "json")
    assert again == out, "deterministic"
    assert out.endswith("}\n")
    assert "\\u00" not in out, "non-ASCII text is written as is"


def test_export_json_keeps_danish_letters() -> None:
    _, out, _ = run("export", str(CANVASES / "example-da.toml"), "--format", "json")
    assert any(letter in out for letter in "æøå")


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.stem)
def test_export_html_poster(example: Path) -> None:
    code, out, _ = run("export", str(example), "--format", "html")
    assert code == 0
    canvas = load(example)
    language = canvas.header.language
    assert out.startswith("<!DOCTYPE html>")
    assert f'<html lang="{language}">' in out
    assert "@page { size: A4 landscape; margin: 8mm; }" in out
    assert f"grid-template-columns: repeat({GRID_COLUMNS}, minmax(0, 1fr))" in out
    for block in BLOCKS:
        place = block.place
        assert (
            f".block-{block.id.value} {{ grid-column: {place.column + 1} / span "
            f"{place.column_span}; grid-row: {place.row + 1} / span {place.row_span}; }}"
        ) in out
        assert f'<span class="number">{block.number}</span>' in out
    for _, _, item in canvas.all_items():
        assert f'<span class="text">{escape(item.text)}</span>' in out
    assert escape(ATTRIBUTION(language)) in out
    # Self-contained: nothing to fetch, nothing to run.
    for outside in ("<script", "src=", "href=", "url(", "@import", "<link"):
        assert outside not in out


def escape(text: str) -> str:
    import html

    return html.escape(text)


def test_export_html_escapes_everything(hostile: Path) -> None:
    _, out, _ = run("export", str(hostile), "--format", "html")
    assert "<script" not in out
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in out
    assert "<img" not in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out
    assert "<b>" not in out
    assert "&lt;b&gt;Mallory&lt;/b&gt;" in out
    assert "<title>Tricky [bold]canvas[/bold]</title>" in out


def test_export_to_a_file(small: Path, tmp_path: Path) -> None:
    target = tmp_path / "poster.html"
    code, out, _ = run("export", str(small), "-o", str(target))  # format from the suffix
    assert code == 0
    assert out == f"Wrote {target}\n"
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    code, _, _ = run("export", str(small), "--format", "json", "-o", str(target))
    assert code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["canvas"]["title"] == "Lemonade stand"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["poster.html", "small.toml"]


def test_export_to_a_missing_folder_fails_cleanly(small: Path, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "folder" / "out.md"
    code, out, err = run("export", str(small), "-o", str(target))
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("bmc-tui: ")
    assert "does not exist" in err
    assert "Traceback" not in err
    assert not (tmp_path / "no").exists()


def test_export_to_a_folder_fails_cleanly(small: Path, tmp_path: Path) -> None:
    code, _, err = run("export", str(small), "-o", str(tmp_path))
    assert code == 2
    assert err.count("\n") == 1
    assert "folder" in err


def test_export_never_overwrites_its_input(small: Path) -> None:
    before = small.read_bytes()
    code, _, err = run("export", str(small), "--format", "json", "-o", str(small))
    assert code == 2
    assert "not overwriting" in err
    assert small.read_bytes() == before


def test_export_into_a_read_only_folder_leaves_nothing(small: Path, tmp_path: Path) -> None:
    import os

    if os.geteuid() == 0:
        pytest.skip("root may write anywhere")
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        code, _, err = run("export", str(small), "-o", str(folder / "out.md"))
        assert code == 2
        assert err.count("\n") == 1
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_export_language_option(small: Path) -> None:
    _, out, _ = run("export", str(small), "--format", "md", "--lang", "da")
    assert "## 1 Nøglepartnere" in out
    assert ATTRIBUTION.da in out


@pytest.mark.parametrize("name", ["poster.pdf", "canvas.docx", "notes.txt"])
def test_export_refuses_a_suffix_it_cannot_write(small: Path, tmp_path: Path, name: str) -> None:
    # It used to write Markdown into poster.pdf and exit 0: a "PDF" that no viewer opens.
    target = tmp_path / name
    code, out, err = run("export", str(small), "-o", str(target))
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1, err
    assert target.suffix in err
    assert all(suffix in err for suffix in (".md", ".html", ".json", ".svg"))
    assert not target.exists()


def test_export_svg_is_the_canvas_grid_as_a_picture(small: Path, tmp_path: Path) -> None:
    target = tmp_path / "slide.svg"
    code, _, _ = run("export", str(small), "-o", str(target))  # format from the suffix
    assert code == 0
    picture = target.read_text(encoding="utf-8")
    assert picture.startswith("<svg")
    assert picture.rstrip().endswith("</svg>")
    for title in ("1 Key Partners", "9 Revenue Streams", "Lemonade stand", "Dog walkers"):
        assert title in picture
    code, out, _ = run("export", str(small), "--format", "svg")
    assert code == 0
    assert out.startswith("<svg")


def test_export_svg_escapes_user_text(hostile: Path) -> None:
    code, out, _ = run("export", str(hostile), "--format", "svg")
    assert code == 0
    assert "<script>" not in out
    assert "<b>" not in out
