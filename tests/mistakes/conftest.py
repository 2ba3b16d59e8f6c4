"""Print what the hidden checks made of the mistake catalogue, when the grading tests ran."""
from . import grading_record


def pytest_terminal_summary(terminalreporter):
    outcomes = grading_record.OUTCOMES
    if not outcomes:
        return
    write = terminalreporter.write_line
    terminalreporter.section("mistake catalogue vs hidden checks")
    diagnosed = [name for name, o in outcomes.items() if o.lost > 0 and o.diagnosis]
    caught = [name for name, o in outcomes.items() if o.lost > 0 and not o.diagnosis]
    missed = [name for name, o in outcomes.items() if o.lost <= 0]
    write(f"{len(outcomes)} mistakes graded: {len(diagnosed)} diagnosed by name, "
          f"{len(caught)} caught as failures only, {len(missed)} not caught")
    for name, outcome in outcomes.items():
        status = "NOT CAUGHT" if outcome.lost <= 0 else ("diagnosed" if outcome.diagnosis else "caught")
        write(f"  {status:10s} -{outcome.lost:g}/{outcome.max_score:g}  {outcome.unit:30s} {name}")
    for label, unit, lost in grading_record.CASCADES:
        write(f"  cascade in the whole submission with {label}: {unit} lost {lost:g} (it uses a wrong unit)")
    for what, seconds in grading_record.TIMINGS:
        write(f"  graded {what} in {seconds:.1f} s")
