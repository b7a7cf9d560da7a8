"""Module 2 lab: matrices as transformations of the plane.

Fill in the eight functions. Every matrix is a 2×2 NumPy array; angles are in radians.
Points are stored one per ROW: an array of shape (n, 2).
"""

import numpy as np


def rotation(theta) -> np.ndarray:
    """The 2×2 matrix that turns the plane counter-clockwise by theta radians."""
    # TODO: the first column is where (1, 0) lands, the second where (0, 1) lands.
    raise NotImplementedError


def scaling(sx, sy) -> np.ndarray:
    """The 2×2 matrix that stretches x by sx and y by sy."""
    # TODO
    raise NotImplementedError


def shear(kx=0.0, ky=0.0) -> np.ndarray:
    """The shear [[1, kx], [ky, 1]]: x moves by kx·y and y moves by ky·x."""
    # TODO
    raise NotImplementedError


def reflection(theta) -> np.ndarray:
    """The mirror across the line through the origin at angle theta."""
    # TODO: a vector along the line stays put; one at a right angle to it flips.
    raise NotImplementedError


def projection(theta) -> np.ndarray:
    """The orthogonal projection onto the line through the origin at angle theta."""
    # TODO: every point drops straight onto the line.
    raise NotImplementedError


def compose(*matrices) -> np.ndarray:
    """One matrix for "apply the first matrix, then the second, then ..."."""
    # TODO: compose(A, B) applies A first, then B.
    raise NotImplementedError


def transform_points(M, points) -> np.ndarray:
    """Apply M to every point; points has shape (n, 2), one point per row."""
    # TODO: return an array of shape (n, 2).
    raise NotImplementedError


def plot_transformation(M, ax=None):
    """Draw the grid lines x = k and y = k (k = -3, ..., 3) after M has moved them.

    Use ax when one is given; otherwise make a new figure. Return the Axes.
    """
    # TODO: each grid line is a segment from one end to the other; move both ends with M.
    raise NotImplementedError


if __name__ == "__main__":
    # Run the file: a few facts that should hold once your functions work.
    try:
        print("rotation(pi/2) sends (1, 0) to", np.round(rotation(np.pi / 2) @ [1, 0], 3))
        turn = compose(rotation(0.3), rotation(0.4))
        print("two turns make one:", np.allclose(turn, rotation(0.7)))
        P = projection(np.pi / 6)
        print("projecting twice changes nothing:", np.allclose(P @ P, P))
        square = [[0, 0], [1, 0], [1, 1], [0, 1]]
        print("the unit square after a shear:\n", transform_points(shear(kx=1), square))
        import matplotlib.pyplot as plt

        ax = plot_transformation(compose(shear(kx=0.5), rotation(np.pi / 8)))
        ax.set_title("a shear, then a small rotation")
        plt.show()
    except NotImplementedError:
        print("Fill in the functions first, then run the file again.")
