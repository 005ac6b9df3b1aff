"""Our updates as a pull request in an organisation's fork.

`prepare` merges our latest main (the upstream repository, `make update`'s `upstream`) into the branch
`site-updates` of the fork: on from where that branch was, when a person added to it, else fresh from
the fork's main. A clash can only be in a file of ours that the fork changed too (its own files, in
`org/` and `mkdocs.org.yml`, we never touch): the branch then takes our version, and the pull request
says what the fork's version was and what to do. The link check's history stays each copy's own.

`push` sends the branch to the fork. GitHub does not let a workflow's own token push a change to the
workflows themselves; when our update has one, the pull request is opened from our main instead (the
same changes: GitHub merges them when the person does), unless there was a clash to settle first.

`pull_request` opens the one pull request, or updates it, with what changed in plain words
(`changes`) and whether the quick check (`check`) passed; it closes it when the fork has everything.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from . import changes as changes_module
from .changes import EACH_COPYS_OWN, Changes, organisations_own
from .check import CheckResult, fenced
from .gitrepo import Git, UpkeepError
from .pulls import PullRequests

BRANCH = "site-updates"
UPSTREAM_REF = "refs/upkeep/upstream"
MARKER = "<!-- upkeep: site-updates -->"
KEEP_OWN = "Keep this copy's own link check history"  # the subject of the commit _keep_own_records makes
MAX_BODY = 60000  # GitHub takes at most 65,536 characters
REFUSED_WORKFLOWS = re.compile(r"refusing to allow .*`?workflows?`? (permission|scope)", re.I | re.S)


@dataclass
class Conflict:
    """A file of ours that the fork changed too, and that git could not merge by itself."""

    path: str
    how: str  # both-changed | both-added | removed-here | removed-in-ours
    kept: str  # "yours" (the fork's version) or "ours" (upstream's)


@dataclass
class UpdateReport:
    upstream_url: str
    upstream_branch: str
    upstream_commit: str
    base: str
    base_commit: str
    branch: str
    upstream_name: str = ""  # owner/name on GitHub, when known
    head_commit: str = ""
    new: bool = False  # whether the fork lacks anything of ours
    commits: int = 0  # our commits it lacks
    continued: bool = False  # built on the branch as it was left
    kept: list[str] = field(default_factory=list)  # a person's commits on that branch, kept
    set_aside: list[str] = field(default_factory=list)  # that person's commits, when they clashed with main
    conflicts: list[Conflict] = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)
    pushed: bool = False
    push_refused: str = ""  # "workflows" when GitHub refused a change to the workflows

    def as_json(self) -> dict:
        data = asdict(self)
        data["changes"] = self.changes.as_json()
        return data

    @classmethod
    def from_json(cls, data: dict) -> "UpdateReport":
        data = dict(data)
        data["conflicts"] = [Conflict(**conflict) for conflict in data.get("conflicts", [])]
        data["changes"] = Changes.from_json(data.get("changes") or {})
        return cls(**data)

    @property
    def upstream_owner(self) -> str:
        return self.upstream_name.split("/", 1)[0] if "/" in self.upstream_name else ""


def _clean(git: Git) -> None:
    status = git.out("status", "--porcelain", "--untracked-files=no")
    if status:
        raise UpkeepError("this working copy has changes that are not committed, so nothing was merged:\n" + status)


def fetch_upstream(git: Git, url: str, branch: str, commit: str | None) -> str:
    """Our main, fetched into UPSTREAM_REF; the commit to merge (`commit`, when given, as checked before)."""
    result = git.run("fetch", "--quiet", "--no-tags", url, f"+refs/heads/{branch}:{UPSTREAM_REF}", check=False)
    if result.returncode != 0:
        raise UpkeepError(f"could not fetch the branch '{branch}' of {url}: {(result.stderr or '').strip()}")
    if commit:
        if not git.commit_of(commit):
            git.run("fetch", "--quiet", "--no-tags", url, commit, check=False)
        found = git.commit_of(commit)
        if not found:
            raise UpkeepError(f"{url} has no commit {commit}")
        return found
    return git.commit_of(UPSTREAM_REF)


def _resolve(git: Git, path: str, stages: set[int]) -> Conflict:
    how = ("both-changed" if 1 in stages else "both-added") if {2, 3} <= stages else \
        ("removed-here" if 3 in stages else "removed-in-ours")
    keep_yours = organisations_own(path) or path in EACH_COPYS_OWN
    side, stage = ("--ours", 2) if keep_yours else ("--theirs", 3)
    if stage in stages:
        git.run("checkout", side, "--", path)
        git.run("add", "--", path)
    else:
        git.run("rm", "--quiet", "--force", "--", path)
    return Conflict(path, how, "yours" if keep_yours else "ours")


def _merge(git: Git, commit: str, message: str) -> list[Conflict]:
    """Merge `commit` into the current branch, settling each clash (`_resolve`); returns the clashes."""
    result = git.run("merge", "--no-edit", "-m", message, commit, check=False, identity=True)
    if result.returncode == 0:
        return []
    unmerged = git.unmerged()
    if not unmerged:
        git.run("merge", "--abort", check=False)
        raise UpkeepError(f"git could not merge: {(result.stderr or result.stdout).strip()}")
    conflicts = [_resolve(git, path, stages) for path, stages in sorted(unmerged.items())]
    lines = [message, "", "Files changed on both sides:"]
    lines += [f"- {c.path}: kept {'your copy' if c.kept == 'yours' else 'our'} version" for c in conflicts]
    git.run("commit", "--no-edit", "-m", "\n".join(lines), identity=True)
    return conflicts


GITHUB_ADDRESS = re.compile(r"github\.com[:/]([\w.-]+/[\w.-]+?)(?:\.git)?/?$")


def where_upstream_is(git: Git, upstream: str) -> tuple[str, str]:
    """(address, OWNER/NAME on GitHub or "") for `upstream`: an address, a folder, or the name of a git remote
    (`make update`'s `upstream`, which docs/for-organisations.md has a person add once)."""
    address = upstream
    if "/" not in upstream and ":" not in upstream:  # a remote's name
        remote = git.run("remote", "get-url", upstream, check=False)
        if remote.returncode != 0:
            raise UpkeepError(f"git does not know where '{upstream}' is. Tell it once, with the address of the "
                              f"repository you forked: git remote add {upstream} https://github.com/OWNER/REPOSITORY.git")
        address = remote.stdout.strip()
    found = GITHUB_ADDRESS.search(address)
    return address, found.group(1) if found else ""


def prepare(git: Git, upstream_url: str, upstream_branch: str = "main", base: str = "main", branch: str = BRANCH,
            remote: str = "origin", upstream_commit: str | None = None, upstream_name: str = "") -> UpdateReport:
    """Merge our main into `branch`, in this working copy of the fork (left on `branch`). `upstream_url` may
    also be the name of a git remote."""
    _clean(git)
    upstream_url, found_name = where_upstream_is(git, upstream_url)
    upstream_name = upstream_name or found_name
    ours = fetch_upstream(git, upstream_url, upstream_branch, upstream_commit)
    git.run("fetch", "--quiet", remote, f"+refs/heads/{branch}:refs/remotes/{remote}/{branch}", check=False)
    base_commit = git.commit_of(f"refs/remotes/{remote}/{base}") or git.commit_of(f"refs/heads/{base}")
    if not base_commit:
        raise UpkeepError(f"this copy has no branch '{base}' to bring our updates into")
    report = UpdateReport(upstream_url=upstream_url, upstream_branch=upstream_branch, upstream_commit=ours,
                          base=base, base_commit=base_commit, branch=branch, upstream_name=upstream_name,
                          head_commit=base_commit)
    if git.is_ancestor(ours, base_commit):
        return report  # the fork has everything of ours
    report.new = True
    report.commits = int(git.out("rev-list", "--count", ours, f"^{base_commit}"))
    where = upstream_name or upstream_url
    existing = git.commit_of(f"refs/remotes/{remote}/{branch}")
    if existing and not git.is_ancestor(existing, base_commit):
        # A person added to the branch (say, a fix the quick check asked for): carry on from there.
        git.run("checkout", "--quiet", "-B", branch, existing)
        added = [subject for subject in git.out("log", "--no-merges", "--format=%s", existing, f"^{base_commit}",
                                                f"^{ours}").splitlines() if subject != KEEP_OWN]
        if _merge_main(git, base_commit, base):
            report.continued, report.kept = True, added
        else:
            report.set_aside = added
            git.run("checkout", "--quiet", "-B", branch, base_commit)
    else:
        git.run("checkout", "--quiet", "-B", branch, base_commit)
    conflicts = _merge(git, ours, f"Take the latest from {where} ({upstream_branch} at {ours[:7]})")
    _keep_own_records(git, base_commit)
    # A clash in the copy's own records needs nobody: only clashes in files of ours are reported.
    report.conflicts = [conflict for conflict in conflicts if conflict.path not in EACH_COPYS_OWN]
    report.head_commit = git.commit_of("HEAD")
    report.changes = changes_module.describe(git, base_commit, report.head_commit)
    return report


def _keep_own_records(git: Git, base_commit: str) -> None:
    """The copy's own records (the link check's history) as the copy had them, even where git merged ours in."""
    restored = []
    for path in EACH_COPYS_OWN:
        if git.run("diff", "--quiet", base_commit, "HEAD", "--", path, check=False).returncode == 0:
            continue
        if git.run("cat-file", "-e", f"{base_commit}:{path}", check=False).returncode == 0:
            git.run("checkout", base_commit, "--", path)
        else:
            git.run("rm", "--quiet", "--force", "--", path)
        restored.append(path)
    if restored:
        git.run("commit", "--quiet", "-m", KEEP_OWN + "\n\n" + "\n".join(restored), identity=True)


def _merge_main(git: Git, base_commit: str, base: str) -> bool:
    """Bring the fork's main into a branch a person added to; False (and nothing done) when they clash."""
    result = git.run("merge", "--no-edit", "-m", f"Bring in {base}", base_commit, check=False, identity=True)
    if result.returncode != 0:
        git.run("merge", "--abort", check=False)
        return False
    return True


def push(git: Git, report: UpdateReport, remote: str = "origin") -> UpdateReport:
    """Send the branch to the fork, unless GitHub refuses a workflow change (report.push_refused)."""
    if not report.new:
        return report
    existing = git.commit_of(f"refs/remotes/{remote}/{report.branch}") or ""
    ref = f"refs/heads/{report.branch}"
    result = git.run("push", "--quiet", f"--force-with-lease={ref}:{existing}", remote, f"{report.head_commit}:{ref}",
                     check=False)
    said = (result.stderr or result.stdout).strip()
    if result.returncode == 0:
        report.pushed = True
    elif REFUSED_WORKFLOWS.search(said):
        report.push_refused = "workflows"
    else:
        raise UpkeepError(f"could not send the branch {report.branch} to {remote}: {said}")
    return report


# --- the pull request -------------------------------------------------------------------------------

def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def title(report: UpdateReport, check: CheckResult | None) -> str:
    counts = report.changes.counts()
    parts = [_plural(counts[key], word) for key, word in (("pages", "page"), ("resources", "resource"),
                                                          ("checklists", "checklist")) if counts[key]]
    text = "Our latest improvements" + (f": {', '.join(parts)}" if parts else "")
    if report.conflicts:
        text += f" ({_plural(len(report.conflicts), 'file')} of yours to look at)"
    if check is not None and not check.passed:
        text += " (quick check failed)"
    return text


CONFLICT_WORDS = {
    "both-changed": "your copy changed this file of ours, and so did we",
    "both-added": "your copy added a file of this name, and so did we",
    "removed-here": "your copy removed this file of ours, and we changed it",
    "removed-in-ours": "your copy changed this file of ours, and we removed it",
}


def _what_to_do(conflict: Conflict, yours: str, base: str) -> str:
    path = conflict.path
    if conflict.kept == "yours":
        return "Kept as your copy has it: it is one of your own files."
    taken = "This pull request removes it, as we did." if conflict.how == "removed-in-ours" else \
        "This pull request takes our version."
    keep = ""
    if path.startswith("docs/") and path.endswith(".md"):
        keep = (f" To keep your own version of this page, add it as `org/{path}` (a page there replaces ours, and no"
                " longer gets our changes) before you merge.")
    elif path.startswith("data/"):
        keep = (" If you still need your change, make it again after merging. (An address the link check changed "
                "for you is checked again next week.)")
    return f"{taken} Until you merge, {yours} is still on your `{base}`.{keep}"


def _links(report: UpdateReport, server: str, repository: str, path: str) -> tuple[str, str]:
    """Links to the fork's version of a file and to ours, on GitHub (plain words without an address)."""
    yours = f"[your version]({server}/{repository}/blob/{report.base_commit}/{path})" if server and repository \
        else "your version"
    ours = f"[ours]({server}/{report.upstream_name}/blob/{report.upstream_commit}/{path})" \
        if server and report.upstream_name else ""
    return yours, ours


def _check_lines(check: CheckResult | None, run_url: str, fallback: bool) -> list[str]:
    run = f" ([the run]({run_url}))" if run_url else ""
    if check is None:
        return [f"**The quick check did not run**{run}, so nothing is known yet about your site with these "
                "changes. Your live site is not affected: GitHub checks and publishes your site again when you merge."]
    if check.passed:
        return [f"**The quick check passed**{run}: your site, with these changes, builds, and every page passes "
                f"the checks your site's publishing runs (`{check.command}`)."]
    lines = [f"**The quick check failed**{run}: with these changes your site would not be published yet. Your live "
             "site is not affected, and stays as it is until this is put right.", "", "What it said at the end:", "",
             fenced(check.tail or "(no output)"), ""]
    if fallback:
        lines.append("What to do: merge this pull request, then fix the file it names on your `main` branch "
                     "(the pencil button); your site is published again once it passes.")
    else:
        lines.append("What to do: fix the file it names on this pull request's branch (open **Files changed**, or "
                     "switch to the branch `site-updates` and use the pencil button), then start this workflow "
                     "again (Actions tab, **Site updates**, **Run workflow**). Your fix stays on the branch.")
    return lines


def body(report: UpdateReport, check: CheckResult | None, run_url: str = "", server: str = "",
         repository: str = "", fallback: bool = False) -> str:
    where = f"[{report.upstream_name}]({server}/{report.upstream_name})" if report.upstream_name and server \
        else f"`{report.upstream_name or report.upstream_url}`"
    lines = [MARKER, "", f"This brings the latest improvements from {where} (its `{report.upstream_branch}` as of "
             f"`{report.upstream_commit[:7]}`, {_plural(report.commits, 'commit')} your copy does not have yet) into your "
             "copy. Your own files, in `org/` and `mkdocs.org.yml`, are not touched.", ""]
    lines += _check_lines(check, run_url, fallback)
    lines += ["", "## What changes"]
    described = changes_module.markdown(report.changes)
    lines += described or ["", "Nothing you would see: only the merge itself."]
    if report.conflicts:
        lines += ["", f"## {_plural(len(report.conflicts), 'file')} your copy changed too", "",
                  "Your copy had changed these files of ours, in the same places as we did, so git could not combine "
                  "the two by itself.", ""]
        for conflict in report.conflicts:
            yours, ours = _links(report, server, repository, conflict.path)
            lines.append(f"- `{changes_module.markdown_text(conflict.path)}`: {CONFLICT_WORDS[conflict.how]}. "
                         f"{_what_to_do(conflict, yours, report.base)}"
                         + (f" Compare it with {ours}." if ours and conflict.kept == "ours" else ""))
    if report.kept:
        lines += ["", "## Kept from this branch", "",
                  "These commits were added to this pull request's branch, and are still on it:", ""]
        lines += [f"- {changes_module.markdown_text(subject)}" for subject in report.kept]
    if report.set_aside:
        lines += ["", "## Changes set aside", "",
                  "These commits were on this pull request's branch, but clash with changes made on your `main` since,"
                  " so the branch was made afresh without them. Make them again if they are still needed:", ""]
        lines += [f"- {changes_module.markdown_text(subject)}" for subject in report.set_aside]
    if fallback:
        lines += ["", "## Why this comes from our repository", "",
                  "This update changes the workflows (the automatic steps in `.github/workflows/`). GitHub lets a "
                  "workflow's own key change everything in your copy but those, so this pull request comes straight "
                  f"from our `{report.upstream_branch}` instead of from a branch of yours. It holds the same changes, "
                  "and merging it works the same way."]
    lines += ["", "## How to take it", "",
              "1. Read the list above; open **Files changed** for every line, if you like.",
              "2. Press **Merge pull request**, then **Confirm merge**." +
              (" If the check failed, see above first." if check is not None and not check.passed else ""),
              "3. GitHub builds, checks and publishes your site again (the **Actions** tab shows it).",
              "",
              "Not now? Leave it open: each week this workflow updates it with anything newer. You no longer need "
              "GitHub's **Sync fork** button, and never its **Discard commits**, which would delete your own files.",
              "", "---", "Opened by the **Site updates** workflow" + (f" ([run]({run_url}))" if run_url else "") + "."]
    text = "\n".join(lines) + "\n"
    if len(text) > MAX_BODY:
        text = text[:MAX_BODY].rsplit("\n", 1)[0] + "\n\n… and more: open **Files changed** for the rest.\n"
    return text


def pull_request(report: UpdateReport, check: CheckResult | None, pulls: PullRequests, run_url: str = "",
                 server: str = "", repository: str = "") -> str:
    """Open, update or close the one pull request; returns what was done, in a sentence."""
    ours_head = f"{report.upstream_owner}:{report.upstream_branch}" if report.upstream_owner else ""
    from_branch = pulls.find(report.branch)
    from_ours = pulls.find(report.upstream_branch, report.upstream_owner) if report.upstream_owner else []
    if not report.new:
        for pull in from_branch + from_ours:
            pulls.close(pull, f"Your copy already has everything from our `{report.upstream_branch}` (as of "
                              f"`{report.upstream_commit[:7]}`), so this pull request is no longer needed.")
        closed = len(from_branch + from_ours)
        return "Your copy already has our latest changes" + (f"; closed {_plural(closed, 'pull request')}." if closed
                                                              else ".")
    fallback = not report.pushed
    if fallback:
        if report.push_refused != "workflows":
            raise UpkeepError(f"the branch {report.branch} was not sent to GitHub, so there is nothing to open a "
                              "pull request from")
        if report.conflicts or not ours_head:
            files = ", ".join(conflict.path for conflict in report.conflicts)
            raise UpkeepError(
                "this update changes the workflows, which GitHub does not let a workflow's own key do"
                + (f", and your copy changed files of ours that it also changes ({files})" if files else "")
                + ", so no pull request could be prepared. Take it on a computer with `make update` "
                "(docs/for-organisations.md, \"Take our updates\"), or give this workflow a key that may change "
                "workflows: a fine-grained token with Contents, Pull requests and Workflows (read and write) on this "
                "repository, saved as the secret SITE_UPDATES_TOKEN.")
    text = body(report, check, run_url, server, repository, fallback)
    heading = title(report, check)
    if fallback:
        action, pull = pulls.open_or_update(report.base, ours_head, heading, text, owner=report.upstream_owner,
                                            find_head=report.upstream_branch)
        stale = from_branch
    else:
        action, pull = pulls.open_or_update(report.base, report.branch, heading, text)
        stale = from_ours
    for other in stale:
        pulls.close(other, f"Replaced by #{pull.number}, which brings the same changes.")
    return f"{action.capitalize()} the pull request {pull.url or '#' + str(pull.number)}: {heading}"

