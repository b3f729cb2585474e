"""Emulator patches for API Gateway private custom domain names, ACM, SSM and observability APIs.

Loaded by e2e/moto_server.py; same shape as its patches: one function per API, each naming what moto does,
what AWS does, and the provider code path that depends on it.
"""

PATCHES: list = []
