"""A synthetic episode of any size, for benchmarks and complexity tests.

``make_project(turns=5000, seed=0)`` builds a three-hour-interview-like project:
a few speakers, a chapter every ~120 turns, turns from a word to a few
paragraphs long (about seven words a turn on average, so 5,000 turns hold
30,000+ words), times at a talking pace and some turns marked estimated. The
same seed always gives the same project. ``partly_timed_page`` is that
project's classic show-notes page where only some turns carry their time;
``save_dumping_every_turn`` and ``save_after_typing`` are saves of it to time.
"""
from __future__ import annotations

import argparse
import random
import re

from editor.core.model import Chapter, Credit, Episode, Link, Project, Speaker, Turn
from editor.core.projectdump import forget_turn_texts
from editor.core.projectfile import save_project

_WORDS = (
    "the a and of to in that it is was for on you with as I they be at one have this "
    "from or had by word but what some we can out other were all there when up use "
    "your how said an each she which do their time if will way about many then them "
    "write would like so these her long make thing see him two has look more day could "
    "go come did number sound no most people my over know water than call first who may "
    "down side been now find podcast episode microphone interview question answer "
    "really actually basically research history music story guest listener feedback "
    "chapter transcript audio recording studio season tomorrow yesterday coffee Berlin "
    "Lisbon Montréal naïve café résumé"
).split()

_SPEAKERS = (
    ("host", "Alex Rivera", "#2563eb", 1),
    ("guest", "Dr. Sam Okafor", "#dc2626", 2),
    ("cohost", "Jo Lindqvist", "#16a34a", 3),
    ("caller", "A Caller", "#9333ea", None),
)


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(_WORDS) for _ in range(words))
    return text[:1].upper() + text[1:] + rng.choice(".?!.,")


def _turn_text(rng: random.Random) -> str:
    shape = rng.random()
    if shape < 0.55:      # a short reply
        return _sentence(rng, rng.randint(1, 5))
    if shape < 0.93:      # a sentence or two
        return _sentence(rng, rng.randint(4, 11))
    paragraphs = rng.randint(2, 3)   # a long answer in paragraphs
    return "\n".join(_sentence(rng, rng.randint(6, 18)) for _ in range(paragraphs))


def make_project(turns: int = 5000, seed: int = 0) -> Project:
    """A project with ``turns`` turns, reproducible from ``seed``."""
    rng = random.Random(seed)
    project = Project()
    project.episode = Episode(
        title=f"Episode {seed}: a long conversation", subtitle="Synthetic benchmark episode",
        description="First paragraph of the description.\nSecond paragraph, with a link.",
        show="The Benchmark Show", number=seed + 1, date="2025-03-14", language="en",
        links=(Link("Show site", "https://example.com/show"), Link("A book", None)),
        credits=(Credit("Host", ("Alex Rivera",)), Credit("Editing", ("Jo", "Sam"))),
        disclaimer="Opinions are the speakers' own.",
    )
    project.speakers = [Speaker(id=i, name=n, color=c, slot=k) for i, n, c, k in _SPEAKERS]
    weights = (0.45, 0.4, 0.13, 0.02)
    ids = [s.id for s in project.speakers]

    t = 0
    chapter_every = 120
    for index in range(turns):
        text = _turn_text(rng)
        if index % chapter_every == 0:
            project.chapters.append(Chapter(
                start=t, title=f"Part {index // chapter_every + 1}: {_sentence(rng, 3)}",
                url="https://example.com/notes" if rng.random() < 0.2 else None,
                toc=rng.random() > 0.05))
        project.turns.append(Turn(start=t, speaker=rng.choices(ids, weights)[0], text=text,
                                  estimated=rng.random() < 0.1))
        # about 190 words a minute, and a short pause between speakers
        t += len(text.split()) * 315 + rng.randint(100, 500)
    project.audio_duration = t + 5000
    return project


_TURN_TIME = re.compile(r"^\((?:\d+:)?\d\d:\d\d\) (?=[^:\n]+: )", re.MULTILINE)


def partly_timed_page(project: Project, every: int = 10) -> str:
    """The classic show-notes page of ``project`` with per-turn times, where only
    every ``every``-th turn keeps its time: what a host pastes after timing a few
    turns by hand."""
    from editor.core.shownotes import render_shownotes  # Jinja2 only when asked
    page = render_shownotes(project, "text", times=True)
    head, transcript = page.split("\nTranscript\n", 1)
    count = iter(range(len(project.turns)))
    kept = _TURN_TIME.sub(lambda m: m.group() if next(count) % every == 0 else "", transcript)
    return head + "\nTranscript\n" + kept


def save_dumping_every_turn(project: Project, path):
    """An action that saves ``project`` dumping every turn, as an imported
    episode's first save does (nothing remembered of an earlier save)."""
    def action():
        forget_turn_texts(project)
        save_project(project, path)
    return action


def save_after_typing(project: Project, path):
    """An action that types a word in the middle turn and saves, as in a session
    (saved once first, so what follows is a save in a session)."""
    save_project(project, path)
    turn = project.turns[len(project.turns) // 2]

    def action():
        turn.text += " so"
        save_project(project, path)
    return action


def episode_arguments(description: str, runs: int = 7) -> argparse.ArgumentParser:
    """The options every benchmark on the synthetic episode takes."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--runs", type=int, default=runs, help="runs per figure (median)")
    parser.add_argument("--turns", type=int, default=5000)
    return parser
