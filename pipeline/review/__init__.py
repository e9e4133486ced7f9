"""The review site: every edition on a dashboard, each article with its translation side by side.

``newsroom review`` writes it as static HTML (``site``); ``newsroom review
--serve`` serves the same pages on this machine and lets a reviewer change a
translation where they read it (``server``), written into the PO file by
``edit`` as a translator's tool would. The PO files stay the one truth: the
site is made from them and from ``check``'s report, and keeps nothing of its
own. ``pages`` gathers what the pages show; ``history`` reads git.
"""
