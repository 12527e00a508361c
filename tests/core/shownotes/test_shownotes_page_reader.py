"""Reading a pasted show-notes page: the fixture round trip, messy variants,
estimated times, speakers, what goes to notes, and the errors."""
from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.errors import FormatError
from editor.core.estimate import WORDS_PER_MINUTE
from editor.core.formats import by_name
from editor.core.model import word_count
from editor.core.projectdump import project_to_data
from editor.core.shownotes import read_page, render_shownotes
from editor.core.shownotes.headings import title_similarity

DATA = Path(__file__).parent / "data"
PAGE = (DATA / "page.txt").read_text(encoding="utf-8")
# The same page in the earlier layout, without blank lines between sections.
COMPACT = (DATA / "page_compact.txt").read_text(encoding="utf-8")
MESSY = (DATA / "page_messy.txt").read_text(encoding="utf-8")


def dump(project) -> dict:
    return project_to_data(project)


# -- the key round trip ----------------------------------------------------------------

def test_fixture_page_round_trips_line_for_line():
    project = read_page(PAGE)
    exported = render_shownotes(project, "text")
    assert exported.splitlines() == PAGE.splitlines()
    assert exported == PAGE


def test_the_page_without_blank_lines_reads_the_same():
    assert COMPACT.replace("\n\n", "\n") == COMPACT and "\n\n" in PAGE
    assert dump(read_page(COMPACT)) == dump(read_page(PAGE))
    assert render_shownotes(read_page(COMPACT), "text") == PAGE


def test_registry_reads_the_page():
    assert dump(by_name("shownotes-text").read(PAGE)) == dump(read_page(PAGE))


def test_registry_guesses_a_page_from_its_content(tmp_path):
    from editor.core.formats import guess
    path = tmp_path / "pasted.txt"
    path.write_text(PAGE, encoding="utf-8")
    assert guess(path).name == "shownotes-text"
    assert guess(tmp_path / "episode.shownotes.txt", content="").name == "shownotes-text"
    without_transcript = PAGE.split("Transcript\n")[0]
    assert guess(path, content=without_transcript).name == "shownotes-text"
    assert guess(path, content="Ann: hello\nBo: hi\n").name != "shownotes-text"


def test_fixture_page_fields():
    project = read_page(PAGE)
    ep = project.episode
    assert ep.title == "Small Batches, Big Harbours: Shipping Hardware from Tallinn to Osaka"
    assert ep.subtitle.endswith("freight and “good enough”.")
    assert ep.description.split("\n") == [
        "Kadri Tamm talks with Ülle Õunapuu and 佐藤ひろし about building kitchen robots in "
        "small batches.",
        "We also hear from Mia 🎧, who mixes the show, about the sound of a factory floor.",
        "Recorded in Tallinn and Osaka in March 2026."]
    assert [(c.role, c.names) for c in ep.credits] == [
        ("Hosted", ("Kadri Tamm",)), ("Produced", ("Hiroshi Sato",)),
        ("Edited", ("Jaan Õun", "Mia Chen", "Leo Park")), ("Music", ("Lumi Kask",))]
    assert [(l.label, l.url) for l in ep.links] == [
        ("Subscribe wherever you get your podcasts", None),
        ("Read the full interview notes", "https://example.com/notes/42"),
        ("Follow us on Mastodon", "https://mastodon.example/@smallbatches")]
    assert ep.disclaimer.split("\n")[0].startswith("This show is for informational purposes")
    assert len(ep.disclaimer.split("\n")) == 2
    assert ep.notes == ""
    assert [(c.start, c.title) for c in project.chapters] == [
        (0, "Welcome and Introductions"), (270_000, "Why “Good Enough” Ships"),
        (725_000, "Finding a Factory in Osaka"),
        (1_668_000, "Freight, Customs and the 40-Foot Box"),
        (2_950_000, "When the First Batch Failed"),
        (3_920_000, "Advice for Small Hardware Teams")]


def test_fixture_speakers_get_ids_colours_and_slots():
    project = read_page(PAGE)
    names = [s.name for s in project.speakers]
    assert names == ["Kadri", "Ülle Õunapuu", "佐藤ひろし", "Mia 🎧"]
    assert len({s.id for s in project.speakers}) == 4
    assert all(s.id and " " not in s.id for s in project.speakers)
    colours = [s.color for s in project.speakers]
    assert len(set(colours)) == 4 and all(c.startswith("#") and len(c) == 7 for c in colours)
    assert [s.slot for s in project.speakers] == [1, 2, 3, 4]
    ids = {s.name: s.id for s in project.speakers}
    assert sum(t.speaker == ids["Mia 🎧"] for t in project.turns) == 1


def test_continuations_notes_and_urls_stay_in_their_turn():
    project = read_page(PAGE)
    texts = [t.text for t in project.turns]
    customs = next(t for t in texts if t.startswith("Customs codes."))
    assert customs.split("\n")[1:] == [
        "We paid the higher duty twice before we got a ruling.",
        "The ruling is public, if you are curious:",
        "https://example.com/rulings/8516-60"]
    meet = next(t for t in texts if t.startswith("At a trade fair"))
    assert meet.split("\n")[1] == "Note: this part of the conversation was shortened for time."
    pallet = next(t for t in texts if t.startswith("And the 40-foot box"))
    assert pallet.endswith("\nUpdate: we now ship by pallet through a consolidator.")
    lowercase = next(t for t in texts if t.startswith("Less risky"))
    assert lowercase.endswith("\nin short: we learned more from ten ugly robots than from any survey.")


def load_synthetic():
    """benchmarks/synthetic.py as a module (benchmarks/ is not an installed package)."""
    import importlib.util
    path = Path(__file__).resolve().parents[3] / "benchmarks" / "synthetic.py"
    spec = importlib.util.spec_from_file_location("showscribe_bench_synthetic", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_long_exported_episode_reads_back_turn_for_turn():
    original = load_synthetic().make_project(turns=600, seed=3)
    page = render_shownotes(original, "text")
    project = read_page(page)
    names = {s.id: s.name for s in original.speakers}
    assert [(project.speaker_name(t.speaker), t.text) for t in project.turns] == [
        (names[t.speaker], t.text) for t in original.turns]
    assert [(c.start // 1000, c.title) for c in project.chapters] == [
        (c.start // 1000, c.title) for c in original.chapters if c.toc]
    assert render_shownotes(project, "text") == page


# -- messy variants read as the same project ---------------------------------------------

def test_messy_page_reads_as_the_clean_one():
    assert MESSY != PAGE
    assert dump(read_page(MESSY)) == dump(read_page(PAGE))


@pytest.mark.parametrize("variant", ["crlf", "bom", "no-final-newline", "cr", "all"])
def test_line_endings_bom_and_final_newline(variant):
    text = {
        "crlf": PAGE.replace("\n", "\r\n"),
        "bom": "\ufeff" + PAGE,
        "no-final-newline": PAGE.rstrip("\n"),
        "cr": PAGE.replace("\n", "\r"),
        "all": "\ufeff" + MESSY.replace("\n", "\r\n").rstrip("\r\n"),
    }[variant]
    assert dump(read_page(text)) == dump(read_page(PAGE))


@pytest.mark.parametrize("line, start, title", [
    ("(05:12) Quality, Culture and Contracts;", 312_000, "Quality, Culture and Contracts"),
    ("(1:02:07) Advice for First-Time Exporters", 3_727_000, "Advice for First-Time Exporters"),
    ("05:12 - Quality", 312_000, "Quality"),
    ("05:12 – Quality", 312_000, "Quality"),
    ("[00:12:34] Deep Dive", 754_000, "Deep Dive"),
    ("[01:00:00] Wrap-up.", 3_600_000, "Wrap-up"),
    ("(02:00) Wait for it...", 120_000, "Wait for it..."),
    ("75:00 | Late", 4_500_000, "Late"),
])
def test_chapter_line_forms(line, start, title):
    # a list of mixed endings: a final "." is punctuation
    project = read_page(f"Title\nTimestamps\n(00:00) Start\n{line}\n")
    assert [(c.start, c.title) for c in project.chapters][-1] == (start, title)


@pytest.mark.parametrize("heading", [
    "Quality, Culture and Contracts",
    "Quality, Culture & Contracts",
    "quality culture and contract",
    "Quality, Culture and the Contracts!",
    "Quality, Cultures and Contracting",
])
def test_differently_worded_headings_match_their_chapter(heading):
    page = ("T\nTimestamps\n(00:00) Getting Started with Robots;\n"
            "(05:12) Quality, Culture and Contracts;\nTranscript\n"
            "Getting Started with Robots\nJonas: Hi there.\nMara: Hello.\n"
            f"{heading}\nJonas: What surprised you?\n")
    project = read_page(page)
    # "Hi there." and "Hello." share 0..5:12 two words to one
    assert [t.start for t in project.turns] == [0, 208_000, 312_000]
    assert all(heading not in t.text for t in project.turns)


def test_heading_with_a_colon_is_a_heading_not_a_turn():
    page = ("T\nTimestamps\n(00:00) Intro;\n(05:00) Part Two: The Deal;\nTranscript\n"
            "Intro\nAnn: Hi.\nBo: Hey.\nPart Two: The Deal\nAnn: So.\n")
    project = read_page(page)
    assert [s.name for s in project.speakers] == ["Ann", "Bo"]
    assert [(t.start, t.text) for t in project.turns][-1] == (300_000, "So.")
    written = render_shownotes(project, "text").splitlines()
    assert [line for line in written if line] == page.splitlines()


def test_unrelated_line_is_not_a_heading():
    assert title_similarity("Quality, Culture and Contracts",
                            "We talked about culture for a long time.") < 0.75
    assert title_similarity("Advice for First-Time Exporters",
                            "advice for first time exporters") == 1.0


def test_a_turn_line_is_never_a_heading():
    page = ("T\nTimestamps\n(00:00) Intro;\n(01:00) Jonas: The Story;\nTranscript\n"
            "Intro\nJonas: The Story\nJonas: Second line.\n")
    project = read_page(page)
    assert [t.text for t in project.turns] == ["The Story", "Second line."]
    assert all(t.start < 60_000 for t in project.turns)


@pytest.mark.parametrize("line", [
    "Note: the audio drops out here.", "Update: we fixed it.", "NOTE: loud noise",
    "https://example.com/a: see this", "12:30: we started late", "Editor’s note: cut.",
    "So this is what I told them and they said: fine", "in short: no",
])
def test_lines_that_are_not_turns_continue_the_previous_one(line):
    project = read_page(f"T\nTranscript\nAnn: Hi.\n{line}\nAnn: Bye.\n")
    assert len(project.speakers) == 1
    assert [t.text for t in project.turns] == [f"Hi.\n{line}", "Bye."]


def test_lines_before_the_first_turn_go_to_notes():
    project = read_page("T\nTranscript\nNote: edited for length.\nAnn: Hi.\nAnn: Bye.\n")
    assert project.episode.notes == "Note: edited for length."
    assert [t.text for t in project.turns] == ["Hi.", "Bye."]


@pytest.mark.parametrize("name", ["Ann", "Jonas Pärn", "Dr. Sam Okafor", "Ülle", "佐藤ひろし",
                                  "Mia 🎧", "🎙️ Host", "Maria de la Cruz", "Speaker 2"])
def test_speaker_names_of_one_to_four_words(name):
    project = read_page(f"T\nTranscript\n{name}: Hello.\nBo: Hi.\n")
    assert [s.name for s in project.speakers] == [name, "Bo"]


def test_five_words_are_not_a_speaker_name():
    project = read_page("T\nTranscript\nBo: Hi.\nOne Two Three Four Five: no.\n")
    assert [t.text for t in project.turns] == ["Hi.\nOne Two Three Four Five: no."]


# -- estimated times ----------------------------------------------------------------------

def test_estimated_times_follow_chapters_and_word_counts():
    ten, twenty, thirty = ("w " * 10).strip(), ("w " * 20).strip(), ("w " * 30).strip()
    page = ("T\nTimestamps\n(00:00) One;\n(01:00) Two;\nTranscript\nOne\n"
            f"Ann: {ten}\nBo: {twenty}\nAnn: {thirty}\nTwo\nBo: {ten}\nAnn: {twenty}\n")
    project = read_page(page)
    assert all(t.estimated for t in project.turns)
    # chapter one: 60 s shared 10:20:30 by words
    assert [t.start for t in project.turns[:3]] == [0, 10_000, 30_000]
    # the last chapter has no end: about 150 words a minute
    assert project.turns[3].start == 60_000
    assert project.turns[4].start == 60_000 + 10 * 60_000 // WORDS_PER_MINUTE
    assert project.audio_duration is None


def test_fixture_times_stay_inside_their_chapters():
    project = read_page(PAGE)
    starts = [c.start for c in project.chapters]
    headings = PAGE.split("Transcript\n", 1)[1].splitlines()
    chapter, firsts = -1, []
    for line in headings:
        if line in [c.title for c in project.chapters]:
            chapter += 1
            firsts.append(True)
        elif ":" in line and line.split(":")[0] in {s.name for s in project.speakers}:
            firsts.append(chapter)
    turn_chapters = [c for c in firsts if c is not True]
    assert len(turn_chapters) == len(project.turns)
    seen = set()
    for turn, k in zip(project.turns, turn_chapters):
        end = starts[k + 1] if k + 1 < len(starts) else None
        assert starts[k] <= turn.start and (end is None or turn.start < end)
        if k not in seen:
            assert turn.start == starts[k]
            seen.add(k)
    assert [t.start for t in project.turns] == sorted(t.start for t in project.turns)
    # last chapter at 150 words a minute
    last = [t for t, k in zip(project.turns, turn_chapters) if k == len(starts) - 1]
    for a, b in zip(last, last[1:]):
        assert b.start - a.start == word_count(a.text) * 60_000 // WORDS_PER_MINUTE


def test_turns_with_their_own_time_are_confirmed_and_others_re_estimated():
    page = ("T\nTimestamps\n(00:00) One;\n(02:00) Two;\nTranscript\nOne\n"
            "Ann: a b c d\n(00:30) Bo: a b c d\nAnn: a b c d\nTwo\nBo: a b\n")
    project = read_page(page)
    assert [(t.start, t.estimated) for t in project.turns] == [
        (0, True), (30_000, False), (75_000, True), (120_000, True)]


@pytest.mark.parametrize("line, credit", [
    ("Directed by Ann Lee", ("Directed", ("Ann Lee",))),
    ("Edited by A. Smith, Bo Chan, and Cy Dee", ("Edited", ("A. Smith", "Bo Chan", "Cy Dee"))),
    ("Mixed by Tom & Jerry Sound", ("Mixed", ("Tom", "Jerry Sound"))),
    ("Cover art by 佐藤ひろし", ("Cover art", ("佐藤ひろし",))),
    ("Views expressed by guests are their own", None),
    ("Made possible by listeners like you.", None),
    ("Sponsored by https://example.com", None),
])
def test_credit_lines(line, credit):
    project = read_page(f"T\nTimestamps\n(00:00) A;\n{line}\nTranscript\n")
    found = [(c.role, c.names) for c in project.episode.credits]
    assert found == ([credit] if credit else [])
    if credit is None:   # kept as a link or the disclaimer instead
        kept = [l.label for l in project.episode.links] + [project.episode.disclaimer]
        assert any(line.split(" https")[0] in k for k in kept)


# -- pages with missing parts -------------------------------------------------------------

def test_page_without_transcript_heading_finds_the_transcript():
    page = ("Title\nTimestamps\n(00:00) Hello There;\n(02:00) Goodbye Now;\n"
            "Hosted by Ann Lee\nSite: https://example.com\nHello There\n"
            "Ann: Hi.\nBo: Hey.\nGoodbye Now\nAnn: Bye.\nBo: Bye!\n")
    project = read_page(page)
    assert [(l.label, l.url) for l in project.episode.links] == [("Site", "https://example.com")]
    assert [t.text for t in project.turns] == ["Hi.", "Hey.", "Bye.", "Bye!"]
    assert project.turns[2].start == 120_000


def test_page_without_timestamps_heading_starts_the_list_at_the_first_chapter_line():
    page = "Title\nSub\nDesc\n00:00 Intro\n03:00 Outro\nTranscript\nIntro\nAnn: Hi.\n"
    project = read_page(page)
    ep = project.episode
    assert (ep.title, ep.subtitle, ep.description) == ("Title", "Sub", "Desc")
    assert [c.title for c in project.chapters] == ["Intro", "Outro"]


def test_transcript_only_page_with_timestamped_headings_makes_chapters():
    page = "Title\nTranscript\n(00:00) Intro\nAnn: Hi.\nBo: Hello.\n(10:00) Next\nAnn: Go.\n"
    project = read_page(page)
    assert [(c.start, c.title) for c in project.chapters] == [(0, "Intro"), (600_000, "Next")]
    assert project.turns[2].start == 600_000


def test_transcript_only_page():
    project = read_page("Transcript\nAnn: Hi.\nBo: Hello.\nAnn: Bye.\n")
    assert project.episode.title == "" and project.chapters == []
    assert [(t.start, t.text) for t in project.turns] == [(0, "Hi."), (400, "Hello."),
                                                         (800, "Bye.")]


def test_chapter_list_only_page():
    project = read_page("(00:00) Intro;\n(02:30) Main;\n(10:00) Outro;\n")
    assert project.episode.title == "" and project.turns == []
    assert [(c.start, c.title) for c in project.chapters] == [
        (0, "Intro"), (150_000, "Main"), (600_000, "Outro")]


def test_nothing_is_dropped():
    page = ("Title\nSub\nTimestamps\n(00:00) Intro;\n(99:99) Broken time;\nTranscript\n"
            "Recorded live, so forgive the noise.\nIntro\nAnn: Hi.\nBo: Hi.\n")
    project = read_page(page)
    assert project.episode.notes.split("\n") == ["(99:99) Broken time;",
                                                 "Recorded live, so forgive the noise."]


# -- errors --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, line", [
    ("", 1), ("\n\n  \n", 1), ("\ufeff\r\n", 1),
    ("Just a note\nwith two lines\n", 1),
    ("\n\nHello world\nno structure at all\n", 3),
])
def test_not_a_page_is_a_format_error_naming_the_line(text, line):
    with pytest.raises(FormatError) as caught:
        read_page(text)
    assert caught.value.line == line
    assert f"<input>:{line}: " in str(caught.value)


def test_error_message_says_what_is_missing():
    with pytest.raises(FormatError, match="no 'Timestamps' heading"):
        read_page("A shopping list\nmilk\neggs\n")


# -- chapter titles and untitled chapters survive the classic page ----------------------------

def separator_project():
    from editor.core.model import Chapter, Project, Speaker, Turn
    project = Project()
    project.episode.title = "Separators"
    project.speakers = [Speaker("ann", "Ann", "#2563eb"), Speaker("bo", "Bo", "#dc2626")]
    project.chapters = [Chapter(0, ".NET in production"), Chapter(60_000, "- Q&A -"),
                        Chapter(180_000, ""), Chapter(240_000, "| Pipes and: colons"),
                        Chapter(300_000, "— Wrap-up")]
    project.turns = [Turn(0, "ann", "Hi."), Turn(30_000, "bo", "Hey."),
                     Turn(60_000, "ann", "Questions?"), Turn(180_000, "bo", "Untitled part."),
                     Turn(210_000, "ann", "More of it."), Turn(240_000, "bo", "Pipes."),
                     Turn(300_000, "ann", "Bye.")]
    return project


def test_titles_opening_with_a_separator_and_untitled_chapters_round_trip():
    original = separator_project()
    page = render_shownotes(original, "text")
    project = read_page(page)
    assert [(c.start, c.title) for c in project.chapters] == [
        (c.start, c.title) for c in original.chapters]
    assert [(project.speaker_name(t.speaker), t.text) for t in project.turns] == [
        (original.speaker_name(t.speaker), t.text) for t in original.turns]
    # each chapter's first turn starts at the chapter: the headings were all found
    firsts = [0, 2, 3, 5, 6]
    assert [project.turns[i].start for i in firsts] == [c.start for c in original.chapters]
    assert render_shownotes(project, "text") == page


def test_untitled_chapter_is_written_as_its_time():
    lines = render_shownotes(separator_project(), "text").splitlines()
    assert "(03:00);" in lines and "(00:00) - .NET in production;" in lines
    transcript = lines[lines.index("Transcript"):]
    assert transcript[transcript.index("Bo: Untitled part.") - 1] == "(03:00)"
    # the untitled chapter's line is no gap: the list runs unbroken to its end
    assert lines[lines.index("Timestamps") + 1:].index("") == 5


@pytest.mark.parametrize("line", ["(03:00) ;", "(03:00);", "(03:00)", "[00:03:00]."])
def test_a_time_alone_in_the_timestamps_list_is_an_untitled_chapter(line):
    page = ("T\nTimestamps\n(00:00) Intro;\n" + line + "\n(05:00) Outro;\nTranscript\n"
            "Intro\nAnn: Hi.\n(03:00)\nBo: Middle.\nOutro\nAnn: Bye.\n")
    project = read_page(page)
    assert [(c.start, c.title) for c in project.chapters] == [
        (0, "Intro"), (180_000, ""), (300_000, "Outro")]
    assert [t.start for t in project.turns] == [0, 180_000, 300_000]


@pytest.mark.parametrize("line", ["Correction: it was 2019.", "Tip: use a pop filter.",
                                  "Warning: loud", "Edit: fixed the link."])
def test_page_and_text_import_agree_on_what_is_not_a_speaker(line):
    from editor.core.formats import plaintext
    page = read_page(f"T\nTranscript\nAnn: Hi.\n{line}\nAnn: Bye.\n")
    text = plaintext.read(f"Ann: Hi.\n\n{line}\n\nAnn: Bye.\n")
    for project in (page, text):
        assert [s.name for s in project.speakers] == ["Ann"]
        assert [t.text for t in project.turns] == [f"Hi.\n{line}", "Bye."]


# -- a heading shorter than its chapter's title ------------------------------------------------

def weather_page(heading: str, *, after: str = "Cal: Clouds.\n",
                 chapters: tuple[str, ...] = ("Weather Rolls In",)) -> str:
    listed = "".join(f"(0{n}:30) {title};\n" for n, title in enumerate(chapters, start=1))
    return ("Rooftop Hours\nTimestamps\n(00:00) Welcome to the Roof;\n" + listed +
            "Transcript\nWelcome to the Roof\nCal: Hello.\nDana: Hi there.\n"
            f"{heading}\n{after}Dana: Rain soon.\n")


@pytest.mark.parametrize("title, heading", [
    ("Weather Rolls In", "Weather"),                    # a prefix
    ("Weather Rolls In", "Weather Rolls…"),             # cut short with an ellipsis
    ("Weather Rolls In", "Weather Ro..."),              # cut inside a word
    ("Weather Rolls In", "Weather In"),                 # a word left out
    ("Weather Rolls In", "(01:30) Weather"),            # with the chapter's time
    ("Building Trust Across Borders with Mara Ilves", "Building Trust"),
    ("Building Trust Across Borders with Mara Ilves", "Trust Across Borders"),
    ("Freight, Customs and the 40-Foot Box", "Freight and Customs"),
    ("Freight, Customs and the 40-Foot Box", "The 40-Foot Box"),
])
def test_a_heading_shorter_than_its_title_is_that_chapters_heading(title, heading):
    project = read_page(weather_page(heading, chapters=(title,)))
    assert [(c.start, c.title) for c in project.chapters] == [
        (0, "Welcome to the Roof"), (90_000, title)]
    assert [t.text for t in project.turns] == ["Hello.", "Hi there.", "Clouds.", "Rain soon."]
    assert project.turns[2].start == 90_000
    assert project.turns[3].start > 90_000
    # every export groups the turns under the chapter: the classic page shows them there
    transcript = render_shownotes(project, "text").split("Transcript\n", 1)[1].splitlines()
    assert transcript[transcript.index(title) + 1] == "Cal: Clouds."


def test_a_shortened_heading_matching_two_unused_chapters_stays_text():
    page = weather_page("Weather", chapters=("Weather Rolls In", "Weather Clears Up"))
    project = read_page(page)
    assert [t.text for t in project.turns] == ["Hello.", "Hi there.\nWeather", "Clouds.",
                                               "Rain soon."]
    assert all(t.start < 90_000 for t in project.turns)


def test_a_chapter_that_had_its_heading_no_longer_competes():
    page = ("T\nTimestamps\n(00:00) Weather Rolls In;\n(02:00) Weather Clears Up;\n"
            "Transcript\nWeather Rolls In\nCal: Clouds.\nDana: Rain.\nWeather\n"
            "Cal: Sun.\n")
    project = read_page(page)
    assert [(t.start, t.text) for t in project.turns] == [
        (0, "Clouds."), (60_000, "Rain."), (120_000, "Sun.")]


def test_a_short_line_not_followed_by_a_turn_is_a_paragraph():
    page = weather_page("Weather", after="it was grim.\nCal: Clouds.\n")
    project = read_page(page)
    assert [t.text for t in project.turns] == [
        "Hello.", "Hi there.\nWeather\nit was grim.", "Clouds.", "Rain soon."]


@pytest.mark.parametrize("line", ["In", "In.", "Rain", "Rolls", "Weather is nice",
                                  "Weather Report"])
def test_a_line_that_is_not_a_shortening_of_the_title_stays_text(line):
    project = read_page(weather_page(line))
    assert project.turns[1].text == f"Hi there.\n{line}"
    assert all(t.start < 90_000 for t in project.turns)


# -- how the timestamp list ends its lines -------------------------------------------------

ENDINGS = ["Why Bees?", "Wow!", "Thanks, and Goodbye.", "And Then...", "Plain", ""]


def endings_project():
    from editor.core.model import Chapter, Project, Speaker, Turn
    project = Project()
    project.episode.title = "Endings"
    project.speakers = [Speaker("ann", "Ann", "#2563eb")]
    project.chapters = [Chapter(60_000 * n, title) for n, title in enumerate(ENDINGS)]
    project.turns = [Turn(60_000 * n, "ann", f"Part {n}.") for n in range(len(ENDINGS))]
    return project


def test_no_semicolon_after_a_title_ending_in_a_question_or_exclamation_mark_or_full_stop():
    page = render_shownotes(endings_project(), "text")
    lines = page.splitlines()
    at = lines.index("Timestamps") + 1
    assert lines[at:at + len(ENDINGS) + 1] == [
        "(00:00) Why Bees?", "(01:00) Wow!", "(02:00) Thanks, and Goodbye.",
        "(03:00) And Then...", "(04:00) Plain;", "(05:00);", ""]
    project = read_page(page)
    assert [c.title for c in project.chapters] == ENDINGS
    assert [t.start for t in project.turns] == [c.start for c in project.chapters]
    assert render_shownotes(project, "text") == page


def test_the_earlier_list_endings_read_the_same():
    page = ("Endings\nTimestamps\n(00:00) Why Bees?;\n(01:00) Wow!;\n"
            "(02:00) Thanks, and Goodbye.;\n(03:00) And Then...;\n(04:00) Plain;\n(05:00);\n"
            "Transcript\n" + "".join(f"{title or f'(0{n}:00)'}\nAnn: Part {n}.\n"
                                     for n, title in enumerate(ENDINGS)))
    project = read_page(page)
    assert [c.title for c in project.chapters] == ENDINGS
    assert dump(project) == dump(read_page(render_shownotes(endings_project(), "text")))


@pytest.mark.parametrize("ending, last", [
    ("", "Outro"), (".", "Outro"),     # not the export's endings: "." is punctuation
    (";", "Outro."),                   # the export's: a line without ";" ends in its title
])
def test_a_final_full_stop_is_the_titles_only_in_a_list_ending_as_ours(ending, last):
    page = f"T\nTimestamps\n(00:00) Intro{ending}\n(01:00) Outro.\n"
    assert [c.title for c in read_page(page).chapters] == ["Intro", last]
