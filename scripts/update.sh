#!/usr/bin/env bash
# `make update`: take the latest improvements from the project this copy was forked from.
#
#   scripts/update.sh [REMOTE] [BRANCH]     (default: upstream main)
#
# It runs `git pull --no-rebase --ff --no-edit REMOTE BRANCH`: a merge (a fast-forward when this copy has
# nothing of its own yet), which works whatever git's own settings say: since git 2.27 a plain
# `git pull` stops when both sides have new commits and no pull.rebase setting is made, a pull.rebase
# setting would rewrite your own commits, and a pull.ff=only setting can refuse the merge.
# A fork only changes org/ and mkdocs.org.yml, so the merge has no conflicts. When git does not know who
# you are yet, the merge commit is signed "Site update".
# `make update` then builds and tests the result.
set -euo pipefail
remote=${1:-upstream}
branch=${2:-main}

if ! git rev-parse --git-dir >/dev/null 2>&1; then
  echo "make update: this folder is not a git repository; clone your fork with git first." >&2
  exit 1
fi
if ! git remote get-url "$remote" >/dev/null 2>&1; then
  echo "make update: git does not know where '$remote' is. Tell it once, with the address of the repository" >&2
  echo "you forked, then run make update again:" >&2
  echo "  git remote add $remote https://github.com/OWNER/REPOSITORY.git" >&2
  exit 1
fi
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  echo "make update: you have changes that are not committed yet. These are the files:" >&2
  git status --short --untracked-files=no >&2
  outside=$(git diff --name-only HEAD | grep -v -e '^org/' -e '^mkdocs\.org\.yml$' || true)
  if [ -n "$outside" ]; then
    echo "Some are outside org/ and mkdocs.org.yml, where our updates change files too, so they would clash:" >&2
    echo "$outside" | sed 's/^/  /' >&2
    echo "Make your own version in org/ instead (org/docs/index.md takes the place of docs/index.md), then undo" >&2
    echo "the change here with: git checkout -- FILE" >&2
  fi
  echo "Commit your changes in org/ first (git add org mkdocs.org.yml && git commit -m \"Our changes\")," >&2
  echo "then run make update again." >&2
  exit 1
fi

identity=()
git config user.name >/dev/null || identity+=(-c "user.name=Site update")
git config user.email >/dev/null || identity+=(-c "user.email=site-update@localhost")

echo "Taking the latest changes from $remote ($(git remote get-url "$remote")), branch $branch"
if ! git ${identity[@]+"${identity[@]}"} pull --no-rebase --ff --no-edit "$remote" "$branch"; then
  if [ -n "$(git diff --name-only --diff-filter=U)" ]; then
    echo >&2
    echo "make update: these files were changed both here and upstream, so git could not merge them:" >&2
    git diff --name-only --diff-filter=U | sed 's/^/  /' >&2
    echo "Outside org/ and mkdocs.org.yml, keep upstream's version: git checkout --theirs FILE, then git add FILE" >&2
    echo "and git commit. Or undo the whole update: git merge --abort" >&2
  fi
  exit 1
fi
