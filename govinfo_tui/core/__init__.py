"""The face-free core: the journal's schema, files, rules, fold, questions, checks, writes and papers.

Nothing here imports a terminal or screen library, the command line or the app (an
import-linter contract in pyproject.toml keeps it so). Floors, lowest first: errors and text;
events, period, rows, shared_folder and git; batches; journal and rules; state and repair;
schemes; bulletins and penalties; queries and faults; checks; reports; workspace; recording
and export.
docs/architecture.md walks an event through them.
"""
