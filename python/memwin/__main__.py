"""`python -m memwin demo [options]` (or `python -m memwin`): the seed experiment from Python (see memwin.demo)."""

import sys

from memwin import demo


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        argv = ["demo"]  # as `memwin` alone runs the CLI's demo
    if argv[0] in ("-h", "--help"):
        print("usage: python -m memwin [demo] [--len N] [--size W] [--step S] [--threads N] [--cost-ms MS] [--json]")
        print("       python -m memwin demo --help   for every option")
        return 0
    if argv[0] != "demo":
        print(f"python -m memwin: unknown command '{argv[0]}': expected demo", file=sys.stderr)
        return 2
    args = demo.parser().parse_args(argv[1:])
    try:
        return demo.run(args)
    except (ValueError, TypeError) as e:
        print(f"python -m memwin demo: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
