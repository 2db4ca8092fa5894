"""The terminal app (Textual): screens, widgets, forms and message catalogs.

Presentation only: every figure comes from `queries`, every write goes through `core.recording`.
"""
