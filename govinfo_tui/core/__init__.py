"""The face-free core: the journal's schema, files, rules, fold, questions, checks, writes and papers.

Nothing here imports a terminal or screen library, the command line or the app (an
import-linter contract in pyproject.toml keeps it so). Floors, lowest first: events and
period; journal and rules; state; queries, bulletins and penalties; checks; reports;
recording and export. docs/architecture.md walks an event through them.
"""
