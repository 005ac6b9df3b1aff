"""Every internal link of the built site resolves, checked by linkchecker over local HTTP."""
import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

LINKCHECKER = str(Path(sys.executable).parent / "linkchecker")


@pytest.mark.slow
def test_internal_links_of_the_built_site_resolve(site_url, tmp_path):
    # linkchecker drops root privileges to `nobody`: run it from a directory nobody can read.
    result = subprocess.run(
        [LINKCHECKER, "--no-status", "--verbose", "-o", "csv", "--threads", "4", "--timeout", "20", site_url],
        capture_output=True, text=True, timeout=600, cwd="/tmp",
    )
    rows = [row for row in csv.DictReader(
        io.StringIO("\n".join(line for line in result.stdout.splitlines() if not line.startswith("#"))),
        delimiter=";")]
    checked = {row["url"] for row in rows}
    broken = [(row["url"], row["parentname"], row["result"]) for row in rows if row["valid"] != "True"]
    assert len(checked) > 30, f"linkchecker found too few links to be believable:\n{result.stdout}\n{result.stderr}"
    assert any(url.rstrip("/").endswith("/tips") for url in checked)
    assert not broken, f"broken internal links: {broken}"
    assert result.returncode == 0, result.stderr
