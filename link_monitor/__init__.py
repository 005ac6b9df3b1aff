"""Scheduled link check for the site: linkchecker underneath, a history file so one bad night is no alarm.

`python -m link_monitor` (what `make linkcheck` runs) checks every web address in data/, every link to
another site in the built pages, and every link inside the built site served on 127.0.0.1. Each address
ends up ok, redirected, transient, needs-review or dead; dead only after failing in two runs in a row,
needs-review when it answers but may no longer lead where its card says (review.py). See README,
"Link check".
"""
