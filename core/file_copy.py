"""Copy the files one machine kept on its disk into the configured storages (object
storage once a deployment grows past one app node), and prove every copy.

Each file keeps its name, so the rows that point at it need no change. A copy is
verified by reading it back and comparing SHA-256 digests; a file already there
with the same digest is left alone, so the command can run again after a failure.
"""

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files import File
from django.core.files.storage import Storage


@dataclass
class CopyReport:
    copied: list[str] = field(default_factory=list)
    already_there: list[str] = field(default_factory=list)
    mismatched: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.mismatched


def digest_of(handle) -> str:
    sha = hashlib.sha256()
    for chunk in iter(lambda: handle.read(1024 * 1024), b""):
        sha.update(chunk)
    return sha.hexdigest()


def stored_digest(storage: Storage, name: str) -> str | None:
    if not storage.exists(name):
        return None
    with storage.open(name, "rb") as handle:
        return digest_of(handle)


def copy_folder(root: Path, storage: Storage, *, dry_run: bool = False) -> CopyReport:
    """Copy every file under `root` into `storage` under the same relative name."""
    report = CopyReport()
    if not root.exists():
        return report
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        name = path.relative_to(root).as_posix()
        with path.open("rb") as handle:
            local = digest_of(handle)
        remote = stored_digest(storage, name)
        if remote == local:
            report.already_there.append(name)
            continue
        if remote is not None:  # same name, other bytes: never overwrite silently
            report.mismatched.append(name)
            continue
        if dry_run:
            report.copied.append(name)
            continue
        with path.open("rb") as handle:
            saved = storage.save(name, File(handle, name=name))
        if saved != name or stored_digest(storage, name) != local:
            report.mismatched.append(name)
        else:
            report.copied.append(name)
    return report
