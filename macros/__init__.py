"""Single-source rendering for the 'Safeguarding and social media' site.

Everything here is plain Python: the pydantic schema (`models`), YAML loading with
plain error messages (`loading`), and pure render functions (`render`). Only
`main.py` knows about mkdocs-macros, so the site engine can be swapped later.
"""

# mkdocs-macros loads this package (module_name: macros) and looks for these hooks.
from .main import define_env, on_post_page_macros, on_pre_page_macros  # noqa: E402,F401
