"""预算问答: answers Chinese questions about a department budget disclosure, with citations."""

__version__ = "0.1.0"
