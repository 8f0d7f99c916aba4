"""The window's screens. Importing this package registers every screen with game.ui.nav."""

from game.ui.screens import briefing, debrief, handover, load, menu, picker, settings, setup, table, title

__all__ = ["briefing", "debrief", "handover", "load", "menu", "picker", "settings", "setup", "table", "title"]
