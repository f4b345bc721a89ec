#!/usr/bin/env python3
"""Records review sequences from the FSRS reference implementation for tests/fsrs_reference.rs.

The reference is the PyPI package `fsrs` (py-fsrs), pinned in requirements.txt; this script refuses to run
with any other version. Regenerate from the repository root with:

    python3 -m venv /tmp/fsrs-venv
    /tmp/fsrs-venv/bin/pip install -r tests/fsrs/requirements.txt
    /tmp/fsrs-venv/bin/python tests/fsrs/generate.py     # writes tests/fsrs/fixture.json

The output is deterministic (seeded `random.Random`, no clock): running it twice gives the same file.

Fixture layout:
    reference   the package and version that produced it
    configs     scheduler settings: parameters (21 weights), desired_retention, learning_steps_secs,
                relearning_steps_secs, maximum_interval_days; fuzz is always off
    sequences   [{"config": index, "reviews": [row, ...]}], each sequence one card from new, in order
    row         [at, grade, state, step, stability, difficulty, due, retrievability]
                at, due: ms since the Unix epoch (UTC); grade: 1 Again, 2 Hard, 3 Good, 4 Easy;
                state: 1 Learning, 2 Review, 3 Relearning (after the review); step: int or null;
                stability, difficulty: after the review; retrievability: of the card just before the review,
                at the review time (0 for a new card).
Floats are written as strings holding Python's repr, so the Rust side parses them exactly
(serde_json's default float parsing may be off by one ulp).
"""

import json
import random
import sys
from datetime import datetime, timedelta, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

REFERENCE_VERSION = "6.3.2"

try:
    installed = version("fsrs")
except PackageNotFoundError:
    installed = None
if installed != REFERENCE_VERSION:
    sys.exit(
        f"found fsrs {installed or '(not installed)'}, but this fixture is pinned to fsrs {REFERENCE_VERSION}: "
        "pip install -r tests/fsrs/requirements.txt"
    )

from fsrs import Card, Rating, Scheduler  # noqa: E402
from fsrs.scheduler import (  # noqa: E402
    DEFAULT_PARAMETERS,
    LOWER_BOUNDS_PARAMETERS,
    UPPER_BOUNDS_PARAMETERS,
)

SEED = 20240601
SEQUENCES = 420
OUT = Path(__file__).with_name("fixture.json")

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
SECOND = 1000
MINUTE = 60 * SECOND
HOUR = 60 * MINUTE
DAY = 24 * HOUR


def to_dt(ms):
    return EPOCH + timedelta(milliseconds=ms)


def to_ms(dt):
    return (dt - EPOCH) // timedelta(milliseconds=1)


def config(parameters=DEFAULT_PARAMETERS, retention=0.9, learning=(60, 600), relearning=(600,), max_ivl=36500):
    return {
        "parameters": list(parameters),
        "desired_retention": retention,
        "learning_steps_secs": list(learning),
        "relearning_steps_secs": list(relearning),
        "maximum_interval_days": max_ivl,
    }


def random_parameters(rng):
    # Anywhere within the reference's bounds, rounded to 4 places like published weights.
    return [round(rng.uniform(lo, hi), 4) for lo, hi in zip(LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS)]


# Weights shaped like an optimiser's output, with a much steeper forgetting curve than the default.
OPTIMISED = [
    0.4197, 1.1869, 3.0412, 15.2441, 7.1434, 0.6477, 1.0007, 0.0674, 1.6597, 0.1712, 1.1178, 2.0225,
    0.0904, 0.3025, 2.1214, 0.2498, 2.9466, 0.4891, 0.6468, 0.1135, 0.4200,
]


def configs(rng):
    wild_a = random_parameters(rng)
    wild_b = random_parameters(rng)
    return [
        config(),
        config(retention=0.70),
        config(retention=0.80),
        config(retention=0.95),
        config(retention=0.97),
        config(parameters=OPTIMISED),
        config(parameters=OPTIMISED, retention=0.85, learning=(45, 600), relearning=(300, 1800)),
        config(parameters=wild_a, retention=0.90),
        config(parameters=wild_b, retention=0.75, max_ivl=365),
        config(learning=(), relearning=()),
        config(learning=(60,), relearning=(600, 3600)),
        config(learning=(30, 300, 3600, 86400), relearning=(300, 1800, 7200), retention=0.80),
        config(retention=0.97, max_ivl=30),
        config(parameters=OPTIMISED, retention=0.70, learning=(90,), relearning=()),
    ]


def scheduler_for(c):
    return Scheduler(
        parameters=c["parameters"],
        desired_retention=c["desired_retention"],
        learning_steps=[timedelta(seconds=s) for s in c["learning_steps_secs"]],
        relearning_steps=[timedelta(seconds=s) for s in c["relearning_steps_secs"]],
        maximum_interval=c["maximum_interval_days"],
        enable_fuzzing=False,
    )


GRADE_PROFILES = [
    [0.10, 0.15, 0.60, 0.15],  # a typical learner
    [0.40, 0.30, 0.25, 0.05],  # struggling
    [0.05, 0.10, 0.35, 0.50],  # finds it easy
    [0.25, 0.25, 0.25, 0.25],  # anything goes
    [0.60, 0.05, 0.30, 0.05],  # forgets a lot
]

GAP_KINDS = {
    "on_time": 30,  # at the due time, up to six hours late
    "early": 8,  # somewhere between the last review and the due time
    "late": 12,  # days to two months overdue
    "tiny": 6,  # under a minute: shorter than any step
    "sub_step": 8,  # 1–10 minutes
    "same_day": 10,  # 10 minutes to just under a day
    "boundary": 7,  # a millisecond either side of a whole number of days
    "months": 8,  # one to twelve months
    "lapse": 3,  # one to four years
    "zero": 1,  # the same millisecond
}


def gap(rng, now, due):
    kind = rng.choices(list(GAP_KINDS), weights=list(GAP_KINDS.values()))[0]
    until_due = max(due - now, 0)
    if kind == "on_time":
        return until_due + rng.choice([0, rng.randint(0, 6 * HOUR)])
    if kind == "early":
        return int(until_due * rng.random())
    if kind == "late":
        return until_due + rng.randint(1, 60) * DAY + rng.randint(0, DAY - 1)
    if kind == "tiny":
        return rng.randint(1, MINUTE - 1)
    if kind == "sub_step":
        return rng.randint(MINUTE, 10 * MINUTE - 1)
    if kind == "same_day":
        return rng.randint(10 * MINUTE, DAY - 1)
    if kind == "boundary":
        return rng.randint(1, 3) * DAY + rng.choice([-1, 0, 1])
    if kind == "months":
        return rng.randint(30, 365) * DAY + rng.randint(0, DAY - 1)
    if kind == "lapse":
        return rng.randint(365, 1500) * DAY + rng.randint(0, DAY - 1)
    return 0


def sequence(rng, scheduler, card_id):
    length = rng.choice([1, 2, 3]) if rng.random() < 0.1 else rng.randint(4, 30 if rng.random() < 0.8 else 80)
    weights = rng.choice(GRADE_PROFILES)
    # 2018–2026, at any millisecond.
    now = rng.randint(1_514_764_800_000, 1_767_225_600_000)
    card = Card(card_id=card_id, due=to_dt(now))
    rows = []
    for i in range(length):
        if i > 0:
            now += gap(rng, now, to_ms(card.due))
        grade = rng.choices([1, 2, 3, 4], weights=weights)[0]
        at = to_dt(now)
        r = scheduler.get_card_retrievability(card, at)
        card, _ = scheduler.review_card(card, Rating(grade), at)
        rows.append([
            now,
            grade,
            int(card.state),
            card.step,
            repr(float(card.stability)),
            repr(float(card.difficulty)),
            to_ms(card.due),
            repr(float(r)),
        ])
    return rows


def main():
    rng = random.Random(SEED)
    cfgs = configs(rng)
    schedulers = [scheduler_for(c) for c in cfgs]
    seqs = []
    for i in range(SEQUENCES):
        c = i % len(cfgs)
        seqs.append({"config": c, "reviews": sequence(rng, schedulers[c], card_id=i + 1)})
    fixture = {"reference": f"fsrs {REFERENCE_VERSION}", "seed": SEED, "configs": cfgs, "sequences": seqs}
    text = json.dumps(fixture, separators=(",", ":"))
    # One sequence per line keeps diffs readable.
    text = text.replace(',{"config":', ',\n{"config":')
    OUT.write_text(text + "\n")
    total = sum(len(s["reviews"]) for s in seqs)
    print(f"wrote {OUT}: {len(seqs)} sequences, {total} reviews, {len(text)} bytes")


if __name__ == "__main__":
    main()
