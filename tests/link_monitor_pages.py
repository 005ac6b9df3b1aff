"""Pages that look like the real thing, for the needs-review signals: a CMS's "not found" page served with
status 200, a registrar's for-sale page, a parking page with ads, a Cloudflare challenge, a bot wall, and
an ordinary resource page (with links, images and scripts that must never be fetched)."""
from __future__ import annotations


def _page(title: str, body: str, head: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="/trap/style.css">
<script src="/trap/analytics.js" async></script>
<script>window.dataLayer = window.dataLayer || []; fetch('/trap/beacon');</script>
{head}
</head>
<body class="page">
<a class="skip-link" href="#content">Skip to content</a>
<header class="site-header"><a href="/trap/home"><img src="/trap/logo.png" alt="Home"></a>
<nav aria-label="Main"><ul><li><a href="/trap/about">About us</a></li><li><a href="/trap/news">News</a></li>
<li><a href="/trap/donate">Donate</a></li></ul></nav></header>
{body}
<footer><p>Registered charity. <a href="/trap/privacy">Privacy</a> <a href="/trap/cookies">Cookies</a></p></footer>
</body>
</html>"""


def resource_page(title: str = "Online safety advice for parents | Example Trust",
                  heading: str = "Online safety advice for parents") -> str:
    return _page(title, f"""<main id="content">
<h1 class="entry-title">{heading}</h1>
<p>Children use the internet to learn, play and keep in touch. Here is how to help them stay safe.</p>
<p><a href="/trap/more">Read more</a> <iframe src="/trap/video"></iframe></p>
</main>""", head='<meta http-equiv="refresh" content="300;url=/trap/refreshed">')


# A WordPress theme's 404 template, served with status 200 (a "soft 404").
SOFT_404 = _page("Page not found – Example Youth Network", """<main id="content" class="site-main">
<section class="error-404 not-found">
<header class="page-header"><h1 class="page-title">Oops! That page can&rsquo;t be found.</h1></header>
<div class="page-content"><p>It looks like nothing was found at this location. Maybe try one of the links
below or a search?</p><form role="search" action="/trap/search"><input type="search" name="s"></form></div>
</section></main>""")

# A Drupal-style "not found" where only the first text says so (the title is the site's name).
SOFT_404_IN_TEXT = _page("Example Safeguarding Board", """<div role="main" id="content">
<h2>Sorry</h2>
<p>The page you are looking for could not be found. It may have been moved, or the address may be wrong.</p>
</div>""")

# A domain registrar's for-sale page for an expired domain.
FOR_SALE = _page("parentsguide.example is for sale | Example Domains", """<main>
<h1>Own parentsguide.example today</h1>
<p>This premium domain name is available for purchase. Buy now for £2,795 or pay monthly.</p>
<p><a href="/trap/buy">Buy this domain</a> <a href="/trap/offer">Make an offer</a></p>
</main>""")

# A parking page full of advertising links.
PARKED = _page("parentsguide.example", """<div id="content">
<p class="domain">parentsguide.example</p>
<p>This domain may be for sale!</p>
<h2>Related Searches</h2>
<ul><li><a href="/trap/ad1">Online Casino</a></li><li><a href="/trap/ad2">Cheap Flights</a></li></ul>
</div>""")

# What the domain now shows after a redirect to another site.
OTHER_SITE = _page("Best Casino Bonuses 2026 – Top Online Slots", """<main><h1>Top online casinos</h1>
<p>Compare the biggest welcome bonuses.</p></main>""")

# Cloudflare's managed challenge: status 403, with cf-mitigated: challenge.
CLOUDFLARE_CHALLENGE = """<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>
<meta http-equiv="refresh" content="360"><script src="/cdn-cgi/challenge-platform/trap.js"></script></head>
<body><div class="main-wrapper" role="main"><div class="main-content"><h1 class="zone-name-title h1">www.example.org</h1>
<h2 class="h2">Verifying you are human. This may take a few seconds.</h2><noscript>Enable JavaScript and
cookies to continue</noscript></div></div></body></html>"""
CLOUDFLARE_HEADERS = {"cf-mitigated": "challenge", "Server": "cloudflare", "cf-ray": "8c5f2b1e9d3a41b2-LHR",
                      "Cache-Control": "private, max-age=0, no-store, no-cache, must-revalidate"}

# A professional network's answer to robots: status 999 and a script that sends browsers elsewhere.
BOT_WALL = """<html><head><script>window.onload=function(){window.location.href="/trap/authwall"}</script>
</head><body></body></html>"""

# A page whose title comes after 1 MiB of inline clutter: beyond what the page read takes in.
HUGE = "<!DOCTYPE html><html><head><!-- " + "x" * 1024 * 1024 + " --><title>Too far down</title></head></html>"

# A site's home page, where some sites send an address they no longer have.
HOME = _page("Example Trust – Home", """<main id="content"><h1>Welcome to Example Trust</h1>
<p>We support families across the region.</p></main>""")


def refreshing_page(target: str) -> str:
    """A page that sends the reader straight on to `target` by a meta refresh (a browser follows it)."""
    return _page("Redirecting…", "<main><p>Please wait while we take you to our new site.</p></main>",
                 head=f'<meta http-equiv="refresh" content="0; url={target}">')


# The start of a PDF file (the page read never reads what is not HTML).
PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

# A "not found" page whose title tries to be HTML, a Markdown image and link, and a mention in the report.
HOSTILE = _page("@octocat **now**: page not found &lt;img src=x onerror=alert(1)&gt; ![x](/trap/p.png) "
                "[click](/trap/phish)",
                "<main><h1>Not found</h1><p>Try the search.</p></main>")
