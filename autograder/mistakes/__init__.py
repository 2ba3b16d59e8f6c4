"""The catalogue of known mistakes: each a small wrong implementation and a hint.

    from autograder.mistakes import MISTAKES, mistakes_for, diagnose, Mistake

`MISTAKES` lists every entry; `mistakes_for(unit)` those of one unit;
`diagnose(unit, scenario, got)` names the mistake a wrong output comes from;
`Mistake.reference_with_mistake()` / `Mistake.write_into(dir)` build wrong
code in memory or on disk.
"""
from .catalogue import MISTAKES, mistakes_for
from .diagnosis import diagnose, outputs_match
from .mistake import Mistake

__all__ = ["MISTAKES", "Mistake", "diagnose", "mistakes_for", "outputs_match"]
