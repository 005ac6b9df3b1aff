"""Writing files so that a crash or a full disk never leaves a half-written one behind."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from safeguarding_site.link_history import LinkState


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to a temporary file beside `path`, flush it to disk, then rename it over `path`.

    Readers see either the old file or the new one, never a mixture; if anything fails the old file
    is untouched and the temporary file is removed.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    try:  # make the rename itself durable
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def state_text(state: LinkState) -> str:
    """The history as stable, diff-friendly JSON (sorted URLs, two-space indent, final newline)."""
    data = state.model_dump(mode="json")
    data["links"] = dict(sorted(data["links"].items()))
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def save_state(path: Path, state: LinkState) -> None:
    # Serialise first: a failure here happens before the file is even opened.
    write_atomically(path, state_text(state))
