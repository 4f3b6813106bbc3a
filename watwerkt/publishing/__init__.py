"""Publishing: from the checked kennisbank to a finished site. The site assembly (site.py), the
staging and build (staging.py) and local preview (serving.py), the open data and feed
(exports.py), the JSON Schemas and contributor guide (schemas.py), readability (readability.py),
the Content-Security-Policy (content_security.py), the search index (search_index.py) and the
check of links to other websites (link_check.py)."""
