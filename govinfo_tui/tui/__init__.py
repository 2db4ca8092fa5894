"""The terminal app (Textual): screens, widgets, forms and message catalogs.

Presentation only: every figure comes from `queries`, every write goes through `core.recording`.
Imports run one way: `app` imports `screens/` and `forms/`, which see the app only as a
`session.Session`.
"""
