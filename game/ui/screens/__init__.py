"""The screens of the window, one per module."""
