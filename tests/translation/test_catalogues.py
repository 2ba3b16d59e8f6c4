"""The message catalogues: every marked message translated into Japanese, the .mo files up to date."""
import shutil

import pytest

from autograder.message_catalogues import (DOMAINS, REPO_ROOT, all_problems, catalogue_problems, placeholders,
                                           unmarkable_calls, update)

babel = pytest.importorskip("babel", reason="the catalogue checks need Babel (the dev extra)")


def test_every_message_has_a_japanese_translation_and_the_mo_files_match():
    problems = all_problems()
    assert not problems, "\n".join(
        problems + ["run `python -m autograder.message_catalogues update`, translate, update again"])


@pytest.fixture
def kit_copy(tmp_path):
    """A copy of the code and catalogues of both domains, to break on purpose."""
    for domain in DOMAINS.values():
        for folder in domain.sources:
            shutil.copytree(REPO_ROOT / folder, tmp_path / folder, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("__pycache__", "*.png"))
    return tmp_path


def test_a_new_message_without_translation_fails_the_check(kit_copy):
    domain = DOMAINS["autograder"]
    module = kit_copy / "autograder" / "new_feature.py"
    module.write_text('from autograder.translation import _\n\nMESSAGE = _("{unit}: a brand-new message")\n')
    problems = catalogue_problems(domain, "ja", kit_copy)
    assert any("no entry for '{unit}: a brand-new message'" in p for p in problems)
    update(domain, "ja", kit_copy)  # now in the .po, with an empty translation
    problems = catalogue_problems(domain, "ja", kit_copy)
    assert any("no translation of '{unit}: a brand-new message'" in p for p in problems)


def test_a_stale_mo_file_and_a_lost_placeholder_fail_the_check(kit_copy):
    domain = DOMAINS["autograder"]
    po_path = domain.po_path("ja", kit_copy)
    text = po_path.read_text(encoding="utf-8")
    entry = next(line for line in text.splitlines() if line.startswith('msgstr "') and "{" in line)
    broken = entry.replace("{", "(").replace("}", ")")
    po_path.write_text(text.replace(entry, broken, 1), encoding="utf-8")
    problems = catalogue_problems(domain, "ja", kit_copy)
    assert any("has placeholders" in p for p in problems)
    assert any("does not match" in p and p.endswith("update`") for p in problems)


def test_an_f_string_as_a_message_is_refused(kit_copy):
    module = kit_copy / "exercises" / "new_feature.py"
    module.write_text('from .translation import _\n\nunit = "x"\nMESSAGE = _(f"{unit}: not translatable")\n')
    assert any("new_feature.py:4" in p for p in unmarkable_calls(DOMAINS["exercises"], kit_copy))


def test_placeholders_are_read_by_name():
    assert placeholders("{unit}: expected {expected!r}, got {got:.3f} {{literal}}") == {"unit", "expected", "got"}



def test_every_known_mistake_has_its_name_and_hint_in_the_japanese_catalogue():
    """Mistake entries are data: marked with N_ where written, translated where shown. A new entry
    without N_ would slip past extraction; this catches it."""
    from autograder.mistakes.catalogue import MISTAKES
    from autograder.message_catalogues import read_catalogue

    catalogue = read_catalogue(DOMAINS["autograder"].po_path("ja"), "ja")
    missing = [f"{mistake.unit}: {text!r}" for mistake in MISTAKES for text in (mistake.name, mistake.hint)
               if text and not (catalogue.get(text) and catalogue.get(text).string)]
    assert not missing, "mark these with N_(...) and translate them:\n" + "\n".join(missing)


def test_a_marked_call_inside_an_f_string_is_refused(kit_copy):
    """Babel does not extract _("...") written inside an f-string's braces: the check says so."""
    module = kit_copy / "autograder" / "new_feature.py"
    module.write_text('from autograder.translation import _\n\nTITLE = f"# {_(\'Class report\')}"\n')
    assert any("new_feature.py:3" in p and "f-string" in p for p in unmarkable_calls(DOMAINS["autograder"], kit_copy))


def test_the_reference_finds_the_students_catalogue_and_the_grader_shares_it(monkeypatch):
    """One home for the students' catalogue: solutions/ (no locale of its own) reads the kit's exercises/locale,
    and the grader's missions say their verdict with the visible tests' words, in either language."""
    from pathlib import Path

    from autograder.translation import STUDENT_CATALOGUE
    from solutions import mission_criteria, translation

    assert translation.students_locale_folder() == Path(__file__).resolve().parents[2] / "exercises" / "locale"
    assert STUDENT_CATALOGUE is translation.CATALOGUE
    monkeypatch.setenv("KIT_LANG", "ja")
    assert mission_criteria.IRIS.verdict(0.95) == "満点"
    assert "平均 0.850" in mission_criteria.IRIS.verdict(0.85)
    monkeypatch.setenv("KIT_LANG", "en")
    assert mission_criteria.IRIS.verdict(0.95) == "full credit"
