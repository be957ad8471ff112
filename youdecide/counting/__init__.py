"""The counting engine: participatory budgeting ballots in, an explained outcome out.

Pure Python (numpy for speed); no Django. Everything counts in integers or fractions where a float
could change an outcome, so anyone who recounts gets the same answer. ::

    from youdecide.counting import make_election, count

    election = make_election([("a", 600), ("b", 500), ("c", 400)], [["a"], ["a", "b"], ["c"]], budget=1000)
    outcome = count(election, rule="equalshares/add1")
    outcome.selected, outcome.explanations, outcome.ties
"""

from youdecide.counting.election import (
    APPROVAL,
    CHOOSE_ONE,
    CUMULATIVE,
    ORDINAL,
    SCORING,
    VOTE_TYPES,
    Ballot,
    Election,
    Project,
    make_election,
)
from youdecide.counting.explain import Outcome, money_format
from youdecide.counting.pabulib_reader import CheckReport, check_pabulib, read_pabulib
from youdecide.counting.pabulib_writer import format_pabulib, write_pabulib
from youdecide.counting.problems import PabulibError, Problem, RuleError
from youdecide.counting.rules import RULES, count
from youdecide.counting.ties import TIE_BREAKS, Tie

__all__ = [
    "APPROVAL",
    "CHOOSE_ONE",
    "CUMULATIVE",
    "ORDINAL",
    "RULES",
    "SCORING",
    "TIE_BREAKS",
    "VOTE_TYPES",
    "Ballot",
    "CheckReport",
    "Election",
    "Outcome",
    "PabulibError",
    "Problem",
    "Project",
    "RuleError",
    "Tie",
    "check_pabulib",
    "count",
    "format_pabulib",
    "make_election",
    "money_format",
    "read_pabulib",
    "write_pabulib",
]
