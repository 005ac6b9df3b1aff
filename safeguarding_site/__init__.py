"""The core of the "Safeguarding and social media" site, with no site engine in it.

Data models and loading with plain error messages (`models`, `loading`, `overlay`), pure render
functions (`render`), review dates (`review`), the link check's history (`link_history`) and what
the browser code is told (`browser_contract`). The MkDocs adapter (`mkdocs_adapter`) and the link
check (`link_monitor`) build on it; nothing here imports MkDocs, Material or mkdocs-macros.
"""
