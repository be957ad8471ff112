"""``python -m youdecide.counting count FILE.pb [--rule R] [--tie-break T] [--json]`` or ``check FILE.pb``."""

import sys

from youdecide.counting.cli import main

sys.exit(main(sys.argv[1:]))
