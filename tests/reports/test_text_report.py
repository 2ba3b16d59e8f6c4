from autograder.reports.text import TextReport


def test_text_report_has_a_row_per_unit_and_the_failed_feedback(run):
    text = TextReport().render(run)
    rows = {line.split()[0]: line for line in text.splitlines() if line[:1].isalpha()}
    assert "1 / 1" in rows["functions.sigmoid"] and "pass" in rows["functions.sigmoid"]
    assert "0.5 / 1" in rows["functions.softmax"] and "partial" in rows["functions.softmax"]
    assert "1 / 3" in rows["layers.Affine"] and "1/2" in rows["layers.Affine"]
    assert "3.25 / 5" in rows["iris_mission.train"]
    assert "5.75 / 10" in rows["Total"]
    assert "backward matches the numerical gradient" in text
    assert "      Hint: dx = dout @ W.T" in text
    assert "Likely mistake: softmax over the wrong axis" in text
    assert "mean accuracy 0.86" in text
    assert "sigmoid matches the reference" not in text  # passed tests show no feedback
    assert "seed 1234" in text and "students/alice" in text
    assert "\x1b" not in text and text.isascii()


def test_error_is_shown_before_the_table(error_run):
    text = TextReport().render(error_run)
    assert "ERROR" in text and "functions.py does not import: SyntaxError" in text
    assert text.index("functions.py does not import") < text.index("functions.sigmoid")


def test_lines_fit_the_width_and_color_is_opt_in(run):
    run.tests[2].output = "word " * 200
    text = TextReport(width=80).render(run)
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "\x1b[" in TextReport(color=True).render(run)


def test_empty_run_says_no_tests(error_run):
    error_run.tests = []
    assert "no tests were run" in TextReport().render(error_run)
