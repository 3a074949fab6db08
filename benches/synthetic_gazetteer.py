#!/usr/bin/env python3
"""Writes a synthetic gazetteer of N entities (default 1,000,000) as TOML, for benchmarks.

Names are made of syllables so that they look like names and share words the way real names
do; every entity has a French and English name, two aliases and a description. Deterministic.

    python3 benches/synthetic_gazetteer.py 1000000 > /tmp/synthetic.toml
"""

import random
import sys

SYLLABLES = [
    "ka", "lo", "mi", "ra", "ven", "dor", "sha", "tel", "bru", "nik", "ol", "as", "zan", "per",
    "qui", "mor", "lin", "dra", "gus", "vel", "ton", "ari", "bel", "cor", "dan", "el", "fin",
]
KINDS = ["person", "organization", "place", "media"]


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    rng = random.Random(42)
    out = sys.stdout
    for index in range(count):
        given, family = word(rng), word(rng)
        kind = KINDS[index % 4]
        name = f"{given} {family}"
        out.write(
            f'[[entity]]\nid = "Q{index + 10_000_000}"\nkind = "{kind}"\n'
            f'name = {{ fr = "{name}", en = "{name}" }}\n'
            f'aliases = ["{family}", "{given[0]}. {family}"]\n'
            f'description = {{ fr = "entité synthétique {index}", en = "synthetic entity {index}" }}\n'
        )
        if kind == "media":
            out.write('owner = "private"\n')
        out.write("\n")


if __name__ == "__main__":
    main()
