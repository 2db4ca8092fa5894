"""govinfo: a plain-text, event-sourced record keeper for government-information work."""

__version__ = "0.1.0"
