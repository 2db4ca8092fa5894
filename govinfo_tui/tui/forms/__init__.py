"""Forms: the modal form itself (`form`), the choices its selects offer (`choices`), and the
forms that record events: new item and date or period prompts (`common`), one item's verbs
(`item`), the registry (`registry`).

The form machinery is re-exported here; the factories are imported from their own modules."""

from .form import Field, FormError, FormScreen, parse_when

__all__ = ["Field", "FormError", "FormScreen", "parse_when"]
