"""The web interface: server-rendered pages (Jinja2) served by the gateway beside the JSON API.

Pages call the services through the gateway's own RPC proxies with the signed-in person's token,
under the same permission matrix as the API routes (`page_route`), so a page can never show or
do more than its API route would allow.
"""
