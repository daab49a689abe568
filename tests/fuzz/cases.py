"""The cases of one run: which mutator damages which capture, fixed by the seed."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from tests.fuzz.corpus import Sample, samples
from tests.fuzz.mutators import MUTATORS, Mutation

# A mutator that fits few captures (a mistyped end tag needs an `<image>`) tries this
# many before the case is given up; every mutator fits some capture in the corpus.
_TRIES = 64


@dataclass(frozen=True, slots=True)
class Case:
    number: int
    mutator: str
    sample: Sample
    mutation: Mutation

    @property
    def label(self) -> str:
        return f"#{self.number} {self.mutator} on {self.sample.name}"


def plan(count: int, seed: int, pool: Sequence[Sample] | None = None) -> Iterator[Case]:
    """`count` cases taking the mutators in turn, each on a capture the seed picks."""
    names = list(MUTATORS)
    captures = pool or samples()
    for number in range(count):
        name = names[number % len(names)]
        rng = random.Random(f"{seed}:{number}")
        for _ in range(_TRIES):
            sample = rng.choice(captures)
            mutation = MUTATORS[name](sample, rng)
            if mutation is not None:
                yield Case(number, name, sample, mutation)
                break
