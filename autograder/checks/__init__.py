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
  (and naming a catalogue mistake); numerical: directional-derivative
  gradient checks; networks: what the two network modules share;
  inputs: fair random inputs; reference: the solutions modules
"""
