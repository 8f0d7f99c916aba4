"""The instructor tools' command-line edges: new scenarios, balance reports, role cards.

The pure parts live in game.scenario (lint) and game.analysis (simulate); this
package writes files, runs processes and prints progress.
"""
