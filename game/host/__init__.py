"""The class server (`detente host`): students play from a browser, the instructor watches every table.

Layers: ``table`` holds one table's authoritative game (no I/O of its own: it is handed a writer),
``room`` the class (students, tables, seating, pause) and its files, ``present`` what each seat and
the instructor are sent, ``server`` the aiohttp application (pages and WebSockets on one port).
No pygame anywhere here.
"""
