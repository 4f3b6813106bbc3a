"""Publishing: from the checked kennisbank to a finished site. The site assembly (site.py), the
staging and build (staging.py) and local preview (serving.py), the open data and feed
(exports.py), what `watwerkt schema` writes from the model (generated_files.py: the JSON Schemas
of schemas.py, the contributor guide, the GitHub issue form), the search index (search_index.py)
and the check of links to other websites (link_check.py)."""
