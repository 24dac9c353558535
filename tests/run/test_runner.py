"""The in-order map over files that `check` and `extract` share: worker processes for many files,
results in the files' order, and never far ahead of the caller (memory flat in the number of files)."""
from __future__ import annotations

import multiprocessing
import os
import time

from xxgk_lint.run.runner import PARALLEL_MIN_FILES, in_order


def _uneven(item: int, fixed: str) -> tuple[int, str, int]:
    time.sleep(0.002 * (item * 7 % 5))  # a later item often ends first
    return item, fixed, os.getpid()


def _mark(item: int, folder: str) -> int:
    with open(os.path.join(folder, str(item)), "w"):
        pass
    return item


def test_results_come_in_the_items_order_from_worker_processes():
    out = list(in_order(_uneven, list(range(200)), "x", 2))
    assert [(item, fixed) for item, fixed, _ in out] == [(i, "x") for i in range(200)]
    workers = {pid for _, _, pid in out}
    assert os.getpid() not in workers and len(workers) <= 2


def test_few_items_or_one_job_run_in_this_process():
    assert {pid for _, _, pid in in_order(_uneven, list(range(PARALLEL_MIN_FILES - 1)), "x", 2)} == {os.getpid()}
    assert [r[:2] for r in in_order(_uneven, list(range(40)), "y", 1)] == [(i, "y") for i in range(40)]
    assert list(in_order(_uneven, [], "x", 2)) == []


def test_the_workers_never_run_far_ahead_of_the_caller(tmp_path):
    results = in_order(_mark, list(range(5000)), str(tmp_path), 2)
    assert next(results) == 0
    time.sleep(0.5)  # time enough to do them all, were they all handed out
    started = len(os.listdir(tmp_path))
    results.close()  # the caller stops early: the workers end
    assert started <= 6 * 32  # a few chunks of 32 per worker


def test_workers_started_without_fork_get_the_function_and_its_argument(monkeypatch):
    """Windows and macOS spawn: the function and its fixed argument are pickled to each worker."""
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert list(in_order(divmod, list(range(40)), 7, 2)) == [divmod(i, 7) for i in range(40)]
