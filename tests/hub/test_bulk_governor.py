"""The bulk lane's width (hub/bulk_governor.py): halved when the people's work is slow over a
window, grown by one when it is quick, held in between; never below one nor above its most."""

from __future__ import annotations

import pytest

from evidence_desk.hub.bulk_governor import BulkGovernor


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _window(governor: BulkGovernor, clock: Clock, seconds: list[float]) -> bool:
    """One window's observations, the last one after the window's end (it closes it)."""
    changed = False
    for each in seconds[:-1]:
        changed |= governor.observe(each)
    clock.now += 0.5
    return governor.observe(seconds[-1]) or changed


def test_slow_people_halve_the_bulk_width_down_to_one() -> None:
    clock = Clock()
    governor = BulkGovernor(6, target=0.1, window=0.5, samples=4, clock=clock)
    assert governor.width == 6
    assert _window(governor, clock, [0.2] * 10)
    assert governor.width == 3
    assert _window(governor, clock, [0.2] * 10)
    assert governor.width == 1
    assert not _window(governor, clock, [0.2] * 10)
    assert governor.width == 1  # the laptops' day always moves


def test_quick_people_widen_it_one_at_a_time_up_to_its_most() -> None:
    clock = Clock()
    governor = BulkGovernor(3, target=0.1, window=0.5, samples=4, clock=clock)
    _window(governor, clock, [0.5] * 10)
    _window(governor, clock, [0.5] * 10)
    assert governor.width == 1
    widths = []
    for _ in range(4):
        _window(governor, clock, [0.01] * 10)
        widths.append(governor.width)
    assert widths == [2, 3, 3, 3]


def test_between_half_the_target_and_the_target_it_holds() -> None:
    clock = Clock()
    governor = BulkGovernor(6, target=0.1, window=0.5, samples=4, clock=clock)
    _window(governor, clock, [0.5] * 10)
    assert governor.width == 3
    for _ in range(5):
        assert not _window(governor, clock, [0.08] * 10)
    assert governor.width == 3


def test_it_judges_the_p90_not_the_mean_nor_the_slowest() -> None:
    clock = Clock()
    governor = BulkGovernor(6, target=0.1, window=0.5, samples=4, clock=clock)
    # 9 of 10 quick and one very slow: the p90 is quick, the mean (0.105 s) is not
    _window(governor, clock, [0.01] * 9 + [1.0])
    assert governor.width == 6
    # 2 of 10 slow: the p90 is slow
    _window(governor, clock, [0.01] * 8 + [1.0, 1.0])
    assert governor.width == 3


def test_a_window_waits_for_enough_observations_then_decides_on_what_it_has() -> None:
    clock = Clock()
    governor = BulkGovernor(6, target=0.1, window=0.5, samples=8, clock=clock)
    governor.observe(0.3)
    clock.now += 0.6
    assert not governor.observe(0.3)  # two of eight: too few yet
    assert governor.width == 6
    clock.now += 1.5  # four windows since it opened: it decides on the three it has
    assert governor.observe(0.3)
    assert governor.width == 3


def test_a_window_closes_only_after_its_time() -> None:
    clock = Clock()
    governor = BulkGovernor(6, target=0.1, window=0.5, samples=1, clock=clock)
    for _ in range(50):
        assert not governor.observe(1.0)
    assert governor.width == 6


@pytest.mark.parametrize("most", [0, -1])
def test_a_width_below_one_is_refused(most: int) -> None:
    with pytest.raises(ValueError):
        BulkGovernor(most)
