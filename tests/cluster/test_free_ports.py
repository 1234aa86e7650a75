"""The test clusters' port picker: ports a client socket cannot take before the servers bind them."""

from __future__ import annotations

from tests.cluster.conftest import _ephemeral_start, free_ports


def test_ports_are_distinct_and_below_the_outgoing_connection_range():
    top = _ephemeral_start()
    for _ in range(20):
        plain, grpc = free_ports(2, grpc=4)
        assert len(plain) == 2 and len(grpc) == 4
        every = plain + grpc + [p + 10000 for p in grpc]
        assert len(set(every)) == len(every)
        assert all(10000 <= p < top for p in every)
