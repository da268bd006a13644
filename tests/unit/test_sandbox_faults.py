"""The sandbox's 'hold' fault, which lets a test act while a request is in flight without sleeping."""

from __future__ import annotations

import threading

from jogg_mcp.sandbox.faults import FaultBoard


def test_a_stale_release_does_not_end_a_later_hold() -> None:
    board = FaultBoard()
    board.release()  # nobody holding: e.g. a reset between tests
    board.clear()
    finished = threading.Event()
    holder = threading.Thread(target=lambda: (board.hold(30), finished.set()))
    holder.start()
    assert board.wait_until_holding(30)
    assert not finished.wait(0.2)  # still held (a broken hold would have returned at once)
    board.release()
    assert finished.wait(30)
    holder.join()
