from autograder.reports.text import TextReport
from autograder.results import GradingRun, TestResult


def table_rows(text):
    """{unit: its row} of the report's table (the first line that starts with the unit)."""
    rows = {}
    for line in text.splitlines():
        if line[:1].isalpha():
            rows.setdefault(line.split()[0], line)
    return rows


def test_text_report_has_a_row_per_unit_and_the_failed_feedback(run):
    text = TextReport().render(run)
    rows = table_rows(text)
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


STUB_FEEDBACK = "{what}: not implemented yet (in {where}) - TODO: {todo}"
SYNTAX_ERROR = ("importing functions.py raised SyntaxError: invalid syntax (functions.py, line 12)\n"
                "where (end of your traceback):\n"
                '            File "functions.py", line 12\n'
                "              def broken(:\n"
                "          SyntaxError: invalid syntax")


def grading_run(tests):
    return GradingRun("exercises", 1, "0.1.0", tests, execution_time=1.0)


def test_untouched_stubs_give_one_line_per_unit():
    tests = [TestResult(f"sigmoid check {n}", "functions.sigmoid", 1, 0, False,
                        output=STUB_FEEDBACK.format(what="sigmoid(x)", where="functions.py, sigmoid",
                                                    todo="return 1 / (1 + exp(-x)). Mind overflows."))
             for n in range(3)]
    tests.append(TestResult("gradient check", "two_layer_net.TwoLayerNet", 3, 0, False,
                            output=STUB_FEEDBACK.format(what="TwoLayerNet.gradient", where="layers.py, forward",
                                                        todo="return x @ W + b.")))
    text = TextReport().render(grading_run(tests))
    assert text.count("return 1 / (1 + exp(-x))") == 1 and "Mind overflows" not in text
    assert "functions.sigmoid: not implemented yet (functions.py, sigmoid) - TODO: return 1 / (1 + exp(-x))." in text
    assert "two_layer_net.TwoLayerNet: waiting for the code it uses (layers.py, forward)" in text
    assert "to do" in table_rows(text)["functions.sigmoid"]
    assert len(text.splitlines()) < 20, text


def test_a_module_that_does_not_import_is_shown_once():
    tests = [TestResult(f"check {n}", unit, 1, 0, False, output=SYNTAX_ERROR.replace(
        "importing functions.py", f"importing {unit.split('.')[0]}.py"))
        for unit in ("functions.sigmoid", "functions.relu", "layers.Affine") for n in range(2)]
    text = TextReport().render(grading_run(tests))
    assert text.count("def broken(:") == 1
    assert "functions.py does not import (units stopped: 2):" in text
    assert "layers.py does not import because of the same error (units stopped: 1)." in text
    assert "no import" in table_rows(text)["layers.Affine"]


def test_a_repeated_feedback_is_named_not_repeated():
    feedback = "Affine.backward: dW has shape (5, 4), expected shape (4, 5)"
    tests = [TestResult("backward 2-D", "layers.Affine", 2, 0, False, output=feedback),
             TestResult("backward 3-D", "layers.Affine", 1, 0, False, output=feedback),
             TestResult("forward", "layers.Affine", 1, 1, True)]
    text = TextReport().render(grading_run(tests))
    assert text.count(feedback) == 1
    assert "[1.2] backward 3-D  (0 / 1): the same feedback as [1.1]." in text


def test_a_module_stopped_by_a_used_module_that_does_not_import_is_one_line():
    """checks/dependencies.py puts the used units first; the import error is still shown once."""
    network = ("two_layer_net.TwoLayerNet failed because layers.Affine fails its own tests: fix that first "
               "(importing layers.py raised SyntaxError: invalid syntax (functions.py, line 12)).\n"
               + SYNTAX_ERROR.replace("importing functions.py", "importing two_layer_net.py"))
    tests = [TestResult("sigmoid", "functions.sigmoid", 1, 0, False, output=SYNTAX_ERROR),
             TestResult("gradient", "two_layer_net.TwoLayerNet", 3, 0, False, output=network)]
    text = TextReport().render(grading_run(tests))
    assert text.count("def broken(:") == 1
    assert "two_layer_net.py does not import because of the same error (units stopped: 1)." in text
    assert "fails its own tests" not in text
