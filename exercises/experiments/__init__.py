"""The course's figures, drawn from your own code (book "Deep Learning from Scratch", ch. 6).

One command per experiment, e.g. `python -m exercises.experiments.weight_init`;
see README.md in this folder for the list and the options.
"""
import os

# The networks here multiply small matrices (batches of 128 by 100 units): a second BLAS
# thread gains nothing on them, and when the cores are busy with other work, threads
# waiting for each other made a 3 s run take 60 s. Set before NumPy is first imported
# (it is, under `python -m exercises.experiments.<name>`); your own setting wins.
for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")
