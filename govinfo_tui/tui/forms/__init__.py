"""Forms: the modal form itself (`form`), the form that records a request (`request`), the
choices its selects offer (`choices`), and the factories: new item and date or period prompts
(`common`), one item's verbs (`item`), the registry (`registry`).

The form machinery is re-exported here; the factories are imported from their own modules."""

from .form import Field, FormError, FormScreen, parse_when
from .request import RequestForm

__all__ = ["Field", "FormError", "FormScreen", "RequestForm", "parse_when"]
