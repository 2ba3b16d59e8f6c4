"""A lazy answer: code that implements no unit honestly (zeros, constants, the input returned, a no-op).

Where a `Mistake` is one wrong def, a `LazyAnswer` replaces every def of one unit that the
hidden checks call (a layer's forward AND backward, a network's predict, loss, accuracy and
gradient), the way a student fills the stubs to collect points without the work. Each must
score 0 on its unit under every seed (tests/mistakes/test_lazy_answers.py). Entries live in
`lazy_<module>.py`, gathered in `lazy_catalogue.LAZY_ANSWERS`; they are not mistakes to
diagnose, so `MISTAKES` does not hold them.
"""
from __future__ import annotations

from dataclasses import dataclass

from .mistake import Mistake


@dataclass(frozen=True)
class LazyAnswer:
    """A do-nothing implementation of one unit: (target, source) for each def it replaces."""

    name: str
    """What it does, in a few words: "forward and backward return zeros"."""
    unit: str
    """The unit it fills, as in the contract: "layers.Relu"."""
    defs: tuple[tuple[str, str], ...]
    """("module.function" or "module.Class.method", the complete def) for each def replaced."""

    @property
    def module(self) -> str:
        return self.unit.split(".", 1)[0]

    def as_mistakes(self) -> tuple[Mistake, ...]:
        """One Mistake record per replaced def (the machinery that writes and patches defs)."""
        return tuple(Mistake(name=f"{self.name} [{target}]", unit=self.unit, target=target, hint="", source=source)
                     for target, source in self.defs)

    def write_into(self, submission_dir):
        """Replace every def of this lazy answer in a COPY of a submission directory."""
        for mistake in self.as_mistakes():
            mistake.write_into(submission_dir)


def lazy(unit, name, *defs):
    """A LazyAnswer of `unit`; defs alternate target and source: lazy(unit, name, target, source, ...)."""
    pairs = tuple(zip(defs[0::2], defs[1::2]))
    return LazyAnswer(name=f"{unit}: {name}", unit=unit, defs=pairs)
