"""The outcome space: every package of a scenario, for the searches that enumerate small spaces.

It knows only the issues' option counts, so the AI (which sees a seat's view) and the analysis
(which sees everything) share one copy per scenario.
"""

from __future__ import annotations

import itertools
import math

import numpy as np

Package = tuple[int, ...]
OPEN = -1  # an issue a partial package leaves open
ENUMERATE_LIMIT = 50_000  # outcome spaces up to this size are enumerated for the AI and the debrief


class OutcomeSpace:
    def __init__(self, sizes: tuple[int, ...]):
        self.sizes = sizes
        self.count = math.prod(sizes)
        self._space: np.ndarray | None = None
        self._onehot: np.ndarray | None = None
        self.cache: dict[str, dict] = {}  # derived tables the searches reuse
        self._held: set[Package] = set()  # packages found fit to propose (a bounded memo)

    @property
    def enumerable(self) -> bool:
        """Small enough to list every package (the searches then are exact)."""
        return self.count <= ENUMERATE_LIMIT

    def packages(self) -> np.ndarray:
        """Every package as a row of option indexes (only for spaces up to ENUMERATE_LIMIT)."""
        if self._space is None:
            if self.count > ENUMERATE_LIMIT:
                raise ValueError(f"{self.count:,} packages are too many to enumerate")
            grid = itertools.product(*(range(k) for k in self.sizes))
            self._space = np.array(list(grid), dtype=np.int16).reshape(self.count, len(self.sizes))
        return self._space

    def holds(self, package: Package) -> bool:
        """Whether a proposal may name `package`: one entry per issue, each an option of its issue or OPEN, and
        at least one issue set."""
        if isinstance(package, tuple) and package in self._held:
            return True
        fit = (len(package) == len(self.sizes) and any(x != OPEN for x in package)
               and all(x == OPEN or 0 <= x < size for x, size in zip(package, self.sizes)))
        if fit and isinstance(package, tuple) and len(self._held) < 100_000:
            self._held.add(package)
        return fit

    def row(self, package: Package) -> int:
        """The row of a full package in `packages()`."""
        row = 0
        for size, x in zip(self.sizes, package):
            row = row * size + x
        return row

    def total(self, tables: tuple[np.ndarray, ...]) -> np.ndarray:
        """Per-issue tables summed over every package, as one product with a one-hot matrix."""
        if self._onehot is None:
            space = self.packages()
            offsets = np.cumsum([0, *self.sizes[:-1]])
            onehot = np.zeros((len(space), sum(self.sizes)))
            for i, offset in enumerate(offsets):
                onehot[np.arange(len(space)), offset + space[:, i]] = 1.0
            self._onehot = onehot
        return self._onehot @ np.concatenate(tables)
