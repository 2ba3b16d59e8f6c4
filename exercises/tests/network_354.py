"""The seeds' 3-5-4 forward-propagation example (the course's multi-class exercise).

Input x = [1, 2, 3], a ReLU hidden layer of 5 units, 4 softmax outputs, target
d = [0, 0, 0, 1]. The seeds give W1's first row, [0.1, 0.4, 0.7, 0.1, 0.3], the
softmax output [0.00443583, 0.44573018, 0.00541793, 0.54441607] and the
cross-entropy 0.6080413107681358 (with the book's 1e-7 inside the log). The other
weights below are the kit's own, chosen to give exactly those outputs: the output
scores are [1.56, 6.17, 1.76, 6.37]. Redo it by hand:
    hidden = relu(x @ W1 + b1) = [1.5, 3.4, 5.3, 1.3, 3.1]
    scores = hidden @ W2 + b2
"""
import numpy as np

X = np.array([1.0, 2.0, 3.0])
W1 = np.array([
    [0.1, 0.4, 0.7, 0.1, 0.3],
    [0.2, 0.5, 0.8, 0.1, 0.4],
    [0.3, 0.6, 0.9, 0.2, 0.5],
])
B1 = np.array([0.1, 0.2, 0.3, 0.4, 0.5])
W2 = np.array([
    [0.1, 0.1, 0.1, 0.1],
    [0.1, 0.3, 0.1, 0.3],
    [0.1, 0.5, 0.1, 0.5],
    [0.1, 0.7, 0.1, 0.7],
    [0.1, 0.4, 0.1, 0.4],
])
B2 = np.array([0.1, 0.2, 0.3, 0.4])
HIDDEN = np.array([1.5, 3.4, 5.3, 1.3, 3.1])
SCORES = np.array([1.56, 6.17, 1.76, 6.37])
D = np.array([0, 0, 0, 1])
SOFTMAX_OUTPUT = np.array([0.00443583, 0.44573018, 0.00541793, 0.54441607])  # rounded to 8 decimals
CROSS_ENTROPY = 0.6080413107681358
