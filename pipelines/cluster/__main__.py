"""``python -m pipelines.cluster up|down|status`` (``make cluster-up`` / ``make cluster-down``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipelines.cluster.servers import SERVICES, ClusterError, Ports, down, running_pids, up
from pipelines.settings import PROJECT_ROOT

DEFAULT_ROOT = PROJECT_ROOT / "data" / "cluster"


def main(argv: list[str] | None = None) -> int:
    defaults = Ports()
    parser = argparse.ArgumentParser(prog="python -m pipelines.cluster", description=__doc__)
    parser.add_argument("command", choices=["up", "down", "status"])
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT,
                        help="where the servers keep their data, logs, state.json and env.sh (default data/cluster)")
    parser.add_argument("--workers", type=int, default=2, help="Dask workers, one thread and one core each")
    parser.add_argument("--services", default=",".join(SERVICES),
                        help="comma-separated subset of " + ",".join(SERVICES))
    parser.add_argument("--pg-port", type=int, default=defaults.postgres)
    parser.add_argument("--s3-port", type=int, default=defaults.s3)
    parser.add_argument("--dask-port", type=int, default=defaults.dask)
    # SeaweedFS's own servers (and their gRPC ports, +10000): moved only to run a second cluster beside one.
    parser.add_argument("--weed-ports", type=lambda s: [int(p) for p in s.split(",")],
                        default=[defaults.weed_master, defaults.weed_volume, defaults.weed_filer],
                        metavar="MASTER,VOLUME,FILER")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        if args.command == "up":
            master, volume, filer = args.weed_ports
            ports = Ports(postgres=args.pg_port, s3=args.s3_port, dask=args.dask_port, weed_master=master,
                          weed_volume=volume, weed_filer=filer)
            state = up(root, ports, args.workers, tuple(s for s in args.services.split(",") if s))
            print(f"Rasd cluster up (127.0.0.1 only): PostgreSQL :{ports.postgres} db rasd, "
                  f"SeaweedFS S3 :{ports.s3} bucket rasd-lake, Dask {state.scheduler} with {state.workers} workers")
            print(f"Settings: source {root / 'env.sh'}")
        elif args.command == "down":
            stopped = down(root)
            print("Rasd cluster stopped: " + (", ".join(stopped) if stopped else "nothing was running"))
        else:
            pids = running_pids(root)
            print("\n".join(f"{name}: pid {pid}" for name, pid in sorted(pids.items())) or "nothing running")
    except ClusterError as exc:
        print(f"Rasd cluster {args.command} failed: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
