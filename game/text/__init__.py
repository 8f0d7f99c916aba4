"""The terminal front end: `detente play --text`."""
