"""The hidden checks, one module per contract module, usable by any grader front end.

Each check is a plain function `check_xxx(sub, rng)` that raises
`feedback.CheckFailed` (message, diagnosis, partial credit) or returns
(optionally a summary line). `sub` is the student's code behind an adapter
(`submission.RemoteSubmission` over a sandboxed worker for the CLI and the
platforms; `submission.LocalSubmission` over modules already imported, for
nbgrader notebooks). `rng` is a numpy Generator the inputs are drawn from.

- functions, gradient, layers, optimizer, weight_init, two_layer_net,
  multi_layer_net, missions: the checks
- feedback: CheckFailed and how failures read; compare: student vs reference
  (and naming a catalogue mistake; a list where an array is due fails);
  backward: gradients against the reference's gradient; tolerances: the one
  home of every tolerance (a layer's wherever it is used); dependencies: a
  failure names the failing units it uses first; numerical: reading returned
  numbers and arrays; networks: what the network modules share; inputs: fair
  random inputs; reference: the solutions modules

Rules every check keeps (a score means what it says):
1. A test passes only if the unit computed the contract's function on that
   test's input: values against the reference (compare.expect_match), a
   backward against the reference's backward (backward.expect_reference_gradients).
   Properties (in place, shape, kept fraction) are diagnostics inside a test
   that also checks values, never a test of their own.
2. A unit loses points only for its own faults: networks get one-hot targets
   and params set explicitly; tolerances come from tolerances.py (a network
   with BN uses BN's); a check of a unit that uses others is decorated with
   dependencies.names_failing_dependency(unit).
3. Same code, same score: inputs are drawn fresh from `rng` (the grading
   seed), but designed so that a deterministic bug fails on every draw
   (square and non-square batches, values away from ties and kinks,
   accuracies that differ between batches).
4. Lazy answers score 0: autograder/mistakes/lazy_*.py holds them per unit
   (tests/mistakes/test_lazy_answers.py); a new unit adds its own.
"""
