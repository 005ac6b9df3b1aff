"""Upkeep for a copy of the site as pull requests: what an organisation's person reviews and merges on
the GitHub website instead of typing commands.

- `site_updates`: our latest main merged into a branch of a fork, described in plain words
  (`changes`), checked (`check`), and offered as one pull request (`pulls`);
- `link_fixes`: the addresses the link check found moved for good to the same page
  (link_monitor.moves), changed in data/ line by line (`yaml_edit`), and offered as one pull request.

Plain functions over git, files and the `gh` command; the workflows in .github/workflows only call
`python -m upkeep` (see `cli`).
"""
