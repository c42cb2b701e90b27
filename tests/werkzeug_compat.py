"""Restore the two werkzeug names nameko 2.14.1 still imports (werkzeug 3 removed them).

Pinning werkzeug < 3 instead would bring back CVE-2024-49767.
"""
import importlib.metadata
import urllib.parse

import werkzeug
import werkzeug.urls

werkzeug.urls.url_join = urllib.parse.urljoin
werkzeug.__version__ = importlib.metadata.version("werkzeug")
